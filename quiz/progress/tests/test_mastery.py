"""Mastery levels (pure thresholds) and the per-topic aggregates computed in the database."""

from datetime import timedelta

import pytest

from quiz.progress import mastery, reviews
from quiz.progress.mastery import Level
from quiz.progress.models import ReviewCard

from .conftest import NOW, review_blanks_as_before


@pytest.mark.parametrize(
    "total, seen, score, mature, answers, level",
    [
        (10, 0, 0.0, 0, 0, Level.NEW),
        (0, 0, 0.0, 0, 0, Level.NEW),
        (10, 3, 0.25, 0, 5, Level.LEARNING),
        (10, 7, 0.59, 0, 7, Level.LEARNING),
        (10, 8, 0.60, 0, 8, Level.PROFICIENT),
        (10, 10, 0.95, 4, 10, Level.PROFICIENT),  # recalled well, but not yet for long enough
        (10, 10, 0.85, 5, 10, Level.MASTERED),
        # too few answers for a level, however high the score: one right answer made a small topic "proficient"
        (1, 1, 1.0, 0, 1, Level.STARTED),
        (2, 2, 0.98, 0, 4, Level.STARTED),
        (10, 3, 0.25, 0, 4, Level.STARTED),
        (1, 1, 0.95, 0, 5, Level.PROFICIENT),  # answered again and again (reviews count)
    ],
)
def test_levels_follow_the_documented_thresholds(total, seen, score, mature, answers, level):
    assert mastery.level_for(total, seen, score, mature, answers) == level


def test_the_retrievability_summed_in_sql_matches_the_python_formula(learner, make, answering):
    topic = make.topic(domain="dns")
    questions = [make.question(topic) for _ in range(3)]
    answering.answer(learner, questions[0], correct=True, when=NOW - timedelta(days=10))
    answering.answer(learner, questions[0], correct=True, when=NOW - timedelta(days=6))
    answering.answer(learner, questions[1], correct=False, when=NOW - timedelta(days=2, hours=5))
    expected = sum(
        reviews.retrievability(card.stability, (NOW - card.last_review).total_seconds() / 86400)
        for card in ReviewCard.objects.all() if card.last_recalled
    )
    [row] = mastery.topic_rows(learner, NOW)
    assert (row.total, row.seen) == (3, 2)
    assert row.recall == pytest.approx(expected, rel=1e-6)
    assert 0 < row.score < 1 / 3  # questions[1], last answered wrong, adds nothing


def test_a_topic_answered_all_wrong_today_is_not_proficient(learner, make, answering):
    # Just after a review FSRS's retrievability is about 1 whatever the answer: a wrong answer must not count.
    topic = make.topic(domain="compute")
    questions = [make.question(topic) for _ in range(5)]
    for question in questions:
        answering.answer(learner, question, correct=False, when=NOW - timedelta(minutes=5))
    assert not ReviewCard.objects.filter(last_recalled=True).exists()
    [row] = mastery.topic_rows(learner, NOW)
    assert (row.seen, row.recall, row.level) == (5, 0.0, Level.LEARNING)
    # answered right again: it counts again, at its retrievability
    answering.answer(learner, questions[0], correct=True, when=NOW - timedelta(minutes=1))
    [row] = mastery.topic_rows(learner, NOW)
    assert 0.9 < row.recall <= 1.0 and row.level == Level.LEARNING


def test_a_card_from_before_last_recalled_was_kept_counts_as_recalled(learner, make, answering):
    topic = make.topic()
    question = make.question(topic)
    answering.answer(learner, question, correct=True, when=NOW - timedelta(days=1))
    ReviewCard.objects.update(last_recalled=None)
    [row] = mastery.topic_rows(learner, NOW)
    assert row.recall > 0.5


def test_the_migration_fills_last_recalled_from_each_cards_latest_log(learner, make, answering):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("quiz.progress.migrations.0005_reviewcard_last_recalled")
    topic = make.topic()
    right_then_wrong, wrong_then_right = make.question(topic), make.question(topic)
    answering.answer(learner, right_then_wrong, correct=True, when=NOW - timedelta(days=3))
    answering.answer(learner, right_then_wrong, correct=False, when=NOW - timedelta(days=1))
    answering.answer(learner, wrong_then_right, correct=False, when=NOW - timedelta(days=3))
    answering.answer(learner, wrong_then_right, correct=True, when=NOW - timedelta(days=1))
    ReviewCard.objects.update(last_recalled=None)

    migration.fill_from_logs(apps, type("Editor", (), {"connection": connection})())

    recalled = dict(ReviewCard.objects.values_list("question_id", "last_recalled"))
    assert recalled == {right_then_wrong.pk: False, wrong_then_right.pk: True}


