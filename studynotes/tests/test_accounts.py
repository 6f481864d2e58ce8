"""Accounts: sign up, log in (rate-limited), log out, password change and reset."""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD, focused_field, focused_message
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
    assert response["Location"] == "/progress/"  # where a learner stands: reviews due, assignments
    assert client.get("/").context["user"].username == "alice"


def test_an_instructor_logging_in_without_a_next_lands_in_the_instructor_area(client, instructor):
    response = client.post("/accounts/login/", {"username": instructor.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/instructor/"


def test_logging_in_with_a_next_still_goes_there(client, learner):
    response = client.post("/accounts/login/?next=/topics/x/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/topics/x/"


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


@pytest.fixture(autouse=True)
def signup_by_link(settings):
    """Production's sign-up (settings.SIGNUP_EMAIL_LINK); the one-step sign-up of development is tested below."""
    settings.SIGNUP_EMAIL_LINK = True


def sign_up(client, username="newbie", email="newbie@example.com"):
    return client.post("/accounts/signup/", {"username": username, "email": email})


def emailed_link(message):
    return re.search(r"http://testserver(/accounts/signup/[^/\s]+/)", message.body).group(1)


def test_sign_up_emails_a_link_that_asks_for_a_password_creates_the_learner_and_logs_them_in(client):
    response = sign_up(client)

    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
    assert not get_user_model().objects.filter(username="newbie").exists()  # nothing before the link
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/signup/sent/").status_code == 200
    [message] = mail.outbox
    assert message.to == ["newbie@example.com"] and "newbie" in message.body
    link = emailed_link(message)

    page = client.get(link)
    assert page.status_code == 200 and "Your user name: newbie" in page.content.decode()
    response = client.post(link, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})

    assert response.status_code == 302 and response["Location"] == "/quiz/practice/"  # a first practice set
    user = get_user_model().objects.get(username="newbie")
    assert user.email == "newbie@example.com" and user.check_password("cloud-study-42x")
    assert not user.groups.exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_sign_up_link_works_once(client):
    sign_up(client)
    link = emailed_link(mail.outbox[0])
    client.post(link, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})
    client.post("/accounts/logout/")

    for response in (client.get(link), client.post(link, {"new_password1": "other-cloud-43y",
                                                          "new_password2": "other-cloud-43y"})):
        assert response.status_code == 200
        assert "invalid, has expired or has already been used" in response.content.decode()
    assert get_user_model().objects.get(username="newbie").check_password("cloud-study-42x")


def test_a_sign_up_link_is_refused_once_the_address_has_an_account_or_when_old_or_forged(client, monkeypatch):
    sign_up(client, username="first", email="twin@example.com")
    sign_up(client, username="second", email="TWIN@example.com")
    first, second = (emailed_link(message) for message in mail.outbox)
    client.post(first, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})
    client.post("/accounts/logout/")

    response = client.post(second, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})
    assert "invalid, has expired or has already been used" in response.content.decode()
    twins = get_user_model().objects.filter(email__iexact="twin@example.com")
    assert list(twins.values_list("username", flat=True)) == ["first"]

    sign_up(client, username="late", email="late@example.com")
    late = emailed_link(mail.outbox[-1])
    forged = late[:-2] + ("A" if late[-2] != "A" else "B") + "/"  # the signature's last character changed
    assert "invalid, has expired" in client.get(forged).content.decode()
    import django.core.signing

    now = django.core.signing.time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + settings.PASSWORD_RESET_TIMEOUT + 5)
    assert "invalid, has expired" in client.get(late).content.decode()
    assert not get_user_model().objects.filter(username__in=["second", "late", "lat3"]).exists()


