"""JSON export and import of the question bank.

The format is the one ``manage.py export_questions`` writes:
``{"format_version": 1, "questions": [record, ...]}`` (see
``quiz.management.commands.export_questions.question_record``); import
matches questions on ``identity`` and needs ``type``, ``topic`` (slug),
``stem`` and ``options``. Import checks every entry first and writes nothing
when one is bad.

A question's ``figure`` travels as ``{"sha256", "name", "alt"}``: the picture itself is
not in the JSON. On import it is matched by content hash with the pictures this site
already has (imported with the same notes); one it does not have is left out and counted
in ``figures_missing``.
"""

import re
import unicodedata

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quiz.models import Question, QuestionVersion
from studynotes.models import NoteImage, Section, Topic
from studynotes.punctuation import join_list

def export_bank(questions):
    from quiz.management.commands.export_questions import FORMAT_VERSION, question_record

    if hasattr(questions, "select_related"):
        questions = questions.select_related("topic", "figure")
    return {"format_version": FORMAT_VERSION, "questions": [question_record(q) for q in questions]}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    figures_missing: int = 0
    questions: list = field(default_factory=list)
    not_approved: int = 0  # entries the file lists as approved that wait for review (new, or what they ask changed)
    kept_retired: int = 0  # entries the file lists as draft or approved of questions that stay retired
    # updated questions whose answer key changed
    key_changed: list = field(default_factory=list)
    # updated questions where an option became correct or wrong but kept its explanation (a warning, not refused)
    explanations_unchanged: list = field(default_factory=list)


MAX_ROW_ID = 2 ** 63 - 1  # the largest whole number a database column holds (a bigger one fails the query)


def _valid_source(source):
    """A source as ``export_questions`` writes it: text fields are strings, line numbers and the section id
    whole numbers (or absent) that a database column holds (the section id is looked up)."""
    if not isinstance(source, dict):
        return False
    texts_ok = all(isinstance(source.get(name, ""), str) for name in ("file", "heading_path", "quote"))
    numbers_ok = all(source.get(name) is None or (isinstance(source[name], int) and not isinstance(source[name], bool)
                                                  and 0 <= source[name] <= MAX_ROW_ID)
                     for name in ("line_start", "line_end", "section"))
    return texts_ok and numbers_ok


MAX_OPTIONS = len("ABCDEFGHIJ")  # the letters a learner sees (quiz.attempts.LABELS)
# Text fields and the longest text their column holds (None: the import shortens it, or no limit).
TEXT_FIELDS = {"identity": 64, "type": None, "topic": None, "family": 100, "status": None,
               "generator_version": None}


# NUL, which PostgreSQL stores in no text or jsonb column (nor takes in a query), and unpaired surrogates (JSON's
# "\ud800"), which are not UTF-8 at all
UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")


def _holds_unstorable_text(value):
    """Does any text in ``value``, keys too, at any depth, hold a character no database column stores?"""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if UNSTORABLE_TEXT.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _refuse(where, message, code, **values):
    raise ValidationError(message % {"where": where, **values}, code=code)


def _is_text_map(value):
    """``{language: text}``, as stems and explanations are stored."""
    return isinstance(value, dict) and all(isinstance(key, str) and isinstance(text, str)
                                           for key, text in value.items())


def _check_texts(entry, where):
    """Text fields must be text: a list or number in ``topic``, ``identity`` or ``family`` would reach
    lookups, unique checks and ``CharField``s that expect a string (and make the import or a page fail)."""
    for name, longest in TEXT_FIELDS.items():
        if name in entry and not isinstance(entry[name], str):
            _refuse(where, _("%(where)s: %(field)s must be text."), "not_text", field=name)
        if longest and len(entry.get(name, "")) > longest:
            _refuse(where, _("%(where)s: %(field)s is longer than %(n)d characters."), "too_long",
                    field=name, n=longest)


def _check_stem(entry, where):
    """The stem maps languages to text, and every language the question lists has one (``stem_in`` and the
    validator read ``languages`` as a list of codes: a string would be read one letter at a time)."""
    stem, languages = entry["stem"], entry.get("languages")
    if not _is_text_map(stem) or not any(text.strip() for text in stem.values()):
        _refuse(where, _("%(where)s: the stem must map languages to text."), "stem")
    if languages is not None and not (isinstance(languages, list)
                                      and all(isinstance(lang, str) and (stem.get(lang) or "").strip()
                                              for lang in languages)):
        _refuse(where, _("%(where)s: languages must be a list of the languages the stem is written in."),
                "languages")


def option_text_key(text):
    """What a learner reads of an option's text: NFKC (full-width letters are the ASCII ones), case-folded,
    without whitespace or invisible format characters (zero-width spaces) — the generator's validator's
    ``norm``. Two options with the same key cannot be told apart; an empty key is an option with no text.
    The bank's "Duplicate or empty options" check, the bank import and the edit form all use this."""
    from quiz.generation.text import norm

    return "".join(char for char in norm(str(text or "")) if unicodedata.category(char) != "Cf")


