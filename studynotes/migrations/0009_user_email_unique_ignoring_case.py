"""One account per email address, case aside: a unique index on ``lower(email)`` of the user table (empty
addresses apart). The forms already refuse a taken address; the index closes the gap between their check and the
save (two sign-ups with one address at the same moment). Accounts that already share an address stop the
migration with their addresses listed: give each its own (or clear it) and migrate again."""

from django.conf import settings
from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower

INDEX = "user_email_lower_unique"


def _table(apps):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    return apps.get_model(app_label, model_name)


def add_index(apps, schema_editor):
    User = _table(apps)
    shared = list(User.objects.exclude(email="").annotate(address=Lower("email")).values("address")
                  .annotate(n=Count("pk")).filter(n__gt=1).order_by("address").values_list("address", flat=True)[:20])
    if shared:
        raise RuntimeError("These email addresses are used by more than one account: " + ", ".join(shared)
                           + ". Give each account its own address (or clear it) and migrate again.")
    quote = schema_editor.quote_name
    email = quote(User._meta.get_field("email").column)
    schema_editor.execute(f"CREATE UNIQUE INDEX {quote(INDEX)} ON {quote(User._meta.db_table)} (LOWER({email}))"
                          f" WHERE {email} <> ''")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):

    dependencies = [
        ("studynotes", "0008_topicalias_shown"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(add_index, drop_index)]