def test_a_sign_up_link_posted_twice_at_once_creates_one_account_and_says_it_is_used(client, monkeypatch):
    """A double click on PostgreSQL: both posts find the account free, and the second one's insert meets the
    first one's committed row (the unique user name). It says the link is used; no server error."""
    from studynotes import forms, views

    sign_up(client)
    link = emailed_link(mail.outbox[0])
    checked = []

    def checked_before_the_other_committed(token):
        if not checked:
            checked.append(forms.account_from_link(token))
            # the other post's account, committed meanwhile
            get_user_model().objects.create_user("newbie", "newbie@example.com", "other-cloud-43y")
        return checked[0]

    monkeypatch.setattr(views, "account_from_link", checked_before_the_other_committed)
    response = client.post(link, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})

    assert response.status_code == 200
    assert "invalid, has expired or has already been used" in response.content.decode()
    assert get_user_model().objects.get(username="newbie").check_password("other-cloud-43y")
    assert "_auth_user_id" not in client.session


def test_choosing_a_password_with_mismatched_passwords_explains_and_writes_nothing(client):
    sign_up(client)
    response = client.post(emailed_link(mail.outbox[0]),
                           {"new_password1": "cloud-study-42x", "new_password2": "other-42x-pass"})

    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", "password_mismatch")
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_each_input_is_described_by_its_help_and_its_errors_which_follow_its_label(client):
    sign_up(client)
    response = client.post(emailed_link(mail.outbox[0]),
                           {"new_password1": "cloud-study-42x", "new_password2": "other-42x-pass"})
    html = response.content.decode()
    password2 = re.search(r"<input[^>]*name=\"new_password2\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in password2
    for ref in re.search(r'aria-describedby="([^"]+)"', password2).group(1).split():
        assert f'id="{ref}"' in html  # every id it names is there
    assert 'id="id_new_password2_error"' in html
    html = client.get("/accounts/signup/").content.decode()
    email = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_email_helptext"' in email and "aria-invalid" not in email
    assert 'id="id_email_helptext"' in html
    # the label holds its name only: help and errors come after it, not inside it
    assert re.search(r'<label for="id_email">[^<]*</label>', html)


def without_csrf_tokens(html):
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", html)  # masked afresh on every page


def test_sign_up_answers_the_same_whether_or_not_an_account_uses_the_address(
    client, learner, django_assert_num_queries
):
    """Nothing on the page, in the redirect or in the work done tells a taken address from a new one: the same
    redirect and page, no cookie, one email each, the same queries (the rate-limit count, the user name, the
    address; no password is hashed in either). Only the email, which its owner reads, says which."""
    answers = []
    for name, email in (("fresh1", "ALICE@example.com"), ("fresh2", "nobody@example.com")):
        # the rate-limit upsert, the user name (twice: ours, the model's), the address, its two email counts
        with django_assert_num_queries(6):
            response = sign_up(Client(), username=name, email=email)
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], sorted(response.cookies),
                        page.status_code, without_csrf_tokens(page.content.decode())))
    assert answers[0] == answers[1]
    assert not get_user_model().objects.filter(username__in=["fresh1", "fresh2"]).exists()

    taken, new = mail.outbox
    assert taken.to == ["ALICE@example.com"] and "alice" in taken.body
    assert "/accounts/signup/" not in taken.body
    assert "/accounts/login/" in taken.body and "/accounts/password_reset/" in taken.body
    assert new.to == ["nobody@example.com"] and "/accounts/signup/" in new.body


def test_a_user_name_tried_with_a_taken_address_is_left_as_free_as_with_a_new_one(client, learner):
    """Nothing is written before the link is followed: trying "probe" with an address and then signing up as
    "probe" again cannot tell whether the first address had an account."""
    sign_up(client, username="probe", email="alice@example.com")
    sign_up(client, username="probe2", email="nobody@example.com")

    for name in ("probe", "probe2"):
        response = sign_up(client, username=name, email="third@example.com")
        assert response.status_code == 302, name


def test_sign_up_with_a_taken_user_name_says_so(client, learner):
    response = sign_up(client, username="ALICE", email="new@example.com")

    assert response.status_code == 200
    assert response.context["form"].has_error("username", "unique")
    assert "A user with that username already exists." in response.content.decode()
    assert mail.outbox == []


