"""/progress/review/: GET says what is due; POST starts a practice set of the due questions."""

import re
from datetime import timedelta

from django.utils import timezone

from quiz.models import Attempt
from quiz.progress.models import ReviewCard

URL = "/progress/review/"


def make_due(make, answering, user, n):
    questions = [make.question() for _ in range(n)]
    for q in questions:
        answering.answer(user, q, correct=True, when=timezone.now() - timedelta(days=3))
    ReviewCard.objects.filter(user=user).update(due=timezone.now() - timedelta(minutes=5))
    return questions


def three_due_and_done_today_with_a_limit_of_two(make, answering, user):
    from quiz.progress.models import LearnerSettings, ReviewLog

    make_due(make, answering, user, 3)
    LearnerSettings.objects.create(user=user, daily_review_cap=2)
    ReviewLog.objects.filter(user=user).update(was_due=True, reviewed_at=timezone.now())  # 3 done today


def test_it_says_when_nothing_is_due(learner_client):
    response = learner_client.get(URL)
    assert response.status_code == 200
    assert "Nothing is due for review right now." in response.content.decode()


def test_it_is_not_kept_by_the_browser_so_back_from_a_review_question_shows_the_questions_left_now(
        learner_client):
    assert "no-store" in learner_client.get("/progress/review/")["Cache-Control"]


def test_a_new_learner_is_told_where_reviews_come_from(learner_client):
    html = learner_client.get(URL).content.decode()
    assert "Questions you answer in practice come back here when it is time to review them." in html
    assert '<a href="/quiz/practice/" role="button" data-start-practice>Start practising</a>' in html


def test_a_learner_with_a_review_ahead_is_not_sent_to_practice(learner, learner_client, make, answering):
    answering.answer(learner, make.question(), correct=True, when=timezone.now())  # due on a later day
    html = learner_client.get(URL).content.decode()
    assert "The next review falls due in" in html
    assert "data-start-practice" not in html


def test_a_learner_done_for_now_is_offered_their_weakest_topics_not_a_dead_end(learner, learner_client, make,
                                                                               answering):
    question = make.question()
    answering.answer(learner, question, correct=False, when=timezone.now())
    ReviewCard.objects.filter(user=learner).update(due=timezone.now() + timedelta(hours=2))
    html = learner_client.get(URL).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)" data-meanwhile>.*?</form>', html, re.S)
    assert form and form.group(1) == "/progress/weakest/" and "Practise my weakest topics" in form.group(0)
    response = learner_client.post(form.group(1))
    attempt = Attempt.objects.get(user=learner, origin="weakest")
    assert response["Location"] == attempt.get_absolute_url()
    assert list(attempt.items.values_list("question_id", flat=True)) == [question.pk]


def test_posting_starts_a_practice_set_of_the_due_questions_and_redirects_to_it(learner, learner_client, make,
                                                                                 answering):
    questions = make_due(make, answering, learner, 3)
    assert "3 questions are due for review." in learner_client.get(URL).content.decode()
    response = learner_client.post(URL)
    attempt = Attempt.objects.filter(user=learner, origin="review").get()
    assert response.status_code == 302
    assert response["Location"] == attempt.get_absolute_url()
    assert attempt.mode == "practice"
    assert sorted(attempt.items.values_list("question_id", flat=True)) == sorted(q.pk for q in questions)


