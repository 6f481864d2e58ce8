"""Exam readiness: an estimate of today's score, per domain and overall.

Method (``docs/PROGRESS.md``): for each question, the chance of answering it
right today is ``p = g + (1 - g) * R`` where ``R`` is its FSRS retrievability
(0 for a question never seen) and ``g`` the question's chance of a right guess
(1 in 4 for one of four options, 1 in 10 for two of five). A domain's estimate
is ``g + (1 - g) * mastery score`` with ``g`` the mean over its live questions
(``DomainMastery.guess_rate``). The overall estimate
weights the domains as the exam blueprint does (the mock exam's
``rules["weights"]``; evenly over the domains with questions when it has none),
capped as the mock exam itself draws them (a domain with too few questions
gives its share to the others). On the 100-1000 scale it is
``100 + 900 * estimate``; against the pass mark (720 is 68.9%) the verdict is
"likely pass" at 5 points or more above, "not yet" 5 or more below,
"borderline" in between.

An estimate needs evidence: until the learner has answered ``MIN_SEEN_PER_DOMAIN`` different questions in
every domain the exam draws from (all of a domain's questions when it has fewer), the verdict is "not enough
answers yet" and the page says how many more questions to answer, and where, instead of a score that would be
mostly the guessing rate ("Not yet: 25%" for a learner who has answered nothing).

Everything here is pure: it takes ``DomainMastery`` rows and weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .reviews import GUESS_RATE

SCALE_MIN = 100
SCALE_MAX = 1000
DEFAULT_PASS_MARK = 720
MARGIN = 0.05
MIN_SEEN_PER_DOMAIN = 5  # different questions answered in a domain before its estimate (and the overall one) shows


class Verdict:
    LIKELY_PASS = "likely_pass"
    BORDERLINE = "borderline"
    NOT_YET = "not_yet"
    NOT_ENOUGH = "not_enough"
    LABELS = {LIKELY_PASS: _("Likely pass"), BORDERLINE: _("Borderline"), NOT_YET: _("Not yet"),
              NOT_ENOUGH: _("Not enough answers yet")}


def pass_fraction(pass_mark=DEFAULT_PASS_MARK):
    """The share of questions right that the scaled pass mark needs."""
    return (pass_mark - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)


def scaled(estimate):
    return SCALE_MIN + round((SCALE_MAX - SCALE_MIN) * estimate)


def estimate_from_score(score, guess=GUESS_RATE):
    """Chance of a right answer from a mastery score (mean retrievability, unseen counted 0)."""
    return guess + (1 - guess) * max(0.0, min(score, 1.0))


def verdict_for(estimate, pass_mark=DEFAULT_PASS_MARK, margin=MARGIN):
    needed = pass_fraction(pass_mark)
    if estimate >= needed + margin:
        return Verdict.LIKELY_PASS
    if estimate > needed - margin:
        return Verdict.BORDERLINE
    return Verdict.NOT_YET


def blueprint_weights(configured, domains):
    """Weights (summing to 1) for ``domains`` (those with questions).

    ``configured`` is ``{domain: percent}``; domains it leaves out weigh 0 and
    weights of domains without questions are dropped before normalising. With
    nothing usable configured, the domains weigh the same.
    """
    domains = list(domains)
    usable = {}
    for domain, weight in (configured or {}).items() if isinstance(configured, dict) else ():
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            continue  # an instructor's typo in the rules must not break the dashboard
        if domain in domains and weight > 0:
            usable[domain] = weight
    if not usable:
        return {d: 1 / len(domains) for d in domains} if domains else {}
    total = sum(usable.values())
    return {d: usable.get(d, 0.0) / total for d in domains}


@dataclass
class DomainReadiness:
    domain: str
    label: str
    weight: float
    total: int
    seen: int
    score: float
    guess: float = GUESS_RATE  # the mean chance of guessing one of the domain's questions right
    weight_percent: int = None  # the weight shown; ``readiness`` makes the domains' add up to 100

    def __post_init__(self):
        if self.weight_percent is None:
            self.weight_percent = round(self.weight * 100)

    @property
    def estimate(self):
        return estimate_from_score(self.score, self.guess)

    @property
    def percent(self):
        return round(self.estimate * 100)

    @property
    def needed(self):
        """How many more different questions to answer here before the estimates show (0: enough; a domain
        the exam does not draw from needs none)."""
        if not self.weight:
            return 0
        return max(min(MIN_SEEN_PER_DOMAIN, self.total) - self.seen, 0)


@dataclass
class Readiness:
    domains: list
    pass_mark: int

    @property
    def weighted(self):
        return [d for d in self.domains if d.weight > 0]

    @property
    def estimate(self):
        weight = sum(d.weight for d in self.weighted)
        if not weight:
            return estimate_from_score(0)
        return sum(d.weight * d.estimate for d in self.weighted) / weight

    @property
    def percent(self):
        return round(self.estimate * 100)

    @property
    def scaled(self):
        return scaled(self.estimate)

    @property
    def needed(self):
        """How many more different questions to answer, over the domains, before there is an estimate."""
        return sum(d.needed for d in self.domains)

    @property
    def verdict(self):
        if self.needed:
            return Verdict.NOT_ENOUGH
        return verdict_for(self.estimate, self.pass_mark)

    @property
    def verdict_label(self):
        return Verdict.LABELS[self.verdict]

    @property
    def pass_percent(self):
        return round(pass_fraction(self.pass_mark) * 1000) / 10

    @property
    def seen(self):
        return sum(d.seen for d in self.domains)

    @property
    def total(self):
        return sum(d.total for d in self.domains)


def whole_percents(weights):
    """``{key: share}`` (shares adding up to 1) as whole percents that add up to 100 (largest remainder:
    each share rounded down, then the points left go to the largest fractions), so the "Exam weight" column
    never shows 101% in all. Shares that do not add up to 1 (none at all) are rounded one by one."""
    if abs(sum(weights.values()) - 1) > 1e-9:
        return {key: round(share * 100) for key, share in weights.items()}
    exact = {key: share * 100 for key, share in weights.items()}
    shown = {key: math.floor(value + 1e-9) for key, value in exact.items()}  # 29.999999... is 30
    left = 100 - sum(shown.values())
    for key in sorted(exact, key=lambda key: exact[key] - shown[key], reverse=True)[:max(left, 0)]:
        shown[key] += 1
    return shown


def drawn_weights(weights, question_count, available):
    """``weights`` as the exam's draw turns them into questions (``selection.blueprint_counts``): a domain
    with fewer questions than its share gives the rest to the others, so each weight is the domain's share of
    the ``question_count`` questions the exam asks (the mock exam draws one DNS question, not a seventh of 65)."""
    from quiz.selection import blueprint_counts

    counts = blueprint_counts(weights, question_count, available)
    drawn = sum(counts.values())
    return {d: counts.get(d, 0) / drawn for d in weights} if drawn else weights


def readiness(domain_rows, weights_configured=None, pass_mark=DEFAULT_PASS_MARK, question_count=None):
    """``Readiness`` from ``mastery.DomainMastery`` rows and the blueprint's ``{domain: percent}``; with the
    exam's ``question_count``, weighted by what its draw takes from each domain's live questions."""
    weights = blueprint_weights(weights_configured, [row.domain for row in domain_rows])
    if question_count:
        weights = drawn_weights(weights, question_count, {row.domain: row.total for row in domain_rows})
    percents = whole_percents(weights)
    return Readiness(
        domains=[
            DomainReadiness(row.domain, row.label, weights.get(row.domain, 0.0), row.total, row.seen, row.score,
                            row.guess_rate, percents.get(row.domain, 0))
            for row in domain_rows
        ],
        pass_mark=pass_mark or DEFAULT_PASS_MARK,
    )
