"""The due queue: what is due now, within the daily cap, overflow carried to the next days."""

from datetime import timedelta

from django.utils import timezone

from quiz.progress import reviews
from quiz.progress.dashboard import forecast
from quiz.progress.models import LearnerSettings, ReviewCard, ReviewLog


def cards_due(make, answering, user, n, *, hours_ago=1):
    now = timezone.now()
    questions = [make.question() for _ in range(n)]
    for q in questions:
        answering.answer(user, q, correct=True, when=now - timedelta(days=5))
    for i, q in enumerate(questions):  # the oldest due first
        ReviewCard.objects.filter(user=user, question=q).update(due=now - timedelta(hours=hours_ago + n - i))
    return questions


def test_due_questions_are_the_cards_due_now_most_overdue_first(learner, make, answering):
    questions = cards_due(make, answering, learner, 3)
    later = make.question()
    answering.answer(learner, later, correct=True)  # due in the future
    ReviewCard.objects.filter(question=later).update(due=timezone.now() + timedelta(days=2))
    assert reviews.due_questions(learner) == questions
    assert reviews.due_count(learner) == 3


def test_the_daily_cap_limits_the_queue_and_reviews_done_today_use_it_up(learner, make, answering):
    LearnerSettings.objects.create(user=learner, daily_review_cap=2)
    questions = cards_due(make, answering, learner, 5)
    assert reviews.due_questions(learner) == questions[:2]
    answering.answer(learner, questions[0], correct=True, when=timezone.now())
    assert ReviewLog.objects.filter(question=questions[0]).latest("reviewed_at").was_due
    assert reviews.remaining_today(learner) == 1
    assert reviews.due_questions(learner) == [questions[1]]
    assert reviews.due_count(learner) == 1


def test_retired_and_other_learners_questions_are_not_due(learner, other_learner, make, answering):
    mine = cards_due(make, answering, learner, 2)
    cards_due(make, answering, other_learner, 2)
    mine[0].status = "retired"
    mine[0].save()
    assert reviews.due_questions(learner) == [mine[1]]


def test_the_forecast_spreads_what_the_cap_leaves_out_over_the_next_days(learner, make, answering):
    cards_due(make, answering, learner, 5)
    now = timezone.now()
    days, due_now = forecast(learner, now, cap=2, done_today=0, days=4)
    assert [d["due"] for d in days] == [5, 0, 0, 0]
    assert [(d["shown"], d["carried"]) for d in days] == [(2, 3), (2, 1), (1, 0), (0, 0)]
    assert due_now == 2


def test_days_are_counted_in_the_sites_time_zone(learner, make, answering, settings):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from django.utils import timezone as dj_timezone

    from quiz.progress.dashboard import activity

    settings.TIME_ZONE = "Asia/Tokyo"  # UTC+9, no daylight saving
    late_utc = datetime(2026, 11, 20, 20, 30, tzinfo=dt_timezone.utc)  # 05:30 on the 21st in Tokyo
    answering.answer(learner, make.question(), correct=True, when=late_utc)
    answering.answer(learner, make.question(), correct=False, when=late_utc - timedelta(hours=12))  # 20th
    with dj_timezone.override("Asia/Tokyo"):
        days = activity(learner)
    assert [(d.day.isoformat(), d.total, d.correct) for d in days] == [("2026-11-20", 1, 0), ("2026-11-21", 1, 1)]


def test_the_dashboard_says_todays_cap_is_reached_rather_than_that_nothing_is_due(learner, learner_client, make,
                                                                                 answering):
    LearnerSettings.objects.create(user=learner, daily_review_cap=1)
    questions = cards_due(make, answering, learner, 3)
    html = learner_client.get("/progress/").content.decode()
    assert "Review 1 due question" in html
    answering.answer(learner, questions[0], correct=True, when=timezone.now())  # today's one review
    html = learner_client.get("/progress/").content.decode()
    # not "tomorrow": two or more days when more are held back than one day's limit
    assert ("Today's limit of 1 reviews is reached: the questions still due come back from tomorrow on, up to 1 a "
            "day.") in html
    assert "Nothing is due for review right now." not in html
    # the tile says what is due now (the header's count) and what the limit holds back (the review page:
    # "2 questions are due")
    assert ("<dt>Due for review now</dt><dd data-due-now>0\n    <small data-held-back>(+2 held back by the "
            "daily limit)</small></dd>") in html


