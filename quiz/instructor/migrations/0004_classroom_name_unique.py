"""One name per class of an instructor, case aside: a unique constraint on (owner, lower(name)). The class form
already refuses a name the instructor uses; the constraint closes the gap between its check and the save (two
creates at once, the admin). Classes that already share a name stop the migration with their owners and names
listed: rename one of each (in the admin) and migrate again."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_shared_names(apps, schema_editor):
    Classroom = apps.get_model("instructor", "Classroom")
    rows = Classroom.objects.annotate(lowered=Lower("name"))
    shared = list(rows.values("owner_id", "lowered").annotate(n=Count("pk")).filter(n__gt=1)
                  .order_by("owner_id", "lowered").values_list("owner_id", "lowered")[:20])
    if shared:
        User = apps.get_model(settings.AUTH_USER_MODEL)  # the default user model: named by ``username``
        owners = dict(User.objects.filter(pk__in=[owner_id for owner_id, _ in shared]).values_list("pk", "username"))
        groups = []
        for owner_id, lowered in shared:
            classes = list(rows.filter(owner_id=owner_id, lowered=lowered).order_by("pk"))
            groups.append(f"{owners[owner_id]}: "
                          + ", ".join(f"{c.name!r} (id {c.pk})" for c in classes))
        raise RuntimeError("These instructors have more than one class of the same name (case aside): "
                           + "; ".join(groups) + ". Rename all but one of each (in the admin) and migrate again.")


class Migration(migrations.Migration):

    dependencies = [
        ("instructor", "0003_membership_periods_added_by"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_shared_names, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="classroom",
            constraint=models.UniqueConstraint(
                models.F("owner"), django.db.models.functions.text.Lower("name"), name="classroom_name_unique",
                violation_error_message="This instructor already has a class with this name."),
        ),
    ]
