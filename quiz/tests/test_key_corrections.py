"""An instructor corrects a question's key: what is still to be graded uses the correction; what was graded says so."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from quiz import attempts
from quiz.attempts import label_of
from quiz.models import Attempt

from .test_views_exam import HX, exam, item_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(instructor):
    """The instructor in a browser of their own (``instructor_client`` shares ``client`` with the learner's)."""
    client = Client()
    client.force_login(instructor)
    return client


def _edit_key_to(client, question, key, stem=None):
    """Post the question's edit form with ``key`` the only right option (``stem``: this English stem; everything
    else as it is)."""
    data = {f"stem_{lang}": text for lang, text in {**question.stem, **({"en": stem} if stem else {})}.items()}
    data["version"] = question.version  # the version the form was built from
    for option in question.options:
        data[f"text_{option['key']}"] = option["text"]
        if option["key"] == key:
            data[f"correct_{option['key']}"] = "on"
        for lang, text in option.get("explanation", {}).items():
            data[f"expl_{option['key']}_{lang}"] = text
    data["figure"] = ""
    data["explanations_checked"] = "on"  # the explanations stay as they are (what these tests read is the key)
    response = client.post(f"/instructor/questions/{question.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.correct_keys() == [key]


def test_a_corrected_key_grades_an_exam_in_progress_and_is_said_on_a_finished_one(make, learner, learner_client,
                                                                                   staff, exam):
    topic = make.topic()
    questions = [make.question(topic) for _ in range(5)]  # key A
    wrong = questions[0]
    finished, _ = attempts.start_exam(learner, exam, "en")
    item = finished.items.get(question=wrong)
    learner_client.post(item_url(finished, item.number), {"choice": label_of(item, "B")}, **HX)
    attempts.submit(Attempt.objects.get(pk=finished.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct is False

    ongoing, _ = attempts.start_exam(learner, exam, "en")
    open_item = ongoing.items.get(question=wrong)
    learner_client.post(item_url(ongoing, open_item.number), {"choice": label_of(open_item, "B")}, **HX)

    _edit_key_to(staff, wrong, "B")  # the note was wrong: B is right

    open_item.refresh_from_db()
    assert open_item.correct_keys == ["B"] and open_item.chosen == ["B"]  # same letters, choice kept
    assert [o["key"] for o in open_item.options] == [o["key"] for o in ongoing.items.get(pk=open_item.pk).options]
    attempts.submit(Attempt.objects.get(pk=ongoing.pk), now=timezone.now())
    open_item.refresh_from_db()
    assert open_item.correct is True

    item.refresh_from_db()
    assert item.correct is False and item.correct_keys == ["A"]  # graded as it was
    page = learner_client.get(f"/quiz/attempts/{finished.uid}/result/").content.decode()
    assert (f"the right answer is now {label_of(item, 'B')}. Your score stays as graded." in page)
    # the question shows the key it has now: B marked right (the learner's choice), A no longer
    review = page.split(f'id="q{item.number}"')[1].split("</article>")[0]
    right = re.findall(r'<li class="option is-key[^"]*">\s*<span class="label">(\w)</span>', review)
    assert right == [label_of(item, "B")]
    assert "Your answer is right under the corrected key." in review
    other = learner_client.get(f"/quiz/attempts/{ongoing.uid}/result/").content.decode()
    assert "after this exam was graded" not in other
    assert "during your exam: it was graded with the corrected key." in other  # (right under it: no more said)
    assert "Your answer was right under the key it had when your exam began." not in other


def test_a_practice_item_not_yet_answered_asks_the_corrected_key_and_an_answered_one_says_so(
        make, learner, learner_client, staff):
    topic = make.topic()
    first, second = make.question(topic), make.question(topic)
    practice = attempts.start_practice(learner, [first, second], "en")
    answered = practice.items.get(question=first)
    response = learner_client.post(f"/quiz/practice/{practice.uid}/{answered.number}/",
                                   {"choice": label_of(answered, "A")})
    assert response.status_code in (200, 302), response.status_code
    waiting = practice.items.get(question=second)

    _edit_key_to(staff, first, "C")
    _edit_key_to(staff, second, "D")

    waiting.refresh_from_db()
    assert waiting.correct_keys == ["D"]
    assert waiting.shown_keys == ["D"]  # not answered yet: it is shown anew, with the corrected key
    answered.refresh_from_db()
    assert answered.correct is True and answered.correct_keys == ["A"]
    summary = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert f"the right answer is now {label_of(answered, 'C')}." in summary
    # and on the question itself, before its verdict (still as graded), with C marked right
    page = learner_client.get(f"/quiz/practice/{practice.uid}/{answered.number}/").content.decode()
    feedback = page.split('class="feedback')[1].split("</div>")[0]
    assert feedback.index("corrected the answer key") < feedback.index('class="verdict"')
    assert re.findall(r'<li class="option is-key[^"]*">\s*<span class="label">(\w)</span>', page) == [
        label_of(answered, "C")]
    # an answer sent again from a page left open (a second tab) gets the feedback with the same note
    again = learner_client.post(f"/quiz/practice/{practice.uid}/{answered.number}/",
                                {"choice": label_of(answered, "C")}, HTTP_HX_REQUEST="true").content.decode()
    assert f"the right answer is now {label_of(answered, 'C')}." in again
    assert "that first answer counts, this one was not recorded." in again
    answered.refresh_from_db()
    assert answered.chosen == ["A"] and answered.correct is True


def test_regeneration_keeps_an_unchanged_options_key_and_says_nothing_of_corrections(make, learner, learner_client):
    """A distractor's new wording used to move the other options to other letters: the key's letter changed with
    nobody correcting anything, and the summary said an instructor had (the letter it named was a wrong option)."""
    from pathlib import Path

    from quiz.generation.pipeline import keep_keys, run
    from quiz.models import Question
    from studynotes.importer import import_file

    old = [{"key": "A", "text": "x", "correct": False}, {"key": "B", "text": "y", "correct": True},
           {"key": "C", "text": "z", "correct": False}]
    new = [{"key": "A", "text": "y", "correct": True}, {"key": "B", "text": "w", "correct": False},
           {"key": "C", "text": "x", "correct": False}]
    assert [(o["key"], o["text"]) for o in keep_keys(old, new)] == [("B", "y"), ("C", "w"), ("A", "x")]

    seeds = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
    text = (seeds / "003_6b61433879e3e902.txt").read_text(encoding="utf-8")
    import_file("003.txt", text.encode())
    run()
    question = next(q for q in Question.objects.filter(type="term_to_definition") if "Blue/Green" in q.stem.get("ko", ""))
    practice = attempts.start_practice(learner, [question], "en")
    item = practice.items.get()
    right = next(o["key"] for o in item.options if o["correct"])
    learner_client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": label_of(item, right)})

    before = {q.pk: {o["text"]: o["key"] for o in q.options} for q in Question.objects.all()}
    changed = text.replace("애플리케이션의 전체 또는 대부분을 한 번에 업데이트", "애플리케이션 전체를 한 번에 업데이트")
    assert changed != text
    import_file("003.txt", changed.encode())
    _, summary = run()
    assert summary["updated"] > 0
    for q in Question.objects.filter(pk__in=before):  # an option that stayed kept its letter
        assert all(before[q.pk][o["text"]] == o["key"] for o in q.options if o["text"] in before[q.pk])
    question.refresh_from_db()
    assert question.correct_keys() == [right]  # the key kept its letter
    summary = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert "corrected the answer key" not in summary


def test_a_reworded_answer_keeps_its_letter_when_a_distractor_changes_in_the_same_run(learner, staff, exam):
    """Rewording two definitions of one family (the answer of a "what is Rolling with additional batch" question
    and one of its distractors) gave the answer's letter to the new distractor. An exam item still on the old
    version kept the learner's right letter; an edit before submission then graded it wrong."""
    from pathlib import Path

    from quiz.generation.pipeline import keep_keys, run
    from quiz.models import Question
    from studynotes.importer import import_file

    old = [{"key": "A", "text": "y", "correct": True}, {"key": "B", "text": "x", "correct": False},
           {"key": "C", "text": "z", "correct": False}]
    new = [{"key": "A", "text": "w", "correct": False}, {"key": "B", "text": "x", "correct": False},
           {"key": "C", "text": "y2", "correct": True}]
    assert [(o["key"], o["text"]) for o in keep_keys(old, new)] == [("C", "w"), ("B", "x"), ("A", "y2")]

    seeds = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
    text = (seeds / "000_48280b37ea1cc327.txt").read_text(encoding="utf-8")
    import_file("000.txt", text.encode())
    run()
    question = next(q for q in Question.objects.filter(type="term_to_definition")
                    if "Rolling with additional batch" in q.stem.get("ja", ""))
    exam.questions.set([question])
    attempt, _ = attempts.start_exam(learner, exam, "ja")
    item = attempt.items.get()
    attempts.save_exam_answer(attempt, item, [label_of(item, item.correct_keys[0])], now=timezone.now())

    changed = (text.replace("既存インスタンスをに同時にデプロイ", "既存の全インスタンスに同時にデプロイ")
               .replace("新規と既存インスタンスを利用して", "新規と既存のインスタンスを利用して"))
    import_file("000.txt", changed.encode())
    run()
    question.refresh_from_db()
    assert question.version == 2 and question.correct_keys() == item.correct_keys  # the answer kept its letter

    question.stem["ja"] += "（一つ選んでください）"  # an instructor's edit of the stem, made before the exam is submitted
    _edit_key_to(staff, question, question.correct_keys()[0])
    assert question.version == 3
    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct is True


def _review_of(page, item):
    """The result page's review of ``item`` (its ``<article>``)."""
    return page.split(f'id="q{item.number}"')[1].split("</article>")[0]


DURING = ("An instructor corrected the answer key of this question during your exam: it was graded with the "
          "corrected key.")
WAS_RIGHT = "Your answer was right under the key it had when your exam began."
AFTER = "after this exam was graded"


def test_a_key_corrected_during_the_exam_is_said_on_that_question_only_and_to_the_instructor(
        make, learner, learner_client, staff, instructor, exam):
    from quiz.instructor.models import Assignment, Classroom, Membership

    classroom = Classroom.objects.create(name="Evening", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    assignment = Assignment.objects.create(classroom=classroom, quiz=exam)
    questions = [make.question() for _ in range(5)]  # key A
    wrong, kept = questions[0], questions[1]
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item, other = attempt.items.get(question=wrong), attempt.items.get(question=kept)
    for answered in (item, other):
        learner_client.post(item_url(attempt, answered.number), {"choice": label_of(answered, "A")}, **HX)

    _edit_key_to(staff, wrong, "B")  # corrected while the exam is open: it is graded with B

    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct is False and item.correct_keys == ["B"] and item.shown_keys == ["A"]
    page = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    review = _review_of(page, item)
    assert DURING in review and WAS_RIGHT in review and AFTER not in review
    assert f"Correct answer: {label_of(item, 'B')}" in review
    assert DURING not in _review_of(page, other) and page.count(DURING) == 1

    # the instructor reads the same: on the attempt's review, and in the item analysis
    html = staff.get(f"/instructor/assignments/{assignment.pk}/attempts/{attempt.uid}/").content.decode()
    assert html.count("while this attempt was in progress: it was graded with the corrected key.") == 1
    html = staff.get(f"/instructor/assignments/{assignment.pk}/items/").content.decode()
    row = html.split(f'data-question="{wrong.pk}"')[1].split("</tr>")[0]
    assert ("1 attempt was in progress when an instructor corrected the key: it was graded with the corrected key."
            in row)
    other_row = html.split(f'data-question="{kept.pk}"')[1].split("</tr>")[0]
    assert "in progress when an instructor corrected" not in other_row


def test_a_key_corrected_after_submission_keeps_its_own_note_only(make, learner, learner_client, staff, exam):
    questions = [make.question() for _ in range(5)]
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item = attempt.items.get(question=questions[0])
    learner_client.post(item_url(attempt, item.number), {"choice": label_of(item, "A")}, **HX)
    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())

    _edit_key_to(staff, questions[0], "B")

    page = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    review = _review_of(page, item)
    assert f"{AFTER}: the right answer is now {label_of(item, 'B')}." in review
    assert DURING not in page and WAS_RIGHT not in page


def test_a_text_only_edit_during_the_exam_says_nothing(make, learner, learner_client, staff, exam):
    questions = [make.question() for _ in range(5)]
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item = attempt.items.get(question=questions[0])
    learner_client.post(item_url(attempt, item.number), {"choice": label_of(item, "A")}, **HX)

    _edit_key_to(staff, questions[0], "A", stem="Which option fits best?")  # the key as it was

    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.stem["en"] == "Which option fits best?" and item.correct is True  # the edit reached the item
    page = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    assert DURING not in page and AFTER not in page


def test_keys_renamed_by_a_bank_import_during_the_exam_are_no_correction(make, learner, learner_client, instructor,
                                                                        exam):
    """An import may give the options other keys: the item finds them by their text, and the key it was shown
    with follows them, so the same right option is no correction."""
    from django.db import transaction

    from quiz.instructor import bank

    questions = [make.question() for _ in range(5)]
    question = questions[0]
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item = attempt.items.get(question=question)
    learner_client.post(item_url(attempt, item.number), {"choice": label_of(item, "A")}, **HX)
    with transaction.atomic():
        question.options = [{**option, "key": option["key"].lower()} for option in question.options]
        question.version += 1
        bank.save_version(question, ["A"], instructor)

    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    item.refresh_from_db()
    assert item.correct_keys == ["a"] and item.shown_keys == ["a"] and item.correct is True
    page = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    assert DURING not in page


def test_items_from_before_the_shown_key_was_kept_say_nothing_and_open_exams_start_keeping_it(make, learner, exam):
    """Migration ``quiz.0014``: an item of an attempt in progress takes its key as shown; a finished one keeps None
    (not known: no note)."""
    from importlib import import_module

    from django.apps import apps

    from quiz.models import AttemptItem

    for _ in range(5):
        make.question()
    finished, _ = attempts.start_exam(learner, exam, "en")
    attempts.submit(finished, now=timezone.now())
    ongoing, _ = attempts.start_exam(learner, exam, "en")
    AttemptItem.objects.update(shown_keys=None, correct_keys=["B"])

    import_module("quiz.migrations.0014_attemptitem_shown_keys").keys_as_shown(apps, None)

    assert {tuple(i.shown_keys or ()) for i in finished.items.all()} == {()}
    assert not any(item.key_changed_in_exam for item in finished.items.all())
    assert {tuple(i.shown_keys) for i in ongoing.items.all()} == {("B",)}


def test_a_corrected_key_brings_the_question_back_for_review_now(make, learner, learner_client, staff):
    """A learner told "right" under the old key would not see the question again for days, having learnt a wrong
    answer: the corrected key makes their card due now. A text-only edit moves nothing."""
    from quiz.instructor.models import AuditLog
    from quiz.progress.models import ReviewCard, ReviewLog
    from quiz.progress.reviews import due_questions

    topic = make.topic()
    first, second = make.question(topic), make.question(topic)
    practice = attempts.start_practice(learner, [first, second], "en")
    for question in (first, second):
        item = practice.items.get(question=question)
        learner_client.post(f"/quiz/practice/{practice.uid}/{item.number}/", {"choice": label_of(item, "A")})
    cards = {card.question_id: card for card in ReviewCard.objects.filter(user=learner)}
    assert all(card.due > timezone.now() for card in cards.values())  # right answers: due in days
    logs = list(ReviewLog.objects.filter(user=learner).order_by("pk").values_list("pk", "due"))

    _edit_key_to(staff, first, "C")
    _edit_key_to(staff, second, "A", stem="Which one is right, now worded better?")  # the same key

    now = timezone.now()
    corrected, unchanged = (ReviewCard.objects.get(pk=cards[q.pk].pk) for q in (first, second))
    assert corrected.due <= now and corrected.state["due"][:19] == corrected.due.isoformat()[:19]
    assert (corrected.stability, corrected.reps) == (cards[first.pk].stability, cards[first.pk].reps)
    assert unchanged.due == cards[second.pk].due
    assert [q.pk for q in due_questions(learner, now=now)] == [first.pk]
    edit = AuditLog.objects.filter(action="edit", object_id=first.pk).latest("pk")
    assert edit.details["reviews_due_now"] == 1
    assert list(ReviewLog.objects.filter(user=learner).order_by("pk").values_list("pk", "due")) == logs  # history


def test_an_answer_graded_before_a_key_correction_says_both_keys_beside_its_verdict(make, learner, learner_client,
                                                                                      staff, exam):
    """"Wrong" above "Your choice: B · Correct answer: B" (graded with A, the line showing the corrected key) read
    as a broken page: the verdict and the key line say which key graded the answer and what the correction makes
    of it, on the exam result, the practice summary and the practice question."""
    topic = make.topic()
    questions = [make.question(topic) for _ in range(5)]  # key A
    chose_b, chose_a = questions[0], questions[1]
    attempt, _ = attempts.start_exam(learner, exam, "en")
    exam_b, exam_a = attempt.items.get(question=chose_b), attempt.items.get(question=chose_a)
    learner_client.post(item_url(attempt, exam_b.number), {"choice": label_of(exam_b, "B")}, **HX)
    learner_client.post(item_url(attempt, exam_a.number), {"choice": label_of(exam_a, "A")}, **HX)
    attempts.submit(Attempt.objects.get(pk=attempt.pk), now=timezone.now())
    practice = attempts.start_practice(learner, [chose_b, chose_a], "en")
    practice_b, practice_a = practice.items.get(question=chose_b), practice.items.get(question=chose_a)
    for item, key in ((practice_b, "B"), (practice_a, "A")):
        learner_client.post(f"/quiz/practice/{practice.uid}/{item.number}/", {"choice": label_of(item, key)})

    _edit_key_to(staff, chose_b, "B")  # B was right: the B answers were graded wrong
    _edit_key_to(staff, chose_a, "C")  # and A was not: the A answers were graded right

    page = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    for item, verdict, now, graded in (
            (exam_b, "Wrong when graded; right under the corrected key", "B", "A"),
            (exam_a, "Right when graded; wrong under the corrected key", "C", "A")):
        review = page.split(f'id="q{item.number}"')[1].split("</article>")[0]
        heading = re.sub(r"\s+", " ", review.split("<h3>")[1].split("</h3>")[0])
        assert verdict in heading
        assert (f"Correct answer (corrected by an instructor): {label_of(item, now)} · graded with: "
                f"{label_of(item, graded)}") in review
        assert "Correct answer: " not in review

    summary = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    verdicts = re.findall(r'<strong class="verdict">(.*?)</strong>', summary)
    assert verdicts[practice_b.position] == "Wrong when graded; right under the corrected key"
    assert verdicts[practice_a.position] == "Right when graded; wrong under the corrected key"

    for item, verdict, now in ((practice_b, "Wrong when graded; right under the corrected key", "B"),
                               (practice_a, "Right when graded; wrong under the corrected key", "C")):
        page = learner_client.get(f"/quiz/practice/{practice.uid}/{item.number}/").content.decode()
        feedback = page.split('class="feedback')[1].split("</div>")[0]
        assert f'<p class="verdict">{verdict}</p>' in feedback
        assert (f"Correct answer (corrected by an instructor): {label_of(item, now)} · graded with: "
                f"{label_of(item, 'A')}") in feedback
        assert "Not quite." not in feedback and "Right!" not in feedback and "The answer is" not in feedback


def test_an_answer_wrong_under_both_keys_keeps_its_verdict_and_says_both_keys(make, learner, learner_client, staff):
    topic = make.topic()
    question = make.question(topic)  # key A
    practice = attempts.start_practice(learner, [question], "en")
    item = practice.items.get()
    learner_client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": label_of(item, "D")})
    _edit_key_to(staff, question, "B")
    page = learner_client.get(f"/quiz/practice/{practice.uid}/1/").content.decode()
    feedback = page.split('class="feedback')[1].split("</div>")[0]
    assert '<p class="verdict">Not quite.</p>' in feedback
    assert (f"Correct answer (corrected by an instructor): {label_of(item, 'B')} · graded with: "
            f"{label_of(item, 'A')}") in feedback
    summary = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert re.findall(r'<strong class="verdict">(.*?)</strong>', summary) == ["Wrong"]