def option_text_problem(options):
    """``("empty", key)`` for the first option with no visible text, ``("duplicate", [keys])`` for the first
    options that read the same, else None."""
    seen = {}
    for option in options:
        text = option_text_key(option.get("text"))
        if not text:
            return "empty", option.get("key")
        seen.setdefault(text, []).append(option.get("key"))
    for keys in seen.values():
        if len(keys) > 1:
            return "duplicate", keys
    return None


def _explanation_texts(option):
    return {lang: text.strip() for lang, text in (option.get("explanation") or {}).items()
            if isinstance(text, str) and text.strip()}


def unchanged_explanations(old_options, new_options):
    """Keys of the options (matched by key) that became correct or wrong from ``old_options`` to ``new_options``
    while their explanation stayed the same in every language (surrounding spaces aside): it was written for
    the old status, and learners would read "Correct answer: B" beside why B is wrong. An option without an
    explanation is not listed (it says nothing wrong). The edit form refuses such a save unless the instructor
    says the explanations still fit; a bank import is written and lists the questions as a warning."""
    old = {option.get("key"): option for option in old_options or [] if isinstance(option, dict)}
    keys = []
    for option in new_options:
        before = old.get(option.get("key"))
        if before is None or bool(before.get("correct")) == bool(option.get("correct")):
            continue
        texts = _explanation_texts(before)
        if texts and texts == _explanation_texts(option):
            keys.append(option["key"])
    return keys


def _valid_option(option):
    """An option as the attempt snapshot and the answer page read it: a text key, text, a true/false
    ``correct`` and explanations mapping languages to text."""
    return (isinstance(option, dict) and isinstance(option.get("key"), str) and option["key"].strip() != ""
            and isinstance(option.get("text"), str)
            and isinstance(option.get("correct", False), bool)
            and (option.get("explanation") is None or _is_text_map(option["explanation"])))


def _check_options(entry, where):
    options = entry["options"]
    if not isinstance(options, list) or not 2 <= len(options) <= MAX_OPTIONS:
        _refuse(where, _("%(where)s needs between two and %(n)d options."), "options", n=MAX_OPTIONS)
    if not all(_valid_option(option) for option in options):
        _refuse(where, _("%(where)s: each option needs a text key, a text, a true or false 'correct' and "
                         "explanations mapping languages to text."), "options")
    keys = [option["key"] for option in options]
    if len(set(keys)) != len(keys):
        _refuse(where, _("%(where)s repeats an option key."), "keys")
    # a question whose options cannot be told apart has no answer key a learner can check
    problem = option_text_problem(options)
    if problem and problem[0] == "empty":
        _refuse(where, _("%(where)s: option %(key)s has no text."), "empty_option", key=problem[1])
    if problem:
        _refuse(where, _("%(where)s: options %(keys)s have the same text, so learners could not tell them "
                         "apart."), "duplicate_options", keys=join_list(problem[1]))
    choose = entry.get("choose", 1)
    right = sum(1 for option in options if option.get("correct"))
    whole = isinstance(choose, int) and not isinstance(choose, bool)
    if not whole or not 1 <= choose < len(options) or right != choose:
        _refuse(where, _("%(where)s: the number of correct options differs from the number to choose "
                         "('choose')."), "choose")


def _check_clues(entry, where):
    """Clues as the generator writes them: ``[{"attribute": str, "value": str}]`` (the validator and the
    pipeline read both)."""
    clues = entry.get("clues")
    if clues is not None and not (isinstance(clues, list) and all(
            isinstance(clue, dict) and isinstance(clue.get("attribute"), str)
            and isinstance(clue.get("value"), str) for clue in clues)):
        _refuse(where, _("%(where)s: clues must be a list of objects with a text attribute and value."),
                "clues")


def _check_entry(entry, topics, n):
    """Refuse an entry any part of the app would trip over later: each field has the type the generator writes
    and the models, the attempt snapshot and the answer pages read."""
    where = _("Question %(n)d") % {"n": n}
    if not isinstance(entry, dict):
        _refuse(where, _("%(where)s is not an object."), "not_object")
    _check_texts(entry, where)
    missing = [name for name in ("identity", "type", "topic", "stem", "options") if not entry.get(name)]
    if missing:
        _refuse(where, _("%(where)s lacks %(fields)s."), "missing", fields=join_list(missing))
    if entry["type"] not in Question.Type.values:
        _refuse(where, _("%(where)s has an unknown type."), "type")
    if entry.get("status", Question.Status.DRAFT) not in Question.Status.values:
        _refuse(where, _("%(where)s has an unknown status."), "status")
    if entry["topic"] not in topics:
        _refuse(where, _("%(where)s names an unknown topic: %(topic)s."), "topic", topic=entry["topic"])
    _check_stem(entry, where)
    _check_options(entry, where)
    _check_clues(entry, where)
    sources = entry.get("sources")
    if sources is not None and not (isinstance(sources, list) and all(_valid_source(s) for s in sources)):
        _refuse(where, _("%(where)s: each source must be an object with a file, a heading path and "
                         "whole line numbers."), "sources")
    figure = entry.get("figure")
    if figure is not None and not (isinstance(figure, dict) and isinstance(figure.get("sha256"), str)
                                   and isinstance(figure.get("alt", ""), str)):
        _refuse(where, _("%(where)s: the figure must be null or an object with a sha256."), "figure")