def test_the_dashboard_does_not_say_the_cap_is_reached_when_the_questions_due_today_are_not_due_yet(
        learner, learner_client, make, answering, monkeypatch):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    now = datetime(2026, 11, 20, 9, 0, tzinfo=dt_timezone.utc)  # the site's day (UTC) ends in 15 hours
    monkeypatch.setattr(timezone, "now", lambda: now)
    LearnerSettings.objects.create(user=learner, daily_review_cap=2)
    for hours in (1, 2, 3):  # three fall due later today: more than the cap, none yet, no review done
        question = make.question()
        answering.answer(learner, question, correct=True, when=now - timedelta(days=5))
        ReviewCard.objects.filter(user=learner, question=question).update(due=now + timedelta(hours=hours))
    html = learner_client.get("/progress/").content.decode()
    assert "Nothing is due for review right now." in html
    assert "is reached" not in html
    # nothing due now, as the header says; two fit in today's limit later, the third is past it
    assert ("<dd data-due-now>0\n    <small data-later-today>(+2 more later today)</small>\n"
            "    <small data-held-back>(+1 held back by the daily limit)</small>") in html
    html = learner_client.get("/progress/review/").content.decode()
    # the first of the two is "the next review": one more after it
    assert "Nothing is due for review right now." in html and "1 more question falls due later today." in html


def test_the_badge_the_review_button_and_the_tile_tell_one_story(learner, learner_client, make, answering,
                                                                 monkeypatch):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    now = datetime(2026, 11, 20, 9, 0, tzinfo=dt_timezone.utc)  # the site's day (UTC) ends in 15 hours
    monkeypatch.setattr(timezone, "now", lambda: now)
    questions = [make.question() for _ in range(30)]
    for i, question in enumerate(questions):  # 25 due now, 5 falling due later today
        answering.answer(learner, question, correct=True, when=now - timedelta(days=5))
        due = now - timedelta(hours=1) if i < 25 else now + timedelta(hours=2)
        ReviewCard.objects.filter(user=learner, question=question).update(due=due)
    html = learner_client.get("/progress/").content.decode()
    # before: the button said 25 and the tile "Left to review today 30"
    assert "Review 20 of 25 due questions" in html
    assert ("<dt>Due for review now</dt><dd data-due-now>25\n    <small data-later-today>(+5 more later today)"
            "</small></dd>") in html
    assert "held back" not in html
    assert learner_client.get("/progress/due-count/").content.decode().count(">25</mark>") == 1
    html = learner_client.get("/progress/review/").content.decode()
    assert "25 questions are due for review." in html and "5 more questions fall due later today." in html


def due_now_and_later_today(make, answering, learner, monkeypatch, *, now_count, later_count, cap, done=0):
    """``now_count`` cards due an hour ago, ``later_count`` falling due later today (the site's day, UTC, ends in
    15 hours), a daily limit of ``cap`` and ``done`` reviews of due cards done today."""
    from datetime import datetime
    from datetime import timezone as dt_timezone

    now = datetime(2026, 11, 20, 9, 0, tzinfo=dt_timezone.utc)
    monkeypatch.setattr(timezone, "now", lambda: now)
    LearnerSettings.objects.create(user=learner, daily_review_cap=cap)
    for i in range(now_count + later_count + done):
        question = make.question()
        answering.answer(learner, question, correct=True, when=now - timedelta(days=5))
        hours = -1 if i < now_count else 2 if i < now_count + later_count else 24 * 5
        ReviewCard.objects.filter(user=learner, question=question).update(due=now + timedelta(hours=hours))
    ReviewLog.objects.filter(user=learner).update(was_due=False)
    done_ids = list(ReviewLog.objects.filter(user=learner).values_list("pk", flat=True)[:done])
    ReviewLog.objects.filter(pk__in=done_ids).update(was_due=True, reviewed_at=now - timedelta(hours=1))


def pages(client, language="en"):
    def get(url):
        return " ".join(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode().split())
    return get("/progress/"), get("/progress/review/"), get("/progress/due-count/")


def test_the_review_page_holds_back_what_falls_due_later_today_past_the_limit_as_the_dashboard_does(
        learner, learner_client, make, answering, monkeypatch):
    # limit 20, none done, 25 due now, 5 more later today: the dashboard said "+10 held back", the review page
    # "5 more questions are due, held back" and never mentioned the other 5
    due_now_and_later_today(make, answering, learner, monkeypatch, now_count=25, later_count=5, cap=20)
    dashboard, review, badge = pages(learner_client)
    assert "<dd data-due-now>20 <small data-held-back>(+10 held back by the daily limit)</small></dd>" in dashboard
    assert ">20</mark>" in badge
    assert "20 questions are due for review." in review
    assert ("10 more questions due by the end of today are held back by today's limit of 20 reviews: they come back "
            "from tomorrow on, up to 20 a day.") in review
    assert "5 more questions are due" not in review and "later today." not in review


