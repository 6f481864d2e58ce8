"""Which questions an attempt asks.

``blueprint_counts`` and ``draw`` are pure: they take plain data and a
``random.Random``. ``select_question_ids`` reads the database once for the pool
and once for what the learner has already seen, then calls them.

A set does not ask the same thing twice when its pool lets it avoid that: a definition question
and its mirror (the same note definition asked term -> definition) give each other away, and two
questions with the same answer in one family read as repeats, as do two of one family and type
offering the same options (the same template with another clue). ``overlap_keys`` names what a
question asks; ``draw`` takes those keys into account after the language and unseen-first preferences.
"""

import random

from django.db.models import Q


def blueprint_counts(weights, total, available):
    """How many questions to take from each domain.

    ``weights``: ``{domain: weight}`` (any positive numbers; normalised).
    ``available``: ``{domain: how many questions the pool has}``.
    Largest-remainder apportionment of ``total``, capped by what each domain
    has; a domain's shortfall goes to the others by weight. Domains with no
    weight get nothing. The result never exceeds ``total`` nor availability.
    """
    weights = {d: float(w) for d, w in weights.items() if w and float(w) > 0 and available.get(d, 0) > 0}
    counts = {d: 0 for d in weights}
    remaining = min(total, sum(available[d] for d in weights))
    while remaining > 0 and weights:
        weight_sum = sum(weights.values())
        shares = {d: remaining * w / weight_sum for d, w in weights.items()}
        floors = {d: int(share) for d, share in shares.items()}
        leftover = remaining - sum(floors.values())
        by_remainder = sorted(weights, key=lambda d: (-(shares[d] - floors[d]), -weights[d], d))
        for d in by_remainder[:leftover]:
            floors[d] += 1
        full = []
        for d, want in floors.items():
            take = min(want, available[d] - counts[d])
            counts[d] += take
            remaining -= take
            if counts[d] >= available[d]:
                full.append(d)
        if not full and remaining > 0:  # cannot happen, but never loop forever
            break
        for d in full:
            weights.pop(d)
    return {d: n for d, n in counts.items() if n}


def language_first_counts(weights, total, available, in_language):
    """``blueprint_counts`` for a set that puts its language before the domain spread (practice): ``total``
    is first shared out by ``weights`` over the questions in the language (``in_language``: ``{domain: how
    many of the pool's are in it}``), a domain without enough of them giving its share to the others; only
    what the language cannot fill is then shared out over the other questions, by the same weights. An even
    spread over five domains, two of them with no English questions, gave an English learner 4 questions of
    10 in Japanese while the other three domains had 35 in English."""
    counts = blueprint_counts(weights, total, in_language)
    rest = total - sum(counts.values())
    if rest > 0:
        others = {d: n - counts.get(d, 0) for d, n in available.items()}
        for d, n in blueprint_counts(weights, rest, others).items():
            counts[d] = counts.get(d, 0) + n
    return counts


def overlap_keys(family, clues, options, stem=None, kind=""):
    """What a question asks, as keys two questions of one set should not share: ``("mirror", value)``
    for a definition (both directions of one note definition carry the same ``definition`` clue),
    ``("answer", family, texts)`` for its correct options within its family (none without a family),
    ``("stem", text)`` for its wording (three "choose the two true statements about Big bang" in a row read
    as one question asked three times) and, with its type (``kind``), ``("options", family, kind, texts)``
    for the options it offers: one family's questions of one type share their stem's pattern, so two
    ".ebextensions: which key should you use?" over the same five keys read as one question asked twice
    (the weakest key: ``_pick`` accepts it before the others)."""
    keys = [("mirror", clue.get("value")) for clue in clues or () if clue.get("attribute") == "definition"]
    if family:
        answer = tuple(sorted(str(option.get("text", "")) for option in options or () if option.get("correct")))
        keys.append(("answer", family, answer))
        if kind == "numeric":
            # a number of one member ("how many times does Lambda retry an asynchronous invocation?") and a
            # question answered by that member ("failed events are retried up to twice, then discarded: which
            # invocation?") give each other away: the same key as the member's own questions
            keys += [("answer", family, (name,)) for name in _numeric_members(family, clues)]
        if kind:
            offered = tuple(sorted(str(option.get("text", "")) for option in options or ()))
            keys.append(("options", family, kind, offered))
    if stem:
        keys.append(("stem", "\n".join(str(stem[lang]) for lang in sorted(stem))))
    return tuple(keys)


_NUMBER_MEMBERS = {}


