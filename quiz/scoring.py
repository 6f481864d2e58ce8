"""Scoring and scaling, as plain functions of plain data (no database).

Scaling (documented in docs/QUIZ.md): a raw score of ``correct`` out of ``total``
maps linearly onto 100-1000 and is rounded down::

    scaled = 100 + floor(900 * correct / total)

so 0 correct is 100, all correct is 1000, and the default pass mark 720 needs
at least 68.9% (for 65 questions: 45 correct gives 723, 44 gives 709). An
attempt with no items scores 100. Rounding down means nobody passes by rounding.

Multiple-response items ("choose two") are all-or-nothing: the chosen set must
equal the key set exactly; a partly right answer scores zero, as on the real exam.
"""

from dataclasses import dataclass, field

SCALE_MIN = 100
SCALE_MAX = 1000
DEFAULT_PASS_MARK = 720


def is_correct(chosen, correct_keys):
    """True only when the chosen keys are exactly the correct keys (order does not matter)."""
    chosen = list(chosen or [])
    return bool(chosen) and len(chosen) == len(set(chosen)) and set(chosen) == set(correct_keys)


def raw_score(results):
    """How many of ``results`` (booleans or None for unanswered) are correct."""
    return sum(1 for result in results if result)


def scale(correct, total):
    """The 100-1000 scaled score for ``correct`` out of ``total`` (rounded down)."""
    if total <= 0:
        return SCALE_MIN
    if not 0 <= correct <= total:
        raise ValueError(f"correct must be between 0 and {total}, got {correct}")
    return SCALE_MIN + (SCALE_MAX - SCALE_MIN) * correct // total


def has_passed(scaled, pass_mark=DEFAULT_PASS_MARK):
    return scaled >= pass_mark


def right_to_pass(total, pass_mark=DEFAULT_PASS_MARK):
    """The fewest right answers of ``total`` whose scaled score reaches ``pass_mark``: ``scale`` inverted, rounded
    up (14 of 20 for 720, since 13 scales to 685 and 14 to 730)."""
    return max(0, -(-(pass_mark - SCALE_MIN) * total // (SCALE_MAX - SCALE_MIN)))


def percent(correct, total):
    """``correct`` of ``total`` as a whole percent, halves rounded up (1 of 8 is 13, 5 of 8 is 63); 0 when there
    is nothing to count. Every percentage of a count, on the learner's and the instructor's pages, goes through
    here: Python's ``round`` and the ``widthratio`` tag round halves to even (62). Integer arithmetic, so no
    float lands just below a half."""
    return (200 * correct + total) // (2 * total) if total else 0


@dataclass(frozen=True)
class DomainScore:
    domain: str
    correct: int
    total: int

    @property
    def percent(self):
        return percent(self.correct, self.total)


@dataclass(frozen=True)
class Grade:
    correct: int
    total: int
    scaled: int
    passed: bool
    pass_mark: int
    domains: list = field(default_factory=list)

    @property
    def percent(self):
        return percent(self.correct, self.total)

    @property
    def right_to_pass(self):
        return right_to_pass(self.total, self.pass_mark)


def domain_breakdown(pairs):
    """``pairs`` is an iterable of ``(domain, correct)``; returns DomainScores, largest domain first."""
    counts = {}
    for domain, correct in pairs:
        right, total = counts.get(domain, (0, 0))
        counts[domain] = (right + (1 if correct else 0), total + 1)
    scores = [DomainScore(domain, right, total) for domain, (right, total) in counts.items()]
    return sorted(scores, key=lambda score: (-score.total, score.domain))


def grade(pairs, pass_mark=DEFAULT_PASS_MARK):
    """Grade ``(domain, correct)`` pairs: raw, scaled, pass/fail and the per-domain breakdown."""
    pairs = list(pairs)
    correct = raw_score(result for _, result in pairs)
    total = len(pairs)
    scaled = scale(correct, total)
    return Grade(correct=correct, total=total, scaled=scaled, passed=has_passed(scaled, pass_mark),
                 pass_mark=pass_mark, domains=domain_breakdown(pairs))
