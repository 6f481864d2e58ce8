"""No page shows the key of a question of the learner's exam in progress (which option is right, the explanations
that tell it) until the exam is submitted or its time is up (docs/QUIZ.md, "An exam in progress holds its
questions"). What the learner did stays: it is shown again once the exam ends."""

import csv
import io
import json
import re

import pytest
from django.utils import timezone

from quiz import attempts
from quiz.attempts import label_of, start_practice
from quiz.models import Attempt, AttemptItem, Mode, Quiz

HELD = "The answer is shown after your exam ends."


def shows_key(html, question):
    """Whether ``html`` tells which option of ``question`` is right: the key's tag, its explanation (each
    explanation says whether its option is right), the verdict's "The answer is"."""
    return ("is-key" in html or "Correct answer" in html or re.search(r"The answer is [A-H]", html) is not None
            or any(text in html for option in question.options for text in option["explanation"].values()))


def exam_of(make, *questions, slug="held"):
    quiz = Quiz.objects.create(slug=slug, title="Exam", mode=Mode.EXAM, question_count=len(questions),
                               only_approved=False)
    quiz.questions.add(*questions)
    return quiz


def answer(item, correct):
    """Answer ``item`` (right or not) as the learner did, before the exam."""
    key = item.correct_keys[0] if correct else next(o["key"] for o in item.options if o["key"] not in item.correct_keys)
    return label_of(item, key)


@pytest.fixture
def held(make, learner):
    """A practice set of two questions started before an exam: the first answered (right), the second not and
    also in the exam, which is now in progress."""
    answered, in_exam = make.question(), make.question()
    practice = start_practice(learner, [answered, in_exam], "en", shuffle=False)
    return practice, answered, in_exam


def open_exam(learner, *questions, make):
    attempt, _created = attempts.start_exam(learner, exam_of(make, *questions), "en")
    return attempt


def submit(exam):
    attempts.submit(Attempt.objects.get(pk=exam.pk), now=timezone.now())


def test_ending_a_set_does_not_show_the_key_of_its_question_in_the_open_exam(make, learner, learner_client, held):
    practice, answered, in_exam = held
    learner_client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": answer(practice.items.get(position=0), True)})
    exam = open_exam(learner, in_exam, make=make)
    learner_client.post(f"/quiz/practice/{practice.uid}/summary/")  # "End this set"
    assert Attempt.objects.get(pk=practice.pk).state != Attempt.State.IN_PROGRESS

    page = learner_client.get(f"/quiz/practice/{practice.uid}/2/").content.decode()
    assert not shows_key(page, in_exam) and HELD in page
    fragment = learner_client.get(f"/quiz/practice/{practice.uid}/2/", HTTP_HX_REQUEST="true").content.decode()
    assert not shows_key(fragment, in_exam) and HELD in fragment
    # an answer posted now is refused as before, and says nothing of the key either
    posted = learner_client.post(f"/quiz/practice/{practice.uid}/2/", {"choice": "A"}).content.decode()
    assert not shows_key(posted, in_exam)
    # the other question of the set keeps its feedback
    assert shows_key(learner_client.get(f"/quiz/practice/{practice.uid}/1/").content.decode(), answered)

    submit(exam)
    page = learner_client.get(f"/quiz/practice/{practice.uid}/2/").content.decode()
    assert shows_key(page, in_exam) and HELD not in page


def test_an_answer_given_before_the_exam_shows_its_choice_but_not_its_key_meanwhile(make, learner,
                                                                                    learner_client, held):
    practice, answered, _in_exam = held
    item = practice.items.get(position=0)
    url = f"/quiz/practice/{practice.uid}/1/"
    learner_client.post(url, {"choice": answer(item, False)})
    exam = open_exam(learner, answered, make=make)

    for page in (learner_client.get(url).content.decode(),
                 learner_client.post(url, {"choice": answer(item, True)},  # from a second tab
                                     HTTP_HX_REQUEST="true").content.decode()):
        assert not shows_key(page, answered) and "Not quite." not in page and HELD in page
        assert "is-chosen" in page  # the learner's own answer is still shown
    summary = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert ">Wrong<" not in summary and HELD in summary

    submit(exam)
    assert AttemptItem.objects.get(pk=item.pk).answered_at is not None  # nothing was lost
    assert shows_key(learner_client.get(url).content.decode(), answered)
    assert ">Wrong<" in learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()


def test_a_key_corrected_since_is_not_said_on_the_summary_meanwhile(make, learner, learner_client, held):
    practice, answered, _in_exam = held
    item = practice.items.get(position=0)
    learner_client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": answer(item, True)})
    answered.options = [{**o, "correct": not o["correct"]} if o["key"] in "AB" else o for o in answered.options]
    answered.version += 1
    answered.key_corrected_version = answered.version
    answered.save()
    item.refresh_from_db()
    assert attempts.key_corrections([item])  # the summary would say "the right answer is now B"
    open_exam(learner, answered, make=make)
    summary = learner_client.get(f"/quiz/practice/{practice.uid}/summary/").content.decode()
    assert "the right answer is now" not in summary and HELD in summary


