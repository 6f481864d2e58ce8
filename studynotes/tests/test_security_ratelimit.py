"""The shared cache-backed rate limiter and the health endpoint (the benchmark's floor)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from studynotes.ratelimit import client_key, rate_limited, ratelimit


@pytest.fixture(autouse=True)
def fresh_cache(db):
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_ratelimit_allows_up_to_the_limit_then_refuses():
    now = 1_000_000.0
    results = [ratelimit("t:a", limit=3, period=60, now=now) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_ratelimit_counts_each_key_separately():
    now = 1_000_000.0
    assert [ratelimit("t:b", 1, 60, now=now) for _ in range(2)] == [True, False]
    assert ratelimit("t:c", 1, 60, now=now) is True


def test_ratelimit_opens_again_in_the_next_window():
    now = 1_000_020.0
    assert [ratelimit("t:d", 1, 60, now=now) for _ in range(2)] == [True, False]
    assert ratelimit("t:d", 1, 60, now=now + 60) is True


def test_ratelimit_counters_live_in_a_database_table_shared_by_app_servers():
    from studynotes.models import RateCounter

    ratelimit("t:e", 5, 60, now=1_000_000.0)
    ratelimit("t:e", 5, 60, now=1_000_000.0)
    # Another server process reads the same row.
    counter = RateCounter.objects.get(key="t:e:60")
    assert (counter.window_start, counter.hits) == (int(1_000_000 // 60) * 60, 2)


def test_a_hit_is_one_statement(django_assert_num_queries):
    with django_assert_num_queries(1):
        ratelimit("t:g", 5, 60, now=1_000_000.0)


def test_counters_nobody_hit_for_a_day_are_purged():
    from studynotes.models import RateCounter
    from studynotes.ratelimit import purge

    ratelimit("t:old", 5, 60, now=1_000_000.0)
    ratelimit("t:new", 5, 60, now=1_100_000.0)
    assert purge(now=1_100_000.0) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["t:new:60"]


def test_ratelimit_multiplier_scales_every_limit(settings):
    settings.RATELIMIT_MULTIPLIER = 10
    assert all(ratelimit("t:f", 1, 60, now=1_000_000.0) for _ in range(10))
    assert ratelimit("t:f", 1, 60, now=1_000_000.0) is False


def test_rate_limited_view_answers_429_with_a_message_once_the_limit_is_spent(learner):
    calls = []

    @rate_limited("t-view", limit=2, period=60)
    def view(request):
        calls.append(1)
        return HttpResponse("done")

    rf = RequestFactory()

    def post():
        request = rf.post("/x")
        request.user = learner
        return view(request)

    statuses = [post().status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert len(calls) == 2, "the refused request never reached the view (nothing written)"
    assert b"Too many requests" in post().content


def test_rate_limited_view_does_not_count_get_requests(learner):
    @rate_limited("t-get", limit=1, period=60)
    def view(request):
        return HttpResponse("done")

    rf = RequestFactory()
    for _ in range(3):
        request = rf.get("/x")
        request.user = learner
        assert view(request).status_code == 200


def test_client_key_is_the_user_when_logged_in_else_the_address(learner):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = AnonymousUser()
    assert client_key(request) == "ip:10.1.2.3"
    request.user = learner
    assert client_key(request) == f"user:{learner.pk}"


def test_healthz_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_behind_no_proxy_the_client_is_the_remote_address_whatever_the_headers_say(settings):
    from studynotes.ratelimit import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.9"


def test_behind_a_load_balancer_the_client_is_the_address_it_saw_not_one_the_client_forged(settings):
    from studynotes.ratelimit import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    forged = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(forged) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(forged) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: fall back to the socket address
    assert client_ip(forged) == "10.0.0.2"


def test_a_new_window_purges_old_counters_now_and_then(monkeypatch):
    from studynotes import ratelimit as module
    from studynotes.models import RateCounter

    ratelimit("t:stale", 5, 60, now=1_000_000.0)
    monkeypatch.setattr(module, "PURGE_CHANCE", 1.0)
    ratelimit("t:fresh", 5, 60, now=1_100_000.0)
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["t:fresh:60"]
