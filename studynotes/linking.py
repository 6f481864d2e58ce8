"""Topic linking: the curated glossary, and sections -> topics (heading first, then body).

- ``sync_glossary()`` makes the Topic and TopicAlias rows of ``fixtures/glossary.yaml`` exist
  (creates and updates, never deletes: other topics may have been added by hand).
- ``TopicMatcher`` finds topic mentions in a piece of text (pure, no database).
- ``link_sections(sections)`` writes the SectionTopic rows of some sections, as a diff, so
  re-running it changes nothing; ``link_topics()`` re-links every active section (run it
  after editing the glossary: ``manage.py link_topics``).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from . import pagecache
from .models import Domain, Language, Section, SectionTopic, Topic, TopicAlias

GLOSSARY_PATH = Path(settings.BASE_DIR) / "fixtures" / "glossary.yaml"

_ASCII_WORD = re.compile(r"^[\x20-\x7e]+$")


@dataclass(frozen=True)
class GlossaryTopic:
    slug: str
    name: str
    domain: str
    aliases: tuple  # ((text, language), ...), the misspellings included (they are matched too)
    names: dict = None  # {"ja": ..., "ko": ...}: the name in other interface languages
    misspellings: frozenset = frozenset()  # {(text, language)}: matched, not shown to learners


def load_glossary(path=None):
    """Parse the glossary file into GlossaryTopic entries (validated)."""
    with open(path or GLOSSARY_PATH, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    topics = []
    seen = set()
    for entry in data.get("topics", []):
        slug = str(entry["slug"]).strip()
        if slug in seen:
            raise ValueError(f"glossary: duplicate slug {slug!r}")
        seen.add(slug)
        domain = str(entry.get("domain", Domain.GENERAL))
        if domain not in Domain.values:
            raise ValueError(f"glossary: unknown domain {domain!r} for {slug!r}")
        aliases, misspellings = [], set()
        for key in ("aliases", "misspellings"):
            for language, texts in (entry.get(key) or {}).items():
                if language not in Language.values:
                    raise ValueError(f"glossary: unknown language {language!r} for {slug!r}")
                for text in texts or []:
                    text = str(text).strip()
                    if text and (text, language) not in aliases:
                        aliases.append((text, language))
                    if text and key == "misspellings":
                        misspellings.add((text, language))
        names = {}
        for language, text in (entry.get("names") or {}).items():
            if language not in Language.values:
                raise ValueError(f"glossary: unknown language {language!r} for {slug!r}")
            if str(text or "").strip():
                names[language] = str(text).strip()
        topics.append(GlossaryTopic(slug=slug, name=str(entry["name"]).strip(), domain=domain,
                                    aliases=tuple(aliases), names=names, misspellings=frozenset(misspellings)))
    return topics


def sync_glossary(path=None):
    """Create or update the glossary's topics and aliases. Two queries when nothing changed."""
    glossary = load_glossary(path)
    with transaction.atomic():
        existing = {t.slug: t for t in Topic.objects.filter(slug__in=[g.slug for g in glossary])}
        new_topics, changed = [], []
        for g in glossary:
            topic = existing.get(g.slug)
            if topic is None:
                new_topics.append(Topic(slug=g.slug, name=g.name, names=g.names or {}, domain=g.domain))
            elif (topic.name, topic.names, topic.domain) != (g.name, g.names or {}, g.domain):
                topic.name, topic.names, topic.domain = g.name, g.names or {}, g.domain
                changed.append(topic)
        if new_topics:
            Topic.objects.bulk_create(new_topics, ignore_conflicts=True)  # a concurrent sync may win
            existing.update({t.slug: t for t in Topic.objects.filter(slug__in=[t.slug for t in new_topics])})
        if changed:
            Topic.objects.bulk_update(changed, ["name", "names", "domain"])
        have = {
            (slug, text, language): (pk, shown)
            for pk, slug, text, language, shown in TopicAlias.objects.filter(topic__slug__in=existing).values_list(
                "pk", "topic__slug", "text", "language", "shown")
        }
        missing, flipped = [], []
        for g in glossary:
            for text, language in g.aliases:
                shown = (text, language) not in g.misspellings
                found = have.get((g.slug, text, language))
                if found is None:
                    missing.append(TopicAlias(topic=existing[g.slug], text=text, language=language, shown=shown))
                elif found[1] != shown:
                    flipped.append(TopicAlias(pk=found[0], shown=shown))
        if missing:
            TopicAlias.objects.bulk_create(missing, ignore_conflicts=True)
        if flipped:
            TopicAlias.objects.bulk_update(flipped, ["shown"])
        if new_topics or changed or missing or flipped:
            pagecache.bump_content_stamp()
    return {"created": len(new_topics), "updated": len(changed), "aliases_created": len(missing)}


_LEFT = r"(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))"  # a word start, or a CamelCase join
_RIGHT = r"(?:(?![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))"


