"""studynotes.csrf: tokens with the cheaper mask are Django's tokens."""

from collections import Counter

from django.http import HttpRequest
from django.middleware import csrf as django_csrf

from studynotes import csrf


def test_a_masked_token_unmasks_to_the_secret_and_has_djangos_form():
    secret = django_csrf._get_new_csrf_string()
    tokens = {csrf.mask_cipher_secret(secret) for _ in range(200)}
    assert len(tokens) == 200  # a fresh mask each time
    for token in tokens:
        assert len(token) == django_csrf.CSRF_TOKEN_LENGTH
        assert set(token) <= set(django_csrf.CSRF_ALLOWED_CHARS)
        assert django_csrf._unmask_cipher_token(token) == secret
        assert django_csrf._does_token_match(token, secret)


def test_mask_characters_are_spread_over_all_62():
    counts = Counter("".join(csrf.mask_cipher_secret("a" * 32)[:32] for _ in range(2000)))
    assert set(counts) == set(django_csrf.CSRF_ALLOWED_CHARS)
    expected = 2000 * 32 / 62
    assert all(0.75 * expected < n < 1.25 * expected for n in counts.values())


def test_the_cookie_bookkeeping_is_djangos():
    request = HttpRequest()
    token = csrf.get_token(request)  # no cookie yet: a new secret, to be set
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert django_csrf._unmask_cipher_token(token) == secret
    again = HttpRequest()
    again.META["CSRF_COOKIE"] = secret
    assert django_csrf._unmask_cipher_token(csrf.get_token(again)) == secret
    assert again.META["CSRF_COOKIE"] == secret and again.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