def test_an_earlier_exams_result_does_not_show_the_key_of_a_question_asked_again(make, learner, learner_client):
    asked_again, other = make.question(), make.question()
    asked_again.options = [{**o, "explanation": {"en": f"Asked again: {o['key']} is {o['correct']}."}}
                           for o in asked_again.options]
    asked_again.save()
    earlier, _created = attempts.start_exam(learner, exam_of(make, asked_again, other, slug="earlier"), "en")
    submit(earlier)
    exam = open_exam(learner, asked_again, make=make)

    result = learner_client.get(f"/quiz/attempts/{earlier.uid}/result/").content.decode()
    assert not shows_key(result, other)  # beside the score, the rest of the review would tell the held verdict
    assert not any(text in result for option in asked_again.options for text in option["explanation"].values())
    assert result.count("Correct answer: ") == 0 and HELD in result

    submit(exam)
    result = learner_client.get(f"/quiz/attempts/{earlier.uid}/result/").content.decode()
    assert result.count("Correct answer: ") == 2 and HELD not in result


def test_an_earlier_exams_score_and_other_verdicts_do_not_tell_a_held_verdict(make, learner, learner_client):
    asked_again, other = make.question(), make.question()
    earlier, _created = attempts.start_exam(learner, exam_of(make, asked_again, other, slug="earlier"), "en")
    for item in earlier.items.all():  # both right: "2 of 2" beside "other: Right" says the held one was right too
        learner_client.post(f"/quiz/attempts/{earlier.uid}/{item.position + 1}/", {"choice": answer(item, True)})
    submit(earlier)
    open_exam(learner, asked_again, make=make)

    result = learner_client.get(f"/quiz/attempts/{earlier.uid}/result/").content.decode()
    assert "2 of 2 right" in result  # the grade stays
    assert 'class="cell right' not in result and ">Right<" not in result and "Score by domain" not in result
    assert not shows_key(result, asked_again) and not shows_key(result, other)
    exported = json.loads(learner_client.get("/progress/export.json").content)
    record = next(a for a in exported["attempts"] if a["attempt"] == str(earlier.uid))
    assert record["correct"] == 2 and [item["correct"] for item in record["items"]] == [None, None]
    assert not any("right" in option for item in record["items"] for option in item["options"])


def test_the_export_does_not_say_which_options_of_a_held_question_were_right(make, learner, learner_client, held):
    practice, answered, _in_exam = held
    learner_client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": answer(practice.items.get(position=0), True)})
    exam = open_exam(learner, answered, make=make)

    def exported():
        data = json.loads(learner_client.get("/progress/export.json").content)
        item = next(a for a in data["attempts"] if a["attempt"] == str(practice.uid))["items"][0]
        rows = list(csv.DictReader(io.StringIO(
            learner_client.get("/progress/export.answers.csv").content.decode().lstrip("\ufeff"))))
        row = next(r for r in rows if r["attempt"] == str(practice.uid) and r["number"] == "1")
        return item, row

    item, row = exported()
    assert all("right" not in option for option in item["options"]) and item["correct"] is None
    assert row["right"] == "" and row["correct"] == ""
    assert [o["letter"] for o in item["options"] if o["chosen"]]  # the learner's choice stays

    submit(exam)
    item, row = exported()
    assert any(option.get("right") for option in item["options"]) and item["correct"] is True
    assert row["right"] and row["correct"] == "True"


def one_question_set(learner, learner_client, question, correct):
    """A practice set of ``question`` alone, answered (right or not) before an exam."""
    practice = start_practice(learner, [question], "en", shuffle=False)
    choice = answer(practice.items.get(), correct)
    learner_client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": choice})
    return practice.items.get()


@pytest.mark.parametrize("htmx", [False, True])
def test_rating_a_held_answer_gets_the_same_reply_whether_it_was_right_or_wrong(make, learner, learner_client,
                                                                                 htmx):
    from django.contrib.messages import get_messages

    from quiz.progress.models import ReviewLog

    right, wrong = make.question(), make.question()
    items = [one_question_set(learner, learner_client, right, True),
             one_question_set(learner, learner_client, wrong, False)]
    exam = open_exam(learner, right, wrong, make=make)
    headers = {"HX-Request": "true"} if htmx else {}
    replies = []
    for item in items:
        response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "easy"}, headers=headers)
        said = [str(m) for m in get_messages(response.wsgi_request)]
        replies.append((response.status_code, response.content.decode().replace(str(item.pk), "#"), said))
        if not htmx:
            learner_client.get(response["Location"])  # the page says the message (and uses it up)
    assert replies[0] == replies[1]
    assert "Only a right answer" not in str(replies[0]) and HELD in str(replies[0])
    assert set(ReviewLog.objects.values_list("rating", flat=True)) == {1, 3}  # nothing rated meanwhile

    submit(exam)
    response = learner_client.post(f"/progress/rate/{items[0].pk}/", {"rating": "easy"}, headers=headers)
    assert HELD not in response.content.decode()
    assert ReviewLog.objects.get(attempt_item=items[0]).rating == 4


