"""Spacing and separators that depend on the language's punctuation.

Templates put separately translated sentences, or a label and its value, on their own lines, and the line
break renders as a space: right in English and Korean ("Nothing is due. The next review…"), wrong after Japanese
punctuation, which carries its own spacing (「ありません。次の復習は…」, 「トピック：Lambda」).
``full_width_spacing`` drops the whitespace that follows a full-width 。！？：、, whatever the interface
language, so each message stays a whole translation. Lists are joined with the translated
``pgettext("list separator", ", ")`` ("、" in Japanese).
"""

import re

from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import pgettext

_AFTER_FULL_WIDTH = re.compile(r"(?<=[。！？：、])[ \t\r\n]+")


def full_width_spacing(text):
    """``text`` without the whitespace after full-width punctuation; as safe as it was."""
    spaced = _AFTER_FULL_WIDTH.sub("", str(text))
    return mark_safe(spaced) if isinstance(text, SafeData) else spaced


def join_list(items):
    """``items`` joined with the active language's list separator."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