def _numeric_members(family, clues):
    """The names (as their family's questions offer them) of the members whose reference numbers ``clues``
    ask (a numeric question's clue is the number's id)."""
    from quiz.generation.reference import load_reference

    reference = load_reference()
    names = _NUMBER_MEMBERS.get(id(reference))
    if names is None:
        names = _NUMBER_MEMBERS[id(reference)] = {
            fact.id: (fact.family, reference.families[fact.family].members[fact.member].name)
            for fact in reference.numbers if fact.family in reference.families
            and fact.member in reference.families[fact.family].members}
    return [names[clue["attribute"]][1] for clue in clues or ()
            if isinstance(clue, dict) and names.get(clue.get("attribute"), ("",))[0] == family]


def _pick(ids, n, overlap, used, *, mirrors=False):
    """The first ``n`` of ``ids`` (already in preference order), skipping an id that shares a key of
    ``overlap`` with an id picked before (``used`` holds their keys, updated) until only such ids are
    left: first those sharing no key, then those sharing only their options, then those that are no
    mirror of a picked one, then (only with ``mirrors``) the rest. Each pass keeps the order of ``ids``."""
    if overlap is None:
        return ids[:n]
    picked, taken = [], set()
    passes = [lambda shared: not shared,
              lambda shared: all(k[0] == "options" for k in shared),
              lambda shared: not any(k[0] == "mirror" for k in shared)]
    if mirrors:
        passes.append(lambda shared: True)
    for accepts in passes:
        for i, qid in enumerate(ids):
            if len(picked) >= n:
                return picked
            if qid in taken:
                continue
            if qid not in overlap and isinstance(overlap, OverlapKeys):
                overlap.read(ids[i:i + max(2 * n, OverlapKeys.CHUNK)])
            keys = set(overlap.get(qid, ()))
            if accepts(keys & used):
                picked.append(qid)
                taken.add(qid)
                used |= keys
    return picked


def kept_apart(ids, overlap, used):
    """All of ``ids``, those that ask what an earlier one asks (``overlap``, ``used`` as for ``_pick``)
    moved after the others: a fixed list's first ``n`` then ask ``n`` different things if ``ids`` can."""
    return _pick(list(ids), len(ids), overlap, used, mirrors=True)


def draw(pool, counts, seen, rng, preferred=None, overlap=None, used=None):
    """Pick ``counts[domain]`` ids from ``pool[domain]`` in random order.

    ``pool``: ``{domain: [question ids]}``; ``seen``: ids the learner has met;
    ``preferred``: ids in the attempt's language (None: all are). Preferred
    ones come first, then unseen before seen; within each of those groups, ids
    that ask nothing an id already picked asks (``overlap``: ``{id: overlap_keys}``;
    ``used``: the keys of ids picked by an earlier draw, updated) come first.
    A mirror of a picked question comes only once nothing else is left.
    Returns ids shuffled across domains.
    """
    used = set() if used is None else used
    ordered = {}
    for domain in counts:
        ids = list(pool.get(domain, []))
        rng.shuffle(ids)
        # stable sort: random order within each group
        group = {qid: (preferred is not None and qid not in preferred, qid in seen) for qid in ids}
        ids.sort(key=group.get)
        ordered[domain] = ids, group
    if isinstance(overlap, OverlapKeys):  # each domain's first ids' keys in one query, not one per domain
        overlap.read([qid for domain, n in counts.items() for qid in ordered[domain][0][:2 * n]])
    chosen = []
    for domain, n in counts.items():
        ids, group = ordered[domain]
        picked = []
        for key in sorted(set(group.values())):
            picked += _pick([qid for qid in ids if group[qid] == key], n - len(picked), overlap, used)
        if len(picked) < n:  # only mirrors of picked questions are left
            taken = set(picked)
            picked += _pick([qid for qid in ids if qid not in taken], n - len(picked), overlap, used, mirrors=True)
        chosen.extend(picked)
    rng.shuffle(chosen)
    return chosen


def draw_with_topics(topic_pool, topic_counts, domain_pool, domain_counts, seen, rng, preferred=None,
                     overlap=None):
    """Per-topic counts first, then per-domain counts from what is left, never the same id twice.

    ``topic_pool``: ``{topic slug: [ids]}``; ``topic_counts``: ``{topic slug: n}``. Each topic gives
    ``min(n, what it has)`` of its own questions (same preference order as ``draw``). ``domain_pool`` is
    then stripped of the ids already chosen, and ``domain_counts`` is either ``{domain: n}`` or a function
    of ``{domain: how many are left}`` returning such counts. Returns ids shuffled across everything.
    """
    used = set()
    chosen = draw(topic_pool, topic_counts, seen, rng, preferred=preferred, overlap=overlap, used=used)
    taken = set(chosen)
    rest = {d: [qid for qid in ids if qid not in taken] for d, ids in domain_pool.items()}
    if callable(domain_counts):
        domain_counts = domain_counts({d: len(ids) for d, ids in rest.items()})
    chosen += draw(rest, domain_counts, seen, rng, preferred=preferred, overlap=overlap, used=used)
    rng.shuffle(chosen)
    return chosen


