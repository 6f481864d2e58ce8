"""Question figures: a question shows a picture of its source section with the stem, frozen in attempts."""

import io
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from quiz import attempts
from quiz.generation.pipeline import run
from quiz.models import Mode, Question, Quiz
from studynotes import images
from studynotes.importer import import_paths, import_upload
from studynotes.models import Section

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
POLICIES = (SEEDS / "000_48280b37ea1cc327.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture(size=(1200, 600), color=(30, 120, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def stored_picture(name, section, **kwargs):
    """A picture stored the way the importer stores it, linked to ``section``."""
    image = images.store_image(name, picture(**kwargs))
    image.sections.add(section)
    return image


@pytest.fixture
def illustrated(make):
    """An approved question whose source section has a picture, which is its figure."""
    topic = make.topic(name="Blue/green deployment")
    section = make.section(topics=[topic])
    image = stored_picture("blue-green.png", section)
    question = make.question(topic, section=section)
    Question.objects.filter(pk=question.pk).update(figure=image)
    question.refresh_from_db()
    return question, image


def figure_html(html):
    match = re.search(r'<figure class="question-figure">.*?</figure>', html, re.S)
    return match.group(0) if match else ""


# --- the generator's hook ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_generated_question_gets_the_first_picture_of_its_first_source_section():
    note = POLICIES.replace("## 141\n", "## 141\n\n![Elastic Beanstalk diagram](diagram.png)\n", 1)
    assert note != POLICIES
    import_paths([SEEDS])  # every seed note, without pictures
    results = import_upload([("000_48280b37ea1cc327.txt", note.encode()), ("diagram.png", picture())])
    assert all(result.ok for result in results)
    image = images.figures_for(Section.objects.all())
    illustrated = {sid for sid, pictures in image.items() if pictures}
    assert illustrated

    run()

    questions = list(Question.objects.all())
    with_figure = [q for q in questions if q.sources and q.sources[0]["section"] in illustrated]
    without = [q for q in questions if not q.sources or q.sources[0]["section"] not in illustrated]
    assert with_figure and without
    assert {q.figure.name for q in with_figure} == {"diagram.png"}
    assert {q.figure_alt for q in with_figure} == {"Elastic Beanstalk diagram"}  # the note's own alt text
    assert all(q.figure_id is None and q.figure_alt == "" for q in without)


@pytest.mark.django_db
def test_the_learner_sees_the_alt_text_the_note_gave_the_picture(learner, learner_client):
    note = POLICIES.replace("## 141\n", "## 141\n\n![Elastic Beanstalk diagram](diagram.png)\n", 1)
    import_upload([("000.txt", note.encode()), ("diagram.png", picture())])
    run()
    question = Question.objects.filter(figure__isnull=False).first()
    attempt = attempts.start_practice(learner, [question], "en")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/1/").content.decode()
    assert 'alt="Elastic Beanstalk diagram"' in figure_html(html)


@pytest.mark.django_db
def test_regeneration_leaves_the_figure_of_a_locked_question_alone():
    note = POLICIES.replace("## 141\n", "## 141\n\n![diagram](diagram.png)\n", 1)
    import_upload([("000.txt", note.encode()), ("diagram.png", picture())])
    run()
    locked = Question.objects.filter(figure__isnull=False).first()
    unlocked = Question.objects.filter(figure__isnull=False).exclude(pk=locked.pk).first()
    Question.objects.filter(pk__in=[locked.pk, unlocked.pk]).update(figure=None)
    Question.objects.filter(pk=locked.pk).update(locked=True)

    run()

    locked.refresh_from_db()
    unlocked.refresh_from_db()
    assert locked.figure_id is None  # the instructor's choice stands
    assert unlocked.figure is not None and unlocked.figure.name == "diagram.png"  # put back


# --- shown with the stem -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_practice_item_shows_the_figure_with_the_stem_as_a_lazy_responsive_thumbnail(illustrated, learner,
                                                                                        learner_client):
    question, image = illustrated
    attempt = attempts.start_practice(learner, [question], "en")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/1/").content.decode()
    figure = figure_html(html)
    assert figure
    assert f'<a href="{image.url}"' in figure  # opens full size
    assert f'src="{image.thumb_url(480)}"' in figure
    assert f"{image.thumb_url(480)} 480w" in figure and f"{image.thumb_url(960)} 960w" in figure  # srcset
    assert 'width="480" height="240"' in figure and 'loading="lazy"' in figure and 'alt="blue-green.png"' in figure
    assert html.index('class="stem"') < html.index(figure) < html.index('class="options"')


@pytest.mark.django_db
def test_a_question_without_a_figure_shows_no_figure(make, learner, learner_client):
    attempt = attempts.start_practice(learner, [make.question()], "en")
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/1/").content.decode()
    assert "question-figure" not in html


@pytest.mark.django_db
def test_the_exam_item_and_the_result_review_show_the_figure(illustrated, learner, learner_client):
    question, image = illustrated
    quiz = Quiz.objects.create(slug="figures", title="Figures", mode=Mode.EXAM, question_count=1)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/1/").content.decode()
    assert f'src="{image.thumb_url(480)}"' in figure_html(html)
    attempts.submit(attempt, now=timezone.now())
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    assert f'<a href="{image.url}"' in figure_html(html)


