"""An instructor's decisions survive regeneration: a retirement stays, an approval stays while the question
asks the same thing, and an edited question still goes when its notes no longer say it."""

from pathlib import Path

import pytest

from quiz.generation.pipeline import asked, public, run
from quiz.models import Question
from studynotes.importer import import_file

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
POLICIES = (SEEDS / "000_48280b37ea1cc327.txt").read_text(encoding="utf-8")
LINE = "    - キャパシティが一時的に減る\n"

pytestmark = pytest.mark.django_db


def _rolling():
    return next(q for q in Question.objects.filter(type="scenario") if "capacity drops temporarily" in q.stem["en"])


def test_a_question_an_instructor_retired_stays_retired_through_regeneration(instructor_client):
    import_file("000.txt", POLICIES.encode())
    run()
    question = Question.objects.filter(type="scenario").first()
    instructor_client.post(f"/instructor/questions/{question.pk}/retire/")
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED and question.retired_by == "instructor"

    _, summary = run()
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    # nor when its wording is regenerated differently
    Question.objects.filter(pk=question.pk).update(stem={"en": "stale"})
    run()
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED and question.stem["en"] != "stale"

    page = instructor_client.get(f"/instructor/questions/{question.pk}/").content.decode()
    assert "Retired by an instructor" in page and "Restore as a draft" in page
    instructor_client.post(f"/instructor/questions/{question.pk}/restore/")
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT and question.retired_by == ""


def test_a_question_the_generator_retired_comes_back_but_cannot_be_restored_by_hand(instructor_client):
    import_file("000.txt", POLICIES.encode())
    run()
    rolling = _rolling()
    import_file("000.txt", POLICIES.replace(LINE, "").encode())
    run()
    rolling.refresh_from_db()
    assert rolling.status == Question.Status.RETIRED and rolling.retired_by == "generator"
    assert instructor_client.post(f"/instructor/questions/{rolling.pk}/restore/").status_code == 404
    assert "Retired by the generator" in instructor_client.get(f"/instructor/questions/{rolling.pk}/").content.decode()

    import_file("000.txt", POLICIES.encode())
    run()
    rolling.refresh_from_db()
    assert rolling.status == Question.Status.DRAFT and rolling.retired_by == ""


def test_moved_note_lines_keep_an_approval_and_a_changed_question_asks_for_one_again(instructor_client):
    import_file("000.txt", POLICIES.encode())
    run()
    ids = list(Question.objects.values_list("pk", flat=True))
    instructor_client.post("/instructor/questions/approve/", {"ids": ids})
    assert not Question.objects.exclude(status=Question.Status.APPROVED).exists()

    import_file("000.txt", ("\n\n\n" + POLICIES).encode())  # every line three further down
    _, summary = run()
    assert summary["updated"] > 0 and summary["created"] == 0  # same questions, same ids ...
    assert set(Question.objects.live().values_list("pk", flat=True)) == set(ids)
    # ... whose sources and evidence cite the new line numbers
    moved = Question.objects.filter(version__gt=1).first()
    assert moved and moved.sources[0]["line_start"] > 3
    assert not Question.objects.exclude(status=Question.Status.APPROVED).exists()

    question = Question.objects.filter(type="scenario").first()
    stored = public({key: getattr(question, key) for key in ("type", "family", "languages", "stem", "options",
                                                             "choose", "clues", "sources")})
    Question.objects.filter(pk=question.pk).update(stem={"en": "stale"})
    run()
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT  # what it asks changed: approve it again
    assert asked(stored) == asked({**stored, "sources": []})
    assert asked(stored) != asked({**stored, "stem": {"en": "stale"}})


def test_an_edited_question_whose_notes_no_longer_say_it_is_retired_and_comes_back_unchanged():
    import_file("000.txt", POLICIES.encode())
    run()
    rolling = _rolling()
    Question.objects.filter(pk=rolling.pk).update(stem={**rolling.stem, "en": "Edited."}, locked=True,
                                                  status=Question.Status.APPROVED)
    import_file("000.txt", POLICIES.replace(LINE, "").encode())
    _, summary = run()
    rolling.refresh_from_db()
    assert rolling.status == Question.Status.RETIRED and rolling.retired_by == "generator"
    assert summary["retired"] >= 1

    import_file("000.txt", POLICIES.encode())
    run()
    rolling.refresh_from_db()
    assert rolling.status == Question.Status.DRAFT and rolling.stem["en"] == "Edited." and rolling.locked