ASKED_FIELDS = ("type", "languages", "stem", "choose", "options")  # what a learner reads and is graded on


def imported_status(question, values, wanted):
    """``(status, retired_by)`` of an entry that asks for status ``wanted``: an import approves and restores
    nothing, so a wrong key in a file cannot reach an exam of approved questions unreviewed. A new question is a
    draft; an approved one stays approved only while the file leaves what it asks (type, languages, stem, options,
    key, explanations and picture) as it was, else it goes back to the review queue, as regeneration sends it; a retired one
    stays retired (its page offers *Restore as a draft*). A question the file retires is retired by the instructor:
    regeneration leaves it retired and its page can restore it."""
    status = Question.Status
    if question is not None and question.status == status.RETIRED:
        return status.RETIRED, question.retired_by
    if wanted == status.RETIRED:
        return status.RETIRED, "instructor"
    if (question is not None and question.status == status.APPROVED and wanted == status.APPROVED
            and all(getattr(question, name) == values[name] for name in ASKED_FIELDS)
            and question.figure_id == (values["figure"].pk if values["figure"] else None)):
        return status.APPROVED, ""
    return status.DRAFT, ""


@transaction.atomic
def import_bank(data, actor=None):
    """Create or update questions from exported data; raises ValidationError (nothing written) on bad input."""
    if not isinstance(data, dict) or data.get("format_version") != 1 or not isinstance(data.get("questions"), list):
        raise ValidationError(_("This is not a Kumo Study question bank export."), code="format")
    entries = data["questions"]
    for n, entry in enumerate(entries, start=1):  # before any query reads a topic, identity or picture from them
        if _holds_unstorable_text(entry):
            _refuse(_("Question %(n)d") % {"n": n}, _("%(where)s contains a character no text can hold (NUL or an "
                                                      "unpaired surrogate)."), "unstorable_text")
    slugs = {e["topic"] for e in entries if isinstance(e, dict) and isinstance(e.get("topic"), str)}
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}
    for n, entry in enumerate(entries, start=1):
        _check_entry(entry, topics, n)
    identities = [e["identity"] for e in entries]
    if len(set(identities)) != len(identities):
        raise ValidationError(_("The file repeats a question identity."), code="duplicate_identity")
    existing = {q.identity: q for q in Question.objects.select_for_update(no_key=True)  # (views.question_edit)
                .filter(identity__in=identities)}
    section_ids = {s["section"] for e in entries for s in e.get("sources") or [] if isinstance(s, dict)
                   and isinstance(s.get("section"), int)}
    known_sections = set(Section.objects.filter(pk__in=section_ids).values_list("pk", flat=True))
    hashes = {e["figure"]["sha256"] for e in entries if e.get("figure")}
    images = {image.sha256: image for image in NoteImage.objects.filter(sha256__in=hashes)}
    result = ImportResult()
    moved = []  # questions whose topic changed: their review cards and logs follow
    for entry in entries:
        figure = entry.get("figure")
        image = images.get(figure["sha256"]) if figure else None
        if figure and image is None:
            result.figures_missing += 1
        values = {
            "type": entry["type"], "topic": topics[entry["topic"]], "family": entry.get("family", ""),
            "languages": entry.get("languages") or sorted(entry["stem"]), "stem": entry["stem"],
            "options": entry["options"], "choose": entry.get("choose", 1), "clues": entry.get("clues") or [],
            "sources": entry.get("sources") or [],
            "generator_version": entry.get("generator_version", "")[:20],
            "figure": image, "figure_alt": (figure.get("alt") or "")[:300] if image else "",
        }
        question = existing.get(entry["identity"])
        wanted = entry.get("status", Question.Status.DRAFT)
        values["status"], values["retired_by"] = imported_status(question, values, wanted)
        if wanted == Question.Status.APPROVED and values["status"] == Question.Status.DRAFT:
            result.not_approved += 1
        elif wanted != Question.Status.RETIRED and values["status"] == Question.Status.RETIRED:
            result.kept_retired += 1
        if question is None:
            question = Question.objects.create(identity=entry["identity"], **values)
            result.created += 1
        else:
            if all(getattr(question, k) == v for k, v in values.items()):
                result.unchanged += 1
                continue
            QuestionVersion.objects.create(question=question, version=question.version,
                                           data=snapshot(question), edited_by=actor)
            old_keys, old_topic = question.correct_keys(), question.topic_id
            if unchanged_explanations(question.options, values["options"]):
                result.explanations_unchanged.append(question)
            for name, value in values.items():
                setattr(question, name, value)
            question.version += 1
            question.locked = True
            if save_version(question, old_keys, actor)[0]:
                result.key_changed.append(question)
            if question.topic_id != old_topic:
                moved.append(question.pk)
            result.updated += 1
        sections = [s["section"] for s in values["sources"] if isinstance(s, dict) and s.get("section")
                    in known_sections]
        if sections:
            question.sections.set(sections)
        result.questions.append(question)
    if moved:
        from quiz.progress.reviews import follow_topic_changes

        follow_topic_changes(moved)
    if result.created or result.updated:
        from studynotes.pagecache import bump_content_stamp

        bump_content_stamp()  # live questions per topic (dashboards, topic pages) change now
    return result