def test_review_and_weakest_sets_are_named_in_the_language_of_the_page_not_the_one_they_were_started_in(
        learner, learner_client, make, answering):
    make_due(make, answering, learner, 2)
    learner_client.post(URL, HTTP_ACCEPT_LANGUAGE="ja")
    learner_client.post("/progress/weakest/", HTTP_ACCEPT_LANGUAGE="ja")
    assert set(Attempt.objects.filter(origin__in=["review", "weakest"]).values_list("title", flat=True)) == {
        "Review", "My weakest topics"}  # msgids, translated when shown
    html = learner_client.get("/quiz/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ">복습</a> · " in html and ">취약한 토픽</a> · " in html
    assert "復習" not in html and "苦手" not in html


def test_posting_with_nothing_due_starts_nothing(learner, learner_client):
    response = learner_client.post(URL, follow=True)
    assert "Nothing is due for review right now." in response.content.decode()
    assert not Attempt.objects.filter(user=learner).exists()


def test_the_nav_count_comes_from_the_context_processor_and_is_lazy(learner, learner_client, make, answering,
                                                                    rf):
    from quiz.progress.context_processors import review_due

    make_due(make, answering, learner, 2)
    request = rf.get("/")
    request.user = learner
    count = review_due(request)["review_due_count"]
    assert int(str(count)) == 2
    assert learner_client.get(URL).context["review_due_count"] == 2


def test_practise_my_weakest_topics_starts_a_set_from_the_lowest_mastery_topics(learner, learner_client, make,
                                                                                answering):
    weak, strong = make.topic(name="Weak"), make.topic(name="Strong")
    weak_questions = [make.question(weak) for _ in range(2)]
    strong_questions = [make.question(strong) for _ in range(2)]
    answering.answer(learner, weak_questions[0], correct=False)
    for q in strong_questions:
        answering.answer(learner, q, correct=True)
    response = learner_client.post("/progress/weakest/")
    attempt = Attempt.objects.get(user=learner, origin="weakest")
    assert response.status_code == 302 and response["Location"] == attempt.get_absolute_url()
    topics = set(attempt.items.values_list("topic_slug", flat=True))
    assert weak.slug in topics


def test_the_weakest_button_needs_a_post(learner_client):
    assert learner_client.get("/progress/weakest/").status_code == 405


def test_the_header_badge_shows_the_due_count_in_a_constant_number_of_queries(learner, learner_client, make,
                                                                              answering, django_assert_num_queries):
    make_due(make, answering, learner, 3)
    # session with its user, due cards with the daily cap and today's reviews
    with django_assert_num_queries(2):
        response = learner_client.get("/progress/due-count/", headers={"HX-Request": "true"})
    assert 'data-review-due' in response.content.decode() and ">3</mark>" in response.content.decode()
    # the link reads "Review, 3 questions due for review", not "Review 3": the number alone is hidden from it
    assert 'aria-hidden="true">3</mark><span class="sr-only">3 questions due for review</span>' in (
        response.content.decode())
    make_due(make, answering, learner, 5)
    with django_assert_num_queries(2):
        assert ">8</mark>" in learner_client.get("/progress/due-count/").content.decode()


def test_the_header_badge_is_empty_when_nothing_is_due_or_logged_out(learner_client, client):
    assert learner_client.get("/progress/due-count/").content.decode().strip() == ""
    learner_client.logout()
    response = client.get("/progress/due-count/")
    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_the_review_page_runs_a_constant_number_of_queries(learner, learner_client, make, answering,
                                                           django_assert_num_queries):
    make_due(make, answering, learner, 2)
    # session with its user, exams waiting for their reviews (catch_up_reviews), due cards with the daily cap and
    # today's reviews, next due
    with django_assert_num_queries(4):
        learner_client.get(URL)
    make_due(make, answering, learner, 6)
    with django_assert_num_queries(4):
        assert "8 questions are due for review." in learner_client.get(URL).content.decode()


def test_practise_my_weakest_topics_with_no_questions_says_so_and_starts_nothing(learner, learner_client):
    response = learner_client.post("/progress/weakest/", follow=True)
    assert "There are no questions to practise here yet." in response.content.decode()
    assert not Attempt.objects.filter(user=learner).exists()


def test_a_second_post_resumes_todays_unfinished_review_set_instead_of_starting_another(learner, learner_client,
                                                                                        make, answering):
    make_due(make, answering, learner, 2)
    first = learner_client.post(URL)
    second = learner_client.post(URL)
    attempt = Attempt.objects.get(user=learner, origin="review")
    assert first["Location"] == second["Location"] == attempt.get_absolute_url()
    attempt.items.update(answered_at=timezone.now(), chosen=["A"], correct=True)
    learner_client.post(URL)  # every item answered: what is (still) due makes a new set
    assert Attempt.objects.filter(user=learner, origin="review").count() == 2


def test_a_review_set_begun_before_the_learners_midnight_is_resumed_after_it(learner, learner_client, make,
                                                                             answering, monkeypatch):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    before_midnight = datetime(2026, 12, 1, 7, 50, tzinfo=dt_timezone.utc)  # 23:50 in Los Angeles
    monkeypatch.setattr(timezone, "now", lambda: before_midnight)
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "America/Los_Angeles"})
    make_due(make, answering, learner, 3)
    first = learner_client.post(URL)
    monkeypatch.setattr(timezone, "now", lambda: before_midnight + timedelta(minutes=15))  # 00:05, the next day
    second = learner_client.post(URL)
    # before: a second set of the same three questions, and two review sets in progress
    assert Attempt.objects.filter(user=learner, origin="review").count() == 1
    assert first["Location"] == second["Location"]


def test_the_button_of_a_set_it_would_resume_says_how_many_questions_are_left_in_it(
        learner, learner_client, make, answering, django_assert_num_queries):
    """It said "Review 3 questions now" and led to the set begun earlier, with one question left."""
    make_due(make, answering, learner, 3)
    learner_client.post(URL)
    attempt = Attempt.objects.get(user=learner, origin="review")
    first, second, _third = attempt.items.order_by("position")
    for item in (first, second):
        learner_client.post(f"/quiz/practice/{attempt.uid}/{item.position + 1}/", {"choice": "A"})
    html = learner_client.get(URL).content.decode()
    assert "Continue your review: 1 question left" in html and "Review 3 questions now" not in html
    with django_assert_num_queries(4):  # as without a set: the count comes in the due cards' query
        learner_client.get(URL)
    learner_client.post(f"/quiz/practice/{attempt.uid}/3/", {"choice": "A"})
    html = learner_client.get(URL).content.decode()
    assert "Continue your review" not in html