def test_logged_in_user_visiting_sign_up_goes_home(learner_client):
    assert learner_client.get("/accounts/signup/").status_code == 302


def test_log_out_is_a_post_and_ends_the_session(learner_client):
    response = learner_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in learner_client.session


def test_log_out_lands_on_the_home_page_saying_so(learner_client):
    response = learner_client.post("/accounts/logout/", follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "You have been logged out." in response.content.decode()


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


def test_password_reset_answers_the_same_for_an_address_no_account_uses_and_emails_it_so(
    client, learner, django_assert_num_queries
):
    """One email either way (a reset link, or "no account here uses this address"), the same redirect and page
    and the same queries: neither the page nor the time taken by a send tells whether an account exists."""
    answers = []
    for email in ("alice@example.com", "nobody@example.com"):
        # the client's rate-limit upsert, the accounts with the address, the address's email counts (the
        # client's, all clients')
        with django_assert_num_queries(4):
            response = Client().post("/accounts/password_reset/", {"email": email})
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], page.status_code,
                        without_csrf_tokens(page.content.decode())))
    assert answers[0] == answers[1]

    known, unknown = mail.outbox
    assert known.to == ["alice@example.com"] and "/accounts/reset/" in known.body
    assert unknown.to == ["nobody@example.com"] and "/accounts/reset/" not in unknown.body
    assert "no account here uses it" in unknown.body and "/accounts/signup/" in unknown.body


def test_too_many_sign_ups_from_one_address_are_refused_with_the_form_and_nothing_written(client):
    from studynotes.views import SIGNUP_LIMIT

    def sign_up(name):
        return client.post(
            "/accounts/signup/",
            {"username": name, "email": "not an address"},
        )

    for i in range(SIGNUP_LIMIT):
        sign_up(f"user{i}")  # invalid, but counted

    response = client.post("/accounts/signup/", {"username": "late", "email": "late@example.com"})

    assert response.status_code == 429
    assert response.context["form"].has_error("__all__", "rate_limited")
    assert "Too many sign-ups from here" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_requests_are_rate_limited_per_address(client, learner):
    for _ in range(5):
        assert client.post("/accounts/password_reset/", {"email": "alice@example.com"}).status_code == 302

    response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})

    assert response.status_code == 429
    from studynotes.forms import MAIL_PER_CLIENT

    assert len(mail.outbox) == MAIL_PER_CLIENT  # one client sends one inbox no more than that an hour


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


def test_a_refused_account_form_gives_the_focus_to_its_error(client, learner):
    """Shown again with errors, each account form focuses what went wrong (autofocus): its own message, else
    its first field with an error, which is aria-invalid and described by the message. Django's forms put
    autofocus on their first field (the user name, the old password): it is gone from a refused form."""
    def refused(url, data):
        return client.post(url, data).content.decode()

    html = refused("/accounts/login/", {"username": "alice", "password": "nope"})
    assert "Please enter a correct username and password" in focused_message(html)
    html = refused("/accounts/signup/", {"username": "newbie", "email": "not an address"})
    assert "valid email address" in focused_field(html, "email")
    html = refused("/accounts/password_reset/", {"email": "not an address"})
    assert "valid email address" in focused_field(html, "email")

    mismatched = {"new_password1": "fresh-cloud-77q", "new_password2": "other-42x-pass"}
    sign_up(client)
    assert "didn’t match" in focused_field(refused(emailed_link(mail.outbox[0]), mismatched), "new_password2")
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    reset = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(reset)["Location"]  # Django moves the token into the session
    assert "didn’t match" in focused_field(refused(form_url, mismatched), "new_password2")

    client.force_login(learner)
    html = refused("/accounts/password_change/", {"old_password": "nope", "new_password1": "fresh-cloud-77q",
                                                  "new_password2": "fresh-cloud-77q"})
    assert "incorrectly" in focused_field(html, "old_password")
    html = refused("/accounts/password_change/", {"old_password": PASSWORD, **mismatched})
    assert "didn’t match" in focused_field(html, "new_password2")  # not the old password, Django's autofocus
    blank = client.get("/accounts/password_change/").content.decode()
    assert "autofocus" in re.search(r'<input[^>]*name="old_password"[^>]*>', blank).group(0)


