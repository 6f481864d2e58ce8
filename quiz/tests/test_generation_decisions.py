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


def test_a_run_that_sends_approved_questions_back_to_review_says_so_and_names_the_quizzes_they_leave(
        instructor_client):
    from quiz.models import Mode, Quiz

    import_file("000.txt", POLICIES.encode())
    run()
    instructor_client.post("/instructor/questions/approve/", {"ids": list(Question.objects.values_list("pk", flat=True))})
    question = Question.objects.filter(type="scenario").first()
    exam = Quiz.objects.create(slug="week-2", title="Week 2 exam", mode=Mode.EXAM, question_count=1,
                               only_approved=True)
    exam.questions.add(question)
    Quiz.objects.create(slug="open-bank", title="Drafts welcome", mode=Mode.EXAM, question_count=1,
                        only_approved=False).questions.add(question)
    Question.objects.filter(pk=question.pk).update(stem={"en": "stale"})  # the notes now ask it otherwise
    page = instructor_client.post("/instructor/notes/generate/", follow=True).content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT
    assert ("1 approved question changed with the notes and is a draft again: approve it again in the review "
            "queue. Until then these quizzes leave them out: Week 2 exam.") in page
    assert "Drafts welcome" not in page  # it asks drafts too: nothing left out
    # a run that changes nothing approved says nothing of it
    page = instructor_client.post("/instructor/notes/generate/", follow=True).content.decode()
    assert "is a draft again" not in page and "are drafts again" not in page


def test_the_headings_an_explanation_cites_a_note_line_under_are_not_what_a_question_asks():
    def stored(ko, ja):
        option = {"key": "A", "text": "Big bang", "correct": True, "explanation": {"ko": ko, "ja": ja}}
        return {"type": "definition_to_term", "languages": ["ko", "ja"], "stem": {"ko": "?"}, "choose": 1,
                "clues": [], "options": [option]}

    before = stored('Big bang: 노트의 설명입니다(노트 "Deployment(배포)", 7행: "한 번에 업데이트").',
                    "Big bang：ノートでは別の説明です（ノート「Deployment(배포)」7 行目：「한 번에 업데이트」）。")
    split = stored('Big bang: 노트의 설명입니다(노트 "Deployment(배포) › 1. 빅뱅 배포", 7행: "한 번에 업데이트").',
                   "Big bang：ノートでは別の説明です（ノート「Deployment(배포) › 1. 빅뱅 배포」7 行目：「한 번에 업데이트」）。")
    reworded = stored('Big bang: 노트의 설명입니다(노트 "Deployment(배포)", 7행: "전체를 업데이트").',
                      "Big bang：ノートでは別の説明です（ノート「Deployment(배포)」7 行目：「한 번에 업데이트」）。")
    assert asked(before) == asked(split)
    assert asked(before) != asked(reworded)


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


def test_splitting_a_section_into_its_numbered_parts_keeps_questions_keys_approvals_and_learners_answers(
        instructor_client, learner, monkeypatch):
    """003 as the importer read it before numbered parts were sections, then the same bytes read again: the
    questions stay (ids, keys, approval), their sources move to the parts, and a learner's answer stays."""
    from django.db import transaction
    from django.utils import timezone

    from quiz import attempts
    from quiz.progress.models import ReviewCard
    from studynotes import importer

    data = (SEEDS / "003_6b61433879e3e902.txt").read_bytes()
    with monkeypatch.context() as old:
        old.setattr(importer, "IMPORTER_VERSION", "5")
        old.setattr(importer, "_numbered_titles", lambda *args: [])
        import_file("003.txt", data)
    run()

    def asked_with_keys(q):
        return q.identity, [(o["key"], o["text"], o["correct"]) for o in q.options], q.clues

    before = {q.pk: asked_with_keys(q) for q in Question.objects.all()}
    instructor_client.post("/instructor/questions/approve/", {"ids": list(before)})
    question = Question.objects.get(type="term_to_definition", topic__slug="big-bang-deployment")
    attempt = attempts.start_practice(learner, [question], "en")
    with transaction.atomic():
        attempts.answer_practice(attempt, attempt.items.get(), question.correct_keys(), now=timezone.now())

    import_file("003.txt", data)
    _, summary = run()

    assert summary["created"] == summary["retired"] == 0 and summary["updated"] > 0
    assert {q.pk: asked_with_keys(q) for q in Question.objects.all()} == before
    assert not Question.objects.exclude(status=Question.Status.APPROVED).exists()  # citing a part: no change
    question.refresh_from_db()
    assert question.version == 2 and question.sources[0]["heading_path"] == "Deployment(배포) › 1. 빅뱅 배포"
    assert ReviewCard.objects.get(user=learner).question_id == question.pk
    assert attempt.items.get().question_id == question.pk
