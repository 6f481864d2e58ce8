"""Accounts: sign up, log in (rate-limited), log out, password change and reset."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD
from studynotes.forms import LOGIN_LIMIT_PER_ADDRESS, LOGIN_LIMIT_PER_USERNAME

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    # Fixed-window counters: freeze the clock so no test straddles a window boundary.
    monkeypatch.setattr("studynotes.ratelimit.time", SimpleNamespace(time=lambda: 1_000_000.0))
    cache.clear()
    yield
    cache.clear()


def test_login_lives_at_the_usual_address_and_logs_in(client, learner):
    assert client.get("/accounts/login/").status_code == 200

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"].username == "alice"


def test_wrong_password_shows_the_form_again_with_a_message(client, learner):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_is_refused_with_429_after_too_many_attempts_on_one_account(client, learner):
    for _ in range(LOGIN_LIMIT_PER_USERNAME):
        client.post("/accounts/login/", {"username": "alice", "password": "guess"})

    # Even the right password is refused while the window is closed.
    response = client.post("/accounts/login/", {"username": "ALICE", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_refused_after_too_many_attempts_from_one_address_on_many_accounts(client, learner):
    for i in range(LOGIN_LIMIT_PER_ADDRESS):
        client.post("/accounts/login/", {"username": f"user{i}", "password": "guess"})

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert response.status_code == 429


def test_the_admin_login_counts_guesses_against_the_same_limit(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", PASSWORD)
    for _ in range(LOGIN_LIMIT_PER_USERNAME):
        response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": "guess"})
        assert "correct username and password for a staff account" in response.content.decode()

    # Even the right password is refused while the window is closed, on the admin's form and on the site's.
    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
    assert "Too many login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.post("/accounts/login/", {"username": "boss", "password": PASSWORD}).status_code == 429


def test_the_admin_login_still_logs_staff_in_and_refuses_learners(client, learner, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", PASSWORD)
    response = client.post("/admin/login/?next=/admin/", {"username": "alice", "password": PASSWORD})
    assert "correct username and password for a staff account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_other_accounts_can_still_log_in_when_one_account_is_locked(client, learner, other_learner):
    for _ in range(LOGIN_LIMIT_PER_USERNAME + 1):
        client.post("/accounts/login/", {"username": "alice", "password": "guess"})

    response = client.post("/accounts/login/", {"username": "mallory", "password": PASSWORD})

    assert response.status_code == 302


def test_sign_up_creates_a_learner_and_logs_them_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "password1": "cloud-study-42x",
            "password2": "cloud-study-42x",
        },
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(username="newbie")
    assert user.email == "newbie@example.com"
    assert not user.groups.exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_with_mismatched_passwords_explains_and_writes_nothing(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "n@example.com",
            "password1": "cloud-study-42x",
            "password2": "other-42x-pass",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("password2", "password_mismatch")
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_each_input_is_described_by_its_help_and_its_errors_which_follow_its_label(client):
    import re

    response = client.post("/accounts/signup/", {"username": "newbie", "email": "n@example.com",
                                                 "password1": "cloud-study-42x", "password2": "other-42x-pass"})
    html = response.content.decode()
    password2 = re.search(r"<input[^>]*name=\"password2\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in password2
    for ref in re.search(r'aria-describedby="([^"]+)"', password2).group(1).split():
        assert f'id="{ref}"' in html  # every id it names is there
    assert 'id="id_password2_error"' in html and 'id="id_email_helptext"' in html
    email = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_email_helptext"' in email and "aria-invalid" not in email
    # the label holds its name only: help and errors come after it, not inside it
    assert re.search(r'<label for="id_password2">[^<]*</label>', html)


def test_sign_up_with_a_taken_email_explains_and_writes_nothing(client, learner):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "twin",
            "email": "ALICE@example.com",
            "password1": "cloud-study-42x",
            "password2": "cloud-study-42x",
        },
    )

    assert response.context["form"].has_error("email", "email_taken")
    assert not get_user_model().objects.filter(username="twin").exists()


def test_logged_in_user_visiting_sign_up_goes_home(learner_client):
    assert learner_client.get("/accounts/signup/").status_code == 302


def test_log_out_is_a_post_and_ends_the_session(learner_client):
    response = learner_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in learner_client.session


def test_account_menu_shows_the_username_and_a_logout_form(learner_client):
    html = learner_client.get("/").content.decode()
    assert "alice" in html
    assert 'action="/accounts/logout/"' in html


def test_anonymous_header_offers_log_in_and_sign_up(client, db):
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in html and 'href="/accounts/signup/"' in html


def test_password_change_works_for_a_logged_in_user(learner_client, learner):
    response = learner_client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "fresh-cloud-77q", "new_password2": "fresh-cloud-77q"},
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("fresh-cloud-77q")


def test_password_reset_sends_an_email_with_a_link(client, learner):
    response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
    assert client.get(response["Location"]).status_code == 200


def test_too_many_sign_ups_from_one_address_are_refused_with_the_form_and_nothing_written(client):
    from studynotes.views import SIGNUP_LIMIT

    def sign_up(name):
        return client.post(
            "/accounts/signup/",
            {
                "username": name,
                "email": f"{name}@example.com",
                "password1": "cloud-study-42x",
                "password2": "x",
            },
        )

    for i in range(SIGNUP_LIMIT):
        sign_up(f"user{i}")  # invalid (mismatched passwords), but counted

    response = client.post(
        "/accounts/signup/",
        {
            "username": "late",
            "email": "late@example.com",
            "password1": "cloud-study-42x",
            "password2": "cloud-study-42x",
        },
    )

    assert response.status_code == 429
    assert response.context["form"].has_error("__all__", "rate_limited")
    assert "Too many sign-ups from here" in response.content.decode()
    assert not get_user_model().objects.filter(username="late").exists()


def test_password_reset_requests_are_rate_limited_per_address(client, learner):
    for _ in range(5):
        assert client.post("/accounts/password_reset/", {"email": "alice@example.com"}).status_code == 302

    response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})

    assert response.status_code == 429
    assert len(mail.outbox) == 5


def test_a_class_signing_in_from_one_school_address_is_not_locked_out(client, django_user_model):
    """Successful logins are not counted: forty learners behind one address all get in."""
    for i in range(LOGIN_LIMIT_PER_ADDRESS + 10):
        django_user_model.objects.create_user(f"pupil{i}", password=PASSWORD)
        response = Client().post("/accounts/login/", {"username": f"pupil{i}", "password": PASSWORD})
        assert response.status_code == 302, i
    for _ in range(LOGIN_LIMIT_PER_USERNAME + 2):  # the same learner, many devices, all good
        assert Client().post("/accounts/login/", {"username": "pupil0", "password": PASSWORD}).status_code == 302


def test_guesses_sent_all_at_once_are_each_counted_before_the_password_is_checked(client, learner):
    """A burst of simultaneous guesses used to pass a check made before any was counted. Counting comes first
    now (one upsert returning the count); a right password refunds its own count afterwards."""
    from studynotes.forms import LoginForm
    from studynotes.ratelimit import ratelimit

    from django.contrib.auth.forms import AuthenticationForm

    from studynotes.models import RateCounter

    seen = []
    check = AuthenticationForm.clean

    def checking(form):  # the (slow) password check: by then this attempt must be counted already
        seen.append(RateCounter.objects.get(key="login:user:alice:300").hits)
        return check(form)

    request = SimpleNamespace(META={"REMOTE_ADDR": "10.9.8.7"})
    AuthenticationForm.clean = checking
    try:
        assert not LoginForm(request, data={"username": "alice", "password": "guess"}).is_valid()
        assert LoginForm(request, data={"username": "alice", "password": PASSWORD}).is_valid()
    finally:
        AuthenticationForm.clean = check
    assert seen == [1, 2]  # each counted before its check
    assert RateCounter.objects.get(key="login:user:alice:300").hits == 1  # the right one refunded its count
    for _ in range(LOGIN_LIMIT_PER_USERNAME):  # what a burst leaves: counted, not yet checked
        ratelimit("login:user:alice", LOGIN_LIMIT_PER_USERNAME, 300)
    form = LoginForm(request, data={"username": "alice", "password": PASSWORD})
    assert not form.is_valid() and form.has_error("__all__", "rate_limited")
