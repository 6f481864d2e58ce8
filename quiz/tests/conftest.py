import pytest


@pytest.fixture
def local_cache(settings):
    """The rate limiter's counters in memory, so query counts show this view's own queries only."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
