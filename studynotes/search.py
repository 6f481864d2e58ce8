"""Search over note sections, in Japanese, Korean and English, including partial words.

Japanese and Korean have no spaces between words, so matching is by substring:

- SQLite: an FTS5 table with the ``trigram`` tokenizer over ``heading_path`` and
  ``text`` (``studynotes_section_fts``, kept in sync by triggers created in
  migration 0003). Trigrams need three characters, so shorter terms fall back to
  ``LIKE``.
- PostgreSQL: ``icontains`` (``UPPER(...) LIKE``), served by GIN trigram indexes
  on ``UPPER(heading_path)`` and ``UPPER(text)`` (``pg_trgm``, migration 0003).

A Latin term of one to three letters or digits ("EB", "S3", "SQS") matches only at the start of a word
(``word_start_regex``, a ``REGEXP`` / ``~`` filter next to the substring one), not inside "Web" or "DEBUG".

Every term must match (AND). Queries are capped in length and number of terms,
and are passed as parameters, so ``%``, ``_``, quotes or 10,000 characters of
anything give results or an empty list, never an error.

The pure helpers (``parse_query``, ``highlight``, ``group_by_topic``) take and
return plain data and are tested without a database.
"""

import functools
import re
import string
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_CHARS = 100
MAX_TERMS = 6
MAX_RESULTS = 50
TRIGRAM = 3
FTS_TABLE = "studynotes_section_fts"


# Quotes around a phrase, as typed into search boxes: each opening mark and the marks that close it.
_DOUBLE = '"＂“”'
QUOTES = {**{mark: _DOUBLE for mark in _DOUBLE}, "「": "」", "『": "』"}
_MARKS = _DOUBLE + "「」『』"
# a quoted phrase (a quote left open runs to the end), else a word: no whitespace and no quote mark
_PIECE = re.compile("|".join(
    [f"{re.escape(mark)}[^{re.escape(close)}]*[{re.escape(close)}]?" for mark, close in QUOTES.items()]
    + [f"[^\\s{re.escape(_MARKS)}]+"]
))


# Between unquoted words, commas separate like spaces ("ELB, S3", "Lambda、リトライ"; not "1,000"), and a word's
# final question mark or full stop ("lambda?", "S3。") is the sentence's, not the note's.
_COMMA = re.compile(r"[、，､]|(?<!\d),|,(?!\d)")
_SENTENCE_END = "?？!！.．。｡"


def _pieces(q):
    """The words and quoted phrases of ``q``, in order, without their quote marks; a phrase's whitespace is
    one space."""
    for match in _PIECE.finditer(q):
        piece = match.group()
        if piece[0] in QUOTES:
            words = [" ".join(piece[1:].rstrip(QUOTES[piece[0]]).split())]
        else:
            words = [word.rstrip(_SENTENCE_END) for word in _COMMA.split(piece)]
        yield from (word for word in words if word)


def clipped(q):
    """``q`` cut to the longest query read (``MAX_QUERY_CHARS * 4``), at a space where it can be: a word cut in
    two would be searched and highlighted as its first letters ("lambda " 80 times ending in "l")."""
    q = q or ""
    limit = MAX_QUERY_CHARS * 4
    if len(q) <= limit:
        return q
    head = q[:limit]
    if not q[limit].isspace() and any(ch.isspace() for ch in head):
        head = head[: max(i for i, ch in enumerate(head) if ch.isspace())]
    return head


def parse_query(q):
    """The distinct search terms of ``q``: whitespace-separated words, and phrases in quotes ("Elastic
    Beanstalk", 「自動ドレイン」, ＂...＂, “...”) as one term each; capped, in order.

    A term matches as a substring (SQLite: an FTS5 phrase over trigrams; PostgreSQL: ``icontains``), so a
    quoted phrase finds its words side by side, which the same words unquoted find too."""
    q = clipped(q)
    # Control characters (NUL above all) mean nothing in notes and break SQL string literals.
    q = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in q)
    terms = []
    for term in _pieces(q):
        term = term[:MAX_QUERY_CHARS]
        if term.lower() not in (t.lower() for t in terms):
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


