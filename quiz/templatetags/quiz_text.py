"""``{{ text|link_urls }}``: explanations cite AWS documentation pages by URL; make those links.

``{{ message|around:"{value}" }}``: a translated "label: value" cut where its value, markup, goes.

``explanation_html``: an explanation as shown, its links made and the note text it quotes marked with the note's
language (an English explanation quoting a Japanese note line), for screen readers and CJK glyphs.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from quiz.generation.templates import place_in_notes, quoted_line

register = template.Library()

# An http(s) URL in escaped text, up to a space or a closing bracket/quote of either width; trailing
# punctuation stays text.
_URL = re.compile(r"https?://[^\s<>\"'()（）「」]+")
_TRAILING = ".,;:!?。、"


def _anchor(match):
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        url, tail = url[:-1], url[-1] + tail
    return f'<a href="{url}" rel="noopener" target="_blank">{url}</a>{tail}'


def link_urls(text):
    """``text`` escaped, with its http(s) URLs as links (opened in a new tab, the explanation stays)."""
    escaped = escape(str(text))
    if "http" not in escaped:  # most explanations quote a note: no regex for them
        return mark_safe(escaped)
    return mark_safe(_URL.sub(_anchor, escaped))


register.filter("link_urls", link_urls)


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
    cites (``generation.templates.evidence_note``), of the notes written in another language."""
    quotes = {}
    for source in sources:
        lang = source.get("lang")
        if lang and lang != language:
            quotes[place_in_notes(source["heading_path"], source["file"])] = lang
            for quote in source.get("quotes", ()):
                quotes[quoted_line(quote)] = lang
    return quotes


def explanation_html(text, quotes):
    """``link_urls(text)``, each of the texts of ``quotes`` (``note_quotes``) it quotes (between quotation marks,
    「」 or "") in a ``<span lang>`` of that note's language."""
    found = [quote for quote in quotes if quote and quote in text]
    if not found:
        return link_urls(text)
    found.sort(key=len, reverse=True)  # the longest first: a line that starts with its section's heading
    pattern = re.compile("(?<=[「\"])(" + "|".join(re.escape(quote) for quote in found) + ")(?=[」\"])")
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts.append(link_urls(text[end:match.start()]))
        parts.append(f'<span lang="{escape(quotes[match.group(1)])}">{link_urls(match.group(1))}</span>')
        end = match.end()
    parts.append(link_urls(text[end:]))
    return mark_safe("".join(parts))