def test_what_falls_due_later_today_past_the_limit_is_held_back_when_nothing_is_due_yet(
        learner, learner_client, make, answering, monkeypatch):
    due_now_and_later_today(make, answering, learner, monkeypatch, now_count=0, later_count=3, cap=2)
    dashboard, review, badge = pages(learner_client)
    assert "(+2 more later today)</small> <small data-held-back>(+1 held back by the daily limit)" in dashboard
    assert "mark" not in badge
    assert "Nothing is due for review right now." in review and "1 more question falls due later today." in review
    assert ("1 more question due by the end of today is held back by today's limit of 2 reviews: it comes back "
            "tomorrow.") in review


def test_the_next_review_is_not_counted_again_among_the_more_falling_due_later_today(
        learner, learner_client, make, answering, monkeypatch):
    # 65 cards, all falling due later today: "The next review falls due in ... 65 more questions fall due
    # later today." read as 66; the dashboard's "0 (+65 more later today)" is right
    due_now_and_later_today(make, answering, learner, monkeypatch, now_count=0, later_count=65, cap=200)
    dashboard, review, badge = pages(learner_client)
    assert "<dd data-due-now>0 <small data-later-today>(+65 more later today)</small></dd>" in dashboard
    assert "The next review falls due in 2 hours. 64 more questions fall due later today." in review


def test_once_the_limit_is_reached_what_falls_due_later_today_comes_back_from_tomorrow(
        learner, learner_client, make, answering, monkeypatch):
    due_now_and_later_today(make, answering, learner, monkeypatch, now_count=0, later_count=5, cap=2, done=2)
    dashboard, review, _badge = pages(learner_client)
    assert "<dd data-due-now>0 <small data-held-back>(+5 held back by the daily limit)</small></dd>" in dashboard
    assert "Today's limit of 2 reviews is reached" in dashboard
    assert ("5 questions are due by the end of today, but today's limit of 2 reviews is reached: they come back "
            "from tomorrow on, up to 2 a day.") in review
    assert "Nothing is due" not in review


def test_exactly_at_the_limit_nothing_is_held_back_on_any_page(learner, learner_client, make, answering,
                                                               monkeypatch):
    due_now_and_later_today(make, answering, learner, monkeypatch, now_count=20, later_count=0, cap=20)
    for language, due in (("en", "20 questions are due for review."), ("ja", "復習予定の問題が 20 問あります。"),
                          ("ko", "복습할 20문제가 있습니다.")):
        dashboard, review, badge = pages(learner_client, language)
        assert "<dd data-due-now>20</dd>" in dashboard and ">20</mark>" in badge
        assert due in review
        assert "data-held-back" not in dashboard and "20 件）を超える" not in review and "한도(20개)를 넘어" not in review


def test_past_the_limit_with_nothing_later_today_both_pages_hold_back_the_same_number(
        learner, learner_client, make, answering, monkeypatch):
    due_now_and_later_today(make, answering, learner, monkeypatch, now_count=25, later_count=0, cap=20)
    for language, held, more in (
            ("en", "(+5 held back by the daily limit)",
             "5 more questions are due, held back by today's limit of 20 reviews"),
            ("ja", "（ほかに 5 問は上限のため明日以降）", "ほかに 5 問が復習の時期ですが、今日の上限（20 件）を超えるため"),
            ("ko", "(한도 때문에 5문제는 내일부터)", "그 밖에 5문제도 복습할 때가 되었지만, 오늘 한도(20개)를 넘어")):
        dashboard, review, badge = pages(learner_client, language)
        assert f"<dd data-due-now>20 <small data-held-back>{held}</small></dd>" in dashboard
        assert ">20</mark>" in badge and more in review


def test_the_story_of_today_adds_up_to_everything_due_by_its_end():
    for waiting, later, cap, done in [(25, 5, 20, 0), (20, 0, 20, 0), (25, 0, 20, 0), (0, 3, 2, 0), (0, 5, 2, 2),
                                      (15, 10, 20, 0), (3, 0, 2, 3)]:
        story = reviews.today_story(waiting, later, cap, done)
        assert story["due"] + story["later_today"] + story["held_back"] == waiting + later
        # the dashboard's forecast of today: shown within the cap, carried past it
        (shown, carried), = reviews.spread_over_days([waiting + later], cap, done)
        assert (story["due"] + story["later_today"], story["held_back"]) == (shown, carried)
    assert reviews.today_story(25, 5, 20, 0) == {"due": 20, "later_today": 0, "held_back": 10, "held_back_now": 5,
                                                 "room": 20}
