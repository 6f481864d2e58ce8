"""The header's review count, computed only when a template shows it."""

from django.utils.functional import SimpleLazyObject


def review_due(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"review_due_count": 0}

    def count():
        from .reviews import due_count

        return due_count(user)

    return {"review_due_count": SimpleLazyObject(count)}
