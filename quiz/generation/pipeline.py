"""Generation pipeline: sections -> claims -> family tables -> questions -> validator -> rows.

``generate(sections)`` is pure (plain data in, plain data out). ``save(result)`` writes
``Question`` rows by stable identity, retires questions whose basis vanished, and records
``GenerationIssue`` and ``NoteCorrection`` rows. ``run()`` does both for the active sections.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from . import GENERATOR_VERSION
from .builders import (
    choose_n, comparisons, definitions, identity_of, numerics, scenario_groups, scenarios, wording,
)
from .claims import SectionInput
from .families import all_claims, build_tables
from .lexicon import load_lexicon
from .reference import load_reference
from .templates import NOTE
from .validator import validate

PUBLIC_FIELDS = ("type", "family", "languages", "stem", "options", "choose", "clues", "sources")
DEFINITION_TYPES = ("definition_to_term", "term_to_definition")


@dataclass
class GenerationResult:
    questions: list = field(default_factory=list)
    rejections: Counter = field(default_factory=Counter)
    issues: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    claims: int = 0
    tables: dict = field(default_factory=dict)
    quoted: dict | None = None  # ``{(file, quote): [source, ...]}``, every note line read (``quoted_lines``)
    # ids of approved questions whose saving changed what they ask: back to drafts, out of approved-only quizzes
    unapproved: list = field(default_factory=list)

    def counts(self, key):
        return Counter(q[key] if not isinstance(q[key], list) else "+".join(q[key]) for q in self.questions)

    def language_counts(self):
        counter = Counter()
        for question in self.questions:
            for language in question["languages"]:
                counter[language] += 1
        return counter


def generate(sections, reference=None, lexicon=None):
    reference = reference or load_reference()
    lexicon = lexicon or load_lexicon()
    claims = all_claims(sections, reference)
    tables, issues, corrections = build_tables(claims, reference, lexicon)
    numeric_questions, numeric_corrections, numeric_issues, checked_numbers = numerics(claims, reference, tables)
    corrections += numeric_corrections
    issues += numeric_issues
    wrong_numbers = {(c["file"], c["claims_line"]) for c in numeric_corrections}
    for table in tables.values():
        table.exclude_lines(wrong_numbers)
        table.checked_numbers = checked_numbers
    record_not_asked(issues, tables)
    candidates = list(numeric_questions)
    for table in tables.values():
        candidates += scenarios(table, lexicon)
        candidates += scenario_groups(table, lexicon)
        candidates += comparisons(table, lexicon)
        candidates += choose_n(table, lexicon)
        candidates += definitions(table)

    result = GenerationResult(issues=issues, corrections=corrections, claims=len(claims), tables=tables,
                              quoted=quoted_lines(claims))
    accepted = {}
    for question in candidates:
        if question["identity"] in accepted:
            result.rejections["duplicate"] += 1
            continue
        reasons = validate(question, tables.get(question["family"]))
        if reasons:
            for reason in reasons:
                result.rejections[reason] += 1
        else:
            accepted[question["identity"]] = question
    result.questions = list(accepted.values())
    return result


def quoted_lines(claims):
    """``{(file, quote): [source, ...]}``: where each note line read stands now, by the words a question's source
    quotes it with (``Claim.source``), for edited questions to find their lines again (``follow_lines``)."""
    lines = {}
    for claim in claims:
        source = claim.source()
        lines.setdefault((source["file"], source["quote"]), []).append(source)
    return lines


# The note place and line an explanation cites: ノート「… › …」107 行目, note "… › …", line 107, 노트 "… › …", 107행.
_CITED_LINE = re.compile("(" + "|".join(map(re.escape, NOTE.values())) + r')(?:「[^」\n]*」| "[^"\n]*", )'
                         r"(?:line \d+|\d+ 行目|\d+행)")
PLACE_FIELDS = ("section", "heading_path", "line_start", "line_end")


def follow_lines(row, question, quoted):
    """``(sources, options)`` of a locked (instructor-edited) question whose note lines moved: each source
    found again by its quote in the same file (``quoted``: ``quoted_lines``; a line the generated ``question``
    of the same identity quotes first, then one under the same headings, then the nearest) takes its new
    section, headings and lines; a source whose line is gone keeps them, marked ``"gone"`` (the instructor's
    page says so, learners' links leave it out). An explanation follows only while it is the generator's own:
    the same as the generated one of the option with the same text and rightness but for the place and line it
    cites. Stems, option texts, keys and explanations an instructor wrote are never touched."""
    produced = {(s.get("section"), s.get("line_start")) for s in question["sources"]}
    sources = []
    for source in row.sources or ():
        found = quoted.get((source.get("file"), source.get("quote"))) if isinstance(source, dict) else None
        if not isinstance(source, dict) or not source.get("quote"):
            sources.append(source)  # nothing to find it by (a bank import's source)
        elif not found:
            sources.append({**source, "gone": True})
        else:
            line = source.get("line_start") if isinstance(source.get("line_start"), int) else 0
            best = min(found, key=lambda s: ((s["section"], s["line_start"]) not in produced,
                                             s["heading_path"] != source.get("heading_path"),
                                             abs(s["line_start"] - line)))
            moved = {k: v for k, v in source.items() if k != "gone"}
            sources.append({**moved, **{k: best[k] for k in PLACE_FIELDS}})

    def uncited(text):
        return _CITED_LINE.sub(r"\1 #", text) if isinstance(text, str) else text

    made = {(o.get("text"), bool(o.get("correct"))): o.get("explanation") or {} for o in question["options"]}
    options = []
    for option in row.options or ():
        ours, explanation = made.get((option.get("text"), bool(option.get("correct"))), {}), option.get("explanation")
        if isinstance(explanation, dict):
            followed = {lang: ours[lang] if lang in ours and uncited(text) == uncited(ours[lang]) else text
                        for lang, text in explanation.items()}
            option = {**option, "explanation": followed} if followed != explanation else option
        options.append(option)
    return sources, options


def keep_keys(old_options, new_options):
    """``new_options`` with each option whose text the stored question already has under the key it had there.

    A generated question's letters come from a shuffle seeded by the option texts: when one distractor's text
    changes, the others could move to other letters. Learners' answers and open attempts hold keys, so an
    option that stays keeps its key; a new text takes a letter no kept option uses, a right option first one
    that was right before and a wrong option one that was wrong (a reworded answer and a new distractor in one
    run gave the answer's letter to the distractor: an open exam item, refreshed by a later edit, then graded a
    right choice wrong). The order is unchanged.
    """
    old_key = {option.get("text"): option["key"] for option in old_options or ()}
    kept = {old_key[o.get("text")] for o in new_options if o.get("text") in old_key}
    if len(kept) != sum(1 for o in new_options if o.get("text") in old_key):
        return new_options  # two options with one text: nothing to go by
    was_right = {o["key"] for o in old_options or () if o.get("correct")}
    free = sorted(({o["key"] for o in new_options} | {o["key"] for o in old_options or ()}) - kept)

    def new_key(option):
        right = bool(option.get("correct"))
        key = min(free, key=lambda k: ((k in was_right) != right, k))  # same rightness first, then A, B, ...
        free.remove(key)
        return key

    return [{**o, "key": old_key[o.get("text")] if o.get("text") in old_key else new_key(o)} for o in new_options]


# Where an explanation's evidence cites a note line: ノート「Deployment(배포) › 1. 빅뱅 배포」, note "Lamdba › リトライ".
_NOTE_PLACE = re.compile("(" + "|".join(map(re.escape, NOTE.values())) + r')(?:「[^」\n]*」| "[^"\n]*")')


def asked(data):
    """What a stored question asks, for deciding whether an approval still holds: its stem, options, key and
    explanations, with numbers and the headings of cited note lines ignored in explanations (a note line
    that moved, or whose section was split, changes only the place its evidence cites) and clues without
    their note line."""
    digits = re.compile(r"\d+")

    def evidence(text):
        return digits.sub("#", _NOTE_PLACE.sub(r"\1 #", text))

    return (
        data["type"], data["languages"], data["stem"], data["choose"],
        [(o.get("key"), o.get("text"), bool(o.get("correct")),
          {lang: evidence(text) for lang, text in (o.get("explanation") or {}).items()})
         for o in data["options"]],
        [{k: v for k, v in clue.items() if k != "line"} for clue in data["clues"]],
    )


def _place(kind, family, languages, sources):
    """Where a definition question comes from: its type, family, languages and the note section of its definition
    (its first source)."""
    return kind, family, tuple(languages), (sources[0].get("section") if sources else None)


def reworded(new, old):
    """``{new identity: old row}`` for definition questions whose note line was reworded: ``new`` maps the
    identities this run would create to their question dicts, ``old`` is the rows it would retire. A definition's
    identity hashes its wording, so a typo fixed in the note would retire the question and its learners' history
    with it. An old and a new question of the same type, family, answer, language and source section pair up
    when they are the only ones of that key (the old row's answer is the member its identity was computed with);
    two rewordings of one member in one section are not guessed at."""
    wanted = {}
    for ident, question in new.items():
        if question["type"] in DEFINITION_TYPES:
            answer = next(question["_members"][o["key"]] for o in question["options"] if o["correct"])
            place = _place(question["type"], question["family"], question["languages"], question["sources"])
            wanted.setdefault(place, {}).setdefault(answer, []).append(ident)
    found = {}
    for row in old:
        place = _place(row.type, row.family, row.languages, row.sources)
        for answer in wanted.get(place, {}):
            if identity_of(row.family, answer, row.clues, row.type) == row.identity:
                found.setdefault((place, answer), []).append(row)
    return {wanted[place][answer][0]: rows[0] for (place, answer), rows in found.items()
            if len(rows) == 1 and len(wanted[place][answer]) == 1}


def _statements(clues, sources):
    """A "choose N" question's true statements, in clue order: where each is and what it states, ``(section,
    first line, last line, attribute, value)``, and the hash of each one's wording (``builders.wording``),
    read from its clues and the sources quoting them. ``(None, None)`` when a clue's line has no source."""
    quoted = {f"{s.get('file')}:{s.get('line_start')}": s for s in sources}
    where, words = [], []
    for clue in clues:
        source = quoted.get(clue.get("line"))
        if source is None:
            return None, None
        where.append((source.get("section"), source["line_start"], source["line_end"], clue["attribute"],
                      clue["value"]))
        words.append(wording(source["quote"]))
    return tuple(where), words


def reworded_statements(new, old):
    """``{new identity: old row}`` for "choose N" questions one of whose true statements was reworded (a
    typo fixed), as ``reworded`` does for definitions: a choose-N question's identity hashes the wording of
    each true statement, so the run would retire it and create another.

    An old and a new question pair up when they have the same family, answer (the member the statements are
    about; the old row's is the one its identity was computed with), language and choose count, and their true
    statements are the same note lines (section and line span) stating the same attribute values, of which
    exactly one is worded differently, and they are the only old and new question of that key. A statement
    whose lexicon reading changed (it states something else), a statement added or dropped (another pair of
    lines takes the place of one: after a line on batches, Rolling's "capacity drops" + "versions mix" gives
    way to "no downtime" + "batches"), lines that moved while one was reworded, two statements rewritten at
    once and two candidates for one key are retired and created as before: a learner's history never follows
    a question to another set of true statements."""
    wanted = {}
    for ident, question in new.items():
        if question["type"] == "choose_n":
            where, words = _statements(question["clues"], question["sources"])
            if where is not None:
                key = (question["family"], tuple(question["languages"]), question["choose"], where)
                wanted.setdefault(key, {}).setdefault(question["_answer"], []).append((ident, words))
    found = {}
    for row in old:
        if row.type != "choose_n":
            continue
        where, words = _statements(row.clues, row.sources)
        key = (row.family, tuple(row.languages), row.choose, where)
        for answer in wanted.get(key, {}):
            clues = [{"attribute": attribute, "value": value, "text": text}
                     for (*_, attribute, value), text in zip(where, words)]
            if identity_of(row.family, answer, clues, "choose_n") == row.identity:
                found.setdefault((key, answer), []).append((row, words))
    pairs = {}
    for (key, answer), rows in found.items():
        if len(rows) == 1 and len(wanted[key][answer]) == 1:
            (row, before), ((ident, after),) = rows[0], wanted[key][answer]
            if sum(a != b for a, b in zip(before, after)) == 1:
                pairs[ident] = row
    return pairs


def public(question):
    """The stored form of a question dict (no validator-only keys)."""
    return {key: question[key] for key in PUBLIC_FIELDS}


# --- database ---------------------------------------------------------------------------


def body_line_start(markdown, line_end):
    """First file line of a section's stored Markdown (the importer stores the body, trimmed,
    ending on ``line_end``)."""
    count = len(markdown.split("\n")) if markdown else 1
    return max(1, line_end - count + 1)


def sections_from_db():
    from studynotes.models import Section

    rows = (
        Section.objects.active()
        .select_related("note_file")
        .prefetch_related("topics")
        .order_by("note_file__name", "order")
    )
    return [
        SectionInput(
            id=row.pk, file=row.note_file.name, heading_path=row.heading_path, language=row.language,
            markdown=row.markdown, line_start=body_line_start(row.markdown, row.line_end),
            topic_slugs=tuple(t.slug for t in row.topics.all()),
        )
        for row in rows
    ]


class GeneratorOutdated(Exception):
    """The bank was last saved by a newer generator than this release's: nothing is generated."""

    def __init__(self, newer):
        self.newer = newer
        super().__init__(f"The question bank was last generated by {newer}, newer than this release's "
                         f"{GENERATOR_VERSION}: run generate_questions on a server of the newer release.")


def version_key(version):
    """``"gen-1.28"`` -> ``(1, 28)``; None for a version written otherwise."""
    match = re.fullmatch(r"gen-(\d+)\.(\d+)", version or "")
    return (int(match[1]), int(match[2])) if match else None


def refuse_if_outdated():
    """Raise ``GeneratorOutdated`` when a newer generator saved the bank last (``GenerationRun``)."""
    from quiz.models import GenerationRun

    last = GenerationRun.objects.values_list("version", flat=True).first()
    ours, theirs = version_key(GENERATOR_VERSION), version_key(last)
    if ours is not None and theirs is not None and theirs > ours:
        raise GeneratorOutdated(last)


def run(stdout=None, allow_older=False):
    """Generate from the active notes and save. ``allow_older``: an operator rolling the release back on purpose
    lets an older generator overwrite a newer one's bank (``generate_questions --allow-older``)."""
    if not allow_older:
        refuse_if_outdated()  # before the work: an old server's run changes nothing (checked again as it saves)
    result = generate(sections_from_db())
    summary = save(result, allow_older=allow_older)
    return result, summary


def _topics(result):
    from studynotes.models import Topic

    wanted = {q["topic"]: q for q in result.questions}
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=wanted)}
    for slug, question in wanted.items():
        if slug not in topics:
            topics[slug] = Topic.objects.create(slug=slug, name=question["topic_name"], domain=question["domain"])
    return topics


