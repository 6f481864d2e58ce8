"""The dashboard is rendered again only when the learner's data changed or the clock made it stale."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from quiz.progress import dashboard
from quiz.progress.models import LearnerSettings, ReviewCard
from quiz.progress.views import CSRF_SLOT

from .conftest import NOW

URL = "/progress/"

pytestmark = pytest.mark.django_db


def _main(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode().split("<main")[1]


def test_an_answer_shows_on_the_next_visit(learner, learner_client, make, answering):
    question = make.question(make.topic())
    assert "data-answers>0<" in _main(learner_client)
    answering.answer(learner, question, correct=True, when=timezone.now())
    assert "data-answers>1<" in _main(learner_client)


def test_an_unchanged_dashboard_is_served_from_the_cache(learner, learner_client, make, answering,
                                                         django_assert_num_queries):
    answering.answer(learner, make.question(make.topic()), when=timezone.now())
    first = _main(learner_client)
    with django_assert_num_queries(3):  # session with its user, freshness, the cached dashboard
        again = _main(learner_client)
    token = 'name="csrfmiddlewaretoken" value="'
    assert again.split(token)[0] == first.split(token)[0]


def test_a_new_daily_cap_shows_on_the_next_visit(learner, learner_client, make, answering):
    answering.answer(learner, make.question(make.topic()), when=timezone.now())
    assert "/ 100</dd>" in _main(learner_client)  # the default cap
    response = learner_client.post("/progress/settings/", {"daily_review_cap": "7"})
    assert response.status_code in (200, 302)
    assert LearnerSettings.objects.get(user=learner).daily_review_cap == 7
    assert "/ 7</dd>" in _main(learner_client)


def test_joining_a_class_with_an_assignment_shows_it_on_the_next_visit(learner, learner_client, make, instructor):
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Quiz

    assert "No assignments from your classes." in _main(learner_client)
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    quiz = Quiz.objects.create(title="Week 3 check", slug="week-3")
    Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    html = _main(learner_client)
    assert "Week 3 check" in html and "Evening class" in html


def test_a_card_falling_due_later_makes_the_cached_dashboard_stale_then(learner, learner_client, make, answering,
                                                                        monkeypatch):
    answering.answer(learner, make.question(make.topic()), when=timezone.now())
    card = ReviewCard.objects.get(user=learner)
    now = timezone.now()
    ReviewCard.objects.filter(pk=card.pk).update(due=now + timedelta(minutes=2))  # no updated_at change
    from quiz.progress import views

    monkeypatch.setattr(views.timezone, "now", lambda: now)
    html = _main(learner_client)
    assert "Nothing is due for review right now." in html
    monkeypatch.setattr(views.timezone, "now", lambda: now + timedelta(minutes=3))
    html = _main(learner_client)
    assert "Review 1 due question" in html


def test_valid_until_is_the_next_due_card_the_next_midnight_or_the_maximum_age(learner, make, answering):
    now = NOW  # a fixed morning: in the real last 30 seconds of a day, midnight came before the card falling due
    assert dashboard.valid_until(learner, now) <= now + dashboard.MAX_AGE
    answering.answer(learner, make.question(make.topic()), when=now)
    ReviewCard.objects.filter(user=learner).update(due=now + timedelta(seconds=30))
    assert dashboard.valid_until(learner, now) == now + timedelta(seconds=30)
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    just_before = midnight - timedelta(seconds=10)
    ReviewCard.objects.filter(user=learner).update(due=midnight + timedelta(hours=1))
    assert dashboard.valid_until(learner, just_before) == midnight


def test_freshness_follows_the_learners_own_data_only(learner, other_learner, make, answering):
    question = make.question(make.topic())
    before, other_before = dashboard.freshness(learner), dashboard.freshness(other_learner)
    answering.answer(learner, question, when=timezone.now())
    assert dashboard.freshness(learner) != before
    assert dashboard.freshness(other_learner) == other_before


def test_each_learner_gets_their_own_dashboard_and_csrf_token(learner, other_learner, make, answering):
    question = make.question(make.topic())
    answering.answer(learner, question, when=timezone.now() - timedelta(days=3))  # due now: a review form
    pages = []
    for user in (learner, other_learner, learner):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        pages.append((client, _main(client)))
    (mine, first), (_theirs, other), (_again, second) = pages
    assert "data-answers>1<" in first and "data-answers>0<" in other and "data-answers>1<" in second
    assert CSRF_SLOT not in first + other + second
    token = first.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert len(token) == 64
    response = mine.post("/progress/review/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # the token in the (cached) form is accepted


OLD_TABLES_TEMPLATE = """{% load i18n l10n %}{% localize off %}{% for domain in domains %}
  <table class="mastery-table">
    <caption>{{ domain.label }} · <span class="level level-{{ domain.level }}">{{ domain.level_label }}</span>{% if domain.level != "started" %} · {{ domain.percent }}%{% endif %}</caption>
    <thead><tr><th scope="col">{% translate "Topic" %}</th><th scope="col">{% translate "Level" %}</th>
      <th scope="col">{% translate "Mastery" %}</th><th scope="col">{% translate "Questions answered" %}</th></tr></thead>
    <tbody>
    {% for t in domain.topics %}
      <tr data-topic="{{ t.slug }}"><th scope="row"><a href="{{ t.url }}">{{ t.name }}</a></th>
        <td><span class="level level-{{ t.level }}">{{ t.level_label }}</span></td>
        <td>{% if t.level == "started" %}{% blocktranslate count n=t.needed %}{{ n }} more answer needed{% plural %}{{ n }} more answers needed{% endblocktranslate %}{% else %}<progress value="{{ t.percent }}" max="100" aria-hidden="true"></progress> {{ t.percent }}%{% endif %}</td>
        <td>{{ t.seen }} / {{ t.total }}</td></tr>
    {% endfor %}
    </tbody>
  </table>
{% endfor %}{% endlocalize %}"""


def test_mastery_tables_built_in_the_view_match_the_template_they_replace(settings):
    import re

    from django.template import Context, Template
    from django.utils import translation

    from quiz.progress.mastery import DomainMastery, TopicMastery
    from quiz.progress.views import _mastery_tables

    settings.USE_THOUSAND_SEPARATOR = True
    topics = [
        TopicMastery(topic_id=1, name='S3 <"Glacier"> & co', slug="s3-glacier", domain="storage", total=1200,
                     seen=1100, recall=1000.0, mature=900, answers=1500, link="/topics/s3-glacier/"),
        TopicMastery(topic_id=2, name="ECS", slug="ecs", domain="compute", total=4),
        TopicMastery(topic_id=3, name="IAM", slug="iam", domain="security", total=10, seen=3, recall=2.5,
                     answers=3),
    ]
    domains = [DomainMastery("storage", "Storage & <data>", topics[:1]),
               DomainMastery("compute", "Compute", topics[1:])]
    squeeze = lambda html: re.sub(r">\s+<", "><", html).strip()  # noqa: E731
    for language in ("ja", "en"):
        with translation.override(language):
            old = Template(OLD_TABLES_TEMPLATE).render(Context({"domains": domains}))
            _mastery_tables(domains)
            new = "".join(str(domain.table_html) for domain in domains)
        assert squeeze(new) == squeeze(old)
    assert "&lt;&quot;Glacier&quot;&gt; &amp; co" in new and "1100 / 1200" in new and "Storage &amp; &lt;data&gt;" in new
    assert "2 more answers needed" in new  # IAM: 3 answers, too few for a level


def test_starting_a_practice_set_keeps_the_cached_dashboard_and_finishing_it_does_not(learner, answering):
    before = dashboard.freshness(learner)
    attempt = answering.attempt(learner, mode="practice", when=timezone.now())  # in progress: nothing shown changes
    assert dashboard.freshness(learner) == before
    type(attempt).objects.filter(pk=attempt.pk).update(state="submitted", submitted_at=timezone.now(),
                                                       raw_score=4, item_count=5)
    assert dashboard.freshness(learner) != before


def test_a_review_set_too_old_to_resume_leaves_the_cached_dashboards_button(learner, learner_client, make,
                                                                            answering, monkeypatch, settings):
    """The button said "Continue your review" from the cache while the click started a new set."""
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.models import Attempt
    from quiz.progress.reviews import RESUME_REVIEW_SET

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    started = datetime(2026, 11, 20, 20, 0, tzinfo=dt_timezone.utc)  # 20:00 (UTC): expires the next day at 08:00
    for _ in range(3):
        answering.answer(learner, make.question(make.topic()), when=started - timedelta(days=3))
    ReviewCard.objects.filter(user=learner).update(due=started - timedelta(hours=1))
    monkeypatch.setattr(timezone, "now", lambda: started)
    learner_client.post("/progress/review/")
    attempt = Attempt.objects.get(user=learner, origin="review")
    learner_client.post(f"/quiz/practice/{attempt.uid}/1/", {"choice": "A"})
    monkeypatch.setattr(timezone, "now", lambda: started + RESUME_REVIEW_SET - timedelta(minutes=2))
    assert "Continue your review: 2 questions left" in _main(learner_client)
    monkeypatch.setattr(timezone, "now", lambda: started + RESUME_REVIEW_SET + timedelta(minutes=1))
    html = _main(learner_client)
    # the questions due (the one answered too, if that was wrong): a new set of them, as the click now starts
    assert "Continue your review" not in html and re.search(r"data-review-now>Review [23] due questions<", html)
    learner_client.post("/progress/review/")
    assert Attempt.objects.filter(user=learner, origin="review").count() == 2


def test_an_exam_changes_the_cached_dashboard_when_it_starts_and_when_its_time_is_up(learner, answering):
    """An exam in progress holds its questions out of the due counts and the forecast (docs/PROGRESS.md)."""
    now = timezone.now()
    before = dashboard.freshness(learner, now)
    attempt = answering.attempt(learner, mode="exam", when=now)
    type(attempt).objects.filter(pk=attempt.pk).update(deadline=now + timedelta(minutes=30))
    started = dashboard.freshness(learner, now)
    assert started != before
    assert dashboard.freshness(learner, now + timedelta(minutes=31)) != started  # expired, even before grading


def test_topics_and_blueprint_are_read_once_for_every_learner_until_the_notes_change(
        learner, other_learner, make, answering, django_assert_num_queries, settings):
    from studynotes.pagecache import bump_content_stamp

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    topic = make.topic(name="Route 53")
    answering.answer(learner, make.question(topic), when=timezone.now())
    first, second = Client(), Client()
    first.force_login(learner)
    second.force_login(other_learner)
    with django_assert_num_queries(8):  # as test_the_number_of_queries_does_not_grow_with_the_data
        assert "Route 53" in _main(first)
    # session with its user, freshness, the learner's counts, exams, assignments, answered questions no longer asked:
    # no live topics, no blueprint
    with django_assert_num_queries(6):
        assert "Route 53" in _main(second)
    make.question(make.topic(name="CloudFront"))
    bump_content_stamp()  # as question generation does
    with django_assert_num_queries(8):
        html = _main(second)
    assert "CloudFront" in html


def test_freshness_reads_the_cap_todays_reviews_and_next_due_card_as_the_review_queue_does(learner, make,
                                                                                          answering):
    from django.db.models import Min

    from quiz.progress import reviews

    now = NOW  # a fixed morning: in the real first minute of a day, "a minute ago" was yesterday
    questions = [make.question(make.topic()) for _ in range(3)]
    for question in questions:
        answering.answer(learner, question, when=now - timedelta(days=5))
    cards = {card.question_id: card for card in ReviewCard.objects.filter(user=learner)}
    ReviewCard.objects.filter(pk=cards[questions[0].pk].pk).update(due=now - timedelta(hours=1))
    ReviewCard.objects.filter(pk=cards[questions[1].pk].pk).update(due=now + timedelta(hours=2))
    ReviewCard.objects.filter(pk=cards[questions[2].pk].pk).update(due=now + timedelta(hours=1))
    answering.answer(learner, questions[0], when=now - timedelta(minutes=1))  # a due card reviewed today
    LearnerSettings.objects.update_or_create(user=learner, defaults={"daily_review_cap": 7})
    fresh = dashboard.freshness(learner, now)
    _due, cap, done = reviews.due_summary(learner, now)
    assert (fresh.cap, fresh.done_today) == (cap, done) == (7, 1)
    assert fresh.next_due == ReviewCard.objects.filter(user=learner, due__gt=now).aggregate(m=Min("due"))["m"]
    assert dashboard.dashboard(learner, now, day=(fresh.cap, fresh.done_today)) == dashboard.dashboard(learner, now)


def test_a_question_an_instructor_retires_leaves_the_dashboard_at_once(learner, learner_client, make, answering,
                                                                        instructor):
    topic = make.topic()
    answered, other = make.question(topic), make.question(topic)
    answering.answer(learner, answered, correct=True, when=timezone.now())
    before = _main(learner_client)
    staff = Client()
    staff.force_login(instructor)
    assert staff.post(f"/instructor/questions/{other.pk}/retire/").status_code == 302
    after = _main(learner_client)
    tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert tokens.sub("", after) != tokens.sub("", before)


def test_answered_questions_no_longer_asked_are_said_not_silently_dropped(learner, learner_client, make, answering,
                                                                          instructor):
    topic = make.topic()
    kept, retired = make.question(topic), make.question(topic)
    for question in (kept, retired):
        answering.answer(learner, question, correct=True, when=timezone.now())
    assert "no longer asked" not in _main(learner_client)
    staff = Client()
    staff.force_login(instructor)
    staff.post(f"/instructor/questions/{retired.pk}/retire/")
    html = _main(learner_client)
    assert "1 question you answered is no longer asked" in html and "stay in your history and exports" in html


def _assigned_quiz(learner, instructor, **kwargs):
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Quiz

    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    quiz = Quiz.objects.create(title="Week 3 check", slug="week-3", published=True)
    return Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor, **kwargs)


def test_a_changed_due_date_shows_on_the_next_visit(learner, learner_client, instructor):
    """The signature counted assignments and their ids: a due date moved kept the old one for minutes."""
    assignment = _assigned_quiz(learner, instructor, due_at=timezone.now() + timedelta(days=2))
    assert "To do" in _main(learner_client)
    assignment.due_at = timezone.now() - timedelta(minutes=1)
    assignment.save()  # as the class page's "Change" does
    assert "<strong>Overdue</strong>" in _main(learner_client)


def test_a_quiz_closed_earlier_shows_on_the_next_visit(learner, learner_client, instructor):
    quiz = _assigned_quiz(learner, instructor).quiz
    quiz.closes_at = timezone.now() + timedelta(days=2)
    quiz.save()
    assert 'href="/quiz/exams/week-3/"' in _main(learner_client)
    quiz.closes_at = timezone.now() - timedelta(minutes=1)
    quiz.save()
    assert "Closed on" in _main(learner_client)


def test_an_assignment_submitted_shows_as_done_on_the_next_visit(learner, learner_client, instructor, make):
    from quiz import attempts

    assignment = _assigned_quiz(learner, instructor, due_at=timezone.now() + timedelta(days=2))
    assignment.quiz.questions.add(make.question(make.topic()))
    assert "To do" in _main(learner_client)
    attempt, _ = attempts.start_exam(learner, assignment.quiz, "en")
    assert "To do" in _main(learner_client)
    attempts.submit(attempt, now=timezone.now())
    html = _main(learner_client)
    assert "1 assignment done" in html and "To do" not in html
