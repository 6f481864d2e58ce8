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

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quiz.models import Question, QuestionVersion
from studynotes.models import NoteImage, Section, Topic

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


def _valid_source(source):
    """A source as ``export_questions`` writes it: text fields are strings, line numbers and the section id
    whole numbers (or absent)."""
    if not isinstance(source, dict):
        return False
    texts_ok = all(isinstance(source.get(name, ""), str) for name in ("file", "heading_path", "quote"))
    numbers_ok = all(source.get(name) is None or (isinstance(source[name], int) and not isinstance(source[name], bool))
                     for name in ("line_start", "line_end", "section"))
    return texts_ok and numbers_ok


def _check_entry(entry, topics, n):
    where = _("Question %(n)d") % {"n": n}
    if not isinstance(entry, dict):
        raise ValidationError(_("%(where)s is not an object.") % {"where": where}, code="not_object")
    missing = [name for name in ("identity", "type", "topic", "stem", "options") if not entry.get(name)]
    if missing:
        raise ValidationError(_("%(where)s lacks %(fields)s.") % {"where": where, "fields": ", ".join(missing)},
                              code="missing")
    if entry["type"] not in Question.Type.values:
        raise ValidationError(_("%(where)s has an unknown type.") % {"where": where}, code="type")
    if entry.get("status", Question.Status.DRAFT) not in Question.Status.values:
        raise ValidationError(_("%(where)s has an unknown status.") % {"where": where}, code="status")
    if entry["topic"] not in topics:
        raise ValidationError(_("%(where)s names an unknown topic: %(topic)s.") % {"where": where,
                              "topic": entry["topic"]}, code="topic")
    stem, options = entry["stem"], entry["options"]
    if not isinstance(stem, dict) or not all(isinstance(v, str) for v in stem.values()):
        raise ValidationError(_("%(where)s: the stem must map languages to text.") % {"where": where}, code="stem")
    if not isinstance(options, list) or len(options) < 2 or not all(
        isinstance(o, dict) and o.get("key") and isinstance(o.get("text"), str) for o in options
    ):
        raise ValidationError(_("%(where)s needs at least two options with a key and text.") % {"where": where},
                              code="options")
    keys = [o["key"] for o in options]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("%(where)s repeats an option key.") % {"where": where}, code="keys")
    choose = entry.get("choose", 1)
    if not isinstance(choose, int) or sum(1 for o in options if o.get("correct")) != choose:
        raise ValidationError(_("%(where)s: the number of correct options differs from the number to choose ('choose').")
                              % {"where": where}, code="choose")
    sources = entry.get("sources")
    if sources is not None and not (isinstance(sources, list) and all(_valid_source(s) for s in sources)):
        raise ValidationError(_("%(where)s: each source must be an object with a file, a heading path and "
                                "whole line numbers.") % {"where": where}, code="sources")
    figure = entry.get("figure")
    if figure is not None and not (isinstance(figure, dict) and isinstance(figure.get("sha256"), str)
                                   and isinstance(figure.get("alt", ""), str)):
        raise ValidationError(_("%(where)s: the figure must be null or an object with a sha256.")
                              % {"where": where}, code="figure")


@transaction.atomic
def import_bank(data, actor=None):
    """Create or update questions from exported data; raises ValidationError (nothing written) on bad input."""
    if not isinstance(data, dict) or data.get("format_version") != 1 or not isinstance(data.get("questions"), list):
        raise ValidationError(_("This is not a Kumo Study question bank export."), code="format")
    entries = data["questions"]
    topics = {t.slug: t for t in Topic.objects.filter(slug__in={e.get("topic") for e in entries
                                                                 if isinstance(e, dict)})}
    for n, entry in enumerate(entries, start=1):
        _check_entry(entry, topics, n)
    identities = [e["identity"] for e in entries]
    if len(set(identities)) != len(identities):
        raise ValidationError(_("The file repeats a question identity."), code="duplicate_identity")
    existing = {q.identity: q for q in Question.objects.select_for_update().filter(identity__in=identities)}
    section_ids = {s["section"] for e in entries for s in e.get("sources") or [] if isinstance(s, dict)
                   and isinstance(s.get("section"), int)}
    known_sections = set(Section.objects.filter(pk__in=section_ids).values_list("pk", flat=True))
    hashes = {e["figure"]["sha256"] for e in entries if e.get("figure")}
    images = {image.sha256: image for image in NoteImage.objects.filter(sha256__in=hashes)}
    result = ImportResult()
    for entry in entries:
        figure = entry.get("figure")
        image = images.get(figure["sha256"]) if figure else None
        if figure and image is None:
            result.figures_missing += 1
        values = {
            "type": entry["type"], "topic": topics[entry["topic"]], "family": entry.get("family", ""),
            "languages": entry.get("languages") or sorted(entry["stem"]), "stem": entry["stem"],
            "options": entry["options"], "choose": entry.get("choose", 1), "clues": entry.get("clues") or [],
            "sources": entry.get("sources") or [], "status": entry.get("status", Question.Status.DRAFT),
            "generator_version": entry.get("generator_version", "")[:20],
            "figure": image, "figure_alt": (figure.get("alt") or "")[:300] if image else "",
        }
        question = existing.get(entry["identity"])
        if question is None:
            question = Question.objects.create(identity=entry["identity"], **values)
            result.created += 1
        else:
            if all(getattr(question, k) == v for k, v in values.items()):
                result.unchanged += 1
                continue
            QuestionVersion.objects.create(question=question, version=question.version,
                                           data=snapshot(question), edited_by=actor)
            for name, value in values.items():
                setattr(question, name, value)
            question.version += 1
            question.locked = True
            question.save()
            result.updated += 1
        sections = [s["section"] for s in values["sources"] if isinstance(s, dict) and s.get("section")
                    in known_sections]
        if sections:
            question.sections.set(sections)
        result.questions.append(question)
    return result


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
    texts = [" ".join(str(o.get("text", "")).split()).casefold() for o in options]
    if len(set(texts)) != len(texts) or not all(texts):
        flags.add("duplicate_options")
    languages = question.languages or list(question.stem or {})
    if not languages or any(not str((question.stem or {}).get(lang, "")).strip() for lang in languages):
        flags.add("missing_stem")
    return flags
