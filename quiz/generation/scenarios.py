"""Minimal clue sets: the smallest requirements that single out one member.

Clues are the answer's own values as the notes state them (never a reference-only value:
a learner must be able to find every clue in the notes). A distractor is shown only when
it is *known* to break at least one clue; a member whose value is unknown cannot be ruled
out (unknown is not false), so it is never shown as a distractor.

A clue set is kept when every clue is needed: dropping any one would let a shown
distractor satisfy all the remaining clues.
"""

from itertools import combinations


def violators(table, clues, candidates):
    """Members among ``candidates`` known to break at least one clue."""
    return [m for m in candidates if any(table.satisfies(m, a, v) is False for a, v in clues)]


def fits(table, member, clues):
    """True when no clue is known to be broken (unknown counts as 'might')."""
    return all(table.satisfies(member, a, v) is not False for a, v in clues)


def irredundant(table, clues, distractors):
    """Each clue rules out some distractor that no other clue rules out."""
    for clue in clues:
        rest = [c for c in clues if c != clue]
        if all(not fits(table, d, rest) for d in distractors):
            return False
    return True


def answer_clues(table, member):
    """(attribute, value) pairs the notes state for ``member`` (one value, not blocked)."""
    clues = []
    for (member_id, attribute), cell in sorted(table.cells.items()):
        if member_id != member or cell.origin != "note" or (member_id, attribute) in table.blocked:
            continue
        for value in sorted(cell.values):
            clues.append((attribute, value))
    return clues


def clue_sets(table, member, max_clues=3, max_distractors=4, min_distractors=3):
    """[(clues, distractors)] for ``member``.

    A clue set qualifies when some set of at least ``min_distractors`` members is known to
    break it and every clue is needed against those shown distractors (drop one and a shown
    distractor would fit). Each distinct clue set gives one question; its distractors are
    the largest such set (up to ``max_distractors``).
    """
    others = [m for m in table.family.members if m != member]
    candidates = answer_clues(table, member)
    found = []
    for size in range(1, max_clues + 1):
        for clues in combinations(candidates, size):
            if len({a for a, _ in clues}) < size:
                continue  # two values of one attribute
            ruled_out = violators(table, clues, others)
            if len(ruled_out) < min_distractors:
                continue
            chosen = _choose(table, clues, ruled_out, max_distractors, min_distractors)
            if chosen:
                found.append((clues, chosen))
    return found


def _choose(table, clues, ruled_out, max_distractors, min_distractors):
    for count in range(min(max_distractors, len(ruled_out)), min_distractors - 1, -1):
        for subset in combinations(ruled_out, count):
            if irredundant(table, clues, list(subset)):
                return list(subset)
    return None
