"""Rendered fragments of the notes pages in the shared cache, valid while the notes' content stamp is unchanged.

Everything a topic page or a search result shows comes from note files, sections, topics, aliases, links
and corrections. Every code path that writes those (import, topic linking, question generation, retiring a
file, the admin) calls ``bump_content_stamp()`` inside its transaction; a fragment is stored together with
the stamp it was rendered under and is only served while that stamp is still current.

The stamp lives in Django's cache (the database cache ``kumo_cache`` by default), so every app server sees
the same one (issue 8 part 5: no per-process state). It is written twice: at once, which with the database
cache commits atomically with the change, and again after the commit, so that with a non-transactional cache
a fragment rendered from pre-commit data in between is still thrown away. A missing stamp (culled, cache
cleared) is replaced by a new one, which makes every stored fragment stale: never wrong, only slower.

Keys include whatever else the HTML depends on (language, page, query); nothing user-specific or carrying
a CSRF token is stored here. Every key also carries ``code_version()``, so a deploy that changes templates, the
code building them or the documentation notices (``fixtures/reference.yaml``) never serves fragments rendered by
the previous version.
"""

import functools
import hashlib
import pickle
import uuid
import zlib
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

STAMP_KEY = "notes:content-stamp"
FRAGMENT_SECONDS = 6 * 3600  # a safety net only: the stamp is what keeps fragments fresh


def _new_stamp():
    cache.set(STAMP_KEY, uuid.uuid4().hex, None)


def bump_content_stamp():
    """Mark every cached notes fragment stale. Call inside the transaction that changes notes content."""
    _new_stamp()
    transaction.on_commit(_new_stamp)


@functools.cache
def code_version():
    """A digest of the templates and the application code (read once per process: they do not change while it
    runs). Part of every cached fragment's key, here and in the progress and instructor caches."""
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    files = sorted(
        [*root.joinpath("templates").rglob("*.html"), *root.joinpath("studynotes").rglob("*.py"),
         *root.joinpath("quiz").rglob("*.py"),
         # its notices are read once per process and shown on the topic page (studynotes.notices)
         *root.joinpath("fixtures").glob("reference.yaml")]
    )
    digest = hashlib.sha256()
    for path in files:
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def key(*parts):
    """A cache key from ``parts`` and the code version; long or arbitrary text (a search query) is hashed."""
    text = ":".join(str(part) for part in parts)
    if len(text) > 120 or not text.isascii() or any(ch.isspace() for ch in text):
        text = hashlib.sha256(text.encode()).hexdigest()
    return f"notes:{code_version()}:{text}"


def pack(value):
    """``value`` pickled and compressed: rendered HTML shrinks about sixfold, and the database cache's base64
    decoding of what it reads was a tenth of a cached page's time."""
    return zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob):
    """The value ``pack`` stored, or None for anything else (an entry written by older code)."""
    if not isinstance(blob, bytes):
        return None
    try:
        return pickle.loads(zlib.decompress(blob))
    except (zlib.error, pickle.UnpicklingError, EOFError, ValueError):
        return None


def get(fragment_key):
    """``(stamp, value)``: the current stamp and the value stored under it, or None (one cache read)."""
    found = cache.get_many([STAMP_KEY, fragment_key])
    stamp = found.get(STAMP_KEY)
    if stamp is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, None)
        return cache.get(STAMP_KEY), None
    entry = unpack(found.get(fragment_key))
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
        return stamp, entry[1]
    return stamp, None


def stamp():
    """The current stamp alone (one cache read), for what is not stored but depends on it (``get`` without a
    fragment)."""
    current = cache.get(STAMP_KEY)
    if current is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, None)
        current = cache.get(STAMP_KEY)
    return current


def put(fragment_key, stamp, value, seconds=FRAGMENT_SECONDS):
    """Store ``value`` as rendered under ``stamp`` (read by ``get`` before the data was)."""
    if stamp is not None:
        cache.set(fragment_key, pack((stamp, value)), seconds)