def test_when_todays_cap_is_used_up_it_says_how_many_are_due_and_when_they_come_back(
        learner, learner_client, make, answering):
    three_due_and_done_today_with_a_limit_of_two(make, answering, learner)
    html = learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # "tomorrow" only for as many as one day's limit: 3 at 2 a day take two days
    assert ("3 questions are due, but today's limit of 2 reviews is reached: they come back from tomorrow on, up to "
            "2 a day.") in html
    assert 'You can raise the limit in your <a href="/progress/settings/">review settings</a>.' in html
    assert "Nothing is due" not in html and "falls due in" not in html
    assert "복습할 3문제가" in learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="ko").content.decode()


def test_the_next_review_time_leaves_out_retired_questions(learner, learner_client, make, answering):
    from quiz.models import Question
    from quiz.progress.dashboard import freshness

    retired, live = make_due(make, answering, learner, 2)
    ReviewCard.objects.filter(question=retired).update(due=timezone.now() + timedelta(minutes=10))
    ReviewCard.objects.filter(question=live).update(due=timezone.now() + timedelta(days=3, minutes=5))
    Question.objects.filter(pk=retired.pk).update(status=Question.Status.RETIRED)
    html = learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The next review falls due in 3\xa0days." in html
    # the dashboard's cache may go stale at the retired card's time: a recompute, nothing shown (no join per card)
    assert freshness(learner).next_due == ReviewCard.objects.get(question=retired).due


def test_a_review_due_within_the_minute_is_said_to_come_in_a_minute_not_in_zero_minutes(learner, learner_client,
                                                                                           make, answering):
    # A question answered wrong in practice is due again seconds later: "in 0 minutes" read as a broken clock.
    (question,) = make_due(make, answering, learner, 1)
    ReviewCard.objects.filter(question=question).update(due=timezone.now() + timedelta(seconds=20))
    html = learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The next review falls due in 1\xa0minute." in html
    assert "0\xa0minutes" not in html
    assert "다음 복습은 1분 후입니다." in learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="ko").content.decode()


def test_more_reviews_done_than_todays_limit_is_said_so_not_as_n_of_at_most_fewer(
        learner, learner_client, make, answering):
    # Due questions answered in practice and exams count as reviews too, and the limit may have been lowered:
    # "Today: 3 of at most 2 reviews done" and "3 / 2" read as a mistake.
    from quiz.progress.models import LearnerSettings

    three_due_and_done_today_with_a_limit_of_two(make, answering, learner)
    html = learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Today: 3 reviews done, more than the daily limit of 2." in html and "of at most" not in html
    dashboard = learner_client.get("/progress/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dd>3 (limit 2)</dd>" in dashboard and "3 / 2" not in dashboard
    assert "（上限 2）" in learner_client.get("/progress/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    LearnerSettings.objects.filter(user=learner).update(daily_review_cap=5)
    html = learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Today: 3 of at most 5 reviews done." in html


def test_the_due_count_under_the_cap_says_how_many_more_wait_for_tomorrow(learner, learner_client, make, answering):
    # "2 questions are due" with 5 due and a limit of 2 read as the whole queue
    from quiz.progress.models import LearnerSettings

    make_due(make, answering, learner, 5)
    LearnerSettings.objects.create(user=learner, daily_review_cap=2)
    html = " ".join(learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode().split())
    assert "2 questions are due for review." in html
    assert ("3 more questions are due, held back by today's limit of 2 reviews: they come back from tomorrow on, "
            "up to 2 a day.") in html
    LearnerSettings.objects.filter(user=learner).update(daily_review_cap=50)
    html = " ".join(learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode().split())
    assert "5 questions are due for review." in html and "more question" not in html
    assert "明日に回ります" not in learner_client.get(URL, HTTP_ACCEPT_LANGUAGE="ja").content.decode()


def test_the_sentences_run_on_after_a_japanese_full_stop_and_are_spaced_in_korean_and_english(
        learner, learner_client, make, answering):
    # 「ありません。 次の復習は 1分後です。」: the template's line breaks between the sentences showed as spaces
    (question,) = make_due(make, answering, learner, 1)
    ReviewCard.objects.filter(question=question).update(due=timezone.now() + timedelta(seconds=20))
    pages = {lang: learner_client.get(URL, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
             for lang in ("ja", "ko", "en")}
    assert "ありません。次の復習は" in pages["ja"] and "。 " not in pages["ja"].split("<main")[1].split("</main>")[0]
    assert "없습니다.\n다음 복습은" in pages["ko"]
    assert "right now.\nThe next review" in pages["en"]


def test_the_weakest_topics_are_listed_with_the_languages_separator(learner, learner_client, make, answering):
    for name in ("Alpha", "Beta"):
        answering.answer(learner, make.question(make.topic(name=name)), correct=False)
    pages = {lang: learner_client.get("/progress/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
             for lang in ("ja", "en")}
    assert re.search(r"<small>(Alpha、Beta|Beta、Alpha)</small>", pages["ja"])
    assert re.search(r"<small>(Alpha, Beta|Beta, Alpha)</small>", pages["en"])
