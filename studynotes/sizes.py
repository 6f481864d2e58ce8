"""Sizes and counts in messages as the interface language writes them: "6.2 MB, the limit is 5.0 MB",
"48,000,000 pixels". Units are Django's own translated ones (those of ``filesizeformat``); numbers are grouped
whatever ``USE_THOUSAND_SEPARATOR`` says, as a message is read once, not scanned down a table."""

from django.utils.formats import number_format
from django.utils.translation import gettext

# Django's msgids, translated in its own catalogs
_UNITS = ((1024**3, "%s GB"), (1024**2, "%s MB"), (1024, "%s KB"))


def grouped(number):
    """A count with the language's thousands separator: "40,000,000"."""
    return number_format(number, force_grouping=True)


def file_size(size, unit_of=None):
    """``size`` bytes as ``filesizeformat`` writes them ("6.2 MB", "512 bytes"), with the number grouped, in the
    unit ``filesizeformat`` picks for ``unit_of`` (``size`` itself by default; 0 for bytes)."""
    reference = size if unit_of is None else unit_of
    for unit, pattern in _UNITS:
        if reference >= unit:
            return gettext(pattern) % number_format(round(size / unit, 1), 1, force_grouping=True)
    return gettext("%(size)s bytes") % {"size": grouped(size)}  # a refused file or a limit: never one byte


def size_and_limit(size, limit):
    """``{"size": ..., "limit": ...}`` for a refusal: both in the limit's unit, so that they compare at a glance
    ("6.2 MB" and "5.0 MB"), or both in bytes where one decimal would make them look the same (5 MB and one
    byte is no "5.0 MB, the limit is 5.0 MB")."""
    texts = {"size": file_size(size, unit_of=limit), "limit": file_size(limit)}
    if texts["size"] == texts["limit"]:
        return {"size": file_size(size, unit_of=0), "limit": file_size(limit, unit_of=0)}
    return texts
