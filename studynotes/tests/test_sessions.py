"""Sessions stay in the database table of Django's ``db`` engine, read with one plain statement
(studynotes.sessions), and the request's user comes with its instructor flag in one more, or in the same one
once the process knows whose session it is."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as StockStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz.instructor.access import RoleAwareBackend
from studynotes.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_project_uses_the_database_session_engine():
    assert settings.SESSION_ENGINE == "studynotes.sessions"
    assert issubclass(SessionStore, StockStore)


def test_a_session_written_by_the_stock_engine_reads_back_the_same():
    stock = StockStore()
    stock["answer"] = {"n": 42, "text": "日本語"}
    stock.create()
    assert SessionStore(stock.session_key).load() == {"answer": {"n": 42, "text": "日本語"}}


def test_a_session_is_loaded_with_one_query():
    store = SessionStore()
    store["k"] = "v"
    store.create()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(store.session_key)["k"] == "v"
    assert len(queries) == 1


def test_an_expired_session_is_empty_and_gets_a_new_key_on_save():
    store = SessionStore()
    store["k"] = "v"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    again = SessionStore(store.session_key)
    assert again.load() == {}
    assert again.session_key is None


def test_an_unknown_or_malformed_key_is_an_empty_session_without_a_query():
    assert SessionStore("x" * 32).load() == {}
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore("bad").load() == {}  # too short: rejected before any lookup
    assert len(queries) == 0


def test_a_tampered_session_row_is_empty():
    store = SessionStore()
    store["user"] = "1"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(session_data="forged:data")
    assert SessionStore(store.session_key).load() == {}


def test_logging_out_ends_the_session_for_every_copy_of_the_cookie(learner_client):
    key = learner_client.cookies[settings.SESSION_COOKIE_NAME].value
    assert learner_client.get("/progress/").status_code == 200
    learner_client.post("/accounts/logout/")
    assert SessionStore(key).load() == {}


def test_the_user_comes_with_the_instructor_flag_in_one_query(learner, instructor):
    backend = RoleAwareBackend()
    with CaptureQueriesContext(connection) as queries:
        loaded_instructor = backend.get_user(instructor.pk)
        loaded_learner = backend.get_user(learner.pk)
    assert len(queries) == 2
    assert loaded_instructor.in_instructor_group is True and loaded_learner.in_instructor_group is False
    assert loaded_learner.username == learner.username and loaded_learner.password == learner.password


def test_an_unknown_inactive_or_malformed_user_id_is_nobody(learner):
    backend = RoleAwareBackend()
    assert backend.get_user(learner.pk + 1000) is None
    assert backend.get_user("not-a-number") is None
    learner.is_active = False
    learner.save()
    assert backend.get_user(learner.pk) is None


def test_a_decoded_session_is_reused_only_for_the_same_stored_string_and_handed_out_as_a_copy():
    from studynotes import sessions

    store = SessionStore()
    store["_auth_user_id"], store["n"] = "7", 1
    store.create()
    first = SessionStore(store.session_key)
    assert first["n"] == 1
    first["n"] = 2  # a change in one request's copy ...
    assert SessionStore(store.session_key)["n"] == 1  # ... is not another's, until it is saved
    first.save()
    assert SessionStore(store.session_key)["n"] == 2  # a new stored string: decoded afresh
    Session.objects.filter(session_key=store.session_key).update(session_data="x" + first.encode({"n": 3}))
    assert SessionStore(store.session_key).load() == {}  # tampered: not taken from what was decoded before
    assert all(value == dict(value) for value in sessions._decoded.values())


def test_sessions_holding_lists_or_dicts_are_decoded_every_time():
    from studynotes import sessions

    store = SessionStore()
    store["items"] = [1, 2]
    store.create()
    loaded = SessionStore(store.session_key)
    loaded["items"].append(3)  # mutated in place, not saved
    assert SessionStore(store.session_key)["items"] == [1, 2]
    assert not any("items" in value for value in sessions._decoded.values())


def _queries(client, url="/progress/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_known_session_is_read_with_its_user_in_one_statement_and_the_user_is_read_fresh(learner, client):
    from django.contrib.auth.models import Group

    from studynotes.roles import INSTRUCTOR_GROUP

    client.force_login(learner)  # the login's save tells this process whose session it is
    response, sql = _queries(client, "/")
    assert response.status_code == 200 and response.context["user"] == learner
    assert "django_session" in sql[0] and "auth_user" in sql[0]
    assert not any("auth_user" in statement for statement in sql[1:])
    # still read from the database on every request, not remembered: group changes and deactivation apply at once
    Group.objects.get_or_create(name=INSTRUCTOR_GROUP)[0].user_set.add(learner)
    assert client.get("/").context["user"].in_instructor_group is True
    type(learner).objects.filter(pk=learner.pk).update(is_active=False)
    assert client.get("/progress/").status_code == 302  # logged out: to the login page


def test_a_session_whose_user_was_deleted_is_anonymous(learner, client):
    client.force_login(learner)
    type(learner).objects.filter(pk=learner.pk).delete()
    response = client.get("/")
    assert response.status_code == 200 and not response.context["user"].is_authenticated


def test_a_session_this_process_does_not_know_reads_its_user_with_a_statement_of_its_own(learner, client):
    from studynotes import sessions

    client.force_login(learner)
    sessions._owners.clear()  # another worker's login
    response, sql = _queries(client)
    assert response.status_code == 200
    assert "auth_user" not in sql[0] and "auth_user" in sql[1]
    response, sql = _queries(client)  # learnt
    assert response.status_code == 200 and "auth_user" in sql[0]


def test_the_user_read_with_a_session_is_handed_only_to_that_requests_authentication(learner, client):
    from studynotes.sessions import joined_user

    client.force_login(learner)
    assert client.get("/").status_code == 200
    assert joined_user.get() is None
    with CaptureQueriesContext(connection) as queries:
        assert RoleAwareBackend().get_user(learner.pk) == learner
    assert len(queries) == 1  # read, not taken from the request before