def test_a_weak_new_password_is_refused_under_the_password_not_its_confirmation(client, learner):
    """Django's set-password forms put the validators' errors under the confirmation: read beside the wrong
    field. The sign-up link's page, the password reset's and the password change's say them under the password;
    "didn't match" stays under the confirmation."""
    def refused(url, data):
        return client.post(url, data).content.decode()

    weak = {"new_password1": "12345", "new_password2": "12345"}
    sign_up(client)
    link = emailed_link(mail.outbox[0])
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    reset = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(reset)["Location"]
    pages = [(link, weak), (form_url, weak)]
    for url, data in pages:
        assert "too short" in focused_field(refused(url, data), "new_password1"), url
    client.force_login(learner)
    html = refused("/accounts/password_change/", {"old_password": PASSWORD, **weak})
    assert "too short" in focused_field(html, "new_password1")
    assert 'id="id_new_password2_error"' not in html


# --- one-step sign-up (settings.SIGNUP_EMAIL_LINK off: development, `make run`) -----------------------------


def sign_up_at_once(client, username="newbie", email="newbie@example.com", password2="cloud-study-42x"):
    return client.post("/accounts/signup/", {"username": username, "email": email,
                                             "password1": "cloud-study-42x", "password2": password2})


def test_development_sign_up_is_on_by_default_one_step(settings):
    from studynotes import settings as project_settings

    assert project_settings.PRODUCTION is False and project_settings.SIGNUP_EMAIL_LINK is False


def test_one_step_sign_up_creates_a_learner_and_logs_them_in(client, settings):
    settings.SIGNUP_EMAIL_LINK = False
    response = sign_up_at_once(client)

    assert response.status_code == 302 and response["Location"] == "/quiz/practice/"  # a first practice set
    user = get_user_model().objects.get(username="newbie")
    assert user.email == "newbie@example.com" and user.check_password("cloud-study-42x")
    assert not user.groups.exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    assert mail.outbox == []


def test_one_step_sign_up_with_mismatched_passwords_explains_focuses_and_writes_nothing(client, settings):
    settings.SIGNUP_EMAIL_LINK = False
    response = sign_up_at_once(client, password2="other-42x-pass")

    assert response.status_code == 200
    assert response.context["form"].has_error("password2", "password_mismatch")
    html = response.content.decode()
    password2 = re.search(r"<input[^>]*name=\"password2\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in password2 and "autofocus" in password2
    assert "autofocus" not in re.search(r"<input[^>]*name=\"username\"[^>]*>", html).group(0)
    assert not get_user_model().objects.filter(username="newbie").exists()


@pytest.mark.parametrize("language, too_short", [("en", "too short"), ("ja", "短すぎます"), ("ko", "너무 짧습니다")])
def test_one_step_sign_up_shows_a_weak_passwords_errors_under_the_password_and_keeps_the_rest(
        client, settings, language, too_short):
    """Django puts the validators' errors under the confirmation: the learner read them beside the wrong field."""
    settings.SIGNUP_EMAIL_LINK = False
    response = client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                                 "password1": "12345", "password2": "12345"},
                           HTTP_ACCEPT_LANGUAGE=language)

    assert response.context["form"].has_error("password1", "password_too_short")
    assert response.context["form"].has_error("password1", "password_entirely_numeric")
    assert not response.context["form"].has_error("password2")
    html = response.content.decode()
    assert too_short in focused_field(html, "password1")
    assert 'value="newbie"' in re.search(r'<input[^>]*name="username"[^>]*>', html).group(0)
    assert 'value="newbie@example.com"' in re.search(r'<input[^>]*name="email"[^>]*>', html).group(0)
    assert not get_user_model().objects.filter(username="newbie").exists()