def fts_phrase(term):
    """``term`` as an FTS5 string literal: one phrase, matched as a substring by trigrams."""
    return '"' + term.replace('"', '""') + '"'


_WIDE = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}  # ASCII letters, digits and signs -> full-width
_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}  # hiragana -> katakana


def _in_hiragana(text):
    """Is ``text`` a word typed in hiragana and left unconverted ("どれいん", "すぽっと")?"""
    return any("ぁ" <= ch <= "ゖ" for ch in text) and all("ぁ" <= ch <= "ゟ" or ch == "ー" for ch in text)


class Term(str):
    """A query term that names a topic, with the notes' misspellings of that topic, or one of those
    misspellings, with the topic's right spellings (``with_misspellings``)."""

    misspellings = ()
    corrections = ()
    others = ()  # the same word or topic name in other scripts or okurigana (``TopicIndex.spellings``)


def variants(term):
    """The spellings of ``term`` that match it: as typed (pasted from a note: "自動で２回まで", "（DLQ)"),
    its NFKC form (an IME's "ｓ３" or "：", half-width "ｽﾎﾟｯﾄ") and that with full-width letters, digits
    and signs ("EC2" also finds "ＥＣ２"). Notes write either width, and the index holds them as written.
    A word typed all in hiragana also matches in katakana ("どれいん" finds "ドレイン"): notes write loanwords
    in katakana, and a learner may search before converting. A ``Term`` also matches its topic's misspellings
    ("Lambda" finds "Lamdba") or, itself a misspelling, the topic's right spellings ("Lamdba" finds
    "Lambda")."""
    nfkc = unicodedata.normalize("NFKC", term)
    katakana = nfkc.translate(_KATAKANA) if _in_hiragana(nfkc) else ""
    found = []
    spelt = (*getattr(term, "misspellings", ()), *getattr(term, "corrections", ()), *getattr(term, "others", ()))
    for spelling in (term, nfkc, nfkc.translate(_WIDE), katakana, *spelt):
        # exact, not casefolded: "conﬁg" (a ligature pasted from a PDF) casefolds to "config", but the index and
        # LIKE do not fold it, so its NFKC spelling must stay
        if spelling and spelling not in found:
            found.append(spelling)
    return found


def fts_term(term, column=None):
    """An FTS5 expression matching any spelling of ``term`` (in ``column`` only, when given)."""
    expression = "(" + " OR ".join(fts_phrase(spelling) for spelling in variants(term)) + ")"
    return f"{column} : {expression}" if column else expression


# A Latin term of one to three letters or digits is an abbreviation ("EB", "S3", "SQS") or a word being typed
# ("La", "Bea"): inside other words it finds noise ("Web", "DEBUG", "records"), so it matches where a word starts:
# after anything but a Latin letter or digit, at a capital after a small letter ("AmazonS3", "ElasticBeanstalk")
# or at a digit after a letter ("Route53"). Longer terms, and Japanese and Korean ones, match anywhere.
WORD_START_CHARS = 3
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"


def starts_words(spelling):
    """Does ``spelling`` match only at the start of a word (``word_start_regex``)? Also one with signs after its
    first letter or digit ("B/G" is not in "NLB/GWLB")."""
    nfkc = unicodedata.normalize("NFKC", spelling)
    return (len(nfkc) <= WORD_START_CHARS and nfkc.isascii() and nfkc[:1].isalnum()
            and not any(ch.isspace() for ch in nfkc))


def _any_case(text):
    # a sign escaped with a backslash: Python's re and PostgreSQL's ``~`` read it as itself
    return "".join(f"[{ch.upper()}{ch.lower()}]" if ch.upper() != ch.lower() else re.escape(ch) for ch in text)


