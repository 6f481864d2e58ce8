"""Who may enter the instructor area: anonymous users go to the login page, learners get 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.functional import SimpleLazyObject

from studynotes.roles import is_instructor


def instructor_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_instructor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def instructor_context(request):
    """Context processor: ``is_instructor`` for the navigation link (lazy: no query unless used)."""
    user = getattr(request, "user", None)
    return {"is_instructor": SimpleLazyObject(lambda: user is not None and is_instructor(user))}
