"""The home cards' migrations: a database already migrated to studynotes 0012 (a checkout of the commit that added
0011 and 0012) gets the per-language card columns from a migration after those, never from an edited 0011."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

MIGRATED = ("studynotes", "0012_notefile_title")
LANGUAGE_COLUMNS = {"card_section_ja_id", "card_excerpt_ja", "card_section_ko_id", "card_excerpt_ko"}


def topic_columns():
    with connection.cursor() as cursor:
        return {column.name for column in connection.introspection.get_table_description(cursor, "studynotes_topic")}


@pytest.mark.django_db(transaction=True)
def test_a_database_at_the_release_before_gets_the_per_language_card_columns_from_a_later_migration():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("studynotes")
    try:
        executor.migrate([MIGRATED])
        columns = topic_columns()
        # as that checkout left it: the card of 0011, not yet one per language
        assert {"card_section_id", "card_excerpt"} <= columns
        assert not columns & LANGUAGE_COLUMNS
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        assert LANGUAGE_COLUMNS <= topic_columns()
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