def word_start_regex(spelling):
    """A regular expression for ``spelling`` (``starts_words``) at the start of a word, in any case; Python,
    SQLite's ``REGEXP`` (Python's) and PostgreSQL's ``~`` read it alike."""
    first = spelling[0]
    found = [f"(^|[^0-9０-９{_LATIN}]){_any_case(spelling)}"]
    if first.upper() != first.lower():  # a capital after a small letter
        found.append(f"[a-zａ-ｚ]{first.upper()}{_any_case(spelling[1:])}")
    else:  # a digit after a letter
        found.append(f"[{_LATIN}]{_any_case(spelling)}")
    return "|".join(found)


@functools.lru_cache(maxsize=256)
def _word_start(term):
    """``word_start_regex(term)`` compiled, or None for a term that matches anywhere (``starts_words``). Kept per
    process: ``matching_topics`` asks it for every topic name at each keystroke."""
    return re.compile(word_start_regex(term)) if starts_words(term) else None


def at_word_starts(term):
    """Does a spelling of ``term`` match at word starts only (a filter besides the trigram index)?"""
    return any(starts_words(spelling) for spelling in variants(term))


def indexed(term):
    """Can the trigram index look ``term`` up? Every spelling needs three characters (else ``LIKE``)."""
    return min(len(spelling) for spelling in variants(term)) >= TRIGRAM


def indexed_part(term):
    """``term`` without the spellings of one or two characters the topic index gave it ("切替" of "切り替え"), or
    None when it cannot be looked up by the trigram index even so."""
    if isinstance(term, Term):
        part = Term(term)
        for name in ("misspellings", "corrections", "others"):
            setattr(part, name, tuple(text for text in getattr(term, name) if len(text) >= TRIGRAM))
        term = part
    return term if indexed(term) else None


def contains(term, *fields):
    """``Q``: one of ``fields`` contains a spelling of ``term`` (any case; a short Latin one at the start of a
    word, ``starts_words``)."""
    q = Q()
    for spelling in variants(term):
        for name in fields:
            # the substring filter stays: PostgreSQL's trigram indexes serve it, and the regex checks its rows
            found = Q(**{f"{name}__icontains": spelling})
            if starts_words(spelling):
                found &= Q(**{f"{name}__regex": word_start_regex(spelling)})
            q |= found
    return q


def _fold(text):
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().translate(_KATAKANA).split())


def _unsigned(text):
    """``_fold(text)`` without punctuation: "X-Ray" and "xray", "Blue/Green" and "Blue Green", "롤링 배포" and
    "롤링배포" are one spelling."""
    return "".join(ch for ch in _fold(text) if unicodedata.category(ch)[0] != "P")


def _fold_name(text):
    """A topic's name or alias for ``_names_have``: its folded words, one space apart, and the rest of it
    from each word on, without spaces ("route 53", ("route53", "53"))."""
    words = unicodedata.normalize("NFKC", text or "").casefold().translate(_KATAKANA).split()
    return " ".join(words), tuple("".join(words[i:]) for i in range(len(words))) or ("",)


def _names_have(names, term):
    """Does one of ``names`` (``_fold_name``) contain ``term`` (``_fold``) inside a word, or from the start
    of a word across the spaces after it? "route53" and "블루그린" find "Route 53" and "블루 그린", but "alb"
    does not find "additional batch". A short Latin term (``starts_words``: "la", "eb") only from the start of a
    word: "la" does not find "Elastic Beanstalk"."""
    word_start = _word_start(term)
    if word_start is not None:
        return any(word_start.search(spaced) for spaced, _rests in names)
    return any(
        term in spaced or (term in rests[0] and any(rest.startswith(term) for rest in rests))
        for spaced, rests in names
    )


_topic_index = {}  # {content stamp: index}: derived from the database, rebuilt when the stamp changes


def _edits(a, b):
    """The Levenshtein distance between ``a`` and ``b``."""
    row = list(range(len(b) + 1))
    for i, ch in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ch != other))
    return row[-1]


def _close(misspelling, spelling):
    """Is ``spelling`` (``_fold``) what ``misspelling`` (``_fold``) means to write: its letters in another
    order ("bule/green", "blue/green"), or within two edits (one below six characters) and two letters of its
    length ("lamdba", "lambda")? Not an alias naming a kind of the topic ("immutable" of the deployment
    policies)."""
    if sorted(misspelling) == sorted(spelling):
        return True
    return abs(len(misspelling) - len(spelling)) <= 2 and _edits(misspelling, spelling) <= min(
        2, len(misspelling) // 3
    )


