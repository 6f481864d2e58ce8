"""The two roles: learner (every account) and instructor (members of one group)."""

INSTRUCTOR_GROUP = "instructors"


def is_instructor(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(group.name == INSTRUCTOR_GROUP for group in user.groups.all())


def instructor_group():
    """The instructors group, created on first use with every permission of the quiz apps."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=INSTRUCTOR_GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=["quiz", "progress", "instructor", "studynotes"])
        )
    return group
