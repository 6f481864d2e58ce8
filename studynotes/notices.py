"""Documentation notices: what the AWS documentation says of a topic as a whole (the X-Ray SDKs and daemon in
maintenance mode, then at their end of support), which the learners' notes cannot say and should not be edited to
say. Curated under ``notices:`` in ``fixtures/reference.yaml`` (docs/QUESTIONS.md, "Documentation notices") and
shown on the topic page, on its sections in their file and beside its questions' explanations.

Fixture data read once per process, like the reference and the glossary: showing a notice costs no query.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

NOTICES_PATH = Path(settings.BASE_DIR) / "fixtures" / "reference.yaml"
LANGUAGES = ("ja", "ko", "en")
STALE_AFTER_DAYS = 180  # as the reference facts' (generate_questions)


@dataclass(frozen=True, eq=False)  # one notice is one object (``for_topics`` lists each once)
class Notice:
    topics: tuple  # glossary slugs
    url: str
    title: str
    text: dict  # language -> one or two sentences
    checked: datetime.date  # the day the page was last read for it
    review_by: datetime.date = None  # a date the notice announces (an end of support): read the page again then

    def review_due(self, today):
        """``review_by`` has passed and the page was not read again since (a ``checked`` on or after it)."""
        return self.review_by is not None and self.checked < self.review_by < today

    def shown(self, language):
        """What a page shows, in the interface language (``lang``: the text's own, English where it lacks one)."""
        lang = language if self.text.get(language) else "en"
        return {"text": self.text[lang], "lang": lang, "url": self.url, "title": self.title, "checked": self.checked}


def parse_notices(data, known_topics):
    """The ``notices:`` of the reference's ``data``; a ValueError naming the notice for one that names no topic or
    one the glossary does not know, lacks its URL or a language's text, or has no check date."""
    notices = []
    for number, item in enumerate(data.get("notices") or (), start=1):
        where = f"reference notice {number}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: not a mapping")
        topics = item.get("topics")
        topics = tuple(str(t).strip() for t in ([topics] if isinstance(topics, str) else topics or ()))
        if not topics:
            raise ValueError(f"{where}: no topics (glossary slugs, e.g. topics: [x-ray])")
        unknown = [slug for slug in topics if slug not in known_topics]
        if unknown:
            raise ValueError(f"{where}: unknown topic {', '.join(map(repr, unknown))} (not a slug in "
                             "fixtures/glossary.yaml)")
        url = str(item.get("url") or "").strip()
        if not url.startswith("https://"):
            raise ValueError(f"{where} ({', '.join(topics)}): no url (the AWS documentation page, https://...)")
        text = item.get("text") or {}
        missing = [code for code in LANGUAGES if not str(text.get(code) or "").strip()]
        if missing:
            raise ValueError(f"{where} ({', '.join(topics)}): no text in {', '.join(missing)}")
        checked = item.get("checked")
        if not isinstance(checked, datetime.date):
            raise ValueError(f"{where} ({', '.join(topics)}): no checked date (YYYY-MM-DD)")
        review_by = item.get("review_by")
        if review_by is not None and not isinstance(review_by, datetime.date):
            raise ValueError(f"{where} ({', '.join(topics)}): review_by is no date (YYYY-MM-DD)")
        notices.append(Notice(topics, url, str(item.get("title") or url).strip(),
                              {code: str(text[code]).strip() for code in LANGUAGES}, checked, review_by))
    return notices


def load_notices(path=None, known_topics=None):
    if known_topics is None:
        from .linking import load_glossary

        known_topics = {topic.slug for topic in load_glossary()}
    with open(path or NOTICES_PATH, encoding="utf-8") as handle:
        return parse_notices(yaml.safe_load(handle) or {}, known_topics)


def ages(notices, today):
    """A command's summary of ``notices``: a line for each saying when it was checked, and the warnings for those
    checked more than ``STALE_AFTER_DAYS`` ago or past their ``review_by``."""
    lines, warnings = [], []
    for notice in notices:
        name = f"{', '.join(notice.topics)} ({notice.title})"
        days = (today - notice.checked).days
        review = f"; review by {notice.review_by:%Y-%m-%d}" if notice.review_by else ""
        lines.append(f"Documentation notice on {name} last checked: {notice.checked:%Y-%m-%d} ({days} days ago)"
                     f"{review}")
        if notice.review_due(today):
            warnings.append(f"WARNING: the documentation notice on {name} should be reviewed since "
                            f"{notice.review_by:%Y-%m-%d}: read {notice.url} again, update its text and 'checked' "
                            "(or remove it) in fixtures/reference.yaml.")
        elif days > STALE_AFTER_DAYS:
            warnings.append(f"WARNING: the documentation notice on {name} was checked {days} days ago: read "
                            f"{notice.url} again and update its 'checked' in fixtures/reference.yaml.")
    return lines, warnings


@lru_cache(maxsize=1)
def all_notices():
    return tuple(load_notices())


@lru_cache(maxsize=1)
def _by_topic():
    by_topic = {}
    for notice in all_notices():
        for slug in notice.topics:
            by_topic.setdefault(slug, []).append(notice)
    return by_topic


def for_topics(slugs, language):
    """The notices of any of the topics ``slugs``, each once, as shown in ``language`` (``Notice.shown``)."""
    by_topic = _by_topic()
    found = dict.fromkeys(notice for slug in slugs for notice in by_topic.get(slug, ()))
    return [notice.shown((language or "en")[:2]) for notice in found]
