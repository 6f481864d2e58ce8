"""Topic linking: the curated glossary, and sections -> topics (heading first, then body).

- ``sync_glossary()`` makes the Topic and TopicAlias rows of ``fixtures/glossary.yaml`` exist
  (creates and updates, never deletes: other topics may have been added by hand).
- ``TopicMatcher`` finds topic mentions in a piece of text (pure, no database).
- ``link_sections(sections)`` writes the SectionTopic rows of some sections, as a diff, so
  re-running it changes nothing; ``link_topics()`` re-links every active section (run it
  after editing the glossary: ``manage.py link_topics``).
"""

import functools
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
_KATAKANA = "\u30a1-\u30fa\u30fc"  # letters and the long vowel mark ー; not the middle dot ・
_HANGUL = "\uac00-\ud7a3"  # the precomposed syllables


@dataclass(frozen=True)
class GlossaryTopic:
    slug: str
    name: str
    domain: str
    aliases: tuple  # ((text, language), ...), the misspellings included (they are matched too)
    names: dict = None  # {"ja": ..., "ko": ...}: the name in other interface languages
    misspellings: frozenset = frozenset()  # {(text, language)}: matched, not shown to learners
    context: dict = None  # {alias text: AliasContext}: words around an alias that make it another concept
    translations: tuple = ()  # the aliases that are the topic's name in another language or script (search)


@dataclass(frozen=True)
class AliasContext:
    """A glossary `context` rule for some aliases (see the glossary header)."""

    not_before: tuple = ()  # "Rolling" then "back" is a rollback, not a rolling deployment
    only_with: tuple = ()  # "draining" is ECS's only in a text that also says "ECS"


def _load_context(entry, slug, aliases):
    context = {}
    for rule in entry.get("context") or []:
        unknown = set(rule) - {"aliases", "not_before", "only_with"}
        if unknown:
            raise ValueError(f"glossary: unknown context key(s) {sorted(unknown)} for {slug!r}")
        if not (rule.get("not_before") or rule.get("only_with")):
            raise ValueError(f"glossary: a context rule of {slug!r} needs not_before or only_with words")
        words = {key: tuple(str(w).strip() for w in rule.get(key) or [] if str(w).strip())
                 for key in ("not_before", "only_with")}
        for text in rule.get("aliases") or []:
            text = str(text).strip()
            if text not in aliases:
                raise ValueError(f"glossary: context rule for {text!r}, which is not an alias of {slug!r}")
            context[text] = AliasContext(**words)
    return context


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
        context = _load_context(entry, slug, {text for text, _ in aliases})
        translations = tuple(str(text).strip() for text in entry.get("translations") or [] if str(text).strip())
        shown = {text for text, language in aliases if (text, language) not in misspellings}
        for text in translations:
            if text not in shown or text in context:
                raise ValueError(f"glossary: translation {text!r} of {slug!r} is not an alias of it, or has a "
                                 "context rule (search has no context)")
        topics.append(GlossaryTopic(slug=slug, name=str(entry["name"]).strip(), domain=domain,
                                    aliases=tuple(aliases), names=names, misspellings=frozenset(misspellings),
                                    context=context, translations=translations))
    return topics


