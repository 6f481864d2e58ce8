"""Search index over sections: FTS5 trigram table + triggers on SQLite, pg_trgm GIN indexes on PostgreSQL.

Vendor-conditional, so it runs through RunPython; see ``studynotes.search``.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from studynotes.search import ensure_search_index

    ensure_search_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    from studynotes.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("studynotes", "0002_notecorrection"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
