"""The user read with the session (studynotes.sessions + middleware) never authenticates anyone else."""

import threading

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import close_old_connections, connection
from django.http import HttpResponse
from django.test import Client, RequestFactory

from conftest import PASSWORD, make_user
from studynotes import sessions
from studynotes.middleware import AuthenticationMiddleware
from studynotes.sessions import SessionStore


def _request(key):
    request = RequestFactory().get("/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = key
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def _login_store(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


@pytest.mark.django_db
def test_wrong_hint_authenticates_the_sessions_own_user(learner, other_learner):
    key = _login_store(learner)
    sessions._owners[key] = other_learner.pk  # a wrong hint
    assert _request(key).user == learner


@pytest.mark.django_db
def test_same_key_rewritten_to_another_user(learner, other_learner):
    key = _login_store(learner)
    assert _request(key).user == learner
    store = SessionStore(key)
    store[SESSION_KEY] = str(other_learner.pk)
    store[HASH_SESSION_KEY] = other_learner.get_session_auth_hash()
    store.save()
    sessions._owners[key] = learner.pk  # as another process would still believe
    assert _request(key).user == other_learner


@pytest.mark.django_db
def test_login_as_another_user_on_the_same_browser(learner, other_learner):
    from django.contrib import auth

    first = _login_store(learner)
    request = _request(first)
    assert request.user == learner
    auth.login(request, other_learner, backend=settings.AUTHENTICATION_BACKENDS[0])
    request.session.save()
    second = request.session.session_key
    assert second != first
    assert _request(second).user == other_learner
    assert not _request(first).user.is_authenticated


@pytest.mark.django_db
def test_password_changed_elsewhere_logs_out_and_update_session_auth_hash_keeps_in(learner):
    a, b = Client(), Client()
    a.force_login(learner)
    b.force_login(learner)
    assert a.get("/").context["user"] == learner and b.get("/").context["user"] == learner
    response = a.post("/accounts/password_change/", {"old_password": PASSWORD, "new_password1": "N3w-pass-xyz-1",
                                                     "new_password2": "N3w-pass-xyz-1"})
    assert response.status_code == 302, response.content[:300]
    assert a.get("/").context["user"] == learner
    assert not b.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_logout_then_old_key(learner, client):
    client.force_login(learner)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.get("/")
    client.post("/accounts/logout/")
    assert not _request(key).user.is_authenticated


@pytest.mark.django_db
def test_model_backend_session(learner):
    key = _login_store(learner)
    store = SessionStore(key)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store.save()
    assert _request(key).user == learner


@pytest.mark.django_db
def test_expired_session(learner):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    key = _login_store(learner)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not _request(key).user.is_authenticated


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_threads_never_mix_users():
    users = [make_user(f"u{i}") for i in range(6)]
    keys = [_login_store(u) for u in users]
    bad, errors = [], []

    def run(i):
        close_old_connections()
        try:
            for n in range(150):
                j = (i + n) % len(users)
                request = _request(keys[j])
                if request.user.pk != users[j].pk:
                    bad.append((j, request.user))
        except Exception as e:  # noqa
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and not bad


@pytest.mark.django_db
def test_a_forgotten_owner_is_learnt_again_although_its_data_was_decoded_before(learner, client):
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner)
    client.get("/")  # decoded: its string is in sessions._decoded
    sessions._owners.clear()  # _owners overflowed (DECODED_MAX) while _decoded did not
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert "auth_user" in queries.captured_queries[0]["sql"], "joined again once relearnt"


@pytest.mark.django_db
def test_a_model_backend_session_reads_its_user_once(learner):
    from django.test.utils import CaptureQueriesContext

    key = _login_store(learner)
    store = SessionStore(key)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # a session another backend logged in
    store.save()
    with CaptureQueriesContext(connection) as queries:
        assert _request(key).user == learner
    assert sum("auth_user" in q["sql"] for q in queries.captured_queries) == 1, [q["sql"][:90] for q in queries.captured_queries]