@pytest.mark.parametrize("language, similar", [("en", "too similar to the username"),
                                               ("ja", "このパスワードはユーザー名と似すぎています。"),
                                               ("ko", "비밀번호가 \u2018사용자 이름\u2019 항목과 너무 비슷합니다.")])
def test_a_password_like_the_user_name_is_refused_in_words_that_read_right(client, settings, language, similar):
    """Django's Korean said "사용자 이름와" (와 after a final consonant) and its Japanese put spaces round the name."""
    settings.SIGNUP_EMAIL_LINK = False
    response = client.post("/accounts/signup/", {"username": "cloudlearner", "email": "newbie@example.com",
                                                 "password1": "cloudlearner1", "password2": "cloudlearner1"},
                           HTTP_ACCEPT_LANGUAGE=language)

    assert response.context["form"].has_error("password1", "password_too_similar")
    assert similar in focused_field(response.content.decode(), "password1")


def test_one_step_sign_up_with_a_weak_and_mismatched_password_says_each_beside_its_field(client, settings):
    settings.SIGNUP_EMAIL_LINK = False
    response = client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                                 "password1": "password", "password2": "other-42x-pass"})

    form = response.context["form"]
    assert form.has_error("password1", "password_too_common") and not form.has_error("password1", "password_mismatch")
    assert form.has_error("password2", "password_mismatch") and not form.has_error("password2", "password_too_common")
    assert "too common" in focused_field(response.content.decode(), "password1")  # the first of the two


def test_one_step_sign_up_with_a_taken_email_explains_and_writes_nothing(client, learner, settings):
    settings.SIGNUP_EMAIL_LINK = False
    response = sign_up_at_once(client, username="twin", email="ALICE@example.com")

    assert response.context["form"].has_error("email", "email_taken")
    assert not get_user_model().objects.filter(username="twin").exists()


def test_one_client_cannot_fill_an_inbox_or_use_up_its_owners_reset(client, learner, settings):
    """A client within its own page limits (5 resets an hour) sends one address at most MAIL_PER_CLIENT emails an
    hour; the address's owner, asking from elsewhere, still gets their reset link."""
    from studynotes.forms import MAIL_PER_CLIENT

    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for i in range(5):
        address = "Alice@Example.com " if i % 2 else "alice@example.com"
        assert attacker.post("/accounts/password_reset/", {"email": address}).status_code == 302
    assert len(mail.outbox) == MAIL_PER_CLIENT
    owner = Client(REMOTE_ADDR="203.0.113.20")
    assert owner.post("/accounts/password_reset/", {"email": "alice@example.com"}).status_code == 302
    assert len(mail.outbox) == MAIL_PER_CLIENT + 1 and "/accounts/reset/" in mail.outbox[-1].body


def test_many_clients_together_send_one_inbox_at_most_a_few_emails_an_hour(client, learner, settings):
    from studynotes.forms import MAIL_PER_ADDRESS

    settings.SIGNUP_EMAIL_LINK = True
    for i in range(MAIL_PER_ADDRESS + 3):  # sign-up notices and resets count together
        one_of_many = Client(REMOTE_ADDR=f"198.51.100.{i}")
        if i % 2:
            response = one_of_many.post("/accounts/signup/", {"username": f"new{i}", "email": "alice@example.com"})
        else:
            response = one_of_many.post("/accounts/password_reset/", {"email": "alice@example.com"})
        assert response.status_code == 302, i
    assert len(mail.outbox) == MAIL_PER_ADDRESS
    assert Client(REMOTE_ADDR="203.0.113.9").post("/accounts/password_reset/", {"email": "bob@example.com"}
                                                  ).status_code == 302
    assert mail.outbox[-1].to == ["bob@example.com"]  # another inbox is not held back


def test_the_email_counters_keep_no_address():
    from studynotes.forms import mail_allowed
    from studynotes.models import RateCounter

    mail_allowed("Alice@Example.com")
    assert RateCounter.objects.count() == 2
    assert not RateCounter.objects.filter(key__icontains="alice").exists()


