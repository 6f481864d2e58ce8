"""The database cache table (``settings.CACHES``, ``kumo_cache``) created by ``migrate`` itself.

Importing notes, the pages and the rate limiter's neighbours all read the cache; on a database that was
migrated but never given ``manage.py createcachetable``, ``import_notes`` failed every file with
"no such table: kumo_cache". ``createcachetable`` skips tables that exist, so running it again (the
Makefile, deploy scripts) stays harmless.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("studynotes", "0006_rate_counters")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