def _alias_pattern(alias):
    """Regex source for one alias; see the glossary header for the matching rules."""
    if not _ASCII_WORD.match(alias):
        # Japanese / Korean: anywhere in the text, spaces optional; a Latin letter or digit at either
        # end still needs a word edge there ("EBのデプロイ方法" is not in "WEBのデプロイ方法").
        body = re.escape(alias).replace(r"\ ", r"[\s\u3000]*")
        left = _LEFT if alias[0].isascii() and alias[0].isalnum() else ""
        right = _RIGHT if alias[-1].isascii() and alias[-1].isalnum() else ""
        return left + body + right
    body = re.escape(alias).replace(r"\ ", r"[ \t\u3000]+")
    acronym = len(alias) <= 5 and alias.upper() == alias and any(c.isalpha() for c in alias)
    if acronym:
        return _LEFT + body + _RIGHT
    return _LEFT + "(?i:" + body + ")" + _RIGHT


def _fold_width(text):
    """Full-width Latin and digits and half-width katakana as aliases are written (search does the same:
    "ＥＣ２" and "ｽﾎﾟｯﾄ" in a note are EC2 and スポット)."""
    return unicodedata.normalize("NFKC", text)


class TopicMatcher:
    """Finds which topics a text mentions. Build once, match many texts.

    A cheap lower-case substring test picks the candidate aliases of a text; only those run
    their exact regex (word boundaries, case rules). Overlapping matches keep the longest; an
    alias that names several topics ("All at once": a deployment policy and a big bang
    deployment) links each of them.
    """

    def __init__(self, entries):
        """``entries``: iterable of (alias text, topic id)."""
        by_text = {}
        for text, topic_id in entries:
            text = _fold_width(text or "").strip()
            if (len(text) >= 2 or (text and not _ASCII_WORD.match(text))) and topic_id not in by_text.get(text, ()):
                by_text.setdefault(text, []).append(topic_id)
        self._aliases = []  # (needle, compiled regex, topic ids)
        for text in sorted(by_text, key=lambda t: (-len(t), t)):
            needle = text.lower().split(" ")[0] if " " in text else text.lower()
            self._aliases.append((needle, re.compile(_alias_pattern(text)), by_text[text]))

    @classmethod
    def from_database(cls):
        entries = [(a, t) for a, t in TopicAlias.objects.values_list("text", "topic_id")]
        for topic_id, name in Topic.objects.values_list("id", "name"):
            entries.append((name, topic_id))
        return cls(entries)

    def find(self, text):
        """Topic ids mentioned in ``text``, in order of first mention."""
        if not text:
            return []
        text = _fold_width(text)
        lowered = text.lower()
        spans = []
        for order, (needle, regex, topic_ids) in enumerate(self._aliases):
            if needle in lowered:
                spans.extend((m.start(), -(m.end() - m.start()), order, topic_id)
                             for m in regex.finditer(text) for topic_id in topic_ids)
        spans.sort()
        found, taken, taken_until = [], None, -1
        for start, negative_length, order, topic_id in spans:
            if start < taken_until and (start, negative_length, order) != taken:
                continue  # inside a longer match that starts earlier
            taken, taken_until = (start, negative_length, order), start - negative_length
            if topic_id not in found:
                found.append(topic_id)
        return found


def topic_links(section, matcher):
    """{topic_id: via} for one section: its heading path first, then its body."""
    links = {}
    for topic_id in matcher.find(section.heading_path):
        links[topic_id] = SectionTopic.Via.HEADING
    for topic_id in matcher.find(section.text):
        links.setdefault(topic_id, SectionTopic.Via.BODY)
    return links


def link_sections(sections, matcher=None):
    """Make the SectionTopic rows of ``sections`` match what the matcher finds (diff only).

    Retired sections lose their links. Returns {"created": n, "deleted": n, "updated": n}.
    """
    sections = list(sections)
    if not sections:
        return {"created": 0, "deleted": 0, "updated": 0}
    matcher = matcher or TopicMatcher.from_database()
    wanted = {}
    for section in sections:
        if section.retired:
            continue
        for topic_id, via in topic_links(section, matcher).items():
            wanted[(section.pk, topic_id)] = via
    existing = {
        (row.section_id, row.topic_id): row
        for row in SectionTopic.objects.filter(section__in=[s.pk for s in sections])
    }
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    changed = []
    for key, row in existing.items():
        if key in wanted and row.via != wanted[key]:
            row.via = wanted[key]
            changed.append(row)
    new = [SectionTopic(section_id=s, topic_id=t, via=via) for (s, t), via in wanted.items() if (s, t) not in existing]
    if stale:
        SectionTopic.objects.filter(pk__in=stale).delete()
    if changed:
        SectionTopic.objects.bulk_update(changed, ["via"])
    if new:
        SectionTopic.objects.bulk_create(new)
    if stale or changed or new:
        pagecache.bump_content_stamp()
    return {"created": len(new), "deleted": len(stale), "updated": len(changed)}


def link_topics(sections=None):
    """Re-link every section (or the given queryset) to the current topics. Safe to re-run."""
    sync_glossary()
    matcher = TopicMatcher.from_database()
    queryset = sections if sections is not None else Section.objects.all()
    totals = {"created": 0, "deleted": 0, "updated": 0}
    with transaction.atomic():
        batch = []
        for section in queryset.only("id", "heading_path", "text", "retired").iterator(chunk_size=500):
            batch.append(section)
            if len(batch) == 500:
                for key, value in link_sections(batch, matcher).items():
                    totals[key] += value
                batch = []
        for key, value in link_sections(batch, matcher).items():
            totals[key] += value
    return totals
