"""The PostgreSQL backend's health check (studynotes/postgresql/base.py): no round trip while the
connection is quiet, and a connection the server closed is still replaced before the request uses it."""

import pytest
from django.db import close_old_connections, connection, connections
from django.db.backends.postgresql import base as django_base
from django.test import Client

from conftest import PASSWORD, make_user

pytestmark = [pytest.mark.postgresql_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def select_one_checks(monkeypatch):
    """Count the times Django's own check (``SELECT 1``) runs."""
    calls = []
    original = django_base.DatabaseWrapper.is_usable

    def counted(self):
        calls.append(self.alias)
        return original(self)

    monkeypatch.setattr(django_base.DatabaseWrapper, "is_usable", counted)
    return calls


def terminate_from_another_connection():
    """What a server restart or ``pg_terminate_backend`` does to the connection this test uses."""
    pid = connection.connection.info.backend_pid
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


def test_the_app_uses_this_backend():
    assert connection.settings_dict["ENGINE"] == "studynotes.postgresql"
    assert connection.vendor == "postgresql"


def test_a_quiet_connection_is_usable_without_a_round_trip(select_one_checks):
    connection.ensure_connection()
    assert connection.is_usable()
    assert select_one_checks == []


def test_a_connection_the_server_closed_is_not_usable(select_one_checks):
    connection.ensure_connection()
    terminate_from_another_connection()
    assert not connection.is_usable()
    assert select_one_checks == ["default"]  # something arrived: Django's own check decided
    connection.close()


def test_a_request_after_the_server_closed_the_connection_is_served(settings, select_one_checks):
    settings.CONN_MAX_AGE = 60  # a persistent connection, reused by the next request as under gunicorn
    user = make_user("reader")
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get("/progress/").status_code == 200
    assert connection.connection is not None
    terminate_from_another_connection()
    # Django's test client leaves out what a server does first for every request: the check of connections
    # kept from the last request (``request_started`` runs ``close_old_connections``).
    close_old_connections()
    response = client.get("/progress/")
    assert response.status_code == 200
    assert select_one_checks  # the broken connection was noticed at the start of the request
    assert client.get("/progress/").status_code == 200


def test_a_psycopg_closed_connection_is_not_usable(select_one_checks):
    connection.ensure_connection()
    connection.connection.close()
    assert not connection.is_usable()
    assert select_one_checks == []
    connection.close()


TIMESTAMPS = [
    "2026-11-26 20:17:00.123456+00", "2026-01-01 00:00:00.5+09", "1970-01-01 00:00:00+00", "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00", "2024-02-29 12:00:00-05:30", "2026-03-29 01:30:00+01",
]


def test_timestamps_read_with_psycopgs_c_loader_are_the_values_djangos_loader_gives():
    """The C loader in Django's place (UTC only): each value and its tzinfo as Django's own loader reads them."""
    import datetime

    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    from studynotes.postgresql.base import _C_LOADER

    connection.ensure_connection()
    assert _C_LOADER is not None and connection.c_timestamps
    assert connection.connection.adapters.get_loader(1184, Format.TEXT) is _C_LOADER
    sql = "SELECT " + ", ".join("CAST(%s AS timestamptz)" for _ in TIMESTAMPS)
    with connection.cursor() as cursor:
        cursor.execute(sql, TIMESTAMPS)
        ours = cursor.fetchone()
    raw = connection.connection.cursor()
    register_tzloader(connection.timezone, raw)  # Django's loader, as it registers it
    raw.execute(sql, TIMESTAMPS)
    djangos = raw.fetchone()
    raw.close()
    assert ours == djangos
    assert all(value.tzinfo is datetime.timezone.utc for value in ours)
    assert [type(value.tzinfo) for value in djangos] == [type(value.tzinfo) for value in ours]


def test_a_server_side_cursor_reads_timestamps_too(make, learner):
    from quiz import attempts
    from quiz.models import Attempt

    attempts.start_practice(learner, [make.question()], "en")
    rows = list(Attempt.objects.values_list("started_at", flat=True).iterator(chunk_size=10))
    assert rows and rows == list(Attempt.objects.values_list("started_at", flat=True))
