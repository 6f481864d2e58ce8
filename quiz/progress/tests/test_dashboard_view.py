"""The dashboard page: numbers from aggregates, a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quiz.models import Attempt
from quiz.progress.models import ReviewCard

URL = "/progress/"


def seed(make, answering, user, topics=2, per_topic=3, days=3):
    now = timezone.now()
    for t in range(topics):
        topic = make.topic(domain=["dns", "storage", "security"][t % 3])
        for _ in range(per_topic):
            question = make.question(topic)
            for d in range(days):
                answering.answer(user, question, correct=(d + t) % 2 == 0, when=now - timedelta(days=10 - 3 * d))


def exam(answering, user, score, when):
    return answering.attempt(user, mode="exam", when=when, state="submitted", submitted_at=when,
                             scaled_score=score, raw_score=0, item_count=5, passed=score >= 720, title="Mock exam")


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_an_empty_dashboard_renders_with_nothing_due(learner_client):
    response = learner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No exams taken yet." in html
    assert 'data-days-active>0<' in html


def test_it_is_not_kept_by_the_browser_so_back_from_a_review_question_shows_the_counts_now(learner_client):
    # a phone's back-forward cache showed "Continue your review: 17 questions left" with 16 left
    assert "no-store" in learner_client.get(URL)["Cache-Control"]


def test_a_new_learner_is_told_to_start_practising_instead_of_empty_charts(learner_client, make):
    make.question(make.topic(domain="dns"))  # a topic to practise: "weakest" would name it

    html = learner_client.get(URL).content.decode()

    assert "You have not answered any questions yet." in html
    assert '<a href="/quiz/practice/" role="button">Start practising</a>' in html
    assert "Practise my weakest topics" not in html
    assert "Nothing is due for review right now." not in html  # the intro says where reviews come from
    assert 'id="forecast-h"' not in html and 'id="accuracy-h"' not in html
    assert 'id="readiness-h"' in html and 'id="mastery-h"' in html


def test_a_new_learner_with_assignments_is_sent_to_the_first_one_they_can_start(
        learner, learner_client, instructor, django_assert_num_queries, settings):
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Quiz

    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()  # no topic is made here to make another test's shared data stale
    now = timezone.now()
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    quizzes = [  # soonest due first: the first two cannot be started
        Quiz.objects.create(title="Old check", slug="old", closes_at=now - timedelta(days=1)),
        Quiz.objects.create(title="Draft check", slug="draft", published=False),
        Quiz.objects.create(title="Week 1 practice", slug="week-1-practice", mode="practice"),
        Quiz.objects.create(title="Week 1 exam", slug="week-1-exam"),
    ]
    for days, quiz in enumerate(quizzes, start=1):
        Assignment.objects.create(classroom=classroom, quiz=quiz, due_at=now + timedelta(days=days))

    # as test_the_number_of_queries_does_not_grow_with_the_data: the intro's link reads the class assignments
    # (one query) the list above it shows; then from the cache
    with django_assert_num_queries(8):
        html = learner_client.get(URL).content.decode()
    intro = html.split("data-first-steps>")[1].split("</article>")[0]
    with django_assert_num_queries(2):
        assert intro in learner_client.get(URL).content.decode()
    assert "You have not answered any questions yet. Start with your assignments:" in intro
    assert ('<a href="/quiz/exams/week-1-practice/" role="button" data-first-assignment>'
            'Start Week 1 practice</a>') in intro
    assert '<a href="/quiz/practice/">Practise on your own</a>' in intro
    assert "Start practising" not in intro


def test_after_the_first_answer_the_dashboard_shows_its_charts_and_no_intro(learner, learner_client, make,
                                                                            answering):
    answering.answer(learner, make.question(make.topic(domain="dns")), correct=True)

    html = learner_client.get(URL).content.decode()

    assert "You have not answered any questions yet." not in html
    assert "Practise my weakest topics" in html
    assert 'id="forecast-h"' in html and 'id="accuracy-h"' in html


def test_the_readiness_verdict_is_not_read_into_the_sentence_after_it(learner, learner_client, make, answering):
    topic = make.topic(domain="dns")
    for _ in range(5):
        answering.answer(learner, make.question(topic), correct=False, when=timezone.now())
    html = learner_client.get(URL).content.decode()
    assert '<strong data-verdict="not_yet">Not yet</strong>:' in html  # not "Not yet estimated score today"


def test_a_new_learner_is_told_how_many_questions_to_answer_not_a_readiness_score(learner, learner_client, make,
                                                                                   answering):
    dns, storage = make.topic(domain="dns"), make.topic(domain="storage")
    questions = [make.question(dns) for _ in range(8)] + [make.question(storage) for _ in range(2)]
    html = learner_client.get(URL).content.decode()
    verdict = html.split('class="readiness-verdict">')[1].split("</p>")[0]
    assert verdict == ('<strong data-verdict="not_enough">Not enough answers yet</strong>: to estimate your exam '
                       "score, answer 7 more questions you have not answered before (the table shows how many in "
                       "each domain).")  # five DNS questions, and both storage ones
    assert "estimated score today" not in html and "Not yet" not in html
    rows = html.split('id="readiness-h"')[1].split("</tbody>")[0]
    assert "<td>0 / 8</td>\n        <td>Answer 5 more questions</td>" in rows
    assert "<td>0 / 2</td>\n        <td>Answer 2 more questions</td>" in rows

    for question in questions[:2]:  # answering a question twice is no more evidence than once
        answering.answer(learner, question, correct=True, when=timezone.now())
        answering.answer(learner, question, correct=True, when=timezone.now())
    html = learner_client.get(URL).content.decode()
    assert "answer 5 more questions you have not answered before" in html
    assert "<td>2 / 8</td>\n        <td>Answer 3 more questions</td>" in html

    for question in questions[2:]:
        answering.answer(learner, question, correct=True, when=timezone.now())
    html = learner_client.get(URL).content.decode()
    assert 'data-verdict="not_enough"' not in html and "estimated score today" in html


def test_a_mock_exam_submitted_blank_is_no_evidence_for_a_readiness_verdict(learner, learner_client, make,
                                                                             answering):
    from quiz.models import AttemptItem
    from quiz.progress.reviews import record_answers

    topic = make.topic(domain="dns")
    questions = [make.question(topic) for _ in range(6)]
    exam = answering.attempt(learner, mode="exam")
    blanks = [answering.item(exam, question, correct=False) for question in questions]
    AttemptItem.objects.filter(pk__in=[b.pk for b in blanks]).update(answered_at=None, chosen=[])
    record_answers(list(AttemptItem.objects.filter(attempt=exam).select_related("attempt")))
    assert not ReviewCard.objects.filter(user=learner).exists()  # questions never tried are no reviews

    html = learner_client.get(URL).content.decode()
    assert 'data-verdict="not_enough"' in html and "answer 5 more questions you have not answered" in html
    assert "<td>0 / 6</td>\n        <td>Answer 5 more questions</td>" in html
    assert "<td>0 / 6</td></tr>" in html  # mastery's "Questions answered" too

    for question in questions[:5]:
        answering.answer(learner, question, correct=True, when=timezone.now())
    html = learner_client.get(URL).content.decode()
    assert 'data-verdict="not_enough"' not in html and "<td>5 / 6</td>" in html


def test_it_shows_mastery_readiness_activity_and_exams(learner, learner_client, make, answering):
    seed(make, answering, learner)
    exam(answering, learner, 650, timezone.now() - timedelta(days=2))
    exam(answering, learner, 790, timezone.now() - timedelta(days=1))
    response = learner_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["days_active"] == 3
    assert response.context["answers_total"] == 18
    assert [e["scaled_score"] for e in response.context["exams"]] == [650, 790]
    assert response.context["readiness"].verdict in {"likely_pass", "borderline", "not_yet"}
    assert len(response.context["topic_rows"]) == 2
    assert "<svg" in html and "chart-reference" in html  # the exam chart has its pass line
    assert "Mock exam" in html and "790" in html
    assert "<script>" not in html and ' style="' not in html


def test_one_right_answer_is_too_few_for_a_mastery_level_or_score(learner, learner_client, make, answering):
    # a one-question topic answered right once in an exam read "Proficient · 100%", topic and domain alike
    question = make.question(make.topic(name="Route 53", domain="storage"))
    now = timezone.now()
    answering.answer(learner, question, mode="exam", when=now - timedelta(hours=1))
    html = learner_client.get(URL).content.decode()
    table = html[html.index('<table class="mastery-table">'):]
    table = table[:table.index("</table>")]
    assert '<span class="level level-started">Just started</span></caption>' in table  # no score beside it
    assert '<td><span class="level level-started">Just started</span></td><td>4 more answers needed</td>' in table
    assert "Proficient" not in table and "100%" not in table
    assert "Just started: fewer than 5 answers to the topic's questions so far" in html
    # answered again in its reviews: enough evidence, and the level and score show
    for days_ago in (30, 20, 12, 5):
        answering.answer(learner, question, when=now - timedelta(days=days_ago))
    html = learner_client.get(URL).content.decode()
    assert "level-started" not in html[html.index('<table class="mastery-table">'):]


def test_the_accuracy_rounds_halves_up_as_every_percentage_does(learner, learner_client, make, answering):
    """5 of 8 answers right is 62.5 %: 63 %, as the exam result and the instructor's pass rate round it
    (``widthratio`` rounded it half to even, 62 %)."""
    now = timezone.now()
    for i in range(8):
        answering.answer(learner, make.question(), correct=i < 5, when=now - timedelta(days=1))
    html = learner_client.get(URL).content.decode()
    assert "<dd>63%</dd>" in html and "62%" not in html


def test_other_learners_answers_are_not_on_my_dashboard(learner_client, other_learner, make, answering):
    seed(make, answering, other_learner)
    exam(answering, other_learner, 900, timezone.now())
    response = learner_client.get(URL)
    assert response.context["answers_total"] == 0
    assert response.context["exams"] == []
    assert all(row.seen == 0 for row in response.context["topic_rows"])


def test_due_reviews_show_as_a_button_and_in_the_forecast(learner, learner_client, make, answering):
    seed(make, answering, learner, topics=1, per_topic=2, days=1)
    ReviewCard.objects.filter(user=learner).update(due=timezone.now() - timedelta(hours=1))
    response = learner_client.get(URL)
    assert response.context["due_now"] == 2
    assert response.context["forecast"][0]["due"] == 2
    assert "Review 2 due questions" in response.content.decode()


def test_the_review_button_names_the_set_it_starts_not_every_due_question(learner, learner_client, make,
                                                                          answering):
    from quiz.progress.views import REVIEW_SET_SIZE

    seed(make, answering, learner, topics=1, per_topic=REVIEW_SET_SIZE + 5, days=1)
    ReviewCard.objects.filter(user=learner).update(due=timezone.now() - timedelta(hours=1))
    html = learner_client.get(URL).content.decode()
    # the review queue starts a set of 20, not 25, and the button says how many are due (the header's count)
    assert f"Review {REVIEW_SET_SIZE} of 25 due questions" in html
    assert "Review 25 due questions" not in html

    learner_client.post("/progress/review/")
    assert Attempt.objects.get(user=learner, origin="review").item_count == REVIEW_SET_SIZE


def test_the_review_button_of_a_set_begun_earlier_says_how_many_questions_are_left_in_it(
        learner, learner_client, make, answering, django_assert_num_queries, settings):
    """It said "Review 10 due questions" (or, before the first answer, "Review 20 of 25") and the click resumed
    the set begun earlier, whose page said "Continue your review: 5 questions left"."""
    from quiz.progress.views import REVIEW_SET_SIZE

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    seed(make, answering, learner, topics=1, per_topic=REVIEW_SET_SIZE + 5, days=1)
    ReviewCard.objects.filter(user=learner).update(due=timezone.now() - timedelta(hours=1))
    assert f"Review {REVIEW_SET_SIZE} of 25 due questions" in learner_client.get(URL).content.decode()  # cached
    learner_client.post("/progress/review/")
    attempt = Attempt.objects.get(user=learner, origin="review")
    assert f"Continue your review: {REVIEW_SET_SIZE} questions left" in learner_client.get(URL).content.decode()
    for position in range(1, 16):
        learner_client.post(f"/quiz/practice/{attempt.uid}/{position}/", {"choice": "A"})
    response = learner_client.get(URL)
    html = response.content.decode()
    assert "Continue your review: 5 questions left" in html and "due questions" not in html
    assert "Continue your review: 5 questions left" in learner_client.get("/progress/review/").content.decode()
    assert response.context["due_now"] == 10  # the set's 5 left among them, once: the header's count
    with django_assert_num_queries(2):  # from the cache, as without a set
        assert "Continue your review: 5 questions left" in learner_client.get(URL).content.decode()

    attempt.items.filter(answered_at__isnull=True).update(answered_at=timezone.now(), chosen=["A"], correct=True)
    html = learner_client.get(URL).content.decode()  # every question answered: the click starts a new set
    assert "Continue your review" not in html and "Review 10 due questions" in html


@pytest.mark.parametrize("size", [1, 4])
def test_the_number_of_queries_does_not_grow_with_the_data(size, learner, learner_client, make, answering,
                                                           django_assert_num_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    seed(make, answering, learner, topics=size, per_topic=size, days=size)
    for i in range(size):
        exam(answering, learner, 500 + 50 * i, timezone.now() - timedelta(days=i))
    # session with its user, freshness (also the daily cap, today's reviews and the next card falling due), live
    # topics, mock exam blueprint, the learner's counts (card aggregates per topic, due forecast and answers
    # per day in one statement), exam scores, class assignments, answered questions no longer asked
    with django_assert_num_queries(8):
        response = learner_client.get(URL)
    assert response.status_code == 200
    # Unchanged data: session with its user, freshness; the rest comes from the cache.
    with django_assert_num_queries(2):
        again = learner_client.get(URL)
    assert again.content.split(b"<main")[1].count(b"<tr") == response.content.split(b"<main")[1].count(b"<tr")


def test_readiness_weights_domains_as_the_mock_exam_blueprint_says(learner, learner_client, make, answering):
    from quiz.attempts import mock_exam
    from quiz.models import Quiz

    dns, storage = make.topic(domain="dns"), make.topic(domain="storage")
    answering.answer(learner, make.question(dns), correct=True, when=timezone.now())
    for _ in range(3):
        make.question(dns)
    make.question(storage)
    # a 5-question exam: the bank has the 4 DNS and 1 storage question these weights ask for
    mock_exam()  # a test database flushed by an earlier transactional test has none to update
    Quiz.objects.filter(slug=Quiz.MOCK_EXAM_SLUG).update(rules={"weights": {"dns": 80, "storage": 20}},
                                                         question_count=5)
    readiness = learner_client.get(URL).context["readiness"]
    assert [(d.domain, d.weight_percent) for d in readiness.domains] == [("dns", 80), ("storage", 20)]
    dns_row, storage_row = readiness.domains
    assert readiness.estimate == pytest.approx(0.8 * dns_row.estimate + 0.2 * storage_row.estimate)
    assert storage_row.estimate == pytest.approx(0.25)


def test_exam_weights_are_the_share_of_questions_the_mock_exam_draws_from_each_domain(learner, learner_client,
                                                                                      make):
    from quiz.attempts import mock_exam
    from quiz.models import Quiz

    dns, storage = make.topic(domain="dns"), make.topic(domain="storage")
    for _ in range(6):
        make.question(dns)
    make.question(storage)
    mock_exam()  # a test database flushed by an earlier transactional test has none to update
    Quiz.objects.filter(slug=Quiz.MOCK_EXAM_SLUG).update(rules={}, question_count=7)
    # even weights, but the bank has one storage question: the exam asks 6 DNS questions and 1 storage one
    readiness = learner_client.get(URL).context["readiness"]
    assert [(d.domain, d.weight_percent) for d in readiness.domains] == [("dns", 86), ("storage", 14)]


@pytest.mark.parametrize("language, label", [("en", "Accuracy"), ("ja", "正答率"), ("ko", "정답률")])
def test_the_share_of_right_answers_is_labelled_as_a_rate_not_as_right(learner, learner_client, make, answering,
                                                                         language, label):
    """The summary figure and the day table's column are percentages: "Right" (正解 / 정답) read as a verdict."""
    seed(make, answering, learner, topics=1, per_topic=1, days=2)
    html = learner_client.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<dt>{label}</dt>" in html and f'<th scope="col">{label}</th>' in html


def test_the_dates_of_a_render_are_formatted_once_per_process_not_once_per_render(learner, learner_client, make,
                                                                                   answering, monkeypatch):
    """Chart labels and table rows write 60 to 130 dates, the same days for every learner: Django's formatter
    parses the format on each call (about 1 ms a render on the bench learner)."""
    from django.core.cache import cache
    from django.utils import dateformat

    seed(make, answering, learner)
    exam(answering, learner, 800, timezone.now() - timedelta(days=2))
    learner_client.get(URL)
    calls = []
    real = dateformat.format
    monkeypatch.setattr(dateformat, "format", lambda *args: calls.append(args) or real(*args))
    cache.clear()  # rendered again, the same days
    html = learner_client.get(URL).content.decode()
    today = timezone.localdate()
    assert f"{today.month}/{today.day}" in html  # the charts' labels are there, ...
    assert calls == []  # ... written without formatting them again
