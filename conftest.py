"""Shared test set-up: Chromium for Playwright, personas and a tiny plain factory.

Personas: ``learner``, ``other_learner`` (an outsider to the learner's data) and
``instructor``; all have the password ``PASSWORD``.
"""

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

PASSWORD = "kumo-test-pass-1"
ROOT = Path(__file__).resolve().parent
SEED_NOTES = ROOT / "fixtures" / "notes"
SCREENSHOTS = ROOT / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]



def database_vendor():
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite" if "sqlite" in engine else engine


def pytest_configure(config):
    """WhiteNoise scans STATIC_ROOT when the middleware starts and warns once per process if it is
    missing, as it is in a fresh clone (static files come from the finders until collectstatic): a few
    hundred identical warnings in every CI log. An empty directory says the same without the noise."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(exist_ok=True)


def pytest_collection_modifyitems(config, items):
    """Tests of one database's own machinery run in that database's CI pass.

    CI runs the suite on SQLite and again on PostgreSQL, so every test runs in
    one of the passes; nothing is skipped. The other pass deselects them.
    """
    vendor = database_vendor()
    keep, deselected = [], []
    for item in items:
        only = {m.name for m in item.iter_markers()} & {"postgresql_only", "sqlite_only"}
        if only and f"{vendor}_only" not in only:
            deselected.append(item)
        else:
            keep.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = keep


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; nothing may be skipped in CI.", red=True)
        session.exitstatus = 1

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """PBKDF2 at production strength costs ~0.3 s per user; tests make hundreds of users."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def rate_limit_clock_mid_window():
    """The rate limiter's clock held 30 s past an hour: a test's hits all fall in one window of any period
    (60 s, 5 min, an hour) instead of straddling two when the suite happens to run at hh:mm:59, where a
    'third hit is refused' test found a fresh window. Tests of the windows pass ``now`` themselves."""
    import time
    import types

    from studynotes import ratelimit

    held = int(time.time() // 3600) * 3600 + 30.0
    real, ratelimit.time = ratelimit.time, types.SimpleNamespace(time=lambda: held)
    yield
    ratelimit.time = real


@pytest.fixture(autouse=True, scope="session")
def no_random_rate_counter_purge():
    """The rate limiter purges old counters on a random 1 % of new windows (studynotes/ratelimit.py):
    never by chance in tests, where query counts are asserted; tests call ``purge()`` themselves."""
    from studynotes import ratelimit

    chance, ratelimit.PURGE_CHANCE = ratelimit.PURGE_CHANCE, 0
    yield
    ratelimit.PURGE_CHANCE = chance


@pytest.fixture(autouse=True, scope="session")
def flush_again_after_a_deadlock():
    """A browser test's last request can still be running in the live server's thread when the test's database is
    flushed: on PostgreSQL its reads and the flush's TRUNCATE can deadlock, the server aborts one of them, and the
    flush fails (leaving rows that break the next test). The flush is tried again, the request being over by then;
    any other error is raised as before."""
    import time

    from django.core.management.base import CommandError
    from django.db import OperationalError
    from django.test import TransactionTestCase

    real = TransactionTestCase._fixture_teardown

    def teardown(self):
        for attempt in range(3):
            try:
                return real(self)
            except CommandError as error:
                if attempt == 2 or not (isinstance(error.__cause__, OperationalError)
                                        and "deadlock detected" in str(error.__cause__)):
                    raise
                time.sleep(0.5)

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = real


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request leaves its language active in the thread (LocaleMiddleware activates it and nothing resets
    it): a test calling code directly after another test's Japanese request would read Japanese."""
    yield
    from django.conf import settings
    from django.utils import timezone, translation

    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()  # and a learner's time zone (studynotes.timezones) likewise


def make_user(username, *, instructor=False):
    from django.contrib.auth import get_user_model

    from studynotes.roles import instructor_group

    user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
    if instructor:
        user.groups.add(instructor_group())
    return user


def log_in(page_or_context, live_server, user, *, clear=False):
    """Log ``user`` in to the browser of a Playwright page (or context) without the login form: a session made by
    the test client, its cookie handed over. ``clear``: drop the browser's cookies first (another user's session,
    a language chosen before)."""
    from django.test import Client

    context = getattr(page_or_context, "context", page_or_context)
    client = Client()
    client.force_login(user)
    if clear:
        context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def settled(page):
    """Nothing on its way or being swapped in: the replies have come, and so have those of the requests they
    set off (the header's review count is asked for again once a swap has settled). ``wait_for_load_state(
    "networkidle")`` is no such wait: once the page has been idle, it returns at once."""
    from playwright.sync_api import expect

    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)


def autofocused(html):
    """The opening tags in a page's <main> that carry ``autofocus``: the browser focuses the first on load."""
    return re.findall(r"<[a-z]+\b[^>]*\sautofocus\b[^>]*>", html.split("<main", 1)[1])


