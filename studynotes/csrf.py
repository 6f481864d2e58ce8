"""``django.middleware.csrf.get_token`` with a cheaper mask.

Every htmx fragment that carries a form (each practice answer's feedback, each exam panel) asks for a
masked CSRF token. Django draws the token's 32-character mask with ``secrets.choice`` once per character
(32 calls of the system random source, then two ``str.index`` scans per character): about 80 µs, a
twentieth of a practice answer. Here the mask comes from one ``os.urandom`` read, each byte below 248
(4 × 62) mapped to one of the 62 allowed characters, so every character is uniform and independent as
with ``secrets.choice``; the token has Django's format (mask + secret shifted by the mask), the cookie
handling is Django's own, and ``CsrfViewMiddleware`` checks it as any other token.
"""

import os

from django.middleware import csrf

_CHARS = csrf.CSRF_ALLOWED_CHARS
_N = len(_CHARS)
_INDEX = {char: index for index, char in enumerate(_CHARS)}
_LIMIT = 256 - 256 % _N  # bytes at or over this would make the first characters likelier: skipped
_LENGTH = csrf.CSRF_SECRET_LENGTH


def _mask_indexes():
    indexes = []
    while len(indexes) < _LENGTH:
        indexes.extend(byte % _N for byte in os.urandom(_LENGTH + 8) if byte < _LIMIT)
    return indexes[:_LENGTH]


def mask_cipher_secret(secret):
    """``django.middleware.csrf._mask_cipher_secret``: a fresh mask, then the secret shifted by it."""
    mask = _mask_indexes()
    chars = _CHARS
    return "".join([chars[m] for m in mask]) + "".join(
        [chars[(_INDEX[s] + m) % _N] for s, m in zip(secret, mask)])


def get_token(request):
    """``django.middleware.csrf.get_token``: the same cookie bookkeeping, the cheaper mask."""
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as Django: the cookie is sent again (expiry renewed)
    else:
        secret = csrf._add_new_csrf_cookie(request)
    return mask_cipher_secret(secret)