# --- the new account's time zone: the browser's, from the sign-up form's hidden field (static/js/app.js) -------


def test_the_sign_up_forms_carry_a_hidden_field_for_the_browsers_time_zone(client, settings):
    settings.SIGNUP_EMAIL_LINK = False
    html = client.get("/accounts/signup/").content.decode()
    assert re.search(r'<input type="hidden" name="time_zone"[^>]*data-browser-time-zone', html), html


def test_one_step_sign_up_keeps_the_browsers_time_zone_for_the_account_and_its_session(client, settings):
    from quiz.progress.models import LearnerSettings
    from studynotes.timezones import SESSION_KEY

    settings.SIGNUP_EMAIL_LINK = False
    response = client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                                 "password1": "cloud-study-42x", "password2": "cloud-study-42x",
                                                 "time_zone": "Asia/Tokyo"})

    assert response.status_code == 302
    user = get_user_model().objects.get(username="newbie")
    assert LearnerSettings.objects.get(user=user).time_zone == "Asia/Tokyo"
    assert client.session[SESSION_KEY] == "Asia/Tokyo"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "x" * 500, ""])
def test_a_time_zone_the_server_does_not_know_is_ignored_and_the_account_is_still_created(client, settings, zone):
    from quiz.progress.models import LearnerSettings
    from studynotes.timezones import SESSION_KEY

    settings.SIGNUP_EMAIL_LINK = False
    response = client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                                 "password1": "cloud-study-42x", "password2": "cloud-study-42x",
                                                 "time_zone": zone})

    assert response.status_code == 302
    user = get_user_model().objects.get(username="newbie")
    assert not LearnerSettings.objects.filter(user=user).exists()  # the site's zone
    assert SESSION_KEY not in client.session


def test_the_emailed_links_password_step_keeps_the_browsers_time_zone(client):
    from quiz.progress.models import LearnerSettings
    from studynotes.timezones import SESSION_KEY

    sign_up(client)
    link = emailed_link(mail.outbox[0])
    assert 'data-browser-time-zone' in client.get(link).content.decode()
    client.post(link, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x",
                       "time_zone": "Asia/Seoul"})

    user = get_user_model().objects.get(username="newbie")
    assert LearnerSettings.objects.get(user=user).time_zone == "Asia/Seoul"
    assert client.session[SESSION_KEY] == "Asia/Seoul"


def test_sign_up_from_the_login_page_goes_on_to_the_page_the_learner_wanted(client, settings):
    settings.SIGNUP_EMAIL_LINK = False
    login_page = client.get("/accounts/login/?next=/progress/").content.decode()
    assert "Log in to continue." in login_page
    assert 'href="/accounts/signup/?next=/progress/">Create an account</a>' in login_page
    assert '<input type="hidden" name="next" value="/progress/">' in client.get(
        "/accounts/signup/?next=/progress/").content.decode()

    response = client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                                 "password1": "cloud-study-42x", "password2": "cloud-study-42x",
                                                 "next": "/progress/"})

    assert response.status_code == 302 and response["Location"] == "/progress/"
    assert "Welcome to Kumo Study, newbie! Your account is ready." in client.get("/progress/").content.decode()


def test_the_emailed_sign_up_link_goes_on_to_the_page_the_learner_wanted(client):
    assert '<input type="hidden" name="next" value="/progress/">' in client.get(
        "/accounts/signup/?next=/progress/").content.decode()
    client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                      "next": "/progress/"})
    link = emailed_link(mail.outbox[0])

    response = client.post(link, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})

    assert response.status_code == 302 and response["Location"] == "/progress/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "progress"])
def test_the_emailed_sign_up_link_drops_a_next_that_is_not_a_path_on_this_site(client, target):
    client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com", "next": target})
    link = emailed_link(mail.outbox[0])

    response = client.post(link, {"new_password1": "cloud-study-42x", "new_password2": "cloud-study-42x"})

    assert response.status_code == 302 and response["Location"] == "/quiz/practice/"


