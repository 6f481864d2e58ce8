"""The header's badge, the dashboard and the review page tell one story of what is due: the demo walkthrough (a
practice set with wrong answers, an exam, a review set begun and left) read "Review 17" in the header and
"Continue your review: 4 questions left" on the same dashboard, with nothing saying why."""

import re
from datetime import timedelta

from django.utils import timezone

from quiz.attempts import LABELS, start_practice
from quiz.models import Attempt
from quiz.progress.models import ReviewCard


def badge(client):
    found = re.search(r"data-review-due[^>]*>(\d+)<", client.get("/progress/due-count/").content.decode())
    return int(found.group(1)) if found else 0


def due_on_dashboard(html):
    return int(re.search(r"data-due-now>(\d+)", html).group(1))


def due_on_review_page(html):
    return int(re.search(r"(\d+) questions? (?:is|are) due for review\.", html).group(1))


def answer(client, attempt, position, *, right):
    """Answer the practice item at ``position`` (1-based) through the practice view, right or wrong."""
    item = attempt.items.get(position=position - 1)
    index = next(i for i, option in enumerate(item.options) if option["correct"] == right)
    response = client.post(f"/quiz/practice/{attempt.uid}/{position}/", {"choice": LABELS[index]})
    assert response.status_code == 302


def minutes_pass(user):
    """The learning steps (1 and 10 minutes) run out: every card they hold falls due."""
    now = timezone.now()
    ReviewCard.objects.filter(user=user, due__lt=now + timedelta(minutes=15)).update(due=now - timedelta(seconds=1))


def practice_and_exam(user, client, make, answering):
    """The walkthrough's first half: a practice set of four (two wrong) and an exam of four (two wrong)."""
    topic = make.topic()
    questions = [make.question(topic) for _ in range(8)]
    practice = start_practice(user, questions[:4], "en")
    for position in range(1, 5):
        answer(client, practice, position, right=position % 2 == 0)
    now = timezone.now()
    exam = answering.attempt(user, mode="exam", when=now, state="submitted", submitted_at=now)
    for n, question in enumerate(questions[4:]):
        answering.answer(user, question, correct=n % 2 == 0, when=now, mode="exam", attempt=exam)


def test_a_review_set_left_midway_says_why_more_are_due_than_it_has_left(learner, learner_client, make, answering):
    practice_and_exam(learner, learner_client, make, answering)
    minutes_pass(learner)
    assert badge(learner_client) == 8
    learner_client.post("/progress/review/")
    review_set = Attempt.objects.get(user=learner, origin="review")
    dashboard = learner_client.get("/progress/").content.decode()
    assert "Continue your review: 8 questions left" in dashboard
    assert "data-review-set-note" not in dashboard  # the set holds every due question: nothing to explain

    for position in range(1, 6):  # five answered, three of them wrong, three left
        answer(learner_client, review_set, position, right=position in (2, 4))
    minutes_pass(learner)  # the three answered wrong are due again

    dashboard = learner_client.get("/progress/").content.decode()
    review_page = learner_client.get("/progress/review/").content.decode()
    # one number of questions due now everywhere: the set's three left and the three answered wrong in it
    assert badge(learner_client) == due_on_dashboard(dashboard) == due_on_review_page(review_page) == 6
    # the button says what is left of the set it resumes, and why that is fewer than "due now"
    for html in (dashboard, review_page):
        assert "Continue your review: 3 questions left" in html
        assert ('<small id="review-set-note" data-review-set-note>Due questions not in the set you began come in '
                'your next review set.</small>') in html
    # reviews done today are the set's five answers: the first answers in the practice set and the exam are not
    assert "<dd>5 / 100" in dashboard and "Today: 5 of at most 100 reviews done." in review_page


def test_due_questions_answered_outside_the_review_queue_are_said_to_count_as_reviews_done(
        learner, learner_client, make, answering):
    practice_and_exam(learner, learner_client, make, answering)
    assert "data-done-today-note" not in learner_client.get("/progress/").content.decode()  # first answers: none
    minutes_pass(learner)
    again = start_practice(learner, Attempt.objects.get(user=learner, mode="practice").items
                           .values_list("question_id", flat=True), "en")
    answer(learner_client, again, 1, right=True)
    answer(learner_client, again, 2, right=False)

    dashboard = learner_client.get("/progress/").content.decode()

    assert not Attempt.objects.filter(user=learner, origin="review").exists()
    assert re.search(r"<dd>2 / 100</dd>\s*<dd><small data-done-today-note>\(answers in practice and exams count "
                     r"too when the question was due\)</small></dd>", dashboard)
