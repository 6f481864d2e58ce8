"""Every form field's aria-describedby names elements the page has (help texts and errors a screen reader reads
with the field), on every page with a form, with and without errors."""

import re

import pytest
from django.urls import reverse


def dangling(html):
    refs = {ref for group in re.findall(r'aria-describedby="([^"]+)"', html) for ref in group.split()}
    return sorted(ref for ref in refs if f'id="{ref}"' not in html)


@pytest.fixture
def pages(build, make, instructor, learner):
    classroom = build.classroom(instructor, [learner])
    quiz = build.quiz([make.question(make.topic()) for _ in range(3)])
    assignment = build.assignment(classroom, quiz)
    question = make.question(make.topic())
    return {
        "classes": reverse("instructor:classes"),
        "class": classroom.get_absolute_url(),
        "question": reverse("instructor:question", args=[question.pk]),
        "notes": reverse("instructor:notes"),
        "note": reverse("instructor:note_detail", args=[make.note_file("sub/a.md").pk]),
        "bank import": reverse("instructor:bank_import"),
        "new quiz": reverse("instructor:quiz_new"),
        "assignment": reverse("instructor:results", args=[assignment.pk]),
    }


def test_instructor_forms_describe_fields_only_by_elements_that_exist(instructor_client, pages):
    for name, url in pages.items():
        response = instructor_client.get(url)
        assert response.status_code == 200, name
        assert dangling(response.content.decode()) == [], name


def test_a_refused_class_form_describes_its_fields_by_elements_that_exist(instructor_client, pages):
    html = instructor_client.post(reverse("instructor:classes"), {"name": ""}).content.decode()
    assert "This field is required" in html and dangling(html) == []
    html = instructor_client.post(pages["class"], {"title": "", "quiz": "", "due_at": "nonsense"}).content.decode()
    assert dangling(html) == []


def test_learner_forms_describe_fields_only_by_elements_that_exist(learner_client):
    for url in (reverse("classes:join"), reverse("quiz:practice_setup"), reverse("progress:settings")):
        assert dangling(learner_client.get(url).content.decode()) == [], url
    html = learner_client.post(reverse("progress:settings"), {"daily_review_cap": "-5"}).content.decode()
    assert dangling(html) == []
