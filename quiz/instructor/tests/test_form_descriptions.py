"""Every form field's aria-describedby names elements the page has (help texts and errors a screen reader reads
with the field), on every page with a form, with and without errors."""

import re

import pytest
from django.urls import reverse

from conftest import focused_field, focused_message


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


def test_a_refused_instructor_form_gives_the_focus_to_its_error(instructor_client, pages, make, learner):
    """Each full-page form shown again with errors focuses what went wrong (autofocus): the first field with
    an error, aria-invalid and described by its message, else the form's own message, above its fields."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quiz.instructor.forms import QuestionEditForm
    from quiz.instructor.models import Assignment
    from quiz.models import Question

    def post(url, data):
        return instructor_client.post(url, data).content.decode()

    assert "required" in focused_field(post(pages["classes"], {"name": ""}), "name")
    html = post(pages["class"], {"quiz": "", "due_at": "nonsense"})
    assert "required" in focused_field(html, "quiz")  # the first of the two
    assignment = Assignment.objects.get()
    html = post(reverse("instructor:assignment_update", args=[assignment.pk]),
                {"due_at": "", "review_opens": "after_due"})
    assert "Set a due date" in focused_field(html, "due_at")
    html = post(reverse("instructor:member_add", args=[assignment.classroom_id]), {"username": "nobody"})
    assert "No account has this user name" in focused_field(html, "username")

    question = Question.objects.get(pk=int(pages["question"].rstrip("/").rsplit("/", 1)[1]))
    data = dict(QuestionEditForm.current(question, "").data)
    assert "required" in focused_field(post(pages["question"], {**data, "stem_en": ""}), "stem_en")
    html = post(pages["question"], {**data, "expl_A_en": "x" * 4001})
    assert "at most 4000" in focused_field(html, "expl_A_en")  # an explanation's error is shown, and focused
    html = post(pages["question"], {k: v for k, v in data.items() if not k.startswith("correct_")})
    assert "Mark exactly 1 correct option." in focused_message(html)
    html = post(pages["question"], {**data, "figure": "999999"})
    assert "Choose a picture" in focused_field(html, "figure")
    assert 'class="figure-choice" aria-describedby="id_figure_error"' in html

    assert "required" in focused_field(post(pages["new quiz"], {"mode": "exam"}), "title")
    html = post(pages["new quiz"], {"title": "T", "mode": "exam", "question_count": "3", "pass_mark": "700",
                                    "questions": ["999999"]})
    assert "Select a valid choice" in focused_field(html, "questions")
    assert 'aria-describedby="id_questions_error"><legend>' in html  # the checkboxes' fieldset names it

    upload = SimpleUploadedFile("bank.json", b"not json", content_type="application/json")
    html = post(pages["bank import"], {"file": upload})
    assert "not valid UTF-8 JSON" in focused_field(html, "file")
    assert "required" in focused_field(post(pages["notes"], {}), "files")
    upload = SimpleUploadedFile("other.md", b"# Other\n", content_type="text/markdown")
    assert "Choose a file named a.md" in focused_field(post(pages["note"], {"file": upload}), "file")


def test_a_refused_learner_form_gives_the_focus_to_its_error(learner_client, make):
    make.question(make.topic(domain="compute"))
    html = learner_client.post(reverse("classes:join"), {"code": "NOPE0000"}).content.decode()
    assert "No class has this code" in focused_field(html, "code")
    url = reverse("quiz:practice_setup")
    html = learner_client.post(url, {"language": "en", "count": "0"}).content.decode()
    assert "greater than or equal to 1" in focused_field(html, "count")
    html = learner_client.post(url, {"topics": ["no-such-topic"], "language": "en", "count": "5"})
    html = html.content.decode()
    assert "Select a valid choice" in focused_field(html, "topics")  # the first checkbox of the group
    other = make.question(make.topic(domain="networking"))  # nothing is both compute and this topic
    html = learner_client.post(url, {"domains": ["compute"], "topics": [other.topic.slug], "language": "en",
                                     "count": "5"}).content.decode()
    assert "There are no questions to practise here yet." in focused_message(html)
