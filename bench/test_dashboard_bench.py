"""Smoke test of bench/dashboard.py at a tiny size: it seeds, renders the dashboard and reports figures."""

from bench.dashboard import measure, seed
from quiz.progress.models import ReviewLog


def test_the_dashboard_bench_seeds_a_learner_and_times_the_page(db, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    user = seed(answers=40, others=1, questions=20)
    assert ReviewLog.objects.filter(user=user).count() == 40
    assert ReviewLog.objects.exclude(user=user).count() == 40
    stats = measure(user, 3)
    assert stats["requests"] == 3
    assert 0 < stats["p50"] <= stats["p95"] <= stats["max"]
    # Repeated visits with unchanged data: session with its user, freshness, the cached dashboard (quiz/progress/views.py)
    assert stats["queries"] == 3