def even_weights(domains):
    return {domain: 1 for domain in domains}


def in_open_exam(user, now, other_than=None):
    """The question ids of ``user``'s exams in progress (not past their deadline), as a subquery: practice
    draws and the review queue leave them out until the exam is submitted or expires, since practice shows
    the key at once. ``other_than``: an attempt left out (the exam being graded, not yet saved as ended)."""
    from .models import Attempt, AttemptItem

    exams = Attempt.objects.for_user(user).open_exams(now)
    if other_than is not None:
        exams = exams.exclude(pk=other_than.pk)
    return AttemptItem.objects.filter(attempt__in=exams).values("question_id")


def asked_in_open_exam(user, now):
    """Whether ``user``'s exam in progress at ``now`` asks a row's question (a ``question_id`` column), as a
    column of its query: its key and its verdicts wait for the exam's end."""
    from django.db.models import BooleanField, ExpressionWrapper, Q

    return ExpressionWrapper(Q(question_id__in=in_open_exam(user, now)), output_field=BooleanField())


def _candidates(only_approved, leave_out):
    from .models import Question

    questions = Question.objects.approved() if only_approved else Question.objects.live()
    return questions if leave_out is None else questions.exclude(pk__in=leave_out)


def question_pool(*, only_approved=False, topics=(), domains=(), language="", fixed_ids=None, leave_out=None):
    """``({domain: [ids]}, ids in language, {id: overlap_keys})`` of the questions a quiz may ask, but those
    of ``leave_out`` (ids or a subquery of them).

    The second item is None without a ``language``.
    """
    questions = _candidates(only_approved, leave_out)
    if fixed_ids is not None:
        questions = questions.filter(pk__in=fixed_ids)
    if topics:
        questions = questions.filter(Q(topic__slug__in=topics))
    if domains:
        questions = questions.filter(topic__domain__in=domains)
    return _pool(questions, "topic__domain", language)


def topic_pool(slugs, *, only_approved=False, language="", leave_out=None):
    """``({topic slug: [ids]}, ids in language, {id: overlap_keys})`` of the questions of the topics ``slugs``."""
    questions = _candidates(only_approved, leave_out)
    return _pool(questions.filter(topic__slug__in=list(slugs)), "topic__slug", language)


class OverlapKeys(dict):
    """``{id: overlap_keys}``, read from the questions as a draw comes to them (``draw`` and ``_pick`` ask
    ``read`` for the next ids in their order): a draw looks at a few ids per domain, and decoding every
    candidate's options, clues and stem was most of a mock exam's draw (30 of 45 ms, 2,000 questions)."""

    CHUNK = 50

    def read(self, ids):
        from .models import Question

        missing = [qid for qid in ids if qid not in self]
        self.update(dict.fromkeys(missing, ()))
        for qid, family, clues, options, stem, kind in Question.objects.filter(pk__in=missing).values_list(
                "id", "family", "clues", "options", "stem", "type"):
            self[qid] = overlap_keys(family, clues, options, stem, kind)


def _pool(questions, group_by, language):
    """``({group_by value: [ids]}, ids in language or None, {id: overlap_keys})`` of ``questions``; the
    overlap keys are read when a draw needs them (``OverlapKeys``)."""
    pool = {}
    in_language = set() if language else None
    for qid, group, languages in questions.values_list("id", group_by, "languages"):
        pool.setdefault(group, []).append(qid)
        if language and language in (languages or []):
            in_language.add(qid)
    return pool, in_language, OverlapKeys()


def drawable_count(count, rules, topics):
    """How many questions ``select_question_ids`` draws for a quiz without a fixed list: ``count`` and
    ``rules`` as there, ``topics`` ``{topic slug: (domain, how many questions it has to draw from)}``. The
    same counts as the draw (which questions is chance, how many is not), from sizes read once for a list of
    quizzes; fewer than asked when the bank lacks questions for the rules."""
    rules = rules or {}
    exact = {d: int(n) for d, n in (rules.get("domains") or {}).items() if int(n) > 0}
    per_topic = {slug: int(n) for slug, n in (rules.get("topic_counts") or {}).items() if int(n) > 0}
    only = set(rules.get("topics") or ())
    # the domain pool, per topic: restricted to the rule's topics and, with exact counts, to their domains
    in_pool = {slug: (domain, n) for slug, (domain, n) in topics.items()
               if n and (not only or slug in only) and (not exact or domain in exact)}
    taken = {slug: min(n, topics.get(slug, ("", 0))[1]) for slug, n in per_topic.items()}
    available = {}
    for slug, (domain, n) in in_pool.items():  # what the topic draws took is not drawn again
        available[domain] = available.get(domain, 0) + n - taken.get(slug, 0)
    if exact:
        counts = {d: min(n, available.get(d, 0)) for d, n in exact.items()}
    else:
        rest = max(count - sum(per_topic.values()), 0) if per_topic else count
        counts = blueprint_counts(rules.get("weights") or even_weights(available), rest, available)
    return sum(taken.values()) + sum(counts.values())