def test_a_link_signed_with_an_off_site_next_still_lands_on_this_site(client):
    """Checked on use too: a link signed before that check (or by another version of the site) is safe."""
    from django.core import signing

    from studynotes.forms import SIGNUP_SALT

    asked = {"username": "newbie", "email": "newbie@example.com", "next": "https://evil.example/"}
    token = signing.dumps(asked, salt=SIGNUP_SALT)
    response = client.post(f"/accounts/signup/{token}/", {"new_password1": "cloud-study-42x",
                                                          "new_password2": "cloud-study-42x"})
    assert response.status_code == 302 and response["Location"] == "/quiz/practice/"


def test_the_headers_sign_up_and_log_in_links_keep_the_pages_next(client):
    login_page = client.get("/accounts/login/?next=/progress/%3Fx%3D1").content.decode()
    assert '<a href="/accounts/signup/?next=/progress/%3Fx%3D1" role="button"' in login_page
    signup_page = client.get("/accounts/signup/?next=/progress/").content.decode()
    assert '<li><a href="/accounts/login/?next=/progress/">Log in</a></li>' in signup_page


def test_the_headers_sign_up_and_log_in_links_bring_the_visitor_back_to_the_page_they_are_on(client, make):
    make.topic(slug="canary")
    html = client.get("/search/", {"q": "canary", "page": "2"}).content.decode()
    assert '<li><a href="/accounts/login/?next=/search/%3Fq%3Dcanary%26page%3D2">Log in</a></li>' in html
    assert '<a href="/accounts/signup/?next=/search/%3Fq%3Dcanary%26page%3D2" role="button"' in html


def test_signing_up_from_the_header_of_a_topic_page_comes_back_to_it(client, make, settings):
    settings.SIGNUP_EMAIL_LINK = False
    make.topic(slug="canary")
    link = re.search(r'href="(/accounts/signup/[^"]*)" role="button"', client.get("/topics/canary/").content.decode())
    assert link.group(1) == "/accounts/signup/?next=/topics/canary/"
    assert '<input type="hidden" name="next" value="/topics/canary/">' in client.get(link.group(1)).content.decode()
    response = client.post("/accounts/signup/", {"username": "newbie", "email": "newbie@example.com",
                                                 "password1": "cloud-study-42x", "password2": "cloud-study-42x",
                                                 "next": "/topics/canary/"})
    assert response.status_code == 302 and response["Location"] == "/topics/canary/"


def test_the_headers_links_on_the_home_page_and_a_missing_page_carry_no_next(client, db):
    # from the home page, signing up goes on to the practice page; a 404 is no page to come back to
    for page in ("/", "/no-such-page/"):
        html = client.get(page).content.decode()
        assert '<li><a href="/accounts/login/">Log in</a></li>' in html
        assert '<a href="/accounts/signup/" role="button"' in html


def test_the_headers_links_drop_an_off_site_next(client):
    for page in ("/accounts/login/", "/accounts/signup/"):
        html = client.get(page, {"next": "https://evil.example/"}).content.decode()
        assert 'href="/accounts/signup/" role="button"' in html and not re.search(r'href="[^"]*evil', html)


def test_the_password_reset_email_names_kumo_study_not_the_server(client, learner):
    client.post("/accounts/password_reset/", {"email": "alice@example.com"}, HTTP_ACCEPT_LANGUAGE="ja")

    [message] = mail.outbox
    assert "Kumo Study" in message.subject and "testserver" not in message.subject
    assert "Kumo Study" in message.body and "/accounts/reset/" in message.body


@pytest.mark.parametrize("link", [False, True])
def test_the_sign_up_form_says_who_sees_the_address_as_the_class_pages_do(client, settings, link):
    settings.SIGNUP_EMAIL_LINK = link
    page = client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    # the class pages say instructors see it: the form does not promise it is only for password resets
    assert "참여한 클래스의 강사도 볼 수 있습니다" in page and "재설정에만" not in page