def test_the_review_export_does_not_say_how_a_held_question_was_answered(make, learner, learner_client):
    question, other = make.question(), make.question()
    one_question_set(learner, learner_client, question, False)
    one_question_set(learner, learner_client, other, False)
    exam = open_exam(learner, question, make=make)

    def exported():
        body = b"".join(learner_client.get("/progress/export.csv").streaming_content).decode()
        rows = {r["question"]: r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
        data = json.loads(learner_client.get("/progress/export.json").content)
        review = next(r for r in data["reviews"] if r["question"] == str(question.uid))
        card = next(c for c in data["cards"] if c["question"] == str(question.uid))
        return rows, review, card

    rows, review, card = exported()
    held = rows[str(question.uid)]
    assert [held[c] for c in ("rating", "correct", "stability_days", "next_due")] == ["", "", "", ""]
    assert held["reviewed_at"] and held["topic"]  # what was done and when stays
    assert rows[str(other.uid)]["rating"] == "again" and rows[str(other.uid)]["correct"] == "False"
    assert [review[k] for k in ("rating", "correct", "stability_days", "next_due")] == [None] * 4
    assert [card[k] for k in ("due", "stability", "difficulty", "lapses", "state")] == [None] * 5

    submit(exam)
    rows, review, card = exported()
    assert rows[str(question.uid)]["rating"] == "again" and rows[str(question.uid)]["correct"] == "False"
    assert review["correct"] is False and card["due"] is not None


def test_a_practice_sets_score_waits_for_the_end_of_the_exam_that_asks_its_question(make, learner,
                                                                                     learner_client):
    question = make.question()
    item = one_question_set(learner, learner_client, question, True)
    uid = str(item.attempt.uid)
    exam = open_exam(learner, question, make=make)
    score_held = "Your score is shown once your exam in progress ends: it asks some of the same questions."

    summary = learner_client.get(f"/quiz/practice/{uid}/summary/").content.decode()
    assert "1 of 1 right" not in summary and "Score by domain" not in summary and score_held in summary
    index = learner_client.get("/quiz/").content.decode()
    assert "1 of 1 right" not in index and score_held in index
    data = json.loads(learner_client.get("/progress/export.json").content)
    record = next(a for a in data["attempts"] if a["attempt"] == uid)
    assert record["correct"] is None and record["scaled_score"] is None
    rows = csv.DictReader(io.StringIO(
        learner_client.get("/progress/export.answers.csv").content.decode().lstrip("\ufeff")))
    assert next(r for r in rows if r["attempt"] == uid)["scaled_score"] == ""

    submit(exam)
    summary = learner_client.get(f"/quiz/practice/{uid}/summary/").content.decode()
    assert "1 of 1 right" in summary and "Score by domain" in summary and score_held not in summary
    index = learner_client.get("/quiz/").content.decode()
    assert "1 of 1 right" in index and score_held not in index
    data = json.loads(learner_client.get("/progress/export.json").content)
    assert next(a for a in data["attempts"] if a["attempt"] == uid)["correct"] == 1


def test_the_set_list_asks_whether_a_score_waits_only_while_an_exam_is_open(make, learner, learner_client):
    """Most learners have no exam open: the list of finished sets then has no open-exam column (on PostgreSQL
    its subquery read every answer ever given to the exam's questions), and asks no more queries for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    question = make.question()
    one_question_set(learner, learner_client, question, True)

    def listed():
        with CaptureQueriesContext(connection) as context:
            assert learner_client.get("/quiz/").status_code == 200
        return [query["sql"] for query in context.captured_queries]

    closed = listed()
    assert not any('"score_held"' in sql for sql in closed)
    exam = open_exam(learner, question, make=make)
    held = listed()
    # the same queries (session, user, overdue attempts, sets in progress, finished count, finished page), one
    # with the column
    assert len(held) == len(closed) and sum('"score_held"' in sql for sql in held) == 1
    # a scalar subquery per listed set: PostgreSQL plans an EXISTS there as one hashed pass over every answer
    # ever given to the exam's questions
    assert not any("EXISTS" in sql.upper() for sql in held if '"score_held"' in sql)
    submit(exam)
    assert len(listed()) == len(closed)


def test_a_held_result_offers_no_wrong_answers_filter_that_would_say_none_were_wrong(make, learner, learner_client):
    asked_again, other = make.question(), make.question()
    earlier, _created = attempts.start_exam(learner, exam_of(make, asked_again, other, slug="earlier"), "en")
    for item in earlier.items.all():
        learner_client.post(f"/quiz/attempts/{earlier.uid}/{item.position + 1}/", {"choice": answer(item, False)})
    submit(earlier)
    exam = open_exam(learner, asked_again, make=make)

    result = learner_client.get(f"/quiz/attempts/{earlier.uid}/result/").content.decode()
    assert "0 of 2 right" in result and "Wrong or not answered" not in result
    filtered = learner_client.get(f"/quiz/attempts/{earlier.uid}/result/?show=wrong").content.decode()
    assert filtered.count('class="review-item held"') == 2 and "No question to show here." not in filtered

    submit(exam)
    result = learner_client.get(f"/quiz/attempts/{earlier.uid}/result/").content.decode()
    assert "Wrong or not answered (2)" in result
