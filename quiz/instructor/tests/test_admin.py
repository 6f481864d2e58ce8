"""The Django admin: every model of the project is registered, and each changelist opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = ["studynotes", "quiz", "progress", "instructor"]


def project_models():
    return [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()
            if not model._meta.auto_created]


def test_every_project_model_is_registered_in_the_admin():
    missing = [model._meta.label for model in project_models() if not admin.site.is_registered(model)]
    assert missing == []


def test_instructor_and_notes_models_have_list_display_filters_and_search():
    for label in ["studynotes", "instructor"]:
        for model in apps.get_app_config(label).get_models():
            model_admin = admin.site._registry[model]
            assert model_admin.list_display != ("__str__",), model
            assert model_admin.search_fields, model


@pytest.mark.django_db
def test_every_changelist_opens_for_a_superuser(client, django_user_model, make):
    make.question()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "x"))
    for model in project_models():
        if not admin.site.is_registered(model):
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
