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


@pytest.mark.django_db
def test_moving_a_question_to_another_topic_in_the_admin_moves_the_learners_cards(rf, make, learner):
    from types import SimpleNamespace

    from django.db import transaction

    from quiz.models import Question
    from quiz.progress.models import ReviewCard

    question = make.question(make.topic(domain="deployment"))
    with transaction.atomic():
        card = ReviewCard.objects.lock_or_create(learner.pk, question.pk)
        card.apply(3, question.created_at)
    target = make.topic(domain="storage")
    question.topic = target
    form = SimpleNamespace(changed_data=["topic"])  # what the admin's change form reports
    admin.site._registry[Question].save_model(rf.post("/"), question, form, change=True)
    card.refresh_from_db()
    assert (card.topic, card.domain) == (target, "storage")
