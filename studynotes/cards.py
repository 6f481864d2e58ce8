"""The home page's topic cards: for each topic, the section that is most about it, and an excerpt from where it
says so.

The first section linked to a topic is often a broad overview that many topics share (six Deployment cards
showed one Elastic Beanstalk overview; CloudFormation, a line on stored procedures). So each topic's card takes
its most specific section: one whose own heading names the topic, else one under a heading that does, else one
that mentions it; among those, the section linked to the fewest topics; and a section another card already shows
only when the topic has no other. The excerpt starts at the sentence or line of the first mention.

A reader sees the card of the interface language's notes when the topic has some: a topic gets one card among
its Japanese sections and one among its Korean ones (``CARD_LANGUAGES``; no two cards of one language share a
section while a topic has another), besides the card chosen among all its sections, which the English interface
shows and which stands in when a topic has neither.

Chosen when links change (import, ``link_topics``, retiring a file) and stored on the topic
(``Topic.card_section``, ``Topic.card_excerpt`` and the same per language, ``card_section_ja``...), so the home
page stays one query. ``choose_sections``, ``choose_cards`` and ``excerpt_at`` are pure;
``refresh_topic_cards()`` is the database shell.
"""

import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Length

from .linking import TopicMatcher
from .models import Section, SectionTopic, Topic

# Twice what a card shows (views.EXCERPT_CHARS): the page cuts it on a whole line.
STORED_CHARS = 320
# A text shorter than this ("TBD", a stray line) makes a poor card when a longer one is there.
SHORT_TEXT = 20
_SENTENCE_ENDS = ("\n", "。", "．", "！", "？", ". ", "! ", "? ")

HEADING, UNDER_HEADING, BODY = 0, 1, 2
# Note languages with a card of their own (Topic.card_section_<language>); "" is the card chosen among all.
CARD_LANGUAGES = ("ja", "ko")


@dataclass(frozen=True)
class Candidate:
    topic_id: int
    section_id: int
    named: int  # HEADING: its own heading names the topic; UNDER_HEADING: a heading above it; BODY: its text
    topics: int  # how many topics the section is linked to
    length: int  # characters of its text
    place: tuple = ()  # (file name, order): the notes' order breaks ties
    language: str = ""  # the section's note language

    def rank(self):
        return (self.length == 0, self.length < SHORT_TEXT, self.named, self.topics, self.place, self.section_id)


def choose_sections(candidates):
    """``{topic id: section id}``: each topic's best candidate (``Candidate.rank``), a section no other topic
    has taken when the topic has another. Topics with fewer candidates choose first, so a topic with a single
    section keeps it and one with many takes another."""
    by_topic = {}
    for candidate in candidates:
        by_topic.setdefault(candidate.topic_id, []).append(candidate)
    for ranked in by_topic.values():
        ranked.sort(key=Candidate.rank)
    chosen, taken = {}, set()
    for topic_id, ranked in sorted(by_topic.items(), key=lambda item: (len(item[1]), item[0])):
        best = next((c for c in ranked if c.section_id not in taken), ranked[0])
        chosen[topic_id] = best.section_id
        taken.add(best.section_id)
    return chosen


def choose_cards(candidates):
    """``{"": {topic id: section id}, "ja": {...}, "ko": {...}}``: the card chosen among all of a topic's sections
    and the one chosen among its sections in each of ``CARD_LANGUAGES`` (``choose_sections`` on each: a section is
    shared by two cards of one language only when a topic has no other)."""
    cards = {"": choose_sections(candidates)}
    for language in CARD_LANGUAGES:
        cards[language] = choose_sections([c for c in candidates if c.language == language])
    return cards


def excerpt_at(text, start, length=STORED_CHARS):
    """Up to ``length`` characters of ``text`` from the sentence or line where offset ``start`` falls (the
    start of the text when ``start`` is None); "…" first when it starts inside a sentence, because the
    sentence began too far before."""
    if start is None or start <= 0:
        return text[:length]
    ends = (text.rfind(end, 0, start) + len(end) for end in _SENTENCE_ENDS if text.rfind(end, 0, start) >= 0)
    begin = max(ends, default=0)
    if start - begin > length // 4:
        return "…" + text[start:start + length - 1]
    return text[begin:begin + length].lstrip()


def refresh_topic_cards(matcher=None):
    """Choose every topic's cards (section and excerpt; all languages, then per note language) again (a few
    queries; only changed topics are written)."""
    matcher = matcher or TopicMatcher.from_database()
    links = list(SectionTopic.objects.filter(section__retired=False, section__note_file__retired=False)
                 .values_list("topic_id", "section_id", "via"))
    sections = {
        row["id"]: row for row in Section.objects.active().filter(pk__in={s for _t, s, _v in links})
        .annotate(length=Length("text"), linked=Count("topics"))
        .values("id", "heading", "length", "linked", "note_file__name", "order", "language")
    }
    own_heading = {section_id: set(matcher.find(row["heading"])) for section_id, row in sections.items()}
    candidates = []
    for topic_id, section_id, via in links:
        row = sections.get(section_id)
        if row is None:  # retired by an import that ran between the two reads: no card from it
            continue
        named = (HEADING if topic_id in own_heading[section_id]
                 else UNDER_HEADING if via == SectionTopic.Via.HEADING else BODY)
        candidates.append(Candidate(topic_id, section_id, named, row["linked"], row["length"] or 0,
                                    (row["note_file__name"], row["order"]), row["language"]))
    chosen = choose_cards(candidates)
    texts = dict((pk, (text, heading)) for pk, text, heading in
                 Section.objects.filter(pk__in={s for by_topic in chosen.values() for s in by_topic.values()})
                 .values_list("id", "text", "heading"))
    excerpts = {}  # (topic id, section id): the excerpt (two cards of a topic often take the same section)
    for by_topic in chosen.values():
        for topic_id, section_id in by_topic.items():
            if section_id in texts and (topic_id, section_id) not in excerpts:  # else deleted in between
                excerpts[topic_id, section_id] = _excerpt(texts[section_id], topic_id, matcher)
    # (section field, excerpt field, the chosen cards): the card among all sections, then one per note language
    fields = [("card_section", "card_excerpt", chosen[""])] + [
        (f"card_section_{code}", f"card_excerpt_{code}", chosen[code]) for code in CARD_LANGUAGES]
    names = [name for section, excerpt, _chosen in fields for name in (section, excerpt)]
    with transaction.atomic():
        changed = []
        for topic in Topic.objects.only("id", *names):
            wanted = {}  # attribute: value
            for section, excerpt, by_topic in fields:
                key = (topic.pk, by_topic.get(topic.pk))
                wanted[f"{section}_id"] = key[1] if key in excerpts else None
                wanted[excerpt] = excerpts.get(key, "")
            if any(getattr(topic, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(topic, name, value)
                changed.append(topic)
        Topic.objects.bulk_update(changed, names, batch_size=500)
        if changed:  # the home page is cached per content stamp: new cards show now, not at the next import
            from . import pagecache

            pagecache.bump_content_stamp()
    return len(changed)


def _excerpt(text_and_heading, topic_id, matcher):
    """A card's excerpt of a section (``(text, heading)``): from the sentence that first mentions the topic."""
    text, heading = text_and_heading
    text = text or heading  # a heading alone ("CloudTrailで監査的なログを取得") says more than nothing
    start = next((s for s, _e, t in matcher.mentions(text) if t == topic_id), None)
    if len(unicodedata.normalize("NFKC", text)) != len(text):
        start = None  # the matcher's offsets index the folded text: start at the beginning
    return excerpt_at(text, start)
