"""Classical item analysis: pure functions over plain data, no database.

One ``Response`` is one learner's answer to one question inside one submitted
exam attempt, carrying that attempt's total score and its rest score (the score
on its other questions). ``analyse_item`` turns the responses to one question
into an ``ItemStats``. Attempts are ranked and correlated by their rest score,
not the total: in a short quiz the item's own point in the total inflates both
figures (with 10 items, an item nobody learned from still correlates with its
own tenth of the total), and a wrong key would rank the learners it marked right
higher, hiding itself:

- facility: share of responses that were correct (the p-value);
- discrimination (upper-lower): facility among the top 27% of attempts by
  rest score minus facility among the bottom 27% (group size
  0.27 * n rounded half up, at least 1, at most n // 2; attempts tied on a group's
  edge share its places left pro rata); ``None`` with fewer than two attempts;
- point-biserial, corrected (the corrected item-total correlation): correlation
  between being right on this item and the rest score,
  ``(M1 - M0) / s * sqrt(p * q)`` with the population standard deviation ``s``
  of the rest scores; ``None`` when every response is right, every response is
  wrong, or all rest scores are equal;
- how often each option was chosen, and the mean time spent.

Flags (``FLAG_*``), from ``MIN_RESPONSES_FLAGS`` responses on: discrimination below 0.2, facility above 0.95
or below 0.2, a distractor chosen more often than the key (for questions with several keys: more often than
the least-chosen key).

"Check the key" (``FLAG_CHECK_KEY``, ``key_check``): the signs of a wrong answer key, from
``MIN_RESPONSES_FLAGS`` responses on (fewer say too little: the top group would be one attempt). Either
more than half of the top 27% chose a distractor, and more of them chose it than the (least-chosen) key, or,
judged by the current key, the top 27% got the question right less often than the bottom 27% (the groups as for
the discrimination, ties on their edges shared pro rata).
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

UPPER_LOWER_SHARE = 0.27
MIN_DISCRIMINATION = 0.2
MAX_FACILITY = 0.95
MIN_FACILITY = 0.2
# 8 responses make a top group of 2 (0.27 * 8 rounded): a wrong key costs every learner marks, a false alarm one
# look at the question, so the check starts as soon as "most of the top group" means more than one attempt.
# The other flags wait as long: they cost less when missed, and below 8 one learner moves the facility by more
# than 12 points and decides the discrimination (with one attempt every question was "too hard" or "too easy")
MIN_RESPONSES_FLAGS = 8

FLAG_LOW_DISCRIMINATION = "low_discrimination"
FLAG_TOO_EASY = "too_easy"
FLAG_TOO_HARD = "too_hard"
FLAG_DISTRACTOR = "distractor_beats_key"
FLAG_CHECK_KEY = "check_key"


@dataclass(frozen=True)
class Response:
    attempt: object  # any sortable id of the attempt
    total: float  # the attempt's total score (any scale)
    correct: bool
    chosen: tuple = ()  # option keys the learner picked
    seconds: float | None = None  # time spent on the item, if known
    rest: float | None = None  # the attempt's score without this item, on the scale of ``total``; None: ``total``
    # less the item's point (``total`` a count of items right)

    @property
    def rest_score(self):
        return self.rest if self.rest is not None else self.total - self.correct


@dataclass
class ItemStats:
    n: int
    facility: float | None
    discrimination: float | None
    point_biserial: float | None
    option_counts: dict = field(default_factory=dict)  # key -> times chosen, every option listed
    correct_keys: tuple = ()
    mean_seconds: float | None = None
    flags: tuple = ()
    suspect_keys: tuple = ()  # distractors most of the top group chose (FLAG_CHECK_KEY)
    earlier_keys: tuple = ()  # options of earlier versions no longer asked: neither key nor distractor

    @property
    def distractor_counts(self):
        return {key: count for key, count in self.option_counts.items()
                if key not in self.correct_keys and key not in self.earlier_keys}

    @property
    def flagged(self):
        return bool(self.flags)


def facility(responses):
    if not responses:
        return None
    return sum(1 for r in responses if r.correct) / len(responses)


def group_size(share, n):
    """``share * n`` rounded half up (0.27 * 150 = 40.5 gives 41; ``round`` gives 40, half to even), in decimal
    arithmetic: 0.27 as a float is not 0.27, and the product may land just off the half."""
    return int((Decimal(str(share)) * n).to_integral_value(rounding=ROUND_HALF_UP))


def upper_lower_groups(responses, share=UPPER_LOWER_SHARE):
    """The top and the bottom ``share`` of ``responses`` (at least 2) by rest score."""
    n = len(responses)
    group = min(max(1, group_size(share, n)), n // 2)
    ranked = sorted(responses, key=lambda r: (-r.rest_score, _sort_key(r.attempt)))
    return ranked[:group], ranked[-group:]


def upper_lower_discrimination(responses, share=UPPER_LOWER_SHARE):
    """Facility in the top ``share`` of attempts by rest score minus facility in the bottom ``share``. Attempts
    tied on the group's edge share its places left (each counts for that fraction): in a short quiz most rest
    scores tie, and breaking the tie by attempt order would make an item look discriminating by who started
    first."""
    if len(responses) < 2:
        return None
    size = len(upper_lower_groups(responses, share)[0])
    return float(_group_facility(sorted(responses, key=lambda r: -r.rest_score), size)
                 - _group_facility(sorted(responses, key=lambda r: r.rest_score), size))


def _weighted_group(ranked, size):
    """``[(response, weight)]``: the first ``size`` places of ``ranked``, the responses tied across the edge
    sharing the places left (each weighs that fraction), so that no attempt order decides who is in the group.
    Exact fractions: in floats three thirds make 0.9999999999999999, and equal groups compared unequal."""
    weighted, left, i = [], size, 0
    while left > 0:
        tied = [r for r in ranked[i:] if r.rest_score == ranked[i].rest_score]
        taken = min(left, len(tied))
        weighted += [(r, Fraction(taken, len(tied))) for r in tied]
        left -= taken
        i += len(tied)
    return weighted


def _group_facility(ranked, size):
    """Facility of the first ``size`` of ``ranked``, a tie across the edge counted pro rata."""
    return sum(weight for r, weight in _weighted_group(ranked, size) if r.correct) / size


def key_check(responses, correct_keys):
    """``(flagged, suspect_keys)``: whether the key looks wrong (see the module's docstring), and the distractors
    most of the top group chose. Right and wrong by the choices against ``correct_keys`` (the key now: an
    instructor who corrected it sees the check against the corrected one), not by how attempts were graded."""
    if len(responses) < MIN_RESPONSES_FLAGS or not correct_keys:
        return False, ()
    size = len(upper_lower_groups(responses)[0])  # ties on the groups' edges share their places (_weighted_group)
    upper = _weighted_group(sorted(responses, key=lambda r: -r.rest_score), size)
    lower = _weighted_group(sorted(responses, key=lambda r: r.rest_score), size)
    chosen = {}
    for response, weight in upper:
        for key in response.chosen:
            chosen[key] = chosen.get(key, 0) + weight
    least_key = min(chosen.get(key, 0) for key in correct_keys)
    suspects = tuple(sorted(key for key, count in chosen.items()
                            if key not in correct_keys and count > size / 2 and count > least_key))
    right = [sum(weight for r, weight in group if set(r.chosen) == set(correct_keys)) for group in (upper, lower)]
    reversed_order = right[0] < right[1]
    return bool(suspects) or reversed_order, suspects


def point_biserial(responses):
    """The corrected item-total correlation: being right on the item against the rest score."""
    n = len(responses)
    if n < 2:
        return None
    right = [r.rest_score for r in responses if r.correct]
    wrong = [r.rest_score for r in responses if not r.correct]
    if not right or not wrong:
        return None
    mean = (sum(right) + sum(wrong)) / n
    sd = math.sqrt(sum((r.rest_score - mean) ** 2 for r in responses) / n)
    if sd == 0:
        return None
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * math.sqrt(p * (1 - p))


def option_counts(responses, option_keys):
    counts = {key: 0 for key in option_keys}
    for response in responses:
        for key in response.chosen:
            counts[key] = counts.get(key, 0) + 1
    return counts


def mean_seconds(responses):
    times = [r.seconds for r in responses if r.seconds is not None]
    return sum(times) / len(times) if times else None


def flags_for(stats):
    if stats.n < MIN_RESPONSES_FLAGS:
        return ()
    flags = []
    if stats.discrimination is not None and stats.discrimination < MIN_DISCRIMINATION:
        flags.append(FLAG_LOW_DISCRIMINATION)
    if stats.facility is not None and stats.facility > MAX_FACILITY:
        flags.append(FLAG_TOO_EASY)
    if stats.facility is not None and stats.facility < MIN_FACILITY:
        flags.append(FLAG_TOO_HARD)
    key_counts = [stats.option_counts.get(key, 0) for key in stats.correct_keys]
    if key_counts and any(count > min(key_counts) for count in stats.distractor_counts.values()):
        flags.append(FLAG_DISTRACTOR)
    return tuple(flags)


def analyse_item(responses, correct_keys, option_keys=(), earlier_keys=()):
    """All statistics and flags for one question's responses. ``earlier_keys``: options of earlier versions
    that are not asked any more (an option whose text changed): counted, but neither key nor distractor, and
    the key check reads only the responses that chose none of them (they cannot be judged by the key now)."""
    responses = list(responses)
    earlier_keys = tuple(earlier_keys)
    correct_keys = tuple(sorted(correct_keys))
    keys = list(option_keys) or sorted({k for r in responses for k in r.chosen} | set(correct_keys))
    stats = ItemStats(
        n=len(responses),
        facility=facility(responses),
        discrimination=upper_lower_discrimination(responses),
        point_biserial=point_biserial(responses),
        option_counts=option_counts(responses, keys),
        correct_keys=correct_keys,
        mean_seconds=mean_seconds(responses),
        earlier_keys=earlier_keys,
    )
    judged = [r for r in responses if not set(r.chosen) & set(earlier_keys)]
    check_key, stats.suspect_keys = key_check(judged, correct_keys)
    stats.flags = ((FLAG_CHECK_KEY,) if check_key else ()) + flags_for(stats)
    return stats


def _sort_key(value):
    return (str(type(value)), value) if not isinstance(value, int | float) else ("", value)