def issue_places(details):
    """The note lines an issue's ``details`` quote (``{"file", "line" or "line_start", "quote", ...}``): a
    contradiction's claims, a conflict's values. Details stored by an older release may lack either."""
    details = details if isinstance(details, dict) else {}
    groups = [details.get("claims") or [], *(details.get("values") or {}).values()]
    return [where for group in groups if isinstance(group, list) for where in group if isinstance(where, dict)]


def record_not_asked(issues, tables):
    """Write into each issue's details what it keeps out of the questions, for the instructors' page:
    ``"point"``, its concept's attribute (no question takes it as a clue or a statement: ``Table.blocked``),
    or ``"lines"``, the note lines it quotes (``Table.doubtful``)."""
    left_out = set().union(*(table.doubtful for table in tables.values()))
    for issue in issues:
        details = issue["details"]
        table = tables.get(issue["family"])
        lines = {(where["file"], where.get("line") or where.get("line_start")) for where in issue_places(details)}
        if table is not None and (issue["member"], issue["attribute"]) in table.blocked:
            details["not_asked"] = "point"
        elif lines and lines <= left_out:
            details["not_asked"] = "lines"


def save(result, allow_older=False):
    """Upsert questions by identity; returns counts of created / updated / unchanged / locked / retired."""
    from django.db import transaction

    from quiz.models import GenerationIssue, GenerationRun, Question, QuestionVersion
    from studynotes.models import NoteCorrection, Section
    from studynotes.pagecache import bump_content_stamp

    summary = Counter()
    with transaction.atomic():
        if not allow_older:
            refuse_if_outdated()  # a newer release's run saved meanwhile
        GenerationRun.objects.create(version=GENERATOR_VERSION)
        bump_content_stamp()  # topics and corrections shown on cached notes pages change with this commit
        topics = _topics(result)
        by_identity = {q["identity"]: q for q in result.questions}
        existing = {q.identity: q for q in Question.objects.filter(identity__in=by_identity)}
        live_sections = set(Section.objects.active().values_list("pk", flat=True))
        Link = Question.sections.through
        # A definition whose note line was reworded, or a choose-N question one of whose statements was, keeps
        # its row (id, learners' cards and history): updated in place below, as a new version, instead of
        # retired beside a new question.
        fresh = {ident: q for ident, q in by_identity.items() if ident not in existing}
        retiring = list(_retiring(Question, Link, by_identity).filter(
            type__in=(*DEFINITION_TYPES, "choose_n"), locked=False))
        kept = {**reworded(fresh, retiring), **reworded_statements(fresh, retiring)}
        existing.update(kept)
        summary["reworded"] = len(kept)
        new_rows, changed_rows, followed = [], [], []
        moved = []  # questions now under another topic: their review cards and logs follow
        for ident, question in by_identity.items():
            data = public(question)
            topic = topics[question["topic"]]
            row = existing.get(ident)
            if row is None:
                new_rows.append(Question(identity=ident, topic=topic, generator_version=GENERATOR_VERSION,
                                         status=Question.Status.DRAFT, **data))
                summary["created"] += 1
                continue
            back = row.status == Question.Status.RETIRED and row.retired_by != "instructor"  # its basis is back
            if row.locked:  # an instructor's edit: the generator leaves its content alone but follows its lines
                fields = []
                if back and row.retired_by == "generator":
                    row.status, row.retired_by = Question.Status.DRAFT, ""
                    fields += ["status", "retired_by"]
                sources, options = (row.sources, row.options) if result.quoted is None else follow_lines(
                    row, question, result.quoted)
                if (sources, options) != (row.sources, row.options):
                    QuestionVersion.objects.create(question=row, version=row.version, data={
                        **{key: getattr(row, key) for key in PUBLIC_FIELDS}, "status": row.status, "locked": True})
                    row.version += 1
                    row.sources, row.options = sources, options
                    fields += ["sources", "options", "version"]
                    followed.append(row)
                    summary["followed"] += 1
                if fields:
                    row.save(update_fields=[*fields, "updated_at"])
                summary["lines_gone"] += any(isinstance(s, dict) and s.get("gone") for s in row.sources)
                summary["locked"] += 1
                continue
            data["options"] = keep_keys(row.options, data["options"])
            current = {key: getattr(row, key) for key in PUBLIC_FIELDS}
            if current == data and row.topic_id == topic.pk and not back and row.identity == ident:
                summary["unchanged"] += 1
                continue
            if current != data:
                QuestionVersion.objects.create(question=row, version=row.version,
                                               data={**current, "status": row.status})
                row.version += 1
                # What it asks changed: approve it again. Moved note lines alone (new line numbers in its
                # sources and explanations) keep an approval; an instructor's retirement stays either way.
                if asked(current) != asked(data) and row.status == Question.Status.APPROVED:
                    row.status = Question.Status.DRAFT
                    result.unapproved.append(row.pk)
                    summary["unapproved"] += 1
            if back:
                row.status, row.retired_by = Question.Status.DRAFT, ""
            for key, value in data.items():
                setattr(row, key, value)
            row.identity = ident
            if row.topic_id != topic.pk:
                moved.append(row.pk)
            row.topic = topic
            row.generator_version = GENERATOR_VERSION
            row.save()
            changed_rows.append(row)
            summary["updated"] += 1
        created = Question.objects.bulk_create(new_rows)
        if moved:
            from quiz.progress.reviews import follow_topic_changes

            follow_topic_changes(moved)
        touched = [*created, *changed_rows]
        Link.objects.filter(question__in=[q.pk for q in (*changed_rows, *followed)]).delete()
        links = []
        for row in touched:
            ids = {s["section"] for s in by_identity[row.identity]["sources"]} & live_sections
            links.extend(Link(question_id=row.pk, section_id=sid) for sid in sorted(ids))
        for row in followed:  # an edited question is linked to where its own sources now are
            ids = {s.get("section") for s in row.sources if isinstance(s, dict) and not s.get("gone")} & live_sections
            links.extend(Link(question_id=row.pk, section_id=sid) for sid in sorted(ids))
        Link.objects.bulk_create(links)
        _set_figures(Question, by_identity, live_sections)

        # Retire what this generator made here (linked to local note sections) and no longer
        # produces; questions imported from another bank without local sections are left alone.
        # An instructor's edit (locked) goes too: it still quotes notes that no longer say it.
        summary["retired"] = _retiring(Question, Link, by_identity).update(
            status=Question.Status.RETIRED, retired_by="generator")

        _save_issues(result, GenerationIssue, live_sections)
        _save_corrections(result, NoteCorrection, live_sections)
    return summary