class TopicIndex(NamedTuple):
    topics: list  # [(topic, folded names, folded names and aliases)] (``_fold_name``)
    misspellings: dict  # {folded name or alias: its topics' misspellings in the notes (hidden aliases)}
    corrections: dict  # {folded misspelling, also without signs around it: its topics' names and the shown
    #                    aliases ``_close`` to it; a name or shown alias ``_unsigned``: its spellings}
    spellings: dict  # {a translation (glossary `translations`) or a word of `words`, ``_fold`` and
    #                       ``_unsigned``: its group (the topic's translations, the word's spellings)}


def topic_index(stamp=None):
    """The ``TopicIndex`` for ``matching_topics`` and ``with_misspellings`` (two queries). With the notes'
    content ``stamp`` (``studynotes.pagecache``) it is built once per process and stamp: a cache of what the
    database holds, which a glossary sync or an import replaces by bumping the stamp."""
    from .linking import search_spellings
    from .models import Topic, TopicAlias

    if stamp is not None and stamp in _topic_index:
        return _topic_index[stamp]
    aliases, misspelt, spelt = {}, {}, {}
    for topic_id, text, shown in TopicAlias.objects.values_list("topic_id", "text", "shown"):
        aliases.setdefault(topic_id, []).append(_fold_name(text))
        (spelt if shown else misspelt).setdefault(topic_id, []).append(text)
    index = TopicIndex([], {}, {}, {})
    translations, words = search_spellings()
    for group in words:
        for text in group:
            index.spellings.setdefault(_fold(text), list(group))
    # only topics with a section on the site (a topic page with nothing to read is no search result)
    with_notes = Topic.objects.filter(sections__retired=False, sections__note_file__retired=False).distinct()
    for topic in with_notes.only("id", "slug", "name", "names", "domain"):
        names = [_fold_name(topic.name), *(_fold_name(v) for v in (topic.names or {}).values())]
        everything = names + aliases.get(topic.pk, [])
        index.topics.append((topic, names, everything))
        # a misspelling of the topic's name ("Lamdba") is searched with every name and alias; one of a single
        # alias ("VisibkityTimeout") only with that alias, not with its siblings ("DLQ", "SQS")
        named = {word for spaced, rests in names for word in (*rests, *spaced.split())}
        for _spaced, rests in everything if topic.pk in misspelt else []:
            found = index.misspellings.setdefault(rests[0], [])
            found += [text for text in misspelt[topic.pk] if text not in found
                      and any(_close(_fold(text), spelling) for spelling in (rests[0], *named))]
        # the same name spaced or signed otherwise ("로드밸런서" and "로드 밸런서", "xray" and "X-Ray"): the notes
        # write any, and a learner types any
        for text in [topic.name, *(topic.names or {}).values(), *spelt.get(topic.pk, [])]:
            found = index.corrections.setdefault(_unsigned(text), []) if text else []
            found += [text] if text not in found else []
        for text in translations.get(topic.slug, ()):
            for key in {_fold(text), _unsigned(text)}:
                index.spellings.setdefault(key, list(translations[topic.slug]))
        for typo in misspelt.get(topic.pk, []):
            close = [text for text in spelt.get(topic.pk, []) if _close(_fold(typo), _fold(text))]
            right = [text for text in (topic.name, *(topic.names or {}).values(), *close) if text]
            # also without the signs around it: a learner leaves out a file's dot ("ebextentions")
            for key in {_fold(typo), _fold(typo).strip(string.punctuation)} - {""}:
                found = index.corrections.setdefault(key, [])
                found += [text for text in right if text not in found]
    if stamp is not None:
        _topic_index.clear()
        _topic_index[stamp] = index
    return index


