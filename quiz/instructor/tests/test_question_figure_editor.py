"""The question editor's picture choice: one of the question's own section pictures, or none."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image

from quiz.instructor.models import AuditLog
from quiz.models import Question, QuestionVersion
from studynotes import images

from .test_bank import edit_data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def stored_picture(name, section, color=(10, 200, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), color).save(buffer, "PNG")
    image = images.store_image(name, buffer.getvalue())
    image.sections.add(section)
    return image


@pytest.fixture
def question(make):
    return make.question(status="draft")


def url(question):
    return reverse("instructor:question", args=[question.pk])


def test_the_editor_offers_the_pictures_of_the_question_sections_and_none(instructor_client, make, question):
    own = stored_picture("own.png", question.sections.get())
    elsewhere = stored_picture("elsewhere.png", make.section(), color=(1, 2, 3))
    html = instructor_client.get(url(question)).content.decode()
    assert f'name="figure" value="{own.pk}"' in html and "own.png" in html
    assert f'src="{own.thumb_url(480)}"' in html
    assert f'value="{elsewhere.pk}"' not in html and "elsewhere.png" not in html
    assert 'name="figure" value=""' in html and "No picture" in html


def test_the_editor_says_when_the_source_sections_have_no_pictures(instructor_client, question):
    html = instructor_client.get(url(question)).content.decode()
    assert "The source sections of this question have no pictures." in html
    stored_picture("own.png", question.sections.get())
    html = instructor_client.get(url(question)).content.decode()
    assert "have no pictures" not in html


def test_choosing_a_picture_saves_a_new_locked_version_that_remembers_the_old_figure(instructor_client, instructor,
                                                                                     question):
    own = stored_picture("own.png", question.sections.get())
    response = instructor_client.post(url(question), edit_data(question, figure=str(own.pk)))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.figure == own and question.locked and question.version == 2
    version = QuestionVersion.objects.get(question=question)
    assert version.data["figure"] is None and version.edited_by == instructor
    assert AuditLog.objects.get().action == "edit"

    response = instructor_client.post(url(question), edit_data(question, figure=""))
    question.refresh_from_db()
    assert question.figure is None and question.version == 3
    assert QuestionVersion.objects.get(question=question, version=2).data["figure"] == own.pk


def test_a_chosen_picture_takes_the_alt_text_its_note_gives_it(instructor_client, make):
    from studynotes.importer import import_upload
    from studynotes.models import Section

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (5, 5, 5)).save(buffer, "PNG")
    import_upload([("n.md", b"# VPC\n![Subnets and route tables](vpc.png)\n"), ("vpc.png", buffer.getvalue())])
    section = Section.objects.get(heading="VPC")
    question = make.question(section=section)
    picture = section.images.get()
    instructor_client.post(url(question), edit_data(question, figure=str(picture.pk)))
    question.refresh_from_db()
    assert question.figure == picture and question.figure_alt == "Subnets and route tables"
    instructor_client.post(url(question), edit_data(question, figure=""))
    question.refresh_from_db()
    assert question.figure is None and question.figure_alt == ""


def test_the_same_picture_again_is_nothing_changed(instructor_client, question):
    own = stored_picture("own.png", question.sections.get())
    Question.objects.filter(pk=question.pk).update(figure=own)
    response = instructor_client.post(url(question), edit_data(question, figure=str(own.pk)), follow=True)
    assert "Nothing changed." in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1 and not question.locked and not QuestionVersion.objects.exists()


def test_the_editor_refuses_a_picture_of_another_section_and_writes_nothing(instructor_client, make, question):
    stored_picture("own.png", question.sections.get())
    elsewhere = stored_picture("elsewhere.png", make.section(), color=(1, 2, 3))
    response = instructor_client.post(url(question), edit_data(question, figure=str(elsewhere.pk),
                                                               stem_en="Changed too"))
    assert response.status_code == 200
    assert "Choose a picture from this question&#x27;s own source sections." in response.content.decode()
    question.refresh_from_db()
    assert question.figure is None and question.version == 1 and not question.locked
    assert question.stem["en"] != "Changed too"
    assert not QuestionVersion.objects.exists() and not AuditLog.objects.exists()


def test_a_made_up_picture_id_is_refused_not_an_error(instructor_client, question):
    for bogus in ("999999", "abc", "-1"):
        response = instructor_client.post(url(question), edit_data(question, figure=bogus))
        assert response.status_code == 200
        assert "own source sections" in response.content.decode()
    question.refresh_from_db()
    assert question.version == 1


def test_the_editor_queries_do_not_grow_with_the_pictures_on_offer(instructor_client, make, question):
    section = question.sections.get()
    counts = []
    for batch in (1, 6):
        for i in range(batch):
            stored_picture(f"p{batch}-{i}.png", section, color=(batch, i, 7))
        with CaptureQueriesContext(connection) as queries:
            assert instructor_client.get(url(question)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the instructor's other views of a question ------------------------------------------


def test_the_quiz_preview_shows_each_question_with_its_figure(instructor_client, build, question):
    own = stored_picture("own.png", question.sections.get())
    Question.objects.filter(pk=question.pk).update(figure=own, status="approved")
    quiz = build.quiz([question])
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert f'<a href="{own.url}"' in html and f'src="{own.thumb_url(480)}"' in html and 'loading="lazy"' in html


def test_the_attempt_drill_down_shows_the_figure_the_learner_saw(instructor_client, instructor, build, question,
                                                                 learner):
    from quiz.attempts import figure_snapshot

    own = stored_picture("own.png", question.sections.get())
    quiz = build.quiz([question])
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    attempt = build.attempt(learner, quiz, [question], [["A"]])
    attempt.items.update(figure=figure_snapshot(own))
    html = instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid]))
    assert f'src="{own.thumb_url(480)}"' in html.content.decode()


def test_a_bank_file_that_changes_an_approved_questions_picture_sends_it_back_for_review(instructor_client, make):
    """The picture is part of what a question asks: a file that swaps it is a change an instructor approves."""
    from quiz.instructor.bank import export_bank, import_bank

    question = make.question(status="approved")
    first = stored_picture("first.png", question.sections.get())
    second = stored_picture("second.png", question.sections.get(), color=(200, 10, 10))
    Question.objects.filter(pk=question.pk).update(figure=first)
    question.refresh_from_db()
    data = export_bank([question])
    import_bank(data)  # unchanged: stays approved
    question.refresh_from_db()
    assert question.status == "approved" and question.figure_id == first.pk
    data["questions"][0]["figure"]["sha256"] = second.sha256
    import_bank(data)
    question.refresh_from_db()
    assert question.figure_id == second.pk and question.status == "draft"