def _retiring(Question, Link, by_identity):
    """The questions a run producing ``by_identity`` retires: made by this generator here (linked to local note
    sections), not produced any more, not retired yet."""
    return (
        Question.objects.exclude(generator_version="")
        .filter(pk__in=Link.objects.values("question_id"))
        .exclude(identity__in=by_identity)
        .exclude(status=Question.Status.RETIRED)
    )


def _set_figures(Question, by_identity, live_sections):
    """Each unlocked question this run produced shows the first picture of its first source section
    (None when that section has none). A few queries, whatever the number of questions."""
    from studynotes.images import figures_for

    first = {}
    for ident, question in by_identity.items():
        live = [s["section"] for s in question["sources"] if s.get("section") in live_sections]
        first[ident] = live[0] if live else None
    from quiz.figures import note_alt
    from studynotes.models import Section

    figures = figures_for({sid for sid in first.values() if sid is not None})
    html = dict(Section.objects.filter(pk__in=[sid for sid, pictures in figures.items() if pictures])
                .values_list("pk", "html"))
    rows = Question.objects.filter(identity__in=by_identity, locked=False).values_list(
        "pk", "identity", "figure_id", "figure_alt")
    wanted = {}
    for pk, ident, current, current_alt in rows:
        images = figures.get(first[ident]) or []
        figure = images[0] if images else None
        alt = note_alt(html.get(first[ident]), figure)
        if (getattr(figure, "pk", None), alt) != (current, current_alt):
            wanted.setdefault((getattr(figure, "pk", None), alt), []).append(pk)
    for (figure_id, alt), pks in wanted.items():
        Question.objects.filter(pk__in=pks).update(figure_id=figure_id, figure_alt=alt)


def _save_issues(result, GenerationIssue, live_sections):
    keys = []
    for issue in result.issues:
        row, _ = GenerationIssue.objects.update_or_create(
            key=issue["key"],
            defaults={"kind": issue["kind"], "family": issue["family"][:100], "member": issue["member"][:200],
                      "attribute": issue["attribute"][:100], "details": issue["details"], "active": True},
        )
        row.sections.set([s for s in issue["sections"] if s in live_sections])
        keys.append(issue["key"])
    GenerationIssue.objects.filter(active=True).exclude(key__in=keys).update(active=False)


def _save_corrections(result, NoteCorrection, live_sections):
    kept = []
    for correction in result.corrections:
        if correction["section"] not in live_sections:
            continue
        row, _ = NoteCorrection.objects.update_or_create(
            section_id=correction["section"], key=correction["key"],
            defaults={"claim": correction["claim"], "correction": correction["correction"],
                      "reference_url": correction["reference_url"],
                      "reference_title": correction["reference_title"][:300], "active": True,
                      "line_start": correction.get("line_start"), "line_end": correction.get("line_end")},
        )
        kept.append(row.pk)
    NoteCorrection.objects.filter(active=True).exclude(pk__in=kept).update(active=False)
