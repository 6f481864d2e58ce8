"""Question builders: one function per question type, from family tables to question dicts.

A question dict has the fields of ``quiz.models.Question`` (type, family, languages, stem,
options, choose, clues, sources) plus ``identity``, ``topic`` (slug), ``topic_name``,
``domain`` and, for the validator only, ``_members`` (option key -> member id) and
``_aliases`` (option key -> normalised aliases); a "choose N" question also has ``_answer``
(the member its statements are about), for ``pipeline.reworded_statements``.
"""

import hashlib
import json
import re
import unicodedata
from bisect import bisect_left
from itertools import combinations, islice

from . import templates as T
from .families import name_candidates
from .scenarios import clue_sets, group_clue_sets
from .text import arabic, clean, first_sentence, line_language, name_parts, norm, uses

LETTERS = "ABCDEFGH"
# characters a masked definition needs beside its mask to say which member it is
MASKED_MIN_CHARS = 8
# a definition ending "［？］を作成" / "［？］ 생성" / "creates (?)": the hidden word is what it is about
MADE_BY_LAST_VERB = re.compile(  # bounded spaces: no backtracking on a long run of them
    re.escape(T.MASK) + r"\s{0,3}(?:を|が)?\s{0,3}(?:作成|生成|定義|追加)(?:する|します)?\s{0,3}$"
    r"|" + re.escape(T.MASK) + r"\s{0,3}(?:을|를)?\s{0,3}(?:생성|정의|추가|만들)(?:한다|합니다|함|기)?\s{0,3}$"
    r"|\b(?:creates?|defines?|adds?)\s{1,3}(?:an?\s{1,3}|the\s{1,3})?" + re.escape(T.MASK) + r"\s{0,3}$")


