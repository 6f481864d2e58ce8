"""One account per email address, case aside (migration studynotes.0009): the database refuses a second one,
the sign-up that loses a race says so, the admin refuses it with a message, and a database whose accounts
already share an address is told which before anything changes."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_account_with_the_same_address_in_other_case():
    make_user("alice")  # alice@example.com
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user("alice2", "ALICE@Example.com", PASSWORD)
    get_user_model().objects.create_user("noaddress1", "", PASSWORD)  # empty addresses are not addresses
    get_user_model().objects.create_user("noaddress2", "", PASSWORD)


def test_a_one_step_sign_up_that_loses_the_race_for_its_address_says_so(settings, monkeypatch):
    # The form checked the address; another sign-up saved it before this one did.
    from studynotes.forms import DirectSignupForm

    settings.SIGNUP_EMAIL_LINK = False
    clean_email = DirectSignupForm.clean_email

    def checked_then_taken(form):
        email = clean_email(form)
        get_user_model().objects.create_user("quicker", email, PASSWORD)
        return email

    monkeypatch.setattr(DirectSignupForm, "clean_email", checked_then_taken)
    response = Client().post("/accounts/signup/", {"username": "slower", "email": "same@example.com",
                                                   "password1": "long-cloud-pass-81", "password2": "long-cloud-pass-81"})
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "taken")
    assert "was taken a moment ago" in response.content.decode()
    assert not get_user_model().objects.filter(username="slower").exists()


def test_the_admin_refuses_an_address_another_account_uses_with_a_message(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    other = make_user("bob")
    client.force_login(admin)
    page = client.get(f"/admin/auth/user/{other.pk}/change/")
    assert page.status_code == 200
    data = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    data.update({"username": "bob", "email": "Root@Example.com", "date_joined_0": "2026-01-01",
                 "date_joined_1": "00:00:00", "last_login_0": "", "last_login_1": ""})
    data.pop("password", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    response = client.post(f"/admin/auth/user/{other.pk}/change/", data)
    assert response.status_code == 200
    assert "An account with this email already exists." in response.content.decode()
    other.refresh_from_db()
    assert other.email == "bob@example.com"


def test_the_migration_lists_addresses_accounts_share_and_creates_nothing():
    """A database from before the index, whose accounts share an address: the migration stops and says which."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("studynotes.migrations.0009_user_email_unique_ignoring_case")
    editor = SimpleNamespace(quote_name=connection.ops.quote_name,
                             execute=lambda sql: connection.cursor().execute(sql))
    migration.drop_index(apps, editor)  # rolled back with the test
    make_user("carol")
    get_user_model().objects.create_user("carol2", "CAROL@example.com", PASSWORD)
    with pytest.raises(RuntimeError, match="carol@example.com"):
        migration.add_index(apps, editor)
    get_user_model().objects.filter(username="carol2").update(email="")
    migration.add_index(apps, editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user("carol3", "Carol@example.com", PASSWORD)
