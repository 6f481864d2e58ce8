"""A duration as people write it, in the interface language: "17 s", "12 min 5 s", "1 h 2 min".

One helper for every time shown (an exam's time used and time limit, an item's mean time); the CSV keeps
numbers. Each unit is a plural message (a language may inflect it), and two units are joined by a message
too (Korean writes "12분 5초", Japanese "12 分 5 秒").
"""

from datetime import timedelta

from django.utils.translation import npgettext, pgettext


def _unit(n, unit):
    if unit == "h":
        return npgettext("duration", "%(n)s h", "%(n)s h", n) % {"n": n}
    if unit == "min":
        return npgettext("duration", "%(n)s min", "%(n)s min", n) % {"n": n}
    return npgettext("duration", "%(n)s s", "%(n)s s", n) % {"n": n}


def duration_text(value, unit="s"):
    """``value`` (a ``timedelta``, or a number of ``unit``, "s" or "min": a mean is rounded) in whole units,
    the two largest, zeros left out: seconds under an hour, minutes from an hour on, cut (a clock's 0:59:59 is
    not "1 h")."""
    if value is None or value == "":
        return ""
    if isinstance(value, timedelta):
        seconds = max(int(value.total_seconds()), 0)
    else:
        seconds = max(round(float(value) * (60 if unit == "min" else 1)), 0)
    hours, minutes, seconds = seconds // 3600, seconds // 60 % 60, seconds % 60
    if hours:
        parts = [(hours, "h"), (minutes, "min")]
    elif minutes:
        parts = [(minutes, "min"), (seconds, "s")]
    else:
        parts = [(seconds, "s")]
    shown = [_unit(n, name) for n, name in parts if n] or [_unit(0, "s")]
    if len(shown) == 1:
        return shown[0]
    return pgettext("duration: hours and minutes, or minutes and seconds", "%(larger)s %(smaller)s") % {
        "larger": shown[0], "smaller": shown[1]}
