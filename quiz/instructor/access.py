"""Who may enter the instructor area: anonymous users go to the login page, learners get 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.functional import SimpleLazyObject

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from studynotes.roles import INSTRUCTOR_GROUP
from studynotes.roles import is_instructor as _is_instructor_query


class RoleAwareBackend(ModelBackend):
    """ModelBackend that loads the request's user with the instructor flag in the same query.

    Saves the group lookup every page with the navigation link would otherwise cost.
    """

    def get_user(self, user_id):
        from django.contrib.auth.models import Group

        User = get_user_model()
        in_group = Group.objects.filter(user=OuterRef("pk"), name=INSTRUCTOR_GROUP)
        try:
            user = User._default_manager.annotate(in_instructor_group=Exists(in_group)).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def is_instructor(user):
    """``studynotes.roles.is_instructor``, without a query when the user came from ``RoleAwareBackend``."""
    flag = getattr(user, "in_instructor_group", None)
    if flag is not None and user.is_authenticated:
        return bool(flag) or user.is_superuser
    return _is_instructor_query(user)


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