def test_retired_questions_and_other_learners_cards_do_not_count(learner, other_learner, make, answering):
    topic = make.topic()
    live, retired = make.question(topic), make.question(topic)
    answering.answer(learner, retired, correct=True, when=NOW)
    answering.answer(other_learner, live, correct=True, when=NOW)
    retired.status = "retired"
    retired.save()
    [row] = mastery.topic_rows(learner, NOW)
    assert (row.total, row.seen, row.recall) == (1, 0, 0.0)
    assert row.level == Level.NEW


def test_topics_group_by_domain_and_the_weakest_started_topics_come_first(learner, make, answering):
    strong, weak = make.topic(name="Strong", domain="dns"), make.topic(name="Weak", domain="dns")
    untouched = make.topic(name="Untouched", domain="storage")
    for topic in (strong, weak, untouched):
        make.question(topic)
        make.question(topic)
    for question in strong.questions.all():
        answering.answer(learner, question, correct=True, when=NOW)
    answering.answer(learner, weak.questions.first(), correct=False, when=NOW - timedelta(days=3))
    rows = mastery.topic_rows(learner, NOW)
    domains = mastery.by_domain(rows)
    assert [d.domain for d in domains] == ["dns", "storage"]
    assert [t.name for t in domains[0].topics] == ["Strong", "Weak"]
    assert [t.name for t in mastery.weakest(rows, 3)] == ["Weak", "Strong", "Untouched"]
    assert domains[1].level == Level.NEW


def test_a_domain_has_no_level_while_none_of_its_topics_has_one():
    def topic(name, seen=0, answers=0, recall=0.0):
        return mastery.TopicMastery(topic_id=0, name=name, slug=name, domain="deployment", total=10,
                                    seen=seen, recall=recall, answers=answers)

    # 4 + 3 answers, all wrong: "Learning · 0%" over topics "just started" and "new"
    started = mastery.DomainMastery("deployment", "Deployment",
                                    [topic("a", 2, 4), topic("b", 3, 3), topic("c")])
    assert [t.level for t in started.topics] == [Level.STARTED, Level.STARTED, Level.NEW]
    assert started.level == Level.STARTED
    assert mastery.DomainMastery("deployment", "Deployment", [topic("a"), topic("b")]).level == Level.NEW
    # one topic with a level: the domain's comes from the sums, as before
    learning = mastery.DomainMastery("deployment", "Deployment", [topic("a", 5, 5, 2.0), topic("b", 2, 2)])
    assert learning.level == Level.LEARNING


def test_topic_rows_take_two_queries_however_many_topics_and_cards(learner, make, answering,
                                                                    django_assert_num_queries):
    for _ in range(4):
        topic = make.topic()
        for _ in range(3):
            answering.answer(learner, make.question(topic), correct=True, when=NOW)
    with django_assert_num_queries(2):
        rows = mastery.topic_rows(learner, NOW)
    assert len(rows) == 4


def test_a_learner_who_answered_everything_wrong_today_is_not_told_they_will_pass(learner, make, answering):
    from quiz.progress import dashboard
    from quiz.progress.readiness import Verdict

    for domain in ("compute", "storage"):
        topic = make.topic(domain=domain)
        for _ in range(5):
            answering.answer(learner, make.question(topic), correct=False, when=NOW - timedelta(minutes=10))
    data = dashboard.dashboard(learner, NOW)
    assert data["readiness"].verdict == Verdict.NOT_YET
    assert data["readiness"].percent == 25  # the guessing rate: nothing recalled


