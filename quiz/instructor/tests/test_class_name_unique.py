"""One name per class of an instructor, case aside (migration instructor.0004): the database refuses a second one
as the class form compares names, a create that loses a race says so in the form, the admin refuses it with a
message, and a database whose classes already share a name is told which before anything changes."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from conftest import PASSWORD, make_user
from quiz.instructor.forms import ClassroomForm
from quiz.instructor.models import AuditLog, Classroom

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_class_of_an_instructor_with_the_name_in_other_case(instructor):
    Classroom.objects.create(owner=instructor, name="Evening class")
    with pytest.raises(IntegrityError), transaction.atomic():
        Classroom.objects.create(owner=instructor, name="EVENING Class")
    Classroom.objects.create(owner=make_user("second_instructor", instructor=True), name="evening class")
    assert Classroom.objects.filter(owner=instructor).count() == 1


class _RolledBack(Exception):
    pass


def _database_takes(owner, name):
    """Whether the database would store another class of ``owner`` named ``name`` (the probe is rolled back)."""
    try:
        with transaction.atomic():
            Classroom.objects.create(owner=owner, name=name)
            raise _RolledBack
    except IntegrityError:
        return False
    except _RolledBack:
        return True


def test_the_form_refuses_exactly_what_the_database_refuses(instructor):
    # the Kelvin sign folds to "k" in LOWER but not in UPPER (which ``iexact`` uses on PostgreSQL)
    for stored in ["Evening class", "École", "\u212aelvin"]:
        Classroom.objects.create(owner=instructor, name=stored)
    for name in ["evening CLASS", "Evening class", "Evening  class", "Evening class 2", "école", "ÉCOLE",
                 "kelvin"]:
        assert ClassroomForm({"name": name}, owner=instructor).is_valid() == _database_takes(instructor, name), name
    assert not ClassroomForm({"name": "evening CLASS"}, owner=instructor).is_valid()


def test_a_create_that_loses_the_race_for_its_name_says_so_in_the_form(instructor_client, instructor, monkeypatch):
    # The form checked the name; another create (a second tab, a double submit) saved it before this one did.
    clean_name = ClassroomForm.clean_name

    def checked_then_taken(form):
        name = clean_name(form)
        Classroom.objects.create(owner=instructor, name=name.upper())
        return name

    monkeypatch.setattr(ClassroomForm, "clean_name", checked_then_taken)
    response = instructor_client.post(reverse("instructor:classes"), {"name": "Evening class"})
    assert response.status_code == 200
    assert response.context["form"].has_error("name", "duplicate_name")
    assert "You already have a class named Evening class." in response.content.decode()
    assert list(Classroom.objects.values_list("name", flat=True)) == ["EVENING CLASS"]
    assert not AuditLog.objects.exists()


def test_the_admin_refuses_a_second_class_of_the_name_with_a_message(client, django_user_model, instructor):
    Classroom.objects.create(owner=instructor, name="Evening class")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD))
    data = {"name": "evening class", "owner": instructor.pk, "join_code": "ABCDEFGH",
            "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
            "assignments-TOTAL_FORMS": "0", "assignments-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:instructor_classroom_add"), data)
    assert response.status_code == 200
    assert "This instructor already has a class with this name." in response.content.decode()
    assert Classroom.objects.count() == 1


def test_the_migration_lists_classes_that_share_a_name_and_changes_nothing(instructor):
    """A database from before the constraint whose classes share a name: the migration stops and says which."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("quiz.instructor.migrations.0004_classroom_name_unique")
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(f"DROP INDEX {connection.ops.quote_name('classroom_name_unique')}")
    first = Classroom.objects.create(owner=instructor, name="Evening class")
    second = Classroom.objects.create(owner=instructor, name="EVENING class")
    Classroom.objects.create(owner=make_user("second_instructor", instructor=True), name="evening class")
    with pytest.raises(RuntimeError) as refused:
        migration.refuse_shared_names(apps, None)
    message = str(refused.value)
    assert f"ines: 'Evening class' (id {first.pk}), 'EVENING class' (id {second.pk})" in message
    assert "second_instructor" not in message
    second.name = "Evening class B"
    second.save()
    migration.refuse_shared_names(apps, None)