def load_words(path=None):
    """The glossary's `words`: groups of one word's spellings (okurigana, scripts), each a tuple."""
    with open(path or GLOSSARY_PATH, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return [tuple(str(text).strip() for text in group if str(text).strip()) for group in data.get("words") or []]


@functools.lru_cache(maxsize=4)
def _search_spellings(path, mtime):
    return {g.slug: g.translations for g in load_glossary(path) if g.translations}, load_words(path)


def search_spellings(path=None):
    """``({slug: translations}, word groups)`` of the glossary, for search: read again only when the file
    changes (search asks at every request; like `context`, they are the file's, not the database's)."""
    path = Path(path or GLOSSARY_PATH)
    return _search_spellings(path, path.stat().st_mtime_ns)


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
_COUNT = r"(?=[0-9]+[ \t]*[台대개つ個])"  # "EC21台": one EC2 instance, not an "EC21"


def _right(alias):
    return "(?:" + _RIGHT + "|" + _COUNT + ")" if alias[-1].isdigit() else _RIGHT


def _alias_pattern(alias):
    """Regex source for one alias; see the glossary header for the matching rules."""
    if not _ASCII_WORD.match(alias):
        # Japanese / Korean: anywhere in the text, spaces optional; a Latin letter or digit at either
        # end still needs a word edge there ("EBのデプロイ方法" is not in "WEBのデプロイ方法"), and a
        # katakana or Hangul alias is not the end of a longer word of its script ("ローリング" in
        # "フローリング", "롤링" in "컨트롤링"). What follows is free: compounds and particles.
        body = re.escape(alias).replace(r"\ ", r"[\s\u3000]*")
        left = _LEFT if alias[0].isascii() and alias[0].isalnum() else ""
        for script in (_KATAKANA, _HANGUL):
            if re.match(f"[{script}]", alias):
                left = f"(?<![{script}])"
        right = _right(alias) if alias[-1].isascii() and alias[-1].isalnum() else ""
        return left + body + right
    body = re.escape(alias).replace(r"\ ", r"[ \t\u3000]+")
    acronym = len(alias) <= 5 and alias.upper() == alias and any(c.isalpha() for c in alias)
    if acronym:
        return _LEFT + body + _right(alias)
    return _LEFT + "(?i:" + body + ")" + _right(alias)


def _context_checks(context):
    """(regex the text after an alias must not match, regex the text must contain) for an AliasContext."""
    if context is None:
        return None, None
    not_before = only_with = None
    if context.not_before:
        # spaces, hyphens and ・ may come between: "rolling-back", "イミュータブル・インフラ"
        not_before = re.compile(r"[\s\-・]*(?i:" + "|".join(map(re.escape, context.not_before)) + ")")
    if context.only_with:
        only_with = re.compile("|".join(f"(?:{_alias_pattern(_fold_width(w))})" for w in context.only_with))
    return not_before, only_with


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

    def __init__(self, entries, contexts=None):
        """``entries``: iterable of (alias text, topic id).

        ``contexts``: {(alias text, topic id): AliasContext}, the glossary's rules for some aliases.
        """
        contexts = {(_fold_width(text).strip(), topic): rule for (text, topic), rule in (contexts or {}).items()}
        by_key = {}  # (text, context) -> topic ids
        for text, topic_id in entries:
            text = _fold_width(text or "").strip()
            key = (text, contexts.get((text, topic_id)))
            if (len(text) >= 2 or (text and not _ASCII_WORD.match(text))) and topic_id not in by_key.get(key, ()):
                by_key.setdefault(key, []).append(topic_id)
        # the rank of the text breaks ties between equal matches: one text under several topics links them all
        texts = sorted({text for text, _ in by_key}, key=lambda t: (-len(t), t))
        rank = {text: order for order, text in enumerate(texts)}
        self._aliases = []  # (needle, compiled regex, topic ids, rank, not_before, only_with)
        for (text, context), topic_ids in sorted(by_key.items(), key=lambda item: rank[item[0][0]]):
            needle = text.lower().split(" ")[0] if " " in text else text.lower()
            self._aliases.append((needle, re.compile(_alias_pattern(text)), topic_ids, rank[text],
                                  *_context_checks(context)))

    @classmethod
    def from_database(cls):
        """The database's aliases and topic names, with the glossary file's context rules."""
        entries = [(a, t) for a, t in TopicAlias.objects.values_list("text", "topic_id")]
        ids = {}
        for topic_id, name, slug in Topic.objects.values_list("id", "name", "slug"):
            entries.append((name, topic_id))
            ids[slug] = topic_id
        contexts = {(text, ids[g.slug]): context
                    for g in load_glossary() if g.slug in ids for text, context in g.context.items()}
        return cls(entries, contexts)

    def find(self, text):
        """Topic ids mentioned in ``text``, in order of first mention."""
        found = []
        for _start, _end, topic_id in self.mentions(text):
            if topic_id not in found:
                found.append(topic_id)
        return found

    def mentions(self, text):
        """``[(start, end, topic id), ...]``: where ``text`` mentions each topic, in order (a longer match
        hides those inside it). Offsets index ``text`` width-folded as aliases are matched (``_fold_width``), which
        is ``text`` itself whenever folding keeps its length."""
        if not text:
            return []
        text = _fold_width(text)
        lowered = text.lower()
        spans = []
        for needle, regex, topic_ids, order, not_before, only_with in self._aliases:
            if needle not in lowered or (only_with and not only_with.search(text)):
                continue
            spans.extend((m.start(), -(m.end() - m.start()), order, topic_id)
                         for m in regex.finditer(text) if not (not_before and not_before.match(text, m.end()))
                         for topic_id in topic_ids)
        spans.sort()
        found, taken, taken_until = [], None, -1
        for start, negative_length, order, topic_id in spans:
            if start < taken_until and (start, negative_length, order) != taken:
                continue  # inside a longer match that starts earlier
            taken, taken_until = (start, negative_length, order), start - negative_length
            found.append((start, start - negative_length, topic_id))
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
        from .cards import refresh_topic_cards  # cards builds on this module

        refresh_topic_cards(matcher)
    return totals
