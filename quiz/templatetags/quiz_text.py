"""``link_urls``: explanations cite AWS documentation pages by URL; make those links.

``{{ message|around:"{value}" }}``: a translated "label: value" cut where its value, markup, goes.

``{{ value|duration }}``: seconds or a ``timedelta`` as people write it ("12 min 5 s", ``quiz.durations``).

``summary_stems``: a set's stems, each by what tells it apart from the others (the practice summary's rows).

``explanation_html``: an explanation as shown, its links made and the note text it quotes marked with the note's
language (an English explanation quoting a Japanese note line), for screen readers and CJK glyphs.
"""

import re
from collections import Counter

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import Truncator

from quiz.durations import duration_text
from quiz.generation.templates import place_in_notes, quoted_line
from quiz.generation.text import line_language

register = template.Library()

# An http(s) URL in escaped text, up to a space, a quote or a bracket of either width (an escaped quote is
# &quot; or &#x27;: "&" only as &amp;); trailing punctuation stays text. Before it, optionally, the title a
# reference gives its page ("AWS documentation: {title} {url}", generation.templates.evidence_reference; older
# explanations put ": " in Japanese too), which the link then shows instead of the URL: a long URL breaks a
# phone's line anywhere, and the explanation read aloud is the title, not the address. A title has half-width
# brackets and "; " but no colon (so it never runs over another reference or URL) and ends at "、" or "）".
# Linear: about 4 µs for an explanation with a URL (link_urls skips the others).
_URL = re.compile(r"(?:(AWS (?:ドキュメント|문서|documentation)[:：] ?)([^<>\n:：、）」]+?),? )?"
                  r"(https?://[^\s<>\"'()（）「」&]+(?:&amp;[^\s<>\"'()（）「」&]+)*)")
_TRAILING = ".,;:!?。、"


def _short_url(url):
    """A URL's host and, of its path, the last part: "docs.aws.amazon.com/…/lambda-invocation.html"."""
    host, _slash, path = url.split("://", 1)[1].partition("/")
    path = path.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if not path:
        return host
    return f"{host}/{path}" if "/" not in path else f"{host}/…/{path.rsplit('/', 1)[1]}"


# A title in one of these scripts is no English AWS page title (an older explanation's own words)
_CJK = re.compile("[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _anchor(match, language=None):
    prefix, title, url = match.groups()
    tail = ""
    while url and url[-1] in _TRAILING:
        url, tail = url[:-1], url[-1] + tail
    text = title if title else _short_url(url)
    # the pages' titles are English: in a Japanese or Korean explanation, its voice would read "What is Amazon
    # CloudFront?" as Japanese or Korean
    english = title and language and language != "en" and not _CJK.search(title)
    lang = ' lang="en"' if english else ""
    return f'{prefix or ""}<a href="{url}" rel="noopener" target="_blank"{lang}>{text}</a>{tail}'


def link_urls(text, language=None):
    """``text`` escaped, with its http(s) URLs as links (opened in a new tab, the explanation stays), each
    showing its page's title when the text gives one, else its host and the end of its path. With ``language``
    (the text's) other than English, a link showing an English title is marked ``lang="en"``."""
    escaped = escape(str(text))
    if "http" not in escaped:  # most explanations quote a note: no regex for them
        return mark_safe(escaped)
    return mark_safe(_URL.sub(lambda match: _anchor(match, language), escaped))


register.filter("duration", duration_text)


@register.filter
def around(message, placeholder):
    """``(before, after)``: ``message`` cut at ``placeholder``, for a "label: value" whose value is markup
    (the countdown's timer, a ``<code>``). The translation places the value and writes the colon: "Time left:
    {time}" is "残り時間: {time}" or "남은 시간: {time}", and a language may write "：" with no space. The parts
    stay as safe as ``message`` was (``blocktranslate asvar`` gives a safe string); without the placeholder,
    the value comes after the whole message.

        {% blocktranslate asvar line with time="{time}" %}Time left: {{ time }}{% endblocktranslate %}
        {% with parts=line|around:"{time}" %}{{ parts.0 }}<span id="countdown">…</span>{{ parts.1 }}
        {% endwith %}
    """
    before, _found, after = str(message).partition(placeholder)
    if isinstance(message, SafeData):
        return mark_safe(before), mark_safe(after)
    return before, after


def note_quotes(sources, language):
    """``{text: language}``: what an explanation in ``language`` may quote from the notes of ``sources`` (as
    ``quiz.views.item_sources`` lists them, each with its section's ``lang``), the places and lines the generator
    cites (``generation.templates.evidence_note``), written in another language. A line is in its own language
    (``text.line_language``): an English line of a Korean note is read by an English voice, in an English
    explanation as in a Korean one."""
    quotes = {}
    for source in sources:
        lang = source.get("lang")
        if not lang:
            continue
        if lang != language:
            quotes[place_in_notes(source["heading_path"], source["file"])] = lang
        for quote in source.get("quotes", ()):
            quote_lang = line_language(quote, lang)
            if quote_lang != language:
                quotes[quoted_line(quote)] = quote_lang
    return quotes


def explanation_html(text, quotes, language=None):
    """``link_urls(text)``, each of the texts of ``quotes`` (``note_quotes``) it quotes (between quotation marks,
    「」 or "") in a ``<span lang>`` of that note's language. With ``language`` (the explanation's), a quoted run
    that is none of those but is written in another language's script (Hangul: Korean; kana: Japanese) is
    marked too: a wrong option's evidence may come from a section the question does not cite."""
    found = [quote for quote in quotes if quote and quote in text]
    if not found:
        return mark_safe(_marked_by_script(text, language))
    found.sort(key=len, reverse=True)  # the longest first: a line that starts with its section's heading
    # an explanation written before quotes dropped their final 。 (an attempt's snapshot) still has it
    pattern = re.compile("(?<=[「\"])(" + "|".join(re.escape(quote) for quote in found) + ")(?=。?[」\"])")
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts.append(_marked_by_script(text[end:match.start()], language))
        quote_lang = quotes[match.group(1)]
        parts.append(f'<span lang="{escape(quote_lang)}">{link_urls(match.group(1), quote_lang)}</span>')
        end = match.end()
    parts.append(_marked_by_script(text[end:], language))
    return mark_safe("".join(parts))


# "" cannot tell an opening mark from a closing one: the closing one is left for the next run to open
_QUOTED_RUN = re.compile('「([^「」\n]+)」|"([^"\n]+)(?=")')
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_KANA = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff]")


