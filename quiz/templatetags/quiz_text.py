"""``{{ text|link_urls }}``: explanations cite AWS documentation pages by URL; make those links."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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

