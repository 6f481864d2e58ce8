"""Clue sets: the requirements of a scenario that single out one member of a family.

Clues are the answer's own values as the notes state them (never a reference-only value:
a learner must be able to find every clue in the notes). The options of a scenario are the
answer plus distractors that are each *known* (from the notes or the cited reference) to
break at least one clue. A member whose value is unknown on the clues cannot be ruled out
(unknown is not false), so it is never offered as an option.

A clue set is accepted for an answer when

1. no other member of the family is *known* to satisfy every clue (the set singles the
   answer out of the family, not only out of the options shown);
2. at least ``min_distractors`` members are known to break it;
3. every clue is necessary: for each clue, some shown distractor breaks that clue and
   would fit all the others (drop the clue and a shown distractor fits).

Every accepted clue set of one to three clues is a question of its own; its distractors
are the largest subset of the known violators for which rule 3 holds.

Besides the answer's own values, a clue may be a wider requirement from the lexicon that the
answer's stated value meets ("no complete second set of instances is launched" for a policy
that adds one batch). Such a clue is used only where the answer's own, more specific value
in its place would not make an accepted clue set: otherwise the question would be a
paraphrase of another one.
"""

from itertools import combinations


def violators(table, clues, candidates):
    """Members among ``candidates`` known to break at least one clue."""
    return [m for m in candidates if any(table.satisfies(m, a, v) is False for a, v in clues)]


def fits(table, member, clues):
    """True when no clue is known to be broken (unknown counts as 'might')."""
    return all(table.satisfies(member, a, v) is not False for a, v in clues)


def may_also_fit(table, member, clues):
    """True when every clue is known to hold for ``member`` or is arguable for its known value
    (the lexicon's ``unclear_for``: "takes a long time" for a policy of middling deploy time).
    Such a member is a possible second right answer: a clue set it may fit does not single the
    answer out. (A member whose value is simply unknown does not count: unknown is not true.)"""
    for attribute, value in clues:
        truth = table.satisfies(member, attribute, value)
        if truth is False or (truth is None and table.value(member, attribute) is None):
            return False
    return True


def necessary(table, clues, distractors):
    """Each clue is the only one ruling out some shown distractor (drop it and one fits)."""
    for clue in clues:
        rest = [c for c in clues if c != clue]
        if not any(fits(table, d, rest) for d in distractors):
            return False
    return True


def answer_clues(table, member):
    """(attribute, value) pairs the notes state for ``member`` (not blocked), then the wider
    lexicon requirements those stated values meet."""
    clues = []
    for (member_id, attribute), cell in sorted(table.cells.items()):
        if member_id != member or cell.origin != "note" or (member_id, attribute) in table.blocked:
            continue
        for value in sorted(cell.values):
            clues.append((attribute, value))
        if table.lexicon is None:
            continue
        for value in table.lexicon.values(attribute):
            if value not in cell.values and table.satisfies(member, attribute, value) is True:
                clues.append((attribute, value))
    return clues


def _paraphrases(table, answers, clues, accepted):
    """True when a clue that is not a value every one of ``answers`` states could be replaced by such
    a value and still give a clue set in ``accepted``."""
    for index, (attribute, value) in enumerate(clues):
        common = frozenset.intersection(*(table.value(a, attribute) or frozenset() for a in answers))
        if value in common:
            continue
        for replacement in common:
            swapped = tuple(sorted(clues[:index] + ((attribute, replacement),) + clues[index + 1:]))
            if swapped in accepted:
                return True
    return False


def clue_sets(table, member, max_clues=3, max_distractors=4, min_distractors=3):
    """[(clues, distractors)] for ``member``: every accepted clue set of 1..``max_clues`` clues.

    ``distractors`` is the largest subset (at most ``max_distractors``, at least
    ``min_distractors``) of the members known to break the clues in which every clue is
    necessary; among subsets of that size, the first in family order.
    """
    others = [m for m in table.family.members if m != member]
    candidates = answer_clues(table, member)
    found = []
    for size in range(1, max_clues + 1):
        for clues in combinations(candidates, size):
            if len({a for a, _ in clues}) < size:
                continue  # two values of one attribute
            if any(may_also_fit(table, other, clues) for other in others):
                continue  # another member is known (or arguably) to match every clue: not singled out
            ruled_out = violators(table, clues, others)
            if len(ruled_out) < min_distractors:
                continue
            chosen = choose_distractors(table, clues, ruled_out, max_distractors, min_distractors)
            if chosen:
                found.append((clues, chosen))
    accepted = {tuple(sorted(clues)) for clues, _ in found}
    return [(clues, chosen) for clues, chosen in found
            if not _paraphrases(table, (member,), tuple(sorted(clues)), accepted)]


def choose_distractors(table, clues, ruled_out, max_distractors=4, min_distractors=3):
    """The largest subset of ``ruled_out`` in which every clue is necessary, or None."""
    if len(clues) == 1:  # a single clue is necessary against any violator
        return list(ruled_out[:max_distractors]) if len(ruled_out) >= min_distractors else None
    for count in range(min(max_distractors, len(ruled_out)), min_distractors - 1, -1):
        for subset in combinations(ruled_out, count):
            if necessary(table, clues, subset):
                return list(subset)
    return None


def group_clue_sets(table, n=2, max_clues=3, max_distractors=4, min_distractors=3):
    """[(answers, clues, distractors)] for "choose ``n``" scenarios: clue sets that every one of
    ``answers`` meets by what the notes state for it, that no other member is known to meet, and
    that at least ``min_distractors`` members are known to break, every clue necessary (as for
    one answer). A requirement clue is used only where no value all the answers state would do.
    """
    members = list(table.family.members)
    found = []
    for answers in combinations(members, n):
        stated = [set(answer_clues(table, answer)) for answer in answers]
        candidates = sorted(set.intersection(*stated))
        others = [m for m in members if m not in answers]
        for size in range(1, max_clues + 1):
            for clues in combinations(candidates, size):
                if len({a for a, _ in clues}) < size:
                    continue
                if any(may_also_fit(table, other, clues) for other in others):
                    continue  # a third member meets it too (or arguably does)
                ruled_out = violators(table, clues, others)
                if len(ruled_out) < min_distractors:
                    continue
                chosen = choose_distractors(table, clues, ruled_out, max_distractors, min_distractors)
                if chosen:
                    found.append((answers, tuple(sorted(clues)), chosen))
    accepted = {}
    for answers, clues, _ in found:
        accepted.setdefault(answers, set()).add(clues)
    return [(answers, clues, chosen) for answers, clues, chosen in found
            if not _paraphrases(table, answers, clues, accepted[answers])]