def _broader(text, term):
    """Does ``text`` name a part of what ``term`` names, so finds more? "CloudwatchLogs" names a part of CloudWatch;
    its topic's "Cloudwatch" and "Amazon CloudWatch" would find every section on CloudWatch ("Cloud Watch" is
    "CloudWatch" spaced otherwise)."""
    if _unsigned(text) == _unsigned(term):  # "Blue Green" for "blue/green": the same words
        return False
    spaced, rests = _fold_name(text)
    whole = _fold(term)
    return rests[0] != whole and any(rest and rest in whole and len(rest) < len(whole) for rest in rests)


def with_misspellings(terms, index):
    """``terms``, each that names a topic in full (its name or an alias, as ``matching_topics`` decides:
    "Lambda", "ラムダ", "ebextensions") as a ``Term`` that also matches the topic's misspellings in the notes
    (its hidden aliases: "Lamdba", ".ebextentions"). Not its other aliases: some name a kind of the topic
    ("Immutable" and "All at once" of the deployment policies). A term that is one of those misspellings
    ("Lamdba", "Bule/Green", "ebextentions" without its dot) also matches the topic's right spellings: its
    names and the aliases close to the misspelling (``_close``: "Lambda", "Blue/Green"; not "Immutable"
    either). A term that spells a topic's name or shown alias with other spaces or signs ("롤링배포", "xray",
    "blue/green") also matches it as written ("롤링 배포", "X-Ray", "Blue-Green"). A spelling the term finds anyway ("Cloudwatch" for "CloudWatch": any case), or another of them
    does ("AWS Lambda" after "Lambda"), adds nothing to look up."""
    spelled = []
    for term in terms:
        spellings = [spelling.casefold() for spelling in variants(term)]
        misspellings = [
            text for text in index.misspellings.get(_fold(term), [])
            if not any(spelling in text.casefold() for spelling in spellings) and not _broader(text, term)
        ]
        corrections = []
        keys = dict.fromkeys((_fold(term), _unsigned(term)))  # a misspelling's, or the same spelling's
        found = dict.fromkeys(text for key in keys for text in index.corrections.get(key, []))
        for text in sorted(found, key=len):  # "Lambda" before "AWS Lambda"
            if not any(spelling in text.casefold() for spelling in spellings) and not _broader(text, term):
                corrections.append(text)
                spellings.append(text.casefold())
        # the same concept or word written otherwise: "ブルーグリーン" also finds "Blue/Green" and "블루그린", "切り替え"
        # finds "切替" (a listed translation is the concept itself, so not ``_broader``)
        others = []
        for text in sorted(dict.fromkeys(text for key in keys for text in index.spellings.get(key, [])), key=len):
            if not any(spelling in text.casefold() for spelling in spellings):
                others.append(text)
                spellings.append(text.casefold())
        if misspellings or corrections or others:
            term = Term(term)
            term.misspellings, term.corrections = tuple(misspellings), tuple(corrections)
            term.others = tuple(others)
        spelled.append(term)
    return spelled


def matching_topics(terms, limit=8, index=None):
    """Topics whose name (English or in another interface language) or an alias contains every term, the
    best first (one whose name or alias the query spells in full, "EB" or "Route 53", then a name match before
    an alias match, then the shorter name): "블루/그린" or "ブルー" finds the Blue/Green topic although no note
    writes it that way. Two queries, none when given the ``index`` (``topic_index``)."""
    folded = [_fold(term) for term in terms if _fold(term)]
    if not folded:
        return []
    whole = "".join(folded)
    found = []
    for topic, names, everything in (topic_index() if index is None else index).topics:
        by_name = all(_names_have(names, term) for term in folded)
        if by_name or all(_names_have(everything, term) for term in folded):
            named = any(rests[0] == whole for _spaced, rests in everything)
            found.append((0 if named else 1, 0 if by_name else 1, len(topic.name), topic))
    found.sort(key=lambda row: row[:3])
    return [row[-1] for row in found[:limit]]


CLOSE_MIN_CHARS = 4  # shorter words are a few edits from too many names ("ecs", "ec2", "eks")