def seen_question_ids(user):
    from .models import AttemptItem

    return set(AttemptItem.objects.filter(attempt__user=user).values_list("question_id", flat=True).distinct())


def select_question_ids(user, *, count, rules=None, language="", only_approved=False, fixed_ids=None,
                        rng=None, leave_out=None, language_first=False):
    """Question ids for a new attempt, following ``rules`` (see ``Quiz``).

    Within each domain, questions written in ``language`` come first, then
    unseen before seen; other languages only fill what is left. Within those,
    a question that asks what another picked one asks (its definition's
    mirror, the same answer in its family, the same options in its family and
    type) waits until the rest is used.

    ``rules["topic_counts"]`` (exact counts per topic slug) are drawn first,
    each from that topic's own questions; a topic with fewer gives what it has,
    and its shortfall is not drawn from elsewhere. With a fixed list they are ignored, and
    so are ``rules["topics"]`` and ``rules["domains"]``: the list is asked whole
    (what ``Quiz.shown_count`` says and the builder saves as ``question_count``).
    Then ``rules["domains"]`` (exact counts, on top of the topic draws) wins
    over ``rules["weights"]``; with neither, what ``count`` leaves after the
    topic counts is spread evenly over the domains that have questions. No
    question is drawn twice, nor any of ``leave_out`` (``in_open_exam`` for practice).

    ``language_first`` (practice): without exact or per-topic counts, questions in ``language`` are preferred
    across the whole set, not only within each domain: the spread over the domains bends to what the language
    has (``language_first_counts``), and other languages fill only what the whole pool lacks in it. An exam
    keeps its blueprint's spread.
    """
    rng = rng or random.Random()
    rules = rules or {}
    fixed = fixed_ids is not None
    exact = {} if fixed else {d: int(n) for d, n in (rules.get("domains") or {}).items() if int(n) > 0}
    per_topic = {} if fixed else {
        slug: int(n) for slug, n in (rules.get("topic_counts") or {}).items() if int(n) > 0
    }
    pool, in_language, overlap = question_pool(only_approved=only_approved, topics=() if fixed else rules.get("topics") or (),
                                      domains=list(exact) if exact else (), language=language, fixed_ids=fixed_ids,
                                      leave_out=leave_out)
    seen = seen_question_ids(user) if user is not None else set()
    if per_topic:
        # ``overlap`` reads any question's keys as the draw comes to it: the topic pool's need no merging
        by_topic, topic_in_language, _overlap = topic_pool(per_topic, only_approved=only_approved,
                                                           language=language, leave_out=leave_out)
        if in_language is not None:
            in_language |= topic_in_language
        topic_counts = {slug: min(n, len(by_topic.get(slug, ()))) for slug, n in per_topic.items()}
        # what the count leaves after the counts asked, not after those drawn: a topic short of its count gives
        # what it has, and other topics do not fill its place (10 asked of X-Ray, 4 in the bank: 4, not 6 others)
        rest = max(count - sum(per_topic.values()), 0)

        def domain_counts(available):
            if exact:
                return {d: min(n, available.get(d, 0)) for d, n in exact.items()}
            return blueprint_counts(rules.get("weights") or even_weights(pool), rest, available)

        return draw_with_topics(by_topic, topic_counts, pool, domain_counts, seen, rng, preferred=in_language,
                                overlap=overlap)
    available = {d: len(ids) for d, ids in pool.items()}
    if exact:
        counts = {d: min(n, available.get(d, 0)) for d, n in exact.items()}
    else:
        weights = rules.get("weights") or even_weights(pool)
        if language_first and in_language is not None:
            written = {d: sum(1 for qid in ids if qid in in_language) for d, ids in pool.items()}
            counts = language_first_counts(weights, count, available, written)
        else:
            counts = blueprint_counts(weights, count, available)
    return draw(pool, counts, seen, rng, preferred=in_language, overlap=overlap)