def save_version(question, old_keys, actor, explanations_unchanged=()):
    """Save an instructor's new version of ``question`` (the edit form, a bank import; inside their
    transaction, the row locked, ``version`` already raised) and carry it to where it matters: a key that
    changed from ``old_keys`` is recorded as corrected at this version (``quiz.attempts.key_corrections``
    tells learners graded with the old one), attempt items still to be graded take the new version, and the
    audit log says who changed what. One function for both, so an import cannot skip a step the form takes.
    ``explanations_unchanged``: the keys of options made correct or wrong whose explanations the instructor
    said still fit (the edit form's tick), recorded with the edit.
    A corrected key also makes learners' review cards of the question due now (``review_corrected_key``).
    Returns ``(key_changed, open items updated, review cards made due)``."""
    from quiz.attempts import refresh_open_items
    from quiz.instructor.models import AuditLog

    from quiz.progress.reviews import review_corrected_key

    key_changed = question.correct_keys() != old_keys
    if key_changed:
        question.key_corrected_version = question.version
    question.save()
    refreshed = refresh_open_items(question)  # exams and practice sets in progress ask the new version
    details = {"version": question.version, "key_changed": key_changed, "open_items_updated": refreshed}
    due_now = review_corrected_key(question.pk) if key_changed else 0  # what learners memorised under the old key
    if key_changed:
        details["reviews_due_now"] = due_now
    if explanations_unchanged:
        details["explanations_unchanged"] = list(explanations_unchanged)
    AuditLog.record(actor, "edit", question, label=question.stem_in("en")[:200], details=details)
    return key_changed, refreshed, due_now


def snapshot(question):
    """The editable state of a question, as stored in QuestionVersion.data."""
    return {name: getattr(question, name) for name in
            ("stem", "options", "choose", "status", "languages", "clues", "sources", "locked")}


VALIDATOR_FLAGS = ("key_mismatch", "too_few_distractors", "duplicate_options", "missing_stem")


def validator_flags(question):
    """The structural checks of the generator's validator, re-run on a stored (possibly edited) question."""
    options = question.options or []
    flags = set()
    if sum(1 for o in options if o.get("correct")) != question.choose:
        flags.add("key_mismatch")
    if sum(1 for o in options if not o.get("correct")) < 3:
        flags.add("too_few_distractors")
    if option_text_problem(options):
        flags.add("duplicate_options")
    languages = question.languages or list(question.stem or {})
    if not languages or any(not str((question.stem or {}).get(lang, "")).strip() for lang in languages):
        flags.add("missing_stem")
    return flags


def set_status(actor, questions, status, action):
    """Approve, retire or restore (``action``, for the audit log) the questions of the queryset ``questions``
    as ``actor``: the review queue's buttons, and ``seed_demo`` for the questions its demo quizzes ask. Returns
    how many changed."""
    from quiz.instructor.models import AuditLog

    changed = 0
    with transaction.atomic():
        for question in questions.select_for_update(no_key=True).select_related("topic"):  # (question_edit)
            if question.status == status:
                continue
            question.status = status
            # an instructor's retirement is final for the generator (``generation.pipeline.save``)
            question.retired_by = "instructor" if status == Question.Status.RETIRED else ""
            question.save(update_fields=["status", "retired_by", "updated_at"])
            AuditLog.record(actor, action, question, label=question.stem_in("en")[:200])
            changed += 1
        if changed:
            from studynotes.pagecache import bump_content_stamp

            bump_content_stamp()  # the live questions per topic on dashboards and pages change now, not in 5 minutes
    return changed