def close_topics(term, index, limit=3):
    """Topics with a name or alias, or a word of one, that ``term`` misspells (``_close``: "lamda" for
    "Lambda", "beanstock" for "Beanstalk"), the closest first: what to offer when a one-word query found
    nothing. No query (the ``index``)."""
    folded = _fold(term)
    if len(folded) < CLOSE_MIN_CHARS:
        return []
    letters = set(folded)
    found = []
    for topic, _names, everything in index.topics:
        # (``_close`` says no to the others, only later: two edits change at most four distinct letters)
        spellings = {word for spaced, rests in everything for word in (rests[0], *spaced.split())
                     if abs(len(word) - len(folded)) <= 2 and len(letters.symmetric_difference(word)) <= 4}
        edits = [_edits(folded, spelling) for spelling in spellings if _close(folded, spelling)]
        if edits:
            found.append((min(edits), len(topic.name), topic))
    found.sort(key=lambda row: row[:2])
    return [row[-1] for row in found[:limit]]


def as_one_name(q, index):
    """The words of ``q`` as one quoted phrase when together they spell a topic's name or shown alias with
    other spaces ("블루 그린" for "블루그린", "x ray" for "X-Ray", "blue green" for "Blue/Green"), else None:
    what to search first. As one term it matches the name's other spellings and misspellings (``with_misspellings``:
    "블루그린", "Bule/Green") and the words side by side as typed; apart, a note needed both words and no more."""
    words = parse_query(q)
    if len(words) > 1 and _unsigned("".join(words)) in index.corrections:
        return f'"{" ".join(words)}"'
    return None