def test_dashboard_names_topics_in_the_interface_language(learner, learner_client, make, answering):
    topic = make.topic(slug="bg", name="Blue/Green deployment", names={"ja": "ブルー/グリーンデプロイ", "ko": "블루/그린 배포"})
    answering.answer(learner, make.question(topic), correct=False, when=NOW)
    ko = learner_client.get("/progress/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "블루/그린 배포" in ko and "Blue/Green deployment" not in ko
    en = learner_client.get("/progress/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Blue/Green deployment" in en


def blank_exam(answering, learner, questions, when, *, as_before=False):
    """An exam submitted with ``questions`` left unanswered, graded at ``when``: no reviews; ``as_before``: each
    reviewed as Again, as grading did before blanks made no review."""
    from quiz.models import AttemptItem

    exam = answering.attempt(learner, mode="exam", when=when)
    items = [answering.item(exam, question, correct=False, when=when) for question in questions]
    AttemptItem.objects.filter(pk__in=[i.pk for i in items]).update(answered_at=None, chosen=[])
    items = list(AttemptItem.objects.filter(attempt=exam).select_related("attempt", "question__topic"))
    if as_before:
        review_blanks_as_before(items, when)
    else:
        reviews.record_answers(items)


def test_exam_questions_left_unanswered_make_no_cards_and_are_not_answered_questions(learner, make, answering):
    topic = make.topic(domain="dns")
    questions = [make.question(topic) for _ in range(3)]
    answering.answer(learner, questions[0], correct=True, when=NOW - timedelta(days=2))
    blank_exam(answering, learner, questions, NOW - timedelta(days=1))
    assert list(ReviewCard.objects.values_list("question_id", "reps")) == [(questions[0].pk, 1)]
    [row] = mastery.topic_rows(learner, NOW)
    assert row.seen == 1 and mastery.card_aggregates(learner, NOW)[topic.pk]["seen"] == 1


def test_cards_made_by_exam_questions_left_unanswered_before_are_not_answered_questions(learner, make, answering):
    topic = make.topic(domain="dns")
    questions = [make.question(topic) for _ in range(3)]
    answering.answer(learner, questions[0], correct=True, when=NOW - timedelta(days=2))
    blank_exam(answering, learner, questions, NOW - timedelta(days=1), as_before=True)
    assert ReviewCard.objects.count() == 3  # each reviewed as Again then
    [row] = mastery.topic_rows(learner, NOW)
    assert row.seen == 1  # the question answered before the exam, not the two seen only blank
    assert mastery.card_aggregates(learner, NOW)[topic.pk]["seen"] == 1

    answering.answer(learner, questions[1], correct=False, when=NOW)  # answered (wrong) at last
    [row] = mastery.topic_rows(learner, NOW)
    assert row.seen == 2
    card = ReviewCard.objects.get(question=questions[2])
    card.rebuild()  # a replay of the logs (a changed rating, rebuild_review_cards) knows it too
    assert not ReviewCard.objects.get(question=questions[2]).answered
    assert ReviewCard.objects.get(question=questions[1]).answered


def test_the_migration_marks_cards_reviewed_only_by_exam_items_left_unanswered(learner, make, answering):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("quiz.progress.migrations.0011_reviewcard_answered")
    topic = make.topic()
    practised, blank, answered_in_exam = make.question(topic), make.question(topic), make.question(topic)
    answering.answer(learner, practised, correct=False, when=NOW - timedelta(days=3))
    answering.answer(learner, answered_in_exam, correct=True, when=NOW - timedelta(days=3), mode="exam")
    blank_exam(answering, learner, [practised, blank], NOW - timedelta(days=1), as_before=True)
    ReviewCard.objects.update(answered=True)

    migration.fill_from_logs(apps, type("Editor", (), {"connection": connection})())

    answered = dict(ReviewCard.objects.values_list("question_id", "answered"))
    assert answered == {practised.pk: True, blank.pk: False, answered_in_exam.pk: True}


def test_live_topics_sum_each_questions_chance_of_a_right_guess(make):
    topic = make.topic()
    make.question(topic)  # one of four: 1/4
    make.question(topic, n_options=5)  # one of five: 1/5
    make.question(topic, choose=2, n_options=5)  # two of five, all or nothing: 1/10
    make.question(topic, choose=2, n_options=6, status="retired")  # not asked: not counted
    [row] = mastery.live_topics()
    assert (row["total"], row["guess"]) == (3, pytest.approx(0.25 + 0.2 + 0.1))
    [domain] = mastery.by_domain(mastery.topic_rows(None, NOW, cards={}))
    assert domain.guess_rate == pytest.approx(0.55 / 3)


def test_a_wrong_answer_never_raises_mastery_or_readiness(learner, make, answering):
    """After rights, a wrong answer drops the question's recall to 0 (FSRS's R is about 1 just after it): no
    score, level or estimate goes up; only its count of answers."""
    from quiz.progress import dashboard

    topic = make.topic(domain="dns")
    questions = [make.question(topic) for _ in range(5)]
    for days in (30, 20, 5):
        for question in questions:
            answering.answer(learner, question, correct=True, when=NOW - timedelta(days=days))
    before = dashboard.dashboard(learner, NOW)
    answering.answer(learner, questions[0], correct=False, when=NOW)
    after = dashboard.dashboard(learner, NOW)
    [topic_before], [topic_after] = before["topic_rows"], after["topic_rows"]
    assert topic_after.score < topic_before.score and topic_after.mature <= topic_before.mature
    assert Level.ORDER.index(topic_after.level) <= Level.ORDER.index(topic_before.level)
    assert after["readiness"].estimate < before["readiness"].estimate


def test_the_release_before_answered_can_still_make_cards(learner, make):
    """Old and new app servers run side by side during a rolling deploy (docs/DEPLOY.md): the release before
    ``answered`` inserts cards without the column, so the database has its default."""
    from django.db import connection

    question = make.question(make.topic())
    fields = [f for f in ReviewCard._meta.concrete_fields if f.name not in ("id", "answered")]
    card = ReviewCard(user=learner, question=question, topic=question.topic, domain="deployment", due=NOW,
                      created_at=NOW, updated_at=NOW)
    values = [f.get_db_prep_save(getattr(card, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ReviewCard._meta.db_table} ({', '.join(f.column for f in fields)})"
            f" VALUES ({', '.join(['%s'] * len(fields))})", values)
    assert ReviewCard.objects.get(user=learner, question=question).answered is True