# --- frozen in the attempt ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_snapshot_keeps_the_figure_after_the_question_figure_is_changed(illustrated, make, learner,
                                                                           learner_client):
    question, image = illustrated
    attempt = attempts.start_practice(learner, [question], "en")
    item = attempt.items.get()
    assert item.figure["url"] == image.url and item.figure["alt"] == "blue-green.png"
    assert [t["width"] for t in item.figure["thumbs"]] == [480, 960]

    other = stored_picture("replacement.png", question.sections.get(), color=(0, 0, 0))
    Question.objects.filter(pk=question.pk).update(figure=other)
    html = learner_client.get(f"/quiz/practice/{attempt.uid}/1/").content.decode()
    assert image.thumb_url(480) in figure_html(html) and other.thumb_url(480) not in html

    Question.objects.filter(pk=question.pk).update(figure=None)
    image.delete()  # even the stored picture's row gone: the taken attempt still shows what it showed
    item.refresh_from_db()
    assert item.figure["thumb_url"] in figure_html(learner_client.get(f"/quiz/practice/{attempt.uid}/1/")
                                                   .content.decode())


# --- query counts ------------------------------------------------------------------------


def _item_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_figure_adds_no_query_to_the_practice_and_exam_item_pages(illustrated, make, learner, learner_client,
                                                                    local_cache):
    question, _ = illustrated
    plain = make.question()
    with_figure = attempts.start_practice(learner, [question], "en", title="a")
    without = attempts.start_practice(learner, [plain], "en", title="b")
    assert (_item_queries(learner_client, f"/quiz/practice/{with_figure.uid}/1/")
            == _item_queries(learner_client, f"/quiz/practice/{without.uid}/1/"))

    first = Quiz.objects.create(slug="one", title="One", mode=Mode.EXAM, question_count=1)
    first.questions.set([question])
    second = Quiz.objects.create(slug="two", title="Two", mode=Mode.EXAM, question_count=1)
    second.questions.set([plain])
    a, _ = attempts.start_exam(learner, first, "en")
    b, _ = attempts.start_exam(learner, second, "en")
    assert (_item_queries(learner_client, f"/quiz/attempts/{a.uid}/1/")
            == _item_queries(learner_client, f"/quiz/attempts/{b.uid}/1/"))


@pytest.mark.django_db
def test_starting_an_attempt_reads_the_figures_with_the_questions_not_one_by_one(make, learner):
    counts = []
    for size in (2, 8):
        questions = []
        for _ in range(size):
            section = make.section()
            question = make.question(section=section)
            Question.objects.filter(pk=question.pk).update(
                figure=stored_picture(f"p{question.pk}.png", section, color=(question.pk % 255, 0, 0)))
            questions.append(question)
        with CaptureQueriesContext(connection) as queries:
            attempt = attempts.start_practice(learner, questions, "en", title=f"s{size}")
        assert all(item.figure for item in attempt.items.all())
        counts.append(len(queries))
    assert counts[0] == counts[1]


class _Picture:
    name = "vpc.png"
    url = "/media/note-images/ab/ab.png"

    def thumb_url(self, width):
        return f"/media/note-images/ab/ab-{width}.webp"


@pytest.mark.parametrize(
    ("html", "alt"),
    [
        ('<a href="/media/note-images/ab/ab.png"><img src="/media/note-images/ab/ab-480.webp" alt="Route &amp; subnet"></a>',
         "Route & subnet"),
        ('<img src="/media/note-images/ab/ab-480.webp" alt="vpc.png">', ""),  # only the file name: nothing to add
        ('<img src="/media/note-images/cd/cd-480.webp" alt="another picture">', ""),
        ("<p>no pictures</p>", ""),
        ("", ""),
    ],
    ids=["escaped", "file-name", "other-picture", "none", "empty"],
)
def test_note_alt_reads_the_alt_text_the_section_gives_the_picture(html, alt):
    from quiz.figures import note_alt

    assert note_alt(html, _Picture()) == alt


def test_the_bank_export_carries_the_figure_and_import_matches_it_by_content_hash(illustrated):
    from quiz.instructor.bank import export_bank, import_bank

    question, image = illustrated
    Question.objects.filter(pk=question.pk).update(figure_alt="Two environments behind one URL")
    data = export_bank(Question.objects.filter(pk=question.pk))
    assert data["questions"][0]["figure"] == {"sha256": image.sha256, "name": "blue-green.png",
                                              "alt": "Two environments behind one URL"}
    copy = {**data["questions"][0], "identity": "copy"}
    elsewhere = {**data["questions"][0], "identity": "elsewhere",
                 "figure": {"sha256": "0" * 64, "name": "gone.png", "alt": "A picture this site lacks"}}
    result = import_bank({"format_version": 1, "questions": [copy, elsewhere]})
    assert result.created == 2 and result.figures_missing == 1
    imported = Question.objects.get(identity="copy")
    assert imported.figure == image and imported.figure_alt == "Two environments behind one URL"
    assert Question.objects.get(identity="elsewhere").figure is None


def test_a_bank_entry_with_a_malformed_figure_is_refused_and_nothing_is_written(illustrated):
    from django.core.exceptions import ValidationError

    from quiz.instructor.bank import export_bank, import_bank

    question, _ = illustrated
    entry = {**export_bank([question])["questions"][0], "identity": "bad", "figure": "blue-green.png"}
    with pytest.raises(ValidationError, match="figure"):
        import_bank({"format_version": 1, "questions": [entry]})
    assert not Question.objects.filter(identity="bad").exists()


def test_the_bank_import_page_says_how_many_pictures_it_could_not_find(illustrated, instructor_client):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from quiz.instructor.bank import export_bank

    question, _ = illustrated
    entry = {**export_bank([question])["questions"][0], "identity": "elsewhere",
             "figure": {"sha256": "0" * 64, "name": "gone.png", "alt": ""}}
    upload = SimpleUploadedFile("bank.json", json.dumps({"format_version": 1, "questions": [entry]}).encode())
    html = instructor_client.post("/instructor/questions/import/", {"file": upload}, follow=True).content.decode()
    assert "1 picture is not on this site" in html
    assert Question.objects.get(identity="elsewhere").figure is None