def identity(family, answer, clues, kind):
    payload = json.dumps([family, answer, sorted(clues), kind], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def identity_of(family, answer, clues, kind):
    """The identity ``_base`` gives a question of ``family``, ``answer`` and ``kind`` whose identity counts
    ``clues`` (dicts, as stored)."""
    return identity(family, answer, [json.dumps(c, sort_keys=True) for c in clues], kind)


def wording(text):
    """What an identity counts of a note line's wording: a hash of its normalised text."""
    return hashlib.sha256(norm(text).encode()).hexdigest()[:16]


def _order(ident, items, key):
    return sorted(items, key=lambda item: hashlib.sha256((ident + key(item)).encode()).hexdigest())


def _finish(question, entries):
    """entries: [(text, correct, explanation, member_id or None, aliases)] -> options in a stable shuffle."""
    entries = _order(question["identity"], entries, key=lambda e: e[0])
    question["options"] = []
    question["_members"], question["_aliases"] = {}, {}
    for letter, (text, correct, explanation, member_id, aliases) in zip(LETTERS, entries):
        question["options"].append({"key": letter, "text": text, "correct": correct, "explanation": explanation})
        if member_id is not None:
            question["_members"][letter] = member_id
        question["_aliases"][letter] = sorted(aliases)
    return question


def _base(table, kind, answer, clues, member_for_topic=None, languages=T.LANGUAGES, identity_clues=None):
    """A question's common fields. ``identity_clues`` (default ``clues``): what its identity is computed from,
    when a clue carries something that may change without changing what is asked (a note line's number)."""
    family = table.family
    return {
        "identity": identity_of(family.id, answer, identity_clues or clues, kind),
        "type": kind,
        "family": family.id,
        "topic": family.topic_for(member_for_topic) if member_for_topic else family.topic,
        "topic_name": family.topic_name,
        "domain": family.domain,
        "languages": list(languages),
        "choose": 1,
        "clues": clues,
    }


def _sources(claims):
    seen, sources = set(), []
    for claim in claims:
        key = (claim.section.file, claim.line)
        if key not in seen:
            seen.add(key)
            sources.append(claim.source())
    return sources


def _evidence(table, member, attribute, language):
    cell = table.cells.get((member, attribute))
    if cell is None:
        return ""
    if cell.origin == "note" and cell.claims:
        return T.evidence_note(cell.claims[0], language)
    return T.evidence_reference(cell.title, cell.url, language)


def _aliases(table, member):
    return table.family.members[member].normalised_aliases


def explained_clue(table, member, clues):
    """The clue a distractor's explanation names: one it breaks, one the notes state for it first (a learner can
    check that in what they read; a reference value explains only what no note says)."""
    return min(((a, v) for a, v in clues if table.satisfies(member, a, v) is False),
               key=lambda clue: 0 if getattr(table.cells.get((member, clue[0])), "origin", "") == "note" else 1)


def _scenario_options(table, lexicon, answers, clues, distractors, key_claims=None):
    """``(entries, evidence claims)`` of a scenario: each key meets every clue (its first ``key_claims``
    note claims per clue as evidence, all when None), each distractor breaks one clue."""
    family = table.family
    entries, evidence_claims = [], []
    for answer in answers:
        evidence_claims += [c for a, _ in clues for c in table.cells[(answer, a)].claims[:key_claims]]
        entries.append((
            family.members[answer].name, True,
            {lang: (T.KEY_MEETS_ALL if len(clues) > 1 else T.KEY_MEETS_ONE)[lang].format(
                name=family.members[answer].name,
                observations=T.quote_all([lexicon.observe(a, v, lang) for a, v in clues], lang),
                evidence=T.EVIDENCE_JOIN[lang].join(
                    dict.fromkeys(_evidence(table, answer, a, lang) for a, _ in clues)))
             for lang in T.LANGUAGES},
            answer, _aliases(table, answer),
        ))
    for member in distractors:
        broken = explained_clue(table, member, clues)
        evidence_claims.extend(table.cells[(member, broken[0])].claims[:1])
        own = sorted(table.value(member, broken[0]) or ())
        # ruled out by the AWS documentation alone: say too what the notes make of it, from its definition
        from_reference = getattr(table.cells.get((member, broken[0])), "origin", "") != "note"
        defined = (table.definitions.get(member) or [None])[0] if from_reference else None
        explanation = {}
        for lang in T.LANGUAGES:
            # what it does instead; a member with two values (CLB at layers 4 and 7) is said to do both
            trait = T.join_traits([lexicon.trait(broken[0], v, lang) for v in own], lang)
            explanation[lang] = T.render(
                (T.DISTRACTOR_BREAKS_OWN if trait else T.DISTRACTOR_BREAKS)[lang], lang,
                name=family.members[member].name, observation=lexicon.observe(broken[0], broken[1], lang),
                own=trait, evidence=_evidence(table, member, broken[0], lang))
            if defined is not None:
                explanation[lang] += T.NOTES_SAY[lang].format(evidence=T.evidence_note(defined, lang))
        entries.append((family.members[member].name, False, explanation, member, _aliases(table, member)))
    return entries, evidence_claims


def scenarios(table, lexicon):
    family = table.family
    questions = []
    for answer in family.members:
        for clues, distractors in clue_sets(table, answer):
            clue_dicts = [{"attribute": a, "value": v} for a, v in clues]
            question = _base(table, "scenario", answer, clue_dicts, answer)
            question["stem"] = {
                lang: T.render(T.SCENARIO[lang], lang,
                               context=family.context.get(lang, ""),
                               description=T.describe([lexicon.observe(a, v, lang) for a, v in clues], lang,
                                                      lead=family.lead.get(lang, ""), frame=family.need.get(lang, "")),
                               ask=family.ask.get(lang, ""))
                for lang in T.LANGUAGES
            }
            entries, evidence_claims = _scenario_options(table, lexicon, [answer], clues, distractors)
            question["sources"] = _sources(evidence_claims)
            questions.append(_finish(question, entries))
    return questions


def scenario_groups(table, lexicon, n=2):
    """"Choose the two that fit all of these": clue sets exactly ``n`` members meet (scenarios.group_clue_sets)."""
    family = table.family
    questions = []
    for answers, clues, distractors in group_clue_sets(table, n):
        clue_dicts = [{"attribute": a, "value": v} for a, v in clues]
        question = _base(table, "scenario", "+".join(answers), clue_dicts, answers[0])
        question["choose"] = n
        question["stem"] = {
            lang: T.render((T.SCENARIO_CHOOSE_NEED if lang in family.need_many
                            else T.SCENARIO_CHOOSE if len(clues) > 1 else T.SCENARIO_CHOOSE_ONE)[lang], lang,
                context=family.context.get(lang, ""), name=family.name.get(lang, ""), n=n,
                names=T.english_plural(family.name.get("en", "")),
                description=T.describe([lexicon.observe(a, v, lang) for a, v in clues], lang,
                                       lead=family.lead_many.get(lang, ""),
                                       frame=family.need_many.get(lang) or family.need.get(lang, "")))
            for lang in T.LANGUAGES
        }
        entries, evidence_claims = _scenario_options(table, lexicon, answers, clues, distractors, key_claims=1)
        question["sources"] = _sources(evidence_claims)
        questions.append(_finish(question, entries))
    return questions


def comparisons(table, lexicon):
    """'Which of these does NOT <trait>?': three members known to have it, one known not to."""
    family = table.family
    questions = []
    by_attribute = {}
    for (member, attribute), cell in table.cells.items():
        if (member, attribute) not in table.blocked:
            by_attribute.setdefault(attribute, {})[member] = cell
    for attribute, cells in sorted(by_attribute.items()):
        values = sorted({v for cell in cells.values() for v in cell.values})
        for value in values:
            having = [m for m in family.members if m in cells and cells[m].origin == "note"
                      and table.satisfies(m, attribute, value) is True]
            lacking = [m for m in family.members if m in cells and table.satisfies(m, attribute, value) is False]
            if len(having) < 3 or not lacking:
                continue
            for answer in lacking:
                shown = having[:3]
                clue = [{"attribute": attribute, "value": value, "negated": True}]
                question = _base(table, "comparison", answer, clue, answer)
                question["stem"] = {
                    lang: T.render(T.COMPARISON[lang], lang, name=family.name.get(lang, ""),
                                   trait=lexicon.trait(attribute, value, lang))
                    for lang in T.LANGUAGES
                }
                claims = list(cells[answer].claims[:1]) + [c for m in shown for c in cells[m].claims[:1]]
                entries = [(
                    family.members[answer].name, True,
                    {lang: T.COMPARISON_KEY[lang].format(
                        name=family.members[answer].name, trait=lexicon.trait(attribute, value, lang),
                        evidence=_evidence(table, answer, attribute, lang)) for lang in T.LANGUAGES},
                    answer, _aliases(table, answer),
                )]
                for member in shown:
                    entries.append((
                        family.members[member].name, False,
                        {lang: T.COMPARISON_OTHER[lang].format(
                            name=family.members[member].name, trait=lexicon.trait(attribute, value, lang),
                            evidence=_evidence(table, member, attribute, lang)) for lang in T.LANGUAGES},
                        member, _aliases(table, member),
                    ))
                question["sources"] = _sources(claims)
                questions.append(_finish(question, entries))
    return questions


def _unique(table, items):
    """Statements with distinct wording that name no member (one per wording, first kept). The wording is the option's
    as shown, without a closing full stop: a note repeating a seed line without its "。" ("最も迅速にデプロイできる" beside
    "最も迅速にデプロイできる。", both shown without it) made a second "choose two" question with the same options."""
    seen, result = set(), []
    for item in items:
        key = statement_text(_option(table.lexicon, item[0].text) if table.lexicon is not None else item[0].text)
        if key in seen:
            continue
        seen.add(key)
        if not _mentions_member(table, item[0].text):
            result.append(item)
    return result


def _mentions_member(table, text):
    haystack = norm(text)
    return any(len(alias) >= 3 and alias in haystack
               for member in table.family.members.values() for alias in member.normalised_aliases)


def restates(one, other):
    """Whether two "choose two" statements ``(text, attribute, value)`` state one fact: the same attribute
    value ("애플리케이션의 전체 또는 대부분을 한 번에 업데이트" and "버전1에서 버전 2로 한꺼번에 바꾸는
    케이스", both all at once; "最も迅速" and "最も迅速にデプロイできる"), or, where either value is unknown
    (None), one's wording inside the other's. Wording inside wording that the lexicon reads as another value
    is another fact: "新規インスタンスへのデプロイ" (a full new set) is not "既存と新規インスタンスへの
    デプロイ" (one extra batch)."""
    if one[1] is not None and other[1] is not None:
        return one[1:] == other[1:]
    a, b = statement_text(one[0]), statement_text(other[0])
    return bool(a and b) and (a in b or b in a)


def _statement(item):
    """A true ``(claim, attribute, value)`` or false ``(claim, attribute, value, other)`` item as ``restates``
    compares it."""
    return (item[0].text, item[1], item[2])


def statement_text(text):
    """A statement's wording for comparing it with another: normalised, without a closing full stop."""
    return norm(text).rstrip("。.．")


def _option(lexicon, text):
    """A note line as a "choose two" option shows it: respelled, and without the learner's verdict mark ("ダウンタイムあり ⭕"
    offered as a wrong option would say it is right; as a key, it would give the key away)."""
    return lexicon.respell(_unmarked(clean(text)))


def choose_n(table, lexicon, n=2):
    """'Choose the two true statements about X': note lines about X versus lines about other
    members whose value for that attribute differs from X's known value. The options state different facts:
    no two true ones the same attribute value, no false one another's (``restates``)."""
    family = table.family
    questions = []
    statements = {member: _unique(table, items) for member, items in table.statements.items()}
    for member in family.members:
        true_items = statements.get(member, [])
        if len(true_items) < n:
            continue
        # a statement is asked in its line's language, as a definition is: an English line of a Japanese note is no
        # option of a Japanese question (asked in the first line's language that is its note's own, if any is)
        language = next((_language(c) for c, _, _ in true_items if _language(c) == c.section.language),
                        _language(true_items[0][0]))
        true_items = [item for item in true_items if _language(item[0]) == language]
        false_items = []
        for other in family.members:
            if other == member:
                continue
            for claim, attribute, value in statements.get(other, []):
                # only statements known to be false of ``member`` (not merely a different wording)
                if table.satisfies(member, attribute, value) is not False or _language(claim) != language:
                    continue
                if _also_describes(table, member, claim.text, attribute):  # "デプロイ処理前に" is container_commands' too
                    continue
                false_items.append((claim, attribute, value, other))
        # one false statement per attribute value, and distinct texts
        unique_false = []
        for item in false_items:
            if not any(restates(_statement(item), _statement(kept)) for kept in unique_false):
                unique_false.append(item)
        if len(true_items) < n or len(unique_false) < 3:
            continue
        # Two true statements of one fact would make the question trivial (pick both): such a pair is skipped,
        # and the next pair of true statements takes its place.
        pairs = (chosen for chosen in combinations(true_items, n)
                 if not any(restates(_statement(a), _statement(b)) for a, b in combinations(chosen, 2)))
        for chosen in islice(pairs, 3):
            wrong = [item for item in unique_false
                     if not any(restates(_statement(item), _statement(c)) for c in chosen)][:3]
            if len(wrong) < 3:
                continue
            clues = [{"attribute": a, "value": v, "line": f"{c.section.file}:{c.line}"} for c, a, v in chosen]
            # Its identity names each statement by its wording, not its line: notes moving down keep its id.
            words = [{"attribute": a, "value": v, "text": wording(c.text)} for c, a, v in chosen]
            # The options are note lines in one language: the question is asked in that language only (as a
            # definition question is), not to readers of the other two who could not read its options.
            question = _base(table, "choose_n", member, clues, member, languages=[language],
                             identity_clues=words)
            question["choose"] = n
            question["_answer"] = member  # for pairing a reworded statement with the row it had (pipeline)
            name = family.members[member].name
            question["stem"] = {language: T.CHOOSE_N[language].format(name=name, n=n)}
            entries = []
            for claim, attribute, value in chosen:
                entries.append((_option(lexicon, claim.text), True, {
                    lang: T.render(T.STATEMENT_TRUE[lang] if lexicon.trait(attribute, value, lang)
                                   else T.STATEMENT_SAID[lang], lang, name=name,
                                   trait=lexicon.trait(attribute, value, lang),
                                   evidence=T.evidence_note(claim, lang))
                    for lang in T.LANGUAGES}, None, set()))
            for claim, attribute, value, other in wrong:
                mine = sorted(table.value(member, attribute))[0]
                from_note = table.cells[(member, attribute)].origin == "note"
                said = T.STATEMENT_FALSE if from_note else T.STATEMENT_FALSE_REFERENCE
                entries.append((_option(lexicon, claim.text), False, {
                    lang: T.render(
                        said[lang], lang, name=name, trait=lexicon.trait(attribute, mine, lang),
                        evidence=_evidence(table, member, attribute, lang), other=family.members[other].name)
                    for lang in T.LANGUAGES}, None, set()))
            question["sources"] = _sources([c for c, _, _ in chosen] + [item[0] for item in wrong])
            facts = {_option(lexicon, c.text): (a, v) for c, a, v in chosen}
            facts.update({_option(lexicon, item[0].text): tuple(item[1:3]) for item in wrong})
            question = _finish(question, entries)
            # for the validator: what each option states
            question["_statements"] = {o["key"]: facts[o["text"]] for o in question["options"]}
            questions.append(question)
    return questions


# A Korean particle after a masked name takes the form its last sound needs ("API를", "람다를" but "서비스를",
# "S3을"): left as written it tells whether the hidden name ends in a vowel. Behind the mask both forms are shown.
_KO_PARTICLE = re.compile(re.escape(T.MASK) + r"(\s?)(을|를|은|는|이|가|과|와|으로|로)(?=[\s,.!?'\"」』)]|$)")
_KO_BOTH = {"을": "을(를)", "를": "을(를)", "은": "은(는)", "는": "은(는)", "이": "이(가)", "가": "이(가)",
            "과": "과(와)", "와": "과(와)", "으로": "(으)로", "로": "(으)로"}


def _mask(text, aliases):
    result = text
    for alias in sorted(aliases, key=len, reverse=True):
        if len(alias) < 2:
            continue
        result = re.sub(re.escape(alias), T.MASK, result, flags=re.IGNORECASE)
    return _KO_PARTICLE.sub(lambda m: T.MASK + _KO_BOTH[m.group(2)], result)


_NAMES_ONLY = re.compile(r"[\sA-Za-z0-9.\-_:、,，＋+/・()（）&＆]+")


def fragment(text):
    """A definition that is only a few names joined ("DynamoDB、Kinesis", "ELB＋AutoScaling"): a list of what a
    member is made of or reads from, not a description. It can be asked which member it names (definition ->
    term), but as an option beside descriptions it gives the key away by its form."""
    text = (text or "").strip()
    return bool(_NAMES_ONLY.fullmatch(text)) and len(re.findall(r"[A-Za-z0-9]+", text)) < 4


# A verdict the learner put at either end of a line ("NLB: static IP ⭕", "パスベースルーティング 👍", "✓ …"): the
# learner's mark, not the definition, so a question quoting the line leaves it out; a variation selector may follow an
# emoji ("⭕️"). A bare "O" or "X" is a mark only where it cannot be a word of the line: in brackets ("(O)", "（X）"), before
# a colon at the start ("X：…"), or after a sentence's end ("…再試行される X", "…재시도된다 O"). Elsewhere it is a name
# ("Mac OS X", "X 선택 시") or a value the lexicon reads ("다운타임 X" is no downtime).
_END_MARKS = "⭕❌👍👎○◯×✓✔✗✘✅\ufe0f"
_BRACKETED_MARK = r"[(（][OX][)）]"
# Each takes all the marks at its end at once ("(O)(O)(O)…" one at a time took time squared in the line's length). The
# trailing one starts only before the first of them and the spaces before it (not in a run of marks or spaces, nor
# right after a mark in brackets), and never splits a run of marks or spaces between two turns of its loop (time
# exponential in its length).
_LEADING_MARK = re.compile(rf"^(?:(?:[{_END_MARKS}]+|{_BRACKETED_MARK}|[OX](?=\s*[:：]))\s*(?:[:：]\s*)?)+")
_TRAILING_MARK = re.compile(rf"(?<![\s{_END_MARKS}])(?<!{_BRACKETED_MARK})\s*"
                            rf"(?:(?:[{_END_MARKS}]++|{_BRACKETED_MARK}|(?<=[。．.!！?？ぁ-ゖ다요음됨함])\s+[OX])\s*+)+$")


def _unmarked(text):
    """``text`` without verdict marks at its start or end (as it was if nothing else is left)."""
    shown = text.strip()
    while True:
        before = shown
        shown = _TRAILING_MARK.sub("", _LEADING_MARK.sub("", shown)).strip()
        if shown == before:
            return shown or text


def _shown(table, text):
    """A note's wording as a question shows it: the lexicon's ``spellings`` corrected, and no verdict mark."""
    text = _unmarked(text)
    return table.lexicon.respell(text) if table.lexicon is not None else text


def _known(family, member_id):
    """A member of ``family`` or one of its neighbours (both have ``name`` and ``normalised_aliases``)."""
    return family.members.get(member_id) or family.neighbours[member_id]


def _raw_aliases(member):
    return (member.name, *member.aliases)


def _aspect(claim, member):
    """The heading under which a definition says what ``member`` is: its section's heading path, less the last
    heading when that heading names the member itself (``Deployment(배포) › 1. 빅뱅 배포``, one part per strategy,
    answers under ``Deployment(배포)``, as the strategies' numbered lines did when they were not split off)."""
    path = claim.section.heading_path
    if " › " in path and name_candidates(claim.heading) & member.normalised_aliases:
        return path.rsplit(" › ", 1)[0]
    return path


def quoted_definition(claims, member, language, aspect):
    """Which of ``member``'s definitions a wrong option of a definition question quotes: one in the question's
    language if there is one (a Korean line says nothing to a Japanese reader), else one in another; of those, one
    on the key's point first (``aspect``: its line under the key's heading). None when it has none."""
    return min(claims, key=lambda c: (_language(c) != language, _aspect(c, member) != aspect), default=None)


def _language(claim):
    """The language of a definition's words (an English line in a Korean note is English): the language its
    questions are asked in, and the one its quotes are matched to."""
    return line_language(first_sentence(claim.text), claim.section.language)


def circular(text, member):
    """A definition that names its own term twice or more ("環境: 環境に応じて構築されるインフラ環境")
    says almost nothing once the term is masked: it is not asked, nor offered as a distractor."""
    return _mask(text, _raw_aliases(member)).count(T.MASK) >= 2


def _also_describes(table, member, text, attribute):
    """Whether ``text``'s words for ``attribute`` also describe ``member``'s value (a phrase's ``also_describes``)."""
    values = set(table.value(member, attribute) or ())
    return any(match.attribute == attribute and set(match.also) & values
               for match in table.lexicon.match(text, table.family.id))


# Attributes whose words, arguable for a member (``unclear_for``), might describe it: "一部ユーザーには影響が出る" (Traffic
# splitting's) of Rolling, whose failed batch is out of service while the batches before it run the new version (a
# forty-ninth round: it was a wrong option of Rolling's definition). Not every attribute: "takes a long time" for Rolling
# (speed) stays a wrong option, as the seed bank asks it.
_ARGUABLE_FITS = {"failure_impact"}


def could_fit(table, member, text):
    """True when ``text`` (a definition) states attribute values that ``member`` is known to
    have and none it is known not to have: it might describe ``member`` as well, so it is not
    offered as the wrong side of a definition question ("uses new instances, never updates the
    existing ones" is Immutable's definition, and true of Traffic splitting too)."""
    if table.lexicon is None:
        return False
    truths = []
    for match in table.lexicon.match(text, table.family.id):
        truth = table.satisfies(member, match.attribute, match.value)
        if truth is False and set(match.also) & set(table.value(member, match.attribute) or ()):
            truth = True  # the words say less than their value: they describe this member too
        if truth is None and match.attribute in _ARGUABLE_FITS and table.value(member, match.attribute) is not None:
            truth = True  # known, and the words are arguable for it (``_ARGUABLE_FITS``)
        truths.append(truth)
    return True in truths and False not in truths


def describes_another(table, member, text):
    """Whether ``text`` (``member``'s definition) states a trait the AWS documentation gives another member and
    says nothing of for ``member``: only the note says it, and it reads as the other one's ("files: OS のパッケージを
    インストールする" is what packages do, and option_settings does not). Asked, that member would be left out of
    the options (``could_fit``) and the note's member would be the key. "denied": a trait the documentation also
    denies to a member, one that tells members apart (such a line is neither asked nor offered, and not quoted beside
    a key the documentation gives it: ``documented_for``, gen-1.85); "given" (gen-1.60):
    a trait it only gives another (such a line is not asked, but may still be quoted as what the note says of its
    member in another question's explanation: a right line the reference is silent on, "in Place Deployment
    (Rolling Deploy): インスタンスは現行環境のものをそのまま利用し…", is the best contrast there); else ""."""
    if table.lexicon is None:
        return ""
    given = ""
    facts = table.family.facts
    for match in table.lexicon.match(text, table.family.id):
        if (member, match.attribute) in facts:
            continue
        truths = {table.lexicon.truth(match.attribute, match.value, values)
                  for (other, attribute), values in facts.items() if attribute == match.attribute}
        if {True, False} <= truths:
            return "denied"
        if True in truths:
            given = "given"
    return given


def documented_for(table, member, claim):
    """Whether the documentation gives ``member`` (the key of a definition question) a trait ``claim`` (another
    member's definition) states: quoted beside its option, it would say that option is what the key is."""
    if table.lexicon is None:
        return False
    facts = table.family.facts
    return any((member, match.attribute) in facts
               and table.lexicon.truth(match.attribute, match.value, facts[(member, match.attribute)])
               for match in table.lexicon.match(first_sentence(claim.text), table.family.id))


# A definition that gives its member a trait through another member ("同期呼び出し：非同期呼び出しのように自動で２回
# リトライ", "…と違って", "비동기 호출처럼", "like Rolling"): which words are whose is not read (``lexicon._LIKENED_AFTER``,
# ``_OTHER_AFTER``), and no lexicon phrase need be there to be set aside, so it is never asked.
_LIKENED_AFTER = re.compile(r"(?:と|とは)(?:同じ|同様|違|異な|似)|に似|のよう|みたい|(?:와|과|랑|이랑)(?:는)?(?:같|달리|다르|비슷|유사|마찬가지|동일)"
                            r"|처럼|보다|より")
_LIKENED_BEFORE = re.compile(r"(?:unlike|like|sameas|similarto|comparedto|comparedwith|than|aswith)(?:the|an?)?$")


def likens_another(family, member, text):
    """Whether ``text`` (``member``'s definition) names another member of ``family`` as what it is like or unlike."""
    haystack = norm(text)
    own = family.members[member].normalised_aliases
    for other in family.members:
        if other == member:
            continue
        for alias in family.members[other].normalised_aliases:
            start = haystack.find(alias) if len(alias) >= 2 else -1
            while start >= 0:
                end = start + len(alias)
                # not a part of the member's own longer name ("rolling" in "rolling with additional batch")
                if not any(o != alias and alias in o and haystack.find(o, max(0, start - len(o)), end + len(o)) >= 0
                           for o in own) and (_LIKENED_AFTER.match(haystack, end)
                                              or _LIKENED_BEFORE.search(haystack, 0, start)):
                    return True
                start = haystack.find(alias, start + 1)
    return False


def pointers(family, member, other):
    """The words that point at ``other`` (``Family.pointers``: its tells, the distinctive words of its AWS
    description) and not at ``member``, whose definition is asked: a word of ``member``'s own names or tells
    points at it as much."""
    own = norm(" ".join((*_raw_aliases(family.members[member]), *family.members[member].tells)))
    return sorted(term for term in family.pointers.get(other, ()) if term not in own)


# "한 번에" is "at once", no count
# nor a size, a rate, a limit written with a thousands separator ("초당 요청 수는 최대 5,000", "최대 10GB") or an HTTP error
# status ("スロットリング時は 429 を返すわけではない")
_COUNT_OR_TIME = re.compile(r"(\d[\d,]*)\s*(?:回|번(?!에)|회|分|秒|분|초|時間|시간|日|일|times\b|retries\b|min(?:ute)?s?\b"
                            r"|sec(?:ond)?s?\b|hours?\b|days?\b|[KMGT]i?B\b|リクエスト|요청|requests?\b|rps\b)"
                            r"|(?<![\d,.])(\d{1,3}(?:,\d{3})+|[45]\d\d)(?![\d,.])", re.IGNORECASE)


def _counts_and_times(text):
    """The digits of each count or time ``text`` holds ("2회", "十五分", "6 hours"), read as ``numerics`` reads them."""
    import unicodedata

    return [(found.group(1) or found.group(2)).replace(",", "")
            for found in _COUNT_OR_TIME.finditer(arabic(unicodedata.normalize("NFKC", text)))]


def definitions(table):
    """Definition -> term and term -> definition, in the language of the note."""
    family = table.family
    questions = []
    defined = {}
    unasked = set()  # definitions quoted in explanations but not asked (``describes_another``: "given")
    denied = {}  # member -> definitions in a trait that tells members apart: not asked, but quoted (``documented_for``)
    for member_id, claims in table.definitions.items():
        seen = {}
        for claim in claims:
            if circular(first_sentence(claim.text), family.members[member_id]):
                continue
            # Where members differ by behaviour the lexicon models, a definition it reads nothing from may be
            # wrong in words no phrase knows ("Immutable: 既存のEC2をアップデートする", "GWLB: HTTP の中身を検査する"):
            # the reference cannot check it, so it is neither asked nor offered.
            if family.read_definitions and table.lexicon is not None and not table.lexicon.match(
                    first_sentence(claim.text), family.id):
                continue
            another = describes_another(table, member_id, first_sentence(claim.text))
            if likens_another(family, member_id, first_sentence(claim.text)):
                continue
            if another == "denied":
                denied.setdefault(member_id, []).append(claim)
                continue
            if another == "given":
                unasked.add(id(claim))
            # a count or a time no reference number confirmed ("재시도는 기본 2회지만 설정하면 5회까지 늘릴 수 있다": 0-2
            # retries, never 5) may be wrong: a stem would teach it
            if any((claim.section.file, claim.line, digits) not in table.checked_numbers
                   for digits in _counts_and_times(first_sentence(claim.text))):
                continue
            seen.setdefault(norm(first_sentence(claim.text)), claim)
        if seen:
            defined[member_id] = list(seen.values())
    aspects = any(
        len({_aspect(c, family.members[m]) for c in claims if not fragment(first_sentence(c.text))}) > 1
        for m, claims in defined.items())
    for member, claims in defined.items():
        others = [m for m in family.members if m != member]
        for claim in claims:
            if id(claim) in unasked:
                continue
            language = _language(claim)
            text = first_sentence(claim.text)
            clue = [{"attribute": "definition", "value": hashlib.sha256(norm(text).encode()).hexdigest()[:16]}]
            text = _shown(table, text)  # the identity above keeps the note's own wording
            # definition -> term
            question = _base(table, "definition_to_term", member, clue, member, languages=[language])
            question["_tells"] = family.members[member].tells
            masked = _mask(text, _raw_aliases(family.members[member]))
            question["stem"] = {language: T.DEFINITION_TO_TERM[language].format(definition=T.quoted(masked))}
            stem_text = norm(masked)
            named = {m for m in (*others, *family.neighbours)
                     if any(len(a) >= 2 and a in stem_text for a in _known(family, m).normalised_aliases)}
            # the definition as shown (its first sentence) decides what else it could describe. A concept it
            # points at (it uses one of its words, ``pointers``: "RabbitMQ" for Amazon MQ) may fit it as well:
            # offered last, only to fill three options, and then the validator refuses the question
            # (``definition_points_to_distractor``).
            points = {m: [t for t in pointers(family, member, m) if uses(text, t)]
                      for m in (*others, *family.neighbours)}
            declared = family.members[member].neighbours
            if declared:  # curated wrong options of the same area (a grab-bag family's members are not)
                picked = [m for m in declared if m not in named
                          and (m not in family.members or not could_fit(table, m, text))]
                picked = sorted(picked, key=lambda m: bool(points[m]))[:3]
            else:
                picked = _order(question["identity"], [m for m in others if m not in named
                                                       and not could_fit(table, m, text)], key=lambda m: m)
                picked = sorted(picked, key=lambda m: (bool(points[m]), 0 if m in defined else 1))[:3]
            question["_pointers"] = {_known(family, m).name: pointers(family, member, m) for m in picked}
            # A word of the answer's name that the definition uses and no offered name has ("X-Ray" in
            # "X-Ray SDK ...", with the option "X-Ray daemon") would give the answer away: masked too.
            offered = " ".join(norm(_known(family, m).name) for m in picked)
            hints = [part for part in [*name_parts(family.members[member].name), *family.members[member].tells]
                     if norm(part) in norm(masked) and norm(part) not in offered]
            if hints:
                masked = _mask(masked, hints)
                question["stem"] = {language: T.DEFINITION_TO_TERM[language].format(definition=T.quoted(masked))}
            entries = [(family.members[member].name, True,
                        {language: T.render(
                            T.DEFINITION_KEY[language], language, name=family.members[member].name,
                            evidence=T.evidence_note(claim, language))},
                        member, _aliases(table, member))]
            for other in picked:
                said = family.neighbours.get(other) or (family.members[other] if other not in defined else None)
                if said is not None and said.url:  # what the AWS documentation says it is (the notes do not)
                    what = dict(said.is_)
                    entries.append((said.name, False, {language: T.render(
                        T.DEFINITION_NEIGHBOUR[language], language,
                        name=said.name, what=what.get(language, what.get("en", "")).rstrip("。. "),
                        answer=family.members[member].name,
                        reference=T.evidence_reference(said.title, said.url, language))},
                        other if other in family.members else None, said.normalised_aliases))
                    continue
                # what the notes say of it, quoted with its place and line
                # gen-1.85: a line in a trait that tells members apart is quoted as a "given" line is, before a line in
                # another language ("in Place Deployment: インスタンスは現行のまま" beside Blue/Green's "新しいインスタンスに
                # 反映させ"), but not beside a key the documentation gives that trait (it would say they are alike)
                order = {id(c): n for n, c in enumerate(table.definitions[other])} if other in denied else {}
                quotable = sorted(defined.get(other, []) + [c for c in denied.get(other, [])
                                                            if not documented_for(table, member, c)],
                                  key=lambda c: order.get(id(c), 0))  # in the notes' order, as ``defined`` is
                other_claim = quoted_definition(quotable, family.members[other], language,
                                                _aspect(claim, family.members[member]))
                documented = dict(family.members[other].is_) if family.members[other].url else {}
                if other_claim and _language(other_claim) != language and documented.get(language):
                    # its notes are in another language only: a Korean line says nothing to a Japanese reader;
                    # what the AWS documentation says it is, in the question's language, and where the notes are
                    explanation = T.render(
                        T.DEFINITION_NEIGHBOUR[language], language,
                        name=family.members[other].name, what=documented[language].rstrip("。. "),
                        answer=family.members[member].name,
                        reference=T.evidence_reference(family.members[other].title, family.members[other].url,
                                                       language),
                    ) + T.NOTES_SAY[language].format(evidence=T.evidence_note(other_claim, language))
                elif other_claim:
                    explanation = T.render(
                        T.DEFINITION_OTHER[language], language,
                        name=family.members[other].name, evidence=T.evidence_note(other_claim, language),
                        answer=family.members[member].name)
                else:
                    explanation = T.render(
                        T.DEFINITION_OTHER_UNKNOWN[language], language,
                        name=family.members[other].name, family=family.name.get(language, ""),
                        answer=family.members[member].name)
                entries.append((family.members[other].name, False, {language: explanation}, other,
                                _aliases(table, other)))
            question["sources"] = _sources([claim])
            # with two masks it says almost nothing (as ``circular``), nor with a word or two beside one
            # ("사용자/그룹 생성" is "［？］ 생성", "(?) creation"), nor with only a modifier and a
            # verb ("任意の［？］を作成", "追加の［？］を定義": what is made is hidden, and files are made too): not asked
            # ... nor where the mask is what a closing verb of making makes ("指定した場所に［？］を作成": files, and
            # sources unpack an archive "指定した場所に", which makes files too)
            if masked.count(T.MASK) < 2 and len(re.sub(r"[\W_]", "", masked.replace(T.MASK, ""))) >= MASKED_MIN_CHARS \
                    and not MADE_BY_LAST_VERB.search(masked):
                questions.append(_finish(question, entries))

            # term -> definition: distractors are other members' definitions in the same language. Only
            # definitions that do not name their own term: masked, "［？］" in one option would point at the
            # key (or away from it).
            if masked != text or fragment(text):
                continue
            # Where members are defined under several headings, one aspect each (Lambda's invocations: what
            # each returns under "呼び出しタイプ", how each retries under "リトライ"), the distractors are other
            # members' lines under the key's heading: a line of another kind (an event-source list beside
            # return values) would give the key away by its form.
            # A member with curated neighbours (a grab-bag family) is offered only beside those of them that are
            # members: other members' definitions would be "What is X?" with random definitions as options.
            declared = family.members[member].neighbours
            pool = []
            for other in (declared if declared else others):
                for other_claim in defined.get(other, []):
                    other_first = first_sentence(other_claim.text)
                    if (_language(other_claim) == language and not fragment(other_first)
                            and id(other_claim) not in unasked  # not offered as an option either
                            and (not aspects or _aspect(other_claim, family.members[other])
                                 == _aspect(claim, family.members[member]))
                            and not could_fit(table, member, other_first)
                            and _mask(other_first, _raw_aliases(family.members[other])) == other_first):
                        pool.append((other, other_claim))
                        break
            if len(pool) < 3:
                continue
            question = _base(table, "term_to_definition", member, clue, member, languages=[language])
            question["stem"] = {language: T.TERM_TO_DEFINITION[language].format(term=family.members[member].name)}
            question["_term"] = (*_raw_aliases(family.members[member]), *family.members[member].tells)
            pool = _order(question["identity"], pool, key=lambda p: p[0])
            pool = sorted(pool, key=lambda p: abs(len(first_sentence(p[1].text)) - len(text)))[:3]
            entries = [(text, True, {language: T.render(
                T.DEFINITION_KEY[language], language, name=family.members[member].name,
                evidence=T.evidence_note(claim, language))}, member, set())]
            for other, other_claim in pool:
                entries.append((_shown(table, first_sentence(other_claim.text)), False, {language: T.render(
                    T.DEFINITION_OF_OTHER[language], language,
                    name=family.members[other].name, evidence=T.evidence_note(other_claim, language))},
                    other, set()))
            question["sources"] = _sources([claim] + [c for _, c in pool])
            questions.append(_finish(question, entries))
    return questions


# "리전당 1천 개" is 1,000 and "1万" 10,000, not 1; "120 秒前" is two minutes and "5GB" is not 5 TB.
_MULTIPLIERS = {"千": 1000, "천": 1000, "万": 10000, "만": 10000, "k": 1000}
# "k" only as a word's end ("10k rps", "burst 5k"), not the start of a unit ("5 KB" has a space, "5kB" no multiplier)
_MULTIPLIER = re.compile(r"[千천万만]|[kK](?![A-Za-z])")
_DECIMAL_MULTIPLIED = re.compile(r"\.(\d{1,3})(?=[千천万만]|[kK](?![A-Za-z]))")
_SMALLER_UNITS = {  # a fact's unit -> (the smaller unit a note may write, how many make one)
    # "120 秒", "30-second notice" (a hyphenated unit in English)
    "minutes": (re.compile(r"\s*(?:秒|초|-?sec(?:ond)?s?\b|s\b)"), 60),
    "TB": (re.compile(r"\s*(?:GB|GiB|ギガ|기가)"), 1024),
}
_LARGER_UNITS = {  # a fact's unit -> (the larger unit a note may write, how many of the fact's make one)
    "minutes": (re.compile(r"\s*(?:時間|시간|hours?\b)"), 60),
    "MB": (re.compile(r"\s*(?:GB|GiB|ギガ|기가)"), 1024),
    "seconds": (re.compile(r"\s*(?:分|분|min(?:ute)?s?\b)"), 60),
}
# A number the note denies ("2분이 아니라 30초", "429 ではない", "10,000 ではなく"): the note says it is not the value;
# so does the verb a pattern reads after it ("429 を返さない", "429 이 반환되지 않는다"), but for "only" ("2回までしか
# 再試行されない", "두 번밖에 재시도하지 않는다": two retries at most).
_VERB_DENIED = re.compile(r"(?:さ|し|され|れ)?(?:ない|なく|ません)|(?:되|하)?지\s*않")
_ONLY = ("しか", "밖에")
# A number hedged at the verb a pattern reads ("429 を返すわけではない", "2回リトライするとは限らない", "429 를 반환하는 것은
# 아니다") is no statement of it either way (``lexicon._HEDGED_AFTER``): neither read nor denied.
_VERB_HEDGED = re.compile(r"[ぁ-ん]{0,4}?(?:という)?(?:わけ(?:では|じゃ)|とは限ら)|(?:하|되)?(?:는|은)\s*(?:것은|것이|건)\s*아니")
_DENIED = re.compile(r"\s*(?:分|秒|回|件|個|분|초|번|회|개|건|GB|TB|MB|時間|시간)?\s*(?:이|가|は|では|じゃ)?\s*(?:아니|ではな|じゃな|ない|なく)")


# What follows a number that makes it no statement of it: a question ("429? 아니, 503", "2 minutes? no, 30 seconds"), a
# value set as a condition ("재시도 0회로 설정하면", "リトライ回数を0回に設定すれば"); and what makes it one the learner
# takes back ("2分前と思っていたが、実は5分前", "2번인 줄 알았는데 실제로는 3번": denied).
_UNIT_AFTER = r"\s*+(?:分|秒|回|件|個|분|초|번|회|개|건|GB|TB|MB|時間|시간|min(?:ute)?s?\b|sec(?:ond)?s?\b|times\b|retries\b)?"
_ASKED = re.compile(_UNIT_AFTER + r"\s*+(?:前|전)?\s*+[?？]")
_SET_AS_CONDITION = re.compile(_UNIT_AFTER + r"\s*+(?:으로|로|に)\s*+(?:설정하면|설정할\s*+경우|設定すれば|設定すると|設定したら|設定した場合)")
_THOUGHT = re.compile(_UNIT_AFTER + r"\s*+(?:前|전)?\s*+(?:だと|と|인\s*+줄|이라고|라고)\s*+(?:思っ|思い|알았|생각)")
# A number said to be what was ("5TB 였지만 지금은 50TB", "5TB だったが、今は 50TB", "5 TB before, now 50 TB") is what held
# before the limit changed: no statement of it (a line opening with the past, "以前は…", is dropped whole by ``claims``)
_FORMERLY = re.compile(_UNIT_AFTER + r"\s*+(?:(?:이었|였)(?:었)?(?:지만|는데|고)|(?:だった|でした)(?:が|けど|けれど)|(?:before|previously)\b)"
                       r"\s*+[、,，]?\s*+(?:今|現在|지금|현재|이제|now\b)", re.IGNORECASE)
# A number that opens a range ("재시도 횟수는 0~2 사이로 설정 가능", "0〜2 回", "0 to 2 retries") is what may be set, not the
# value: its first end is no statement of it
_RANGE_OPENED = re.compile(r"(?:\s*(?:回|번|회|times))?\s*(?:~|〜|～|–|から|부터|-(?!>)|to\b)\s*\d")
# A number the line then replaces: with another after an arrow ("タイムアウト最大５分→15分に延長された", "1만 → 1천"), what
# the learner changed it to or what it became, not a statement of it; and one set aside before what holds ("３回リトライ、
# ではなく２回", "3회 재시도가 아니라 2회"): denied
_REPLACED = re.compile(_UNIT_AFTER + r"\s*+(?:→|->|⇒|=>)\s*+\d")
# A number the line lists among others a setting may take ("リトライ回数は 0、1、2 のどれかに設定できる", "0, 1 or 2",
# "0/1/2", "0か1か2"): one choice of several, not the value (a thousands separator, "1,000", lists nothing)
_LISTED = re.compile(r"\s*+(?:[、，/／]|,(?!\d{3}(?!\d))|\s++or\b|か|또는|이나)\s*+\d")
# ... and the second of two values paired with a slash ("定常/バースト：10,000/5,000 rps": which is which is the heading's)
_PAIRED_BEFORE = re.compile(r"\d\s?[/／]\s?$")
_SET_ASIDE = re.compile(r"\s*+[、,，]?\s*+(?:ではなく|じゃなく|でなく|(?:이|가|는|은)?\s?아니(?:라|고))")
# A bound, not the value: a number with "or more", "more than", "less than" ("２回以上リトライ", "1000 以上にできる", "재시도
# 2회 이상", "at least 2 retries", "more than 1,000", not "no more than five times") says the value is past it, so it is no statement of it either way; "以下",
# "以内", "이하", "or less" are how a maximum is written and stay read, and so is the limit a line says is passed ("1000 を
# 超えると 429", "1000을 넘으면")
_BOUND_AFTER = re.compile(_UNIT_AFTER + r"\s*+(?:以上|超(?!え)|未満|より(?:多|少|長|短|大き|小さ)|이상|초과|미만|넘게"
                          r"|or\s++(?:more|above|longer|greater|over|fewer|less)\b|plus\b)", re.IGNORECASE)
_BOUND_BEFORE = re.compile(r"(?:\b(?:at\s++least|(?<!no\s)(?<!not\s)(?:more|fewer|less)\s++than|over|above|under|below)|少なくとも|最低でも|最低|최소한?|적어도)"
                           r"\s*+(?:の)?\s*+$", re.IGNORECASE)
# A value the setting may be given, not the default nor the limit: "リトライは 0 回にもできる", "1 万などにもできる",
# "재시도를 0회로도 설정할 수 있다", "can be set to 0" (what a maximum reaches, "最大 15 分にできる", "up to 15 minutes", is still read)
_SETTABLE_AFTER = re.compile(r"(?:\s*+[千천万만])?" + _UNIT_AFTER + r"\s*+(?:など|とか|等|정도|등|ほど)?\s*+(?:(?:に|へ)\s*+(?:も|まで)?\s*+(?:でき|設定でき|変更でき|設定可|変更可|減らせ"
                             r"|下げられ|短縮でき|増やせ|延ばせ|延長でき|引き上げ(?:られ|でき|可)|上げられ)|(?:으로|로)\s*+(?:도|까지)?\s*+(?:설정|변경|줄일|줄이|낮출|낮추|늘릴"
                             r"|늘리|올릴|올리|바꿀|바꾸|조정)[^\n\d]{0,6}?(?:가능|수\s*+있))")
_SETTABLE_BEFORE = re.compile(r"\b(?:can|could|may)\s++(?:also\s++)?(?:be\s++)?(?:set|lowered|reduced|changed|configured|adjusted|raised|increased"
                              r"|extended)(?:\s++it)?\s++to\s*+$", re.IGNORECASE)
# the words that make a value the setting reaches the maximum ("最大 15 分にできる"): then the setting is the maximum's
_MAXIMUM_WORD = re.compile(r"最大|最長|최대|[Mm]ax(?:imum)?|up\s+to|まで")

# Per minute where the fact is per second ("분당 10,000 요청" is not API Gateway's 10,000 a second)
_PER_MINUTE = re.compile(r"분당|分間|毎分|分あたり|per minute")


def _read_number(fact, match, text):
    """The number a pattern's match reads: the first group that matched (a pattern may read it in several word
    orders), with a kanji or hangul multiplier after it, and in the fact's unit (seconds as minutes, GB as TB)."""
    group = next(index for index, found in enumerate(match.groups(), 1) if found is not None)
    if len(match.group(group)) > 18:  # no limit has so many digits (and int() refuses more than 4,300)
        return None, False
    value = int(match.group(group).replace(",", ""))
    end = match.end(group)
    decimal = _DECIMAL_MULTIPLIED.match(text, end)
    if decimal:  # "1.5만", "0.5만": the decimals go with the multiplier
        value, end = float(f"{value}.{decimal.group(1)}"), decimal.end(1)
    multiplier = _MULTIPLIER.match(text, end)
    if multiplier:
        value = round(value * _MULTIPLIERS[multiplier.group().casefold()])
        end = multiplier.end()
    smaller, per_unit = _SMALLER_UNITS.get(fact.unit.get("en"), (None, 1))
    larger, per_larger = _LARGER_UNITS.get(fact.unit.get("en"), (None, 1))
    if smaller and smaller.match(text, end):
        value = value / per_unit
    elif larger and larger.match(text, end):
        value = value * per_larger
    elif fact.unit.get("en") == "requests per second" and _PER_MINUTE.search(
            text, max(match.start(), match.start(group) - 8), match.start(group)):
        value = value / 60
    if (_ASKED.match(text, end) or _SET_AS_CONDITION.match(text, end) or _FORMERLY.match(text, end)
            or _RANGE_OPENED.match(text, match.end(group)) or _REPLACED.match(text, end) or _LISTED.match(text, end)
            or _VERB_HEDGED.match(text, match.end()) or _BOUND_AFTER.match(text, end)
            or _BOUND_BEFORE.search(text[max(0, match.start(group) - 16):match.start(group)])):
        return None, False
    before = text[match.start():match.start(group)]
    if _PAIRED_BEFORE.search(text[max(0, match.start(group) - 4):match.start(group)]):
        return None, False
    if ((_SETTABLE_AFTER.match(text, end) or _SETTABLE_BEFORE.search(text[max(0, match.start(group) - 60):match.start(group)]))
            and not _MAXIMUM_WORD.search(before)):
        return None, False
    denied = (_DENIED.match(text, end) is not None or _THOUGHT.match(text, end) is not None
              or _SET_ASIDE.match(text, match.end()) is not None) or (
        _VERB_DENIED.match(text, match.end()) is not None and not any(only in match.group(0) for only in _ONLY))
    return value, denied


# A variant named to contrast it with the main service ("Lambda@Edge と違い", "Lambda@Edge 와 달리", "unlike Lambda@Edge",
# "Lambda@Edge より") is not what the line's numbers are said of.
_CONTRAST_AFTER = re.compile(r"\s*(?:(?:と|とは)\s*(?:違|異な|比べ|比較)|より|に比べ|(?:와|과|하고)\s*(?:는\s*)?(?:달리|다르|비교)"
                             r"|보다|에\s*비해|에\s*비하)")
_CONTRAST_BEFORE = re.compile(r"\b(?:unlike|than|compared\s+(?:with|to)|in\s+contrast\s+to|as\s+opposed\s+to|versus|vs\.?)"
                              r"(?:\s+the)?\s*$", re.IGNORECASE)


def _name_finder(fact):
    """A regex finding the fact's variants (``elsewhere``) and its service's names (``anchors``) in a text with its
    spaces; a variant first, so that "Lambda@Edge" is not read as "Lambda"."""
    def names(normalised):
        return "|".join(r"\s*".join(map(re.escape, name)) for name in sorted(normalised, key=len, reverse=True))
    main = names(fact.anchors or fact.own)
    # the line is read with its numbers in digits ("한 번의 PUT" as "1 번의 PUT"): its names are looked for in both forms
    variants = names(set(fact.elsewhere) | {arabic(name) for name in fact.elsewhere})
    return re.compile(f"(?P<variant>{variants})" + (f"|(?P<main>{main})" if main else ""), re.IGNORECASE)


def _names(finder, text):
    """(position, is a variant the text does not contrast) of each name ``finder`` finds in ``text``."""
    return [(found.start(), found.group("variant") is not None and not _CONTRAST_AFTER.match(text, found.end())
             and not _CONTRAST_BEFORE.search(text[max(0, found.start() - 30):found.start()]))
            for found in finder.finditer(text)]


def _opens_with_service(finder, text):
    """Whether the line's first name is the fact's own service, not contrasted: "API Gateway：スロットリング時は 503 を
    返す" is API Gateway's under a Lambda heading, "通常の Lambda より短く、…" is not Lambda's under Lambda@Edge's."""
    found = finder.search(text)
    return found is not None and found.group("main") is not None and not _CONTRAST_AFTER.match(text, found.end())


def _said_of_variant(names, position):
    """Whether the number at ``position`` is said of a variant: the line's subject (its first name) is one, or the
    name nearest before the number is."""
    if names and names[0][1]:
        return True
    nearest = bisect_left(names, (position,)) - 1
    return nearest >= 0 and names[nearest][1]


def _digits(match):
    """The digits of the number a pattern's match reads, as ``definitions`` finds them in a line."""
    return next(found for found in match.groups() if found is not None).replace(",", "")


def _number_start(match):
    """Where the number a pattern's match reads starts (a pattern may start at the line's start)."""
    return next(match.start(group) for group in range(1, len(match.groups()) + 1) if match.group(group) is not None)


def _with_member(claim, text, family):
    """``text``, after its member's name when it is a line under a heading or label naming a member of ``family`` and
    names none itself: "### 同期呼び出し" / "- Lambda retries failed events twice" is the synchronous invocation's count,
    as "同期呼び出し：…" is (a count the line itself gives another member stays that one's)."""
    if family is None or claim.kind != "property" or not claim.subject:
        return text
    names = {alias for member in family.members.values() for alias in member.normalised_aliases if len(alias) >= 2}
    if norm(claim.subject) not in names:
        return text
    said = norm(text)
    if any(name in said for name in names):
        return text
    return f"{unicodedata.normalize('NFKC', claim.subject)}: {text}"


_FIXED = re.compile(r"고정|늘릴\s*수\s*없|변경\s*(?:불가|할\s*수\s*없)|하드\s*리밋|固定|引き上げ(?:不可|られない|できない)|変更(?:不可|できない)"
                    r"|ハードリミット|hard\s*limit|cannot\s+be\s+(?:increased|raised|changed)", re.IGNORECASE)
_RAISED = re.compile(r"늘릴\s*수\s*있|늘어난다|延ばせ|延長でき|引き上げ(?:可|られる|できる|申請)|増やせ"
                     r"|can\s+be\s+(?:increased|raised|extended)", re.IGNORECASE)


def numerics(claims, reference, tables):
    """Numeric recall from reference numbers the notes state; a disagreeing note is corrected instead. Also the
    numbers found to be a reference's, as (file, line, digits), for ``definitions``."""
    import unicodedata

    questions, corrections, issues, checked = [], [], [], set()
    texts = [(claim, arabic(unicodedata.normalize("NFKC", claim.quote))) for claim in claims]
    sections = {}  # the normalised heading path and text of each claim's section, for facts with anchors
    corrected = set()  # (file, line, AWS page) already corrected
    for fact in reference.numbers:
        matching, contradicting = [], []
        finder = _name_finder(fact) if fact.elsewhere else None
        anchored = {}  # section -> whether it names an anchor: once a section, not once a line (5,000 lines took a minute)
        for claim, text in texts:
            if fact.anchors:
                key = (claim.section.file, claim.section.heading_path, claim.section.line_start)
                if key not in anchored:
                    if key not in sections:
                        sections[key] = norm(claim.section.heading_path + "\n" + claim.section.markdown)
                    anchored[key] = any(anchor in sections[key] for anchor in fact.anchors)
                if not anchored[key]:
                    continue
            text = _with_member(claim, text, reference.families.get(fact.family))
            found = list(fact.pattern.finditer(text))
            if not found:
                continue
            if finder is not None:
                # the section's nearest heading naming a variant (Lambda › Lambda@Edge), or the bullet the line is
                # under when the line names nothing ("- Lambda@Edge" / "  - タイムアウト最大 5 秒"), is the line's subject
                heading = _names(finder, unicodedata.normalize("NFKC", claim.section.heading_path))
                names = _names(finder, text)
                if claim.kind == "property" and not names:
                    names = _names(finder, unicodedata.normalize("NFKC", claim.subject))
                    names = [(-1, variant) for _, variant in names[-1:]]
                if heading and heading[-1][1] and not _opens_with_service(finder, text):
                    continue
                found = [match for match in found if not _said_of_variant(names, _number_start(match))]
            for match in found:
                value, denied = _read_number(fact, match, text)
                if value is None:
                    continue
                if denied:  # "not 2 minutes" contradicts a fact of 2 minutes and says nothing of others
                    if value == fact.value:
                        contradicting.append(claim)
                    continue
                if value != fact.value:
                    contradicting.append(claim)
                # a line the learner is unsure of is checked, never cited; nor one that says the value can be raised
                # when it cannot, or cannot when it is a default quota ("1,000 はハードリミットで引き上げ不可")
                elif not claim.unsure and not (_FIXED if fact.adjustable else _RAISED).search(text):
                    matching.append(claim)
                    checked.add((claim.section.file, claim.line, _digits(match)))
        for claim in contradicting:
            key = hashlib.sha256(f"number\x1f{fact.id}\x1f{claim.section.file}\x1f{claim.line}".encode()).hexdigest()[:40]
            # One correction per line and AWS page: "초당 5,000 요청, 버스트 10,000" gets the rate's, which gives
            # the burst too (each number is still an issue for instructors).
            if (claim.section.file, claim.line, fact.url) not in corrected:
                corrected.add((claim.section.file, claim.line, fact.url))
                corrections.append({
                    "section": claim.section.id, "file": claim.section.file,
                    "heading_path": claim.section.heading_path, "key": key, "claim": claim.shown,
                    "correction": fact.explain, "reference_url": fact.url, "reference_title": fact.title,
                    "claims_line": claim.line,
                    "line_start": claim.line, "line_end": claim.line_end or claim.line,
                })
            issues.append({"key": key, "kind": "contradiction", "family": fact.family, "member": fact.member,
                           "attribute": fact.id, "details": {"claims": [claim.source()], "reference_value": fact.value,
                                                             "reference_url": fact.url, "reference_title": fact.title},
                           "sections": [claim.section.id] if claim.section.id is not None else []})
        if not matching or not fact.ask:
            continue
        table = tables[fact.family]
        clue = [{"attribute": fact.id, "value": str(fact.value)}]
        question = _base(table, "numeric", fact.id, clue)
        question["topic"] = fact.topic or table.family.topic
        question["stem"] = dict(fact.stem)
        evidence_claim = matching[0]
        entries = [(f"{fact.value:,}", True, {
            lang: T.NUMERIC_KEY[lang].format(value=f"{fact.value:,}",
                                             explain=fact.explain.get(lang, "").rstrip("。. "),
                                             evidence=T.evidence_note(evidence_claim, lang)
                                             + T.EVIDENCE_JOIN[lang] + T.evidence_reference(fact.title, fact.url, lang))
            for lang in T.LANGUAGES}, None, {norm(f"{fact.value:,}"), norm(str(fact.value))})]
        for wrong in fact.wrong[:4]:
            value = int(wrong["value"])
            entries.append((f"{value:,}", False, {
                lang: T.numeric_wrong(f"{value:,}", wrong["why"].get(lang, ""), lang)
                for lang in T.LANGUAGES}, None, {norm(f"{value:,}"), norm(str(value))}))
        question["sources"] = _sources(matching)
        questions.append(_finish(question, entries))
    return questions, corrections, issues, checked