def focused_field(html, name):
    """Assert that the field ``name`` alone takes the focus on load, marked invalid and described by its error
    (the element with the id its aria-describedby names), and return that error's text."""
    tags = autofocused(html)
    assert len(tags) == 1 and f'name="{name}"' in tags[0], tags
    assert 'aria-invalid="true"' in tags[0], tags[0]
    described = re.search(r'aria-describedby="([^"]+)"', tags[0])
    if described is None:  # a group of checkboxes or radios: their fieldset is described
        before = html.split("<main", 1)[1].split(tags[0], 1)[0]
        described = re.search(r'aria-describedby="([^"]+)"', re.findall(r"<fieldset[^>]*>", before)[-1])
    ids = described.group(1).split()
    errors = [ref for ref in ids if ref.endswith("_error")]
    assert errors, tags[0]
    return re.sub(r"<[^>]+>", " ", re.search(rf'id="{errors[0]}"[^>]*>(.*?)</(ul|div)>', html, re.S).group(1))


def focused_message(html):
    """Assert that the form's own errors alone take the focus on load, and return their text."""
    tags = autofocused(html)
    assert len(tags) == 1 and 'class="form-errors"' in tags[0] and 'tabindex="-1"' in tags[0], tags
    return re.search(r'class="form-errors"[^>]*>(.*?)</div>', html, re.S).group(1)


@pytest.fixture
def learner(db):
    return make_user("alice")


@pytest.fixture
def other_learner(db):
    return make_user("mallory")


@pytest.fixture
def instructor(db):
    return make_user("ines", instructor=True)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


def _notes_changed():
    """The factory writes notes as the importer does: cached notes pages go stale (studynotes/pagecache.py)."""
    from studynotes.pagecache import bump_content_stamp

    bump_content_stamp()


class Factory:
    """Plain builders for rows tests need; every argument has a sensible default."""

    counter = 0

    def next(self):
        Factory.counter += 1
        return Factory.counter

    def topic(self, slug=None, name=None, domain="deployment", aliases=(), names=None):
        from studynotes.models import Topic, TopicAlias

        n = self.next()
        topic = Topic.objects.create(slug=slug or f"topic-{n}", name=name or f"Topic {n}", domain=domain,
                                     names=names or {})
        for text, language in aliases:
            TopicAlias.objects.create(topic=topic, text=text, language=language)
        _notes_changed()
        return topic

    def note_file(self, name=None):
        from django.utils import timezone

        from studynotes.models import NoteFile

        n = self.next()
        return NoteFile.objects.create(
            name=name or f"note-{n}.md", sha256=f"{n:064d}", encoding="utf-8", byte_size=10,
            imported_at=timezone.now(), importer_version="test",
        )

    def section(self, note_file=None, heading="Heading", language="ja", markdown="本文", topics=(), order=None):
        from studynotes.models import Section, SectionTopic

        note_file = note_file or self.note_file()
        n = self.next()
        section = Section.objects.create(
            note_file=note_file, heading_path=f"{heading} {n}", heading=heading, level=2,
            order=order if order is not None else n, language=language, markdown=markdown,
            html=f"<p>{markdown}</p>", text=markdown, line_start=1, line_end=3,
        )
        for topic in topics:
            SectionTopic.objects.create(section=section, topic=topic, via="heading")
        _notes_changed()
        return section

    def question(self, topic=None, *, type="scenario", choose=1, status="approved", section=None, n_options=4):
        from quiz.models import Question

        topic = topic or self.topic()
        section = section or self.section(topics=[topic])
        n = self.next()
        keys = "ABCDEFGH"[:n_options]
        options = [
            {
                "key": key,
                "text": f"Option {key} {n}",
                "correct": i < choose,
                "explanation": {"en": f"Why {key} is {'right' if i < choose else 'wrong'}."},
            }
            for i, key in enumerate(keys)
        ]
        question = Question.objects.create(
            identity=f"test-{n}", type=type, topic=topic, family="test family", languages=["en"],
            stem={"en": f"Question {n}: which option fits?"}, options=options, choose=choose,
            clues=[{"attribute": "downtime", "value": "none"}],
            sources=[{"section": section.pk, "file": section.note_file.name, "heading_path": section.heading_path,
                      "line_start": 1, "line_end": 3, "quote": section.markdown}],
            status=status, generator_version="test",
        )
        question.sections.add(section)
        return question


@pytest.fixture
def make(db):
    return Factory()


@pytest.fixture
def disk_fills_up(monkeypatch):
    """Every file opened for writing takes 10 characters, then fails as a full disk does (ENOSPC)."""
    import builtins

    class FillsUp:
        def __init__(self, handle):
            self.handle = handle

        def write(self, text):
            self.handle.write(text[:10])
            self.handle.flush()
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    real_open, real_fdopen = builtins.open, os.fdopen

    def open_(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return FillsUp(handle) if "w" in mode else handle

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return FillsUp(handle) if "w" in mode else handle

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "fdopen", fdopen)
    yield
    monkeypatch.undo()