def search_sections(q, limit=MAX_RESULTS, index=None):
    """Active sections matching every term of ``q`` (three queries); with a ``topic_index``, a term naming a
    topic also matches its misspellings (``with_misspellings``).

    Each comes with its file and ``topic_links``, a list of ``(topic, via)`` whose
    topics carry ``alias_texts``.
    """
    from .models import Section

    terms = parse_query(q)
    if index is not None:
        terms = with_misspellings(terms, index)
    if not terms:
        return []
    sections = Section.objects.active()
    long_terms = [t for t in terms if indexed(t)]
    short_terms = [t for t in terms if not indexed(t)]
    if connection.vendor == "sqlite" and long_terms:
        match = " AND ".join(fts_term(t) for t in long_terms)
        sections = sections.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )
        short_terms += [t for t in long_terms if at_word_starts(t)]  # trigrams cannot tell where words start
    else:
        short_terms = terms
    for term in short_terms:
        sections = sections.filter(contains(term, "heading_path", "text"))
    # Sections whose heading carries every term come first, then the rest in file order.
    heading_match = Q()
    for term in terms:
        heading_match &= contains(term, "heading_path")
    sections = sections.annotate(
        heading_rank=Case(When(heading_match, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    sections = list(
        sections.select_related("note_file")
        .defer("markdown", "html", "note_file__report")  # results show text excerpts only
        .order_by("heading_rank", "note_file__name", "order")[:limit]
    )
    return _with_topic_links(sections)


def live_sections(q, limit, index=None):
    """``(sections, searched_text)``: the first ``limit`` of ``search_sections(q)``, in the same order,
    for the results under the search box.

    Sections whose heading carries every term come first; the note text is searched only when they are fewer
    than ``limit`` and a term has three characters or more (a trigram index serves it and narrows the rows the
    shorter terms are looked for in, as in ``search_sections``: "Route 53", "컨텍스트 객체"; one or two characters
    alone would scan every section's text on each keystroke). Two to four queries. With a ``topic_index``, a
    term naming a topic also matches its misspellings, as in ``search_sections``.
    """
    from .models import Section

    terms = parse_query(q)
    if index is not None:
        terms = with_misspellings(terms, index)
    if not terms:
        return [], False
    in_heading = Q()
    for term in terms:
        in_heading &= contains(term, "heading_path")
    columns = (
        Section.objects.active().select_related("note_file").defer("markdown", "html", "note_file__report")
    )
    long_terms = [t for t in terms if indexed(t)]
    # in the text, a term's short spellings from the topic index ("切替" of "切り替え") are left out: they would
    # scan every section's text at each keystroke (headings match them, above; the full page searches the text)
    in_text_terms = [indexed_part(t) or t for t in terms]
    searched_text = any(indexed(t) for t in in_text_terms)
    headings = columns.filter(in_heading)
    if connection.vendor == "sqlite" and long_terms:  # the trigram index, limited to the heading column
        match = " AND ".join(fts_term(t, "heading_path") for t in long_terms)
        headings = headings.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )
    sections = list(headings.order_by("note_file__name", "order")[:limit])
    if len(sections) < limit and searched_text:
        in_text = columns
        short_terms = in_text_terms
        if connection.vendor == "sqlite":
            match = " AND ".join(fts_term(t) for t in in_text_terms if indexed(t))
            in_text = in_text.filter(
                pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
            )
            short_terms = [t for t in in_text_terms if not indexed(t) or at_word_starts(t)]
        for term in short_terms:
            in_text = in_text.filter(contains(term, "heading_path", "text"))
        rest = in_text.exclude(in_heading).order_by("note_file__name", "order")
        sections += list(rest[: limit - len(sections)])
    return _with_topic_links(sections), searched_text


def _with_topic_links(sections):
    """``sections`` with ``topic_links`` set (two queries, none without sections)."""
    from .models import SectionTopic, Topic, TopicAlias

    # Links and aliases as plain rows (a prefetch built a manager and a model per link and per alias, which
    # cost more than the queries): one Topic object per topic across the results.
    by_section = {section.pk: [] for section in sections}
    topics = {}
    fields = ["id", "slug", "name", "names", "domain"]
    links = (
        SectionTopic.objects.filter(section_id__in=list(by_section))
        .order_by("topic__name", "id")
        .values_list("section_id", "via", *(f"topic__{name}" for name in fields))
    )
    for section_id, via, *topic_row in links:
        topic = topics.get(topic_row[0])
        if topic is None:
            topic = topics[topic_row[0]] = Topic.from_db("default", fields, topic_row)
            topic.alias_texts = []
        by_section[section_id].append((topic, via))
    if topics:
        aliases = TopicAlias.objects.filter(topic_id__in=list(topics)).order_by("topic", "language", "text")
        for topic_id, text in aliases.values_list("topic_id", "text"):
            topics[topic_id].alias_texts.append(text)
    for section in sections:
        section.topic_links = by_section[section.pk]
    return sections


def _spans(text, terms):
    """Sorted, merged (start, end) spans of every case-insensitive occurrence of the terms."""
    found = []
    for spelling in (spelling for term in terms for spelling in variants(term)):
        word_start = word_start_regex(spelling) if starts_words(spelling) else None
        for m in re.finditer(f"(?=({re.escape(spelling)}))", text, re.IGNORECASE):
            start, end = m.start(), m.start() + len(m.group(1))
            # as the search matched it: the character before and the match, at the start of a word
            if m.group(1) and (word_start is None or re.fullmatch(word_start, text[max(start - 1, 0):end])):
                found.append((start, end))
    spans = []
    for start, end in sorted(found):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def highlight(text, terms, width=None):
    """``text`` escaped, with each match wrapped in ``<mark>``; safe to render.

    With ``width``, only an excerpt of about that many characters around the
    first match is kept, with an ellipsis where text was cut.
    """
    text = text or ""
    spans = _spans(text, terms)
    start, end = 0, len(text)
    if width is not None and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, first - width // 3)
        end = min(len(text), start + width)
        spans = [(max(s, start), min(e, end)) for s, e in spans if e > start and s < end]
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return mark_safe("".join(out))


@dataclass
class Hit:
    section: object
    heading: str
    excerpt: str
    other_topics: list = field(default_factory=list)


@dataclass
class TopicGroup:
    topic: object  # None for sections linked to no topic
    hits: list = field(default_factory=list)


def _best_topic(links, terms, coverage):
    """The one topic a hit is listed under.

    Prefer a topic whose names or aliases the query mentions most terms of ("ecs draining": ECS Spot draining
    before ECS), then one the section's heading names, then the topic shared by most hits (fewest, fuller groups).
    """
    lowered = [[spelling.lower() for spelling in variants(term)] for term in terms]

    def score(link):
        topic, via = link
        names = [n.lower() for n in [topic.name, *getattr(topic, "alias_texts", [])] if n]
        named = sum(any(t in n or n in t for t in spellings for n in names) for spellings in lowered)
        return (named, via == "heading", coverage.get(topic.pk, 0))

    return max(links, key=score)[0]


def group_by_topic(sections, terms, excerpt_chars=160):
    """Hits grouped by topic, largest group first; each section listed once, under its best topic.

    ``section.topic_links`` is a list of ``(topic, via)``; sections without a topic
    come last, in a group whose topic is None.
    """
    coverage = {}
    for section in sections:
        for topic, _via in section.topic_links:
            coverage[topic.pk] = coverage.get(topic.pk, 0) + 1
    groups = {}
    loose = TopicGroup(topic=None)
    for section in sections:
        hit = Hit(
            section=section,
            heading=highlight(section.heading_path, terms),
            excerpt=highlight(section.text.replace("\n", " "), terms, width=excerpt_chars),
        )
        if not section.topic_links:
            loose.hits.append(hit)
            continue
        topic = _best_topic(section.topic_links, terms, coverage)
        hit.other_topics = [t for t, _via in section.topic_links if t.pk != topic.pk]
        groups.setdefault(topic.pk, TopicGroup(topic=topic)).hits.append(hit)
    result = sorted(groups.values(), key=lambda g: -len(g.hits))
    if loose.hits:
        result.append(loose)
    return result


# --- The index: created by migration 0003 and re-checked after every migrate. ---
#
# SQLite rebuilds a table when a migration alters it, which drops its triggers;
# ``ensure_search_index`` (run by migration 0003 and on ``post_migrate``) puts
# them back and rebuilds the FTS table when they were missing.

SQLITE_TRIGGERS = {
    "studynotes_section_fts_ai": f"""
        CREATE TRIGGER IF NOT EXISTS studynotes_section_fts_ai AFTER INSERT ON studynotes_section BEGIN
            INSERT INTO {FTS_TABLE}(rowid, heading_path, text) VALUES (new.id, new.heading_path, new.text);
        END""",
    "studynotes_section_fts_ad": f"""
        CREATE TRIGGER IF NOT EXISTS studynotes_section_fts_ad AFTER DELETE ON studynotes_section BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading_path, text)
                VALUES ('delete', old.id, old.heading_path, old.text);
        END""",
    "studynotes_section_fts_au": f"""
        CREATE TRIGGER IF NOT EXISTS studynotes_section_fts_au AFTER UPDATE ON studynotes_section BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading_path, text)
                VALUES ('delete', old.id, old.heading_path, old.text);
            INSERT INTO {FTS_TABLE}(rowid, heading_path, text) VALUES (new.id, new.heading_path, new.text);
        END""",
}

POSTGRES_INDEXES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS studynotes_section_text_trgm ON studynotes_section "
    "USING gin (UPPER(text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS studynotes_section_heading_trgm ON studynotes_section "
    "USING gin (UPPER(heading_path) gin_trgm_ops)",
]


def ensure_search_index(conn=None):
    """Create the vendor's search index if missing (idempotent). Returns True if anything was created."""
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            existing = {row[0] for row in cursor.fetchall()}
            if "studynotes_section" not in existing:
                return False
            missing = [name for name in [FTS_TABLE, *SQLITE_TRIGGERS] if name not in existing]
            if not missing:
                return False
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
                "heading_path, text, content='studynotes_section', content_rowid='id', tokenize='trigram')"
            )
            for sql in SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if conn.vendor == "postgresql":
            if "studynotes_section" not in conn.introspection.table_names(cursor):
                return False
            for sql in POSTGRES_INDEXES:
                cursor.execute(sql)
            return True
    return False


def drop_search_index(conn=None):
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif conn.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS studynotes_section_text_trgm")
            cursor.execute("DROP INDEX IF EXISTS studynotes_section_heading_trgm")