def script_language(text):
    """"ko" for text with Hangul, "ja" for text with kana (and no Hangul), else None (kanji alone, Latin)."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    return None


def _marked_by_script(text, language):
    """``link_urls(text)``, with each quoted run written in another language's script than ``language`` in a
    ``<span lang>`` (nothing marked without ``language``)."""
    if not language:
        return link_urls(text)
    parts, end = [], 0
    for match in _QUOTED_RUN.finditer(text):
        group = 1 if match.group(1) is not None else 2
        lang = script_language(match.group(group))
        if lang is None or lang == language:
            continue
        parts.append(link_urls(text[end:match.start(group)], language))
        parts.append(f'<span lang="{lang}">{link_urls(match.group(group), lang)}</span>')
        end = match.end(group)
    parts.append(link_urls(text[end:], language))
    return "".join(parts)


@register.filter
def script_lang(text):
    """``script_language`` for templates: "ko", "ja" or "" (a place or quote from the notes in an instructor's
    list, whose section's language the list does not carry)."""
    return script_language(str(text or "")) or ""


# A sentence ends at a full stop, question or exclamation mark and a space (English, Korean), at a full-width
# one (Japanese, not one inside 「…。」), or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=[。？！])(?![」』）)])\s*|\s*\n\s*")
_FULL_STOPS = "。？！"


def summary_stems(stems, limit):
    """Each of ``stems`` (a set's questions) in at most ``limit`` characters, said by what tells it apart from
    the others: its sentences no other stem of the set has. A topic set's questions share their setting ("A
    team deploys a new application version to an Elastic Beanstalk environment.") and their question ("Which
    deployment policy should they use?"): cut at ``limit``, every row read the same. A leading "…" says the
    stem's start was left out; a stem with no sentence of its own (the same stem twice) is said whole."""
    split = [[" ".join(part.split()) for part in _SENTENCE_END.split(stem.strip()) if part.strip()]
             for stem in stems]
    shared = Counter(sentence for sentences in split for sentence in set(sentences))
    result = []
    for sentences in split:
        own = [i for i, sentence in enumerate(sentences) if shared[sentence] == 1]
        text = ""
        for sentence in [sentences[i] for i in own] if own else sentences:
            # Japanese runs its sentences on after a full-width stop; the others are spaced
            text += (" " if text and text[-1] not in _FULL_STOPS else "") + sentence
        result.append(Truncator(("…" if own and own[0] > 0 else "") + text).chars(limit))
    return result
