"""Instructor area: notes, question bank, quiz builder, classes, results, item analysis, audit log.

Every view here is behind ``instructor_required`` (anonymous: login page,
learner: 403) except the learner-facing class pages mounted at ``/classes/``:
``my_classes`` (the learner's classes, who sees their results), ``join_class``
(join with a code) and ``leave_class``.
"""

import csv
import json
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quiz import views as quiz_views
from quiz.attempts import corrected_verdict, drawn_from, figure_snapshot, key_corrections
from quiz.figures import note_alt
from quiz.generation.pipeline import body_line_start
from quiz.languages import language_name
from quiz.models import GenerationIssue, Mode, ProblemReport, Question, QuestionVersion, Quiz
from quiz.selection import drawable_count
from quiz.templatetags.quiz_text import explanation_html, note_quotes
from studynotes import citing, notices
from studynotes.cards import refresh_topic_cards
from studynotes.importer import import_upload
from studynotes.models import Domain, Language, NoteCorrection, NoteFile, Section, Topic
from studynotes.pagecache import bump_content_stamp, code_version, pack, unpack
from studynotes.images import IMAGE_MAX_BYTES
from studynotes.punctuation import join_list
from studynotes.sizes import file_size, grouped
from studynotes.ratelimit import rate_limited
from studynotes.redirects import local_path
from studynotes.views import _correction_text, label_corrections

from . import bank, itemstats, reports
from .access import instructor_required
from .forms import (
    AddLearnerForm, AssignmentForm, AssignmentUpdateForm, BankFilterForm, BankImportForm, ClassroomForm,
    ExtraTimeForm, HandOverForm, JoinForm, NoteUploadForm, QuestionEditForm, QuizForm, ReimportForm,
)
from .models import Assignment, AuditLog, Classroom, HandledIssue, Membership, class_name_shown
from .services import assignments_for

PAGE_SIZE = 50


def _language():
    return (get_language() or "en")[:2]


def _classroom_for(user, pk):
    """A class the instructor owns (superusers: any), else 404."""
    return get_object_or_404(Classroom.objects.owned_by(user), pk=pk)


def _assignment_for(user, pk):
    return get_object_or_404(
        Assignment.objects.select_related("quiz", "classroom").filter(classroom__in=Classroom.objects.owned_by(user)),
        pk=pk,
    )


# --- home ----------------------------------------------------------------------------------------------------


def _open_issue_count():
    """Active note issues no instructor marked handled: what the issues page lists first."""
    active = GenerationIssue.objects.filter(active=True).only("kind", "family", "member", "attribute", "details")
    handled = HandledIssue.marks_for(active)
    return sum(1 for issue in active if issue.identity not in handled)


@require_safe
@instructor_required
def home(request):
    counts = Question.objects.aggregate(
        drafts=Count("pk", filter=Q(status=Question.Status.DRAFT)),
        approved=Count("pk", filter=Q(status=Question.Status.APPROVED)),
    )
    context = {
        "counts": counts,
        "files": NoteFile.objects.active().count(),
        "issues": _open_issue_count(),
        "reports": ProblemReport.objects.filter(resolved=False).count(),
        "classes": Classroom.objects.owned_by(request.user).annotate(
            n_learners=Count("memberships", filter=Q(memberships__left_at__isnull=True))),
    }
    return render(request, "instructor/home.html", context)


# --- notes ---------------------------------------------------------------------------------------------------


def _import_files(request, uploads, *, name=None):
    """Run the uploads through the importer (one transaction per file); audit and describe each result.
    ``name``: the stored name to import the one upload under (a re-import from the note's page)."""
    results = import_upload([(name or upload.name, upload.read()) for upload in uploads])
    rows = [describe_result(result) for result in results]
    for row in rows:
        AuditLog.record(request.user, "import" if row["ok"] else "import_refused", None, object_type="notefile",
                        label=row["name"], details={"ok": row["ok"], "reason": row["reason"]})
    return rows


def describe_result(result):
    """A FileResult as a row for the import report."""
    details = []
    if result.ok and getattr(result, "kind", "note") == "note":
        details = [
            (_("sections"), result.sections), (_("new"), result.created), (_("updated"), result.updated),
            (_("unchanged"), result.unchanged), (_("retired"), result.retired), (_("topics"), len(result.topics)),
        ]
        if getattr(result, "renamed", None):  # counted in "updated": the instructor sees which section moved
            details.append((_("kept under a new heading"), join_list(result.renamed)))
        if result.unresolved_images:
            details.append((_("images not found"), join_list(result.unresolved_images)))
        if getattr(result, "duplicate_of", None):
            details.append((_("warning"), _("the same sections are in %(names)s. A renamed file? Retire the old "
                                            "one, or learners read these notes twice.")
                            % {"names": join_list(result.duplicate_of)}))
    return {"name": result.name, "ok": result.ok, "reason": result.reason, "details": details,
            "note_file_id": getattr(result, "note_file_id", None)}


@require_http_methods(["GET", "POST"])
@instructor_required
def notes(request):
    results = None
    if request.method == "POST":
        form = NoteUploadForm(request.POST, request.FILES)
        if form.is_valid():
            # each file on its own: one refused before reading (type, empty, size) does not hold the others back
            refused = [{"name": name, "ok": False, "reason": reason, "details": [], "note_file_id": None}
                       for name, reason in form.refused]
            for row in refused:
                AuditLog.record(request.user, "import_refused", None, object_type="notefile", label=row["name"],
                                details={"ok": False, "reason": row["reason"]})
            results = refused + (_import_files(request, form.cleaned_data["files"]) if form.cleaned_data["files"]
                                 else [])
            form = NoteUploadForm()
    else:
        form = NoteUploadForm()
    files = NoteFile.objects.annotate(
        n_sections=Count("sections", filter=Q(sections__retired=False))
    ).order_by("retired", "name")
    # the limits the importer refuses a file by, said before an upload rather than only in its refusal
    limits = {"note_size": file_size(settings.NOTE_MAX_BYTES), "note_lines": grouped(settings.NOTE_MAX_LINES),
              "image_size": file_size(IMAGE_MAX_BYTES)}
    context = {"form": form, "files": files, "results": results, "limits": limits}
    if request.htmx:
        return render(request, "instructor/notes.html#upload-panel", context)
    return render(request, "instructor/notes.html", context)


@require_http_methods(["GET", "POST"])
@instructor_required
def note_detail(request, pk):
    note_file = get_object_or_404(NoteFile, pk=pk)
    results = None
    if request.method == "POST":
        form = ReimportForm(request.POST, request.FILES, note_file=note_file)
        if form.is_valid():  # "a.md" is the new version of "sub/a.md" (browsers send base names only)
            results = _import_files(request, [form.cleaned_data["file"]], name=form.import_name)
            note_file.refresh_from_db()
    else:
        form = ReimportForm(note_file=note_file)
    sections = note_file.sections.filter(retired=False).annotate(n_questions=Count("questions")).prefetch_related(
        "topics"
    )
    context = {"note_file": note_file, "sections": sections, "form": form, "results": results,
               "report": report_rows(note_file.report)}
    return render(request, "instructor/note_detail.html", context)


@require_POST
@instructor_required
def generate(request):
    """Run question generation over the active notes (the same pipeline as ``generate_questions``)."""
    from quiz.generation import pipeline

    started = timezone.now()  # every question the run writes has ``updated_at`` from here on
    try:
        result, summary = pipeline.run()
    except pipeline.GeneratorOutdated as outdated:  # a server of the previous release during a rolling deploy
        messages.error(request, _("Nothing was generated: the question bank was last generated by a newer "
                                  "release (%(version)s). Try again in a few minutes, once every server runs "
                                  "it.") % {"version": outdated.newer})
        return redirect("instructor:review")
    counts = {key: summary.get(key, 0) for key in ("created", "updated", "unchanged", "locked", "retired")}
    entry = AuditLog.record(request.user, "generate", None, object_type="question",
                            label="generate_questions", details={**counts, "started_at": started.isoformat()})
    text = _("Questions generated: %(created)d new, %(updated)d updated, %(unchanged)d "
             "unchanged, %(locked)d locked (left alone), %(retired)d retired.") % counts
    drafts = Question.objects.filter(status=Question.Status.DRAFT, updated_at__gte=started).count()
    if drafts:  # the review queue shows them apart (``review_queue``'s ``run``), not among all the others
        link = ngettext("Review the %(n)d draft this run made or changed",
                        "Review the %(n)d drafts this run made or changed", drafts) % {"n": drafts}
        url = f'{reverse("instructor:review")}?run={entry.pk}'
        text = format_html('{} <a href="{}">{}</a>', text, url, link)
    messages.success(request, text)
    _warn_of_unapproved(request, result.unapproved)
    return redirect("instructor:review")


def _warn_of_unapproved(request, ids):
    """Approved questions a run changed are drafts again (``pipeline.save``): say so, and name the quizzes of
    approved questions only whose fixed lists ask them, which leave them out until they are approved again."""
    if not ids:
        return
    text = ngettext("%(n)d approved question changed with the notes and is a draft again: approve it again in the "
                    "review queue.",
                    "%(n)d approved questions changed with the notes and are drafts again: approve them again in "
                    "the review queue.", len(ids)) % {"n": len(ids)}
    quizzes = list(Quiz.objects.filter(only_approved=True, questions__in=ids).distinct().order_by("title"))
    if quizzes:
        text += " " + _("Until then these quizzes leave them out: %(quizzes)s.") % {
            "quizzes": join_list(quiz.display_title for quiz in quizzes)}
    messages.warning(request, text)


def report_rows(report):
    """The stored import report as (key, text) pairs, whatever shape the importer gave it."""
    def text(value):
        if isinstance(value, dict):
            return join_list(f"{k}: {text(v)}" for k, v in value.items())
        if isinstance(value, list | tuple):
            return "; ".join(text(v) for v in value)
        return str(value)

    labels = {"encoding": _("Encoding"), "sections": _("Sections"), "unresolved_images": _("Images not found")}
    if not isinstance(report, dict):
        return []
    return [(labels.get(key, key), text(value) or "—") for key, value in report.items()]


@require_POST
@instructor_required
def note_retire(request, pk):
    note_file = get_object_or_404(NoteFile, pk=pk)
    retire = request.POST.get("retired", "1") == "1"
    if note_file.retired != retire:
        note_file.retired = retire
        note_file.save(update_fields=["retired"])
        bump_content_stamp()  # its sections leave (or return to) the cached topic pages and search results
        refresh_topic_cards()  # and the home page's cards that showed one of them
        AuditLog.record(request.user, "retire" if retire else "restore", note_file)
        messages.success(request, _("File retired.") if retire else _("File restored."))
    return redirect("instructor:note_detail", pk=note_file.pk)


# --- question bank -------------------------------------------------------------------------------------------


def filtered_questions(form):
    questions = Question.objects.select_related("topic")
    if not form.is_valid():
        return questions.none()
    data = form.cleaned_data
    if data["topic"]:
        questions = questions.filter(topic=data["topic"])
    if data["domain"]:
        questions = questions.filter(topic__domain=data["domain"])
    if data["language"]:
        questions = questions.filter(languages__icontains=f'"{data["language"]}"')  # JSON text, any database
    if data["type"]:
        questions = questions.filter(type=data["type"])
    if data["status"]:
        questions = questions.filter(status=data["status"])
    flag = data["flag"]
    if flag == "locked":
        questions = questions.filter(locked=True)
    elif flag == "reported":
        questions = questions.filter(Exists(ProblemReport.objects.filter(question=OuterRef("pk"), resolved=False)))
    elif flag == "no_sources":
        questions = questions.filter(sections__isnull=True)
    elif flag == "lines_gone":  # an edited question's source marked by pipeline.follow_lines (JSON text, any database)
        questions = questions.filter(sources__icontains='"gone": true')
    elif flag in bank.VALIDATOR_FLAGS:
        candidates = Question.objects.only("pk", "options", "choose", "stem", "languages")
        questions = questions.filter(pk__in=[q.pk for q in candidates if flag in bank.validator_flags(q)])
    if data["q"]:
        questions = questions.filter(Q(stem__icontains=data["q"]) | Q(family__icontains=data["q"]))
    return questions.order_by("status", "topic__name", "id")


@require_safe
@instructor_required
def bank_list(request):
    form = BankFilterForm(request.GET)
    questions = filtered_questions(form).annotate(
        open_reports=Count("problem_reports", filter=Q(problem_reports__resolved=False))
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    language = _language()
    for question in page:
        question.display_stem = question.stem_in(language)
        question.display_lang = question.stem_lang(language)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "instructor/bank.html#results", context)
    return render(request, "instructor/bank.html", context)


@require_safe
@instructor_required
def review_queue(request):
    """Draft questions, each beside the note sections it came from: by topic, or (``order=newest``) the last
    changed first; ``run`` (a generation run's audit entry, linked from its message) keeps the drafts new or
    changed since that run started."""
    newest = request.GET.get("order") == "newest"
    drafts = Question.objects.filter(status=Question.Status.DRAFT)
    run_at, waiting = _generation_start(request.GET.get("run", "")), None
    if run_at is not None:
        waiting = drafts.count()  # "N drafts wait for review" counts them all, as approving in place does
        drafts = drafts.filter(updated_at__gte=run_at)
    drafts = drafts.select_related("topic").prefetch_related(
        Prefetch("sections", queryset=Section.objects.select_related("note_file").prefetch_related(
            Prefetch("corrections", queryset=NoteCorrection.objects.filter(active=True),
                     to_attr="active_corrections")))
    ).order_by(*(("-updated_at", "-id") if newest else ("topic__name", "id")))
    page = Paginator(drafts, 20).get_page(request.GET.get("page"))
    language = _language()
    entries = [{"question": q, "stem": q.stem_in(language), "lang": q.stem_lang(language),
                "options": _explained_options(q, language)} for q in page]
    back = citing.back_token(request.user.pk, request.get_full_path())
    for entry in entries:  # what the learners' note pages say against the sections, before approving
        sections = entry["question"].sections.all()
        label_corrections(sections)
        mark_corrections(sections, entry["question"].sources, back)
    run = {"run": int(request.GET["run"])} if run_at is not None else {}
    order = {"order": "newest"} if newest else {}
    context = {"page": page, "entries": entries, "newest": newest, "run_at": run_at,
               "page_ids": [entry["question"].pk for entry in entries], "next": request.get_full_path(),
               "waiting": page.paginator.count if waiting is None else waiting,
               # the pager keeps the order and the run, the order links the run
               "query": urlencode({**order, **run}), "run_query": urlencode(run)}
    return render(request, "instructor/review.html", context)


def _explained_options(question, language):
    """The question's options, each with its explanation in ``language`` (else in the stem's language, else any) and
    that language: a reviewer reads why each option is right or wrong before approving, as learners will, so it is
    written as their feedback writes it (``explanation_html``: AWS pages linked by their titles, note quotes marked
    with their language). Reads the question's prefetched sections: no query."""
    langs = {section.pk: section.language for section in question.sections.all()}
    sources = [{"lang": langs.get(source.get("section"), ""), "heading_path": source.get("heading_path", ""),
                "file": source.get("file", ""), "quotes": [source["quote"]] if source.get("quote") else []}
               for source in question.sources]
    options, quotes = [], {}
    for option in question.options:
        explanation = option.get("explanation") or {}
        lang = next((code for code in (language, question.stem_lang(language), *explanation) if code in explanation),
                    language)
        if lang not in quotes:
            quotes[lang] = note_quotes(sources, lang)
        text = explanation.get(lang, "")
        options.append({**option, "explanation_lang": lang,
                        "explanation_html": explanation_html(text, quotes[lang], lang) if text else ""})
    return options


def _counted(label, n):
    """A filter's choice with its count, "Open (7)": the translation writes the brackets (ja "（7）")."""
    return _("%(label)s (%(n)s)") % {"label": label, "n": n}


def _id_param(request, name):
    """The row id the query parameter ``name`` gives, or None."""
    value = request.GET.get(name, "")
    # isascii: "²" passes isdigit() and int() refuses it (a 500)
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _generation_start(value):
    """When the generation run whose audit entry id is ``value`` started, or None (not such an entry)."""
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        return None
    return _run_started(AuditLog.objects.filter(pk=int(value), action="generate").only("details").first())


def _run_started(entry):
    """When the generation run of audit ``entry`` started (the generate button stores it), or None."""
    details = entry.details if entry is not None and isinstance(entry.details, dict) else {}
    started = details.get("started_at")
    return parse_datetime(started) if isinstance(started, str) else None


def _back(request, default):
    """Redirect to the form's ``next`` when it is a path on this site, else to ``default``."""
    return redirect(local_path(request, request.POST.get("next")) or default)


@require_POST
@instructor_required
def approve(request):
    """Approve the questions ticked (``ids``) or one (``id``)."""
    # ASCII digits only, and no more than a row id has ("²" is a digit to isdigit(), not to int())
    ids = [int(i) for i in request.POST.getlist("ids") + request.POST.getlist("id")
           if i.isascii() and i.isdigit() and len(i) <= 18]
    if not ids:
        messages.error(request, _("Tick at least one question."))
        return _back(request, "instructor:review")
    changed = bank.set_status(request.user, Question.objects.filter(pk__in=ids).exclude(status=Question.Status.RETIRED),
                          Question.Status.APPROVED, "approve")
    if request.htmx:  # the review queue's single "Approve": the card becomes this note, the count is updated
        waiting = Question.objects.filter(status=Question.Status.DRAFT).count()
        context = {"n": changed, "waiting": waiting}
        # and "Approve all N drafts on this page" keeps only the drafts left on it
        if "on_page" in request.POST:
            on_page = [int(i) for i in request.POST["on_page"].split()
                       if i.isascii() and i.isdigit() and len(i) <= 18]
            left = set(Question.objects.filter(pk__in=on_page, status=Question.Status.DRAFT)
                       .values_list("pk", flat=True))
            context.update(page_ids=[pk for pk in on_page if pk in left],
                           next=local_path(request, request.POST.get("next")) or reverse("instructor:review"))
        if changed == 1 and len(ids) == 1:
            context["question_id"] = ids[0]
        return render(request, "instructor/review.html#approved", context)
    text = ngettext("%(n)s question approved.", "%(n)s questions approved.", changed) % {"n": changed}
    if changed == 1 and len(ids) == 1:  # from the queue or the bank: a way back to it (its page retires it)
        url = reverse("instructor:question", args=[ids[0]])
        if local_path(request, request.POST.get("next")) != url:  # not on its own page, where the form was
            text = format_html('{} <a href="{}">{}</a>', text, url, _("Open the question"))
    messages.success(request, text)
    return _back(request, "instructor:review")


@require_POST
@instructor_required
def question_retire(request, pk):
    question = get_object_or_404(Question, pk=pk)
    bank.set_status(request.user, Question.objects.filter(pk=question.pk), Question.Status.RETIRED, "retire")
    messages.success(request, _("Question retired."))
    return _back(request, reverse("instructor:question", args=[pk]))


@require_POST
@instructor_required
def question_restore(request, pk):
    """Undo an instructor's retirement: the question becomes a draft again (to be approved). A question the
    generator retired (its notes no longer say it) cannot be restored here: the next run would retire it again."""
    question = get_object_or_404(Question, pk=pk, status=Question.Status.RETIRED, retired_by="instructor")
    bank.set_status(request.user, Question.objects.filter(pk=question.pk), Question.Status.DRAFT, "restore")
    messages.success(request, _("Question restored as a draft."))
    return _back(request, reverse("instructor:question", args=[pk]))


@require_http_methods(["GET", "POST"])
@instructor_required
def question_edit(request, pk):
    question = get_object_or_404(Question.objects.select_related("topic"), pk=pk)
    if request.method == "POST":
        form = QuestionEditForm(request.POST, question=question)
        if form.is_valid():
            figure = form.chosen_figure()
            with transaction.atomic():
                # no_key: a learner's answer inserting an item, card or log of the question takes the row's
                # FOR KEY SHARE lock while it holds its attempt, item or card; FOR UPDATE would queue it behind
                # this edit, which waits for those rows (refresh_open_items, review_corrected_key): a deadlock
                question = Question.objects.select_for_update(no_key=True).get(pk=pk)
                if not form.built_from(question):
                    # someone saved a newer version since this form was built (another instructor, a bank import,
                    # regeneration): theirs is not overwritten; the form shows it, below, with nothing written
                    stale = ValidationError(
                        _("Someone else saved this question since you opened it: it is now version %(v)d, shown "
                          "below. Make your changes again on this version and save."),
                        code="stale_version", params={"v": question.version})
                else:
                    stale = None
                    form.question = question  # the new version is made from the locked row, not the copy read before
                    stem, options = form.apply()
                    old_keys = question.correct_keys()
                    if (stem == question.stem and options == question.options
                            and getattr(figure, "pk", None) == question.figure_id):
                        messages.info(request, _("Nothing changed."))
                        return redirect("instructor:question", pk=pk)
                    QuestionVersion.objects.create(question=question, version=question.version,
                                                   data={**bank.snapshot(question), "figure": question.figure_id,
                                                         "figure_alt": question.figure_alt},
                                                   edited_by=request.user)
                    if getattr(figure, "pk", None) != question.figure_id:
                        question.figure_alt = _figure_alt(question, figure)
                    # options whose status changed with their explanations kept: the form let them through only
                    # with "The explanations are still right as they are" ticked, which the audit log records
                    unchanged = bank.unchanged_explanations(question.options, options)
                    # a stem rewritten in some of its languages only: the others may still ask the old question
                    rewritten = [lang for lang in question.stem if stem.get(lang) != question.stem.get(lang)]
                    untouched = [lang for lang in question.stem if lang not in rewritten] if rewritten else []
                    question.stem, question.options, question.figure = stem, options, figure
                    question.locked = True
                    question.version += 1
                    key_changed, refreshed, due_now = bank.save_version(question, old_keys, request.user, unchanged)
            if stale is not None:
                form = QuestionEditForm.current(question, stale)
                return _question_page(request, question, form)
            messages.success(request, _("Saved as version %(v)d. Regeneration will leave it alone.")
                             % {"v": question.version})
            if untouched:
                messages.warning(request, _("You changed the stem in %(changed)s only: check that the stem in "
                                            "%(others)s still asks the same question.") % {
                    "changed": join_list(language_name(lang) for lang in rewritten),
                    "others": join_list(language_name(lang) for lang in untouched)})
            if key_changed and refreshed:
                messages.info(request, ngettext(
                    "The key changed: %(n)d open attempt item now uses it; learners who already answered see the "
                    "correction on their review.",
                    "The key changed: %(n)d open attempt items now use it; learners who already answered see the "
                    "correction on their review.", refreshed) % {"n": refreshed})
            elif key_changed:
                messages.info(request, _("The key changed. No attempt in progress had this question; learners who "
                                         "already answered see the correction on their review."))
            if due_now:
                messages.info(request, ngettext(
                    "%(n)d learner's review of this question is due now, so they meet the corrected key soon.",
                    "%(n)d learners' reviews of this question are due now, so they meet the corrected key soon.",
                    due_now) % {"n": due_now})
            return redirect("instructor:question", pk=pk)
    else:
        form = QuestionEditForm(question=question)
    return _question_page(request, question, form)


def _question_page(request, question, form):
    conflicts = GenerationIssue.objects.filter(active=True, kind=GenerationIssue.Kind.CONFLICT)
    sections = list(question.sections.select_related("note_file").order_by("note_file__name", "line_start")
                    .prefetch_related(Prefetch("generation_issues", queryset=conflicts, to_attr="conflicts"),
                                      Prefetch("corrections", queryset=NoteCorrection.objects.filter(active=True),
                                               to_attr="active_corrections")))
    label_corrections(sections)  # as the learners' note pages show them
    mark_corrections(sections, question.sources, citing.back_token(request.user.pk, request.get_full_path()))
    spans = quoted_spans(question.sources)
    by_pk = {section.pk: section for section in sections}
    missing = {pk for section in sections for issue in section.conflicts for pk in _cited_sections(issue.details)
               if pk not in by_pk}
    if missing:  # the other side of a conflict, named as learners name it
        by_pk.update(Section.objects.select_related("note_file").in_bulk(missing))
    for section in sections:
        section.lines = [(number, text, quoted, section.corrected.get(number, ()))
                         for number, text, quoted in note_lines(section.markdown, section.line_end,
                                                                spans.get(section.pk, ()))]
        for issue in section.conflicts:
            issue.display, issue.labels = issue_details(issue.details, sections=by_pk), issue_labels(issue)
    context = {
        "question": question,
        "form": form,
        "sections": sections,
        # quoted lines the notes no longer have: the question is kept as edited, its instructor sees what went
        "lines_gone": [s for s in question.sources or () if isinstance(s, dict) and s.get("gone")],
        "clues": clue_rows(question.clues, _language()),
        "versions": question.versions.select_related("edited_by"),
        "reports": question.problem_reports.select_related("user").order_by("resolved", "-created_at"),
    }
    return render(request, "instructor/question.html", context)


def quoted_spans(sources):
    """``{section id: [(first line, last line), ...]}`` of the note lines a question's sources quote."""
    spans = {}
    for source in sources or ():  # a line gone from the notes (``pipeline.follow_lines``) marks no other line
        if isinstance(source, dict) and isinstance(source.get("line_start"), int) and not source.get("gone"):
            end = source.get("line_end")
            spans.setdefault(source.get("section"), []).append(
                (source["line_start"], end if isinstance(end, int) else source["line_start"]))
    return spans


def mark_corrections(sections, sources, back=""):
    """On each source section (``label_corrections`` first): ``corrected``, ``{file line: [correction, ...]}`` for
    the first line of each correction that knows its lines (``correction.marked``: its box links back to the line;
    two corrections of one line each get a label there, as on the learners' page),
    ``corrected_lines`` their numbers, and ``quoted_corrected`` those of the corrections covering a line the
    question's ``sources`` quote. Each such correction gets ``learner_url``: its note page landing on its lines,
    marked, as learners read them (with ``back``, a signed path, leading back here)."""
    spans = quoted_spans(sources)
    for section in sections:
        first = body_line_start(section.markdown, section.line_end)
        section.corrected, quoted = {}, set()
        for correction in getattr(section, "active_corrections", ()):
            for quote in correction.quotes:
                start = quote.line_start
                end = quote.line_end or start
                if start is None or not first <= start <= end <= section.line_end:
                    continue  # lines from before an import changed the section (it clears them): a guard
                section.corrected.setdefault(start, []).append(quote)
                quote.marked = True
                quote.learner_url = citing.cited_url(reverse("studynotes:file", args=[section.note_file_id]),
                                                     section.pk, [(start, end)], back)
                if any(a <= end and start <= b for a, b in spans.get(section.pk, ())):
                    quoted.add(start)
        section.corrected_lines = sorted(section.corrected)
        section.quoted_corrected = sorted(quoted)


def note_lines(markdown, line_end, spans):
    """A section's stored Markdown as ``(file line number, text, quoted)`` rows; its body ends on ``line_end``
    (the heading line is not stored), numbered as the sources and the explanations cite them."""
    first = body_line_start(markdown, line_end)
    return [(first + offset, text, any(a <= first + offset <= b for a, b in spans))
            for offset, text in enumerate(markdown.split("\n"))]


def clue_rows(clues, language):
    """A question's clues as ``(attribute, value)`` texts in ``language``, as the lexicon states them. A
    ``definition`` clue is left out: its value is a hash of the definition, which the stem quotes."""
    from quiz.generation.lexicon import load_lexicon

    lexicon = load_lexicon()
    return [(attribute_label(clue["attribute"], language) or clue["attribute"],
             lexicon.observe(clue["attribute"], clue["value"], language) or clue["value"])
            for clue in clues or () if isinstance(clue, dict) and clue.get("attribute") not in (None, "definition")]


def attribute_label(attribute, language):
    """An attribute's name in ``language``: the lexicon's label, or the label of the reference number it is
    (a numeric question's clue and a contradicted number are keyed by the number's id); else ""."""
    from quiz.generation.lexicon import load_lexicon
    from quiz.generation.reference import load_reference

    lexicon = load_lexicon()
    if attribute in lexicon.attributes:
        return lexicon.label(attribute, language)
    fact = next((fact for fact in load_reference().numbers if fact.id == attribute), None)
    return fact.label.get(language) or fact.label.get("en", "") if fact else ""


def _figure_alt(question, figure):
    """The alt text the question's own note sections give ``figure`` ("" if none or no figure)."""
    if figure is None:
        return ""
    for html in Section.objects.filter(questions=question, images=figure).order_by("pk").values_list("html", flat=True):
        alt = note_alt(html, figure)
        if alt:
            return alt
    return ""


def issue_details(details, files=None, corrections=None, back="", sections=None):
    """A GenerationIssue's ``details`` as plain rows for the template (whatever keys are present).

    Each note place gets its ``place`` (with ``sections``, ``{section id: Section}`` with its note file, the
    section's ``display_place``, as learners name it; else the stored file name and headings), its ``line`` (a
    number's contradiction stores ``line_start``/``line_end``), with
    ``files`` (``{section id: note file id}``) a ``url`` landing on that line, marked (``studynotes.citing``;
    ``back``, a signed path, leads back here), and with ``corrections`` (``{(section id, quoted claim): text}``)
    the ``correction`` its learners read on the section."""
    details = details if isinstance(details, dict) else {}
    files, corrections, sections = files or {}, corrections or {}, sections or {}

    def places(items):
        rows = []
        for item in items or []:
            if not isinstance(item, dict):
                continue
            item = dict(item)
            line = item.get("line") or item.get("line_start")
            end = item.get("line_end")
            item["line"] = line = line if isinstance(line, int) and line > 0 else None
            section = item.get("section")
            known = sections.get(section) if isinstance(section, int) else None
            item["place"] = known.display_place if known else " › ".join(
                str(part) for part in (item.get("file"), item.get("heading_path")) if part)
            if line and section in files:
                span = (line, end if isinstance(end, int) and end >= line else line)
                item["url"] = citing.cited_url(reverse("studynotes:file", args=[files[section]]), section, [span], back)
            item["correction"] = corrections.get((section, item.get("quote")), "")
            rows.append(item)
        return rows

    url = str(details.get("reference_url") or "")
    reason = details.get("reason", "")
    return {
        "values": [(value, places(where)) for value, where in (details.get("values") or {}).items()],
        "note_value": details.get("note_value"),
        "reference_values": join_list(details.get("reference_values") or []),
        "reference_url": url if url.startswith(("https://", "http://")) else "",
        "reference_title": details.get("reference_title") or url,
        "claims": places(details.get("claims")),
        "reference_value": _number(details.get("reference_value")),
        "reason": ISSUE_REASONS.get(reason, reason),
    }


def _cited_sections(details):
    """The ids of the sections a GenerationIssue's ``details`` cite for its values."""
    values = details.get("values") if isinstance(details, dict) else None
    return {place["section"] for places in (values.values() if isinstance(values, dict) else ())
            for place in places or () if isinstance(place, dict) and isinstance(place.get("section"), int)}


def _file_choices(sections, counts):
    """``[(note file id, label)]`` of the files ``sections`` are in, each named by its title as learners see it
    (with its file name where two files share a title), with its count in ``counts``, in label order."""
    files = {section.note_file_id: section.note_file for section in sections}
    titles = Counter(note_file.display_title for note_file in files.values())
    labels = {pk: note_file.display_title if titles[note_file.display_title] == 1
              else f"{note_file.display_title} ({note_file.name})" for pk, note_file in files.items()}
    return [(pk, _counted(label, counts[pk])) for pk, label in sorted(labels.items(), key=lambda f: (f[1], f[0]))]


def _number(value):
    """A reference number as the notes would write it (``10,000``), or "" for none."""
    return f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


# Reasons the generator writes in English into GenerationIssue.details (quiz/generation/families.py).
ISSUE_REASONS = {
    "wording from another cloud provider": gettext_lazy("Wording from another cloud provider"),
    "a misconception the AWS documentation corrects": gettext_lazy("A misconception the AWS documentation corrects"),
}


def issue_labels(issue):
    """The family, concept and attribute of a GenerationIssue in the interface language (its ids when
    the reference or lexicon no longer knows them), and a value key read as the lexicon states it."""
    from quiz.generation.lexicon import load_lexicon
    from quiz.generation.reference import load_reference

    language = (get_language() or "en")[:2]
    family = load_reference().families.get(issue.family)
    lexicon = load_lexicon()
    member = family.members.get(issue.member) if family else None

    def value(key):
        return lexicon.observe(issue.attribute, str(key), language) or str(key)

    labels = {
        "family": family.name.get(language) or family.name.get("en") or issue.family if family else issue.family,
        "member": member.name if member else issue.member,
        "attribute": attribute_label(issue.attribute, language) or (
            "" if issue.attribute == "provider" else issue.attribute),
        "value": value,
    }
    # the concept as one path, its empty parts left out (a number's contradiction names no member)
    labels["path"] = " › ".join(part for part in (labels["family"] if issue.family else "", labels["member"],
                                                   labels["attribute"]) if part)
    return labels


def issue_label(issue):
    """A note issue's concept as the issues page names it, in the interface language ("deployment strategy ›
    Rolling deployment › rollback")."""
    return issue_labels(issue)["path"]


# The note issues an instructor lists: not yet handled (the default), handled, or both.
ISSUE_STATES = {"open": gettext_lazy("Open"), "handled": gettext_lazy("Handled"), "all": gettext_lazy("All")}


@require_safe
@instructor_required
def issues(request):
    """Active conflicts and contradictions (filtered by ``status``, ``kind`` and note ``file``, with their counts),
    each note line linked and with the correction its learners read, and the open learner reports (filtered by
    ``topic`` and ``question``)."""
    active = list(GenerationIssue.objects.filter(active=True).prefetch_related(
        Prefetch("sections", queryset=Section.objects.select_related("note_file"))
    ))
    handled = HandledIssue.marks_for(active)
    for issue in active:
        issue.handled = handled.get(issue.identity)
    status = request.GET.get("status", "open")
    status = status if status in ISSUE_STATES else "open"
    n_handled = sum(1 for issue in active if issue.handled)
    status_counts = {"open": len(active) - n_handled, "handled": n_handled, "all": len(active)}
    active = [issue for issue in active if status == "all" or bool(issue.handled) == (status == "handled")]
    files, file_names, sections = {}, {}, {}
    for issue in active:
        for section in issue.sections.all():
            files[section.pk] = section.note_file_id
            file_names[section.note_file_id] = section.note_file.name
            sections[section.pk] = section
    corrections = {}
    for correction in NoteCorrection.objects.filter(active=True, section__in=list(files)):
        corrections[(correction.section_id, correction.claim)] = _correction_text(
            correction, _language())
    kinds = Counter(issue.kind for issue in active)
    per_file = Counter(file_id for issue in active for file_id in {s.note_file_id for s in issue.sections.all()})
    kind = request.GET.get("kind", "")
    kind = kind if kind in GenerationIssue.Kind.values else ""
    file_id = _id_param(request, "file")
    file_id = file_id if file_id in file_names else None
    shown = [issue for issue in active if (not kind or issue.kind == kind) and (
        file_id is None or any(s.note_file_id == file_id for s in issue.sections.all()))]
    # the open learner reports, filtered by ``topic`` and ``question`` (ids), each choice with its count
    reports = list(ProblemReport.objects.filter(resolved=False).select_related("user", "question__topic"))
    report_topics = Counter(report.question.topic for report in reports)
    report_questions = Counter(report.question for report in reports)
    topic_id, question_id = _id_param(request, "topic"), _id_param(request, "question")
    topic_id = topic_id if topic_id in {topic.pk for topic in report_topics} else None
    # with a topic chosen, only its questions are offered; a question of another topic is no filter
    report_questions = Counter({question: n for question, n in report_questions.items()
                                if topic_id in (None, question.topic_id)})
    question_id = question_id if question_id in {question.pk for question in report_questions} else None
    back = citing.back_token(request.user.pk, request.get_full_path())
    doc_notices = notices.all_notices()
    notice_topics = Topic.objects.in_bulk({slug for notice in doc_notices for slug in notice.topics},
                                          field_name="slug") if doc_notices else {}
    for issue in shown:
        issue.display = issue_details(issue.details, files, corrections, back, sections)
        issue.labels = labels = issue_labels(issue)
        if issue.display["note_value"] is not None:
            issue.display["note_value"] = labels["value"](issue.display["note_value"])
            issue.display["reference_values"] = " / ".join(
                labels["value"](v) for v in (issue.details.get("reference_values") or []))
        issue.display["values"] = [(labels["value"](v), where) for v, where in issue.display["values"]]
    context = {
        "issues": shown,
        "issue_total": len(active),
        "any_issue": _counted(_("Any"), len(active)),
        "kind_choices": [(value, _counted(label, kinds[value]))
                         for value, label in GenerationIssue.Kind.choices],
        "file_choices": _file_choices(sections.values(), per_file),
        "kind": kind,
        "file_id": file_id,
        "status": status,
        "status_choices": [(value, _counted(label, status_counts[value]))
                           for value, label in ISSUE_STATES.items()],
        "reports": [report for report in reports if topic_id in (None, report.question.topic_id)
                    and question_id in (None, report.question_id)],
        "any_report": _counted(_("Any"), len(reports)),
        "any_report_question": _counted(_("Any"), report_questions.total()),
        "report_topic_choices": [(topic.pk, _counted(topic.display_name, n)) for topic, n in sorted(
            report_topics.items(), key=lambda topic_n: topic_n[0].display_name)],
        "report_question_choices": [(q.pk, _counted(f"{q.topic.display_name} #{q.pk}", n))
                                    for q, n in sorted(report_questions.items(), key=lambda qn: qn[0].pk)],
        "topic_id": topic_id,
        "question_id": question_id,
        "language": _language(),
        # what learners are shown of the AWS documentation (studynotes.notices), and whether it is due a review
        "notices": [{**notice.shown(_language()), "topics": [notice_topics.get(slug, slug) for slug in notice.topics],
                     "review_by": notice.review_by if notice.review_due(timezone.localdate()) else None}
                    for notice in doc_notices],
    }
    return render(request, "instructor/issues.html", context)


@require_POST
@instructor_required
def issue_handled(request, pk):
    """Mark a note issue handled (``handled=1``) or open again. The mark is kept by the issue's identity: it
    holds after regeneration while the issue's lines stay as they are."""
    issue = get_object_or_404(GenerationIssue, pk=pk)
    identity = issue.identity
    # the label in English, as other entries' (the audit log names it from ``concept`` in the reader's language)
    with translation.override("en"):
        label = issue_label(issue)
    details = {"identity": identity, "concept": [issue.family, issue.member, issue.attribute]}
    if request.POST.get("handled") == "1":
        created = HandledIssue.objects.get_or_create(identity=identity, defaults={"handled_by": request.user})[1]
        if created:
            AuditLog.record(request.user, "handle_issue", issue, object_type="issue", label=label, details=details)
            messages.success(request, _("Issue marked as handled."))
    elif HandledIssue.objects.filter(identity=identity).delete()[0]:
        AuditLog.record(request.user, "reopen_issue", issue, object_type="issue", label=label, details=details)
        messages.success(request, _("Issue reopened."))
    return _back(request, "instructor:issues")


@require_POST
@instructor_required
def report_resolve(request, pk):
    report = get_object_or_404(ProblemReport, pk=pk)
    if not report.resolved:
        report.resolved, report.resolved_at, report.resolved_by = True, timezone.now(), request.user
        report.save(update_fields=["resolved", "resolved_at", "resolved_by"])
        AuditLog.record(request.user, "resolve_report", report.question, object_type="question",
                        details={"report": report.pk})
        messages.success(request, _("Report marked as resolved."))
    return _back(request, "instructor:issues")


@require_safe
@instructor_required
def bank_export(request):
    questions = filtered_questions(BankFilterForm(request.GET))
    response = JsonResponse(bank.export_bank(questions), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="kumo-questions.json"'
    return response


def _read_json(upload):
    try:
        return json.loads(upload.read().decode("utf-8-sig"))  # an editor may save UTF-8 with a byte order mark
    # ValueError: not UTF-8 (UnicodeDecodeError), not JSON (JSONDecodeError), or a number longer than Python reads
    # (4,300 digits); RecursionError: nested too deep
    except (ValueError, RecursionError):
        raise ValidationError(_("The file is not valid UTF-8 JSON."), code="not_json") from None


@require_http_methods(["GET", "POST"])
@instructor_required
def bank_import(request):
    if request.method == "POST":
        form = BankImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                data = _read_json(form.cleaned_data["file"])
                result = bank.import_bank(data, actor=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                unchanged = result.explanations_unchanged
                details = {"created": result.created, "updated": result.updated}
                if unchanged:
                    details["explanations_unchanged"] = [question.identity for question in unchanged]
                AuditLog.record(request.user, "import_bank", None, object_type="question",
                                label=form.cleaned_data["file"].name, details=details)
                messages.success(request, _("%(c)d created, %(u)d updated, %(s)d unchanged.")
                                 % {"c": result.created, "u": result.updated, "s": result.unchanged})
                if result.figures_missing:
                    messages.warning(request, ngettext(
                        "%(n)d picture is not on this site (import the notes it comes from first); "
                        "that question is shown without it.",
                        "%(n)d pictures are not on this site (import the notes they come from first); "
                        "those questions are shown without them.",
                        result.figures_missing) % {"n": result.figures_missing})
                if unchanged:  # written (an import has no one to ask), but said: the edit form would have asked
                    messages.warning(request, format_html("{} {}", ngettext(
                        "%(n)d updated question changed whether an option is correct without changing that "
                        "option's explanation. Check that the explanation still fits:",
                        "%(n)d updated questions changed whether an option is correct without changing that "
                        "option's explanation. Check that the explanations still fit:",
                        len(unchanged)) % {"n": len(unchanged)}, format_html_join(
                        pgettext("list separator", ", "), '<a href="{}">{}</a>',
                        ((reverse("instructor:question", args=[q.pk]), q.identity) for q in unchanged))))
                _say_what_waits(request, result)
                return redirect("instructor:bank")
    else:
        form = BankImportForm()
    return render(request, "instructor/bank_import.html", {"form": form})


def _say_what_waits(request, result):
    """After a bank import: the keys it changed (each linked, to check beside its sources) and what it did not
    approve or restore (``bank.imported_status``)."""
    if result.key_changed:
        messages.warning(request, format_html("{} {}", ngettext(
            "The answer key changed for %(n)d question. Check it beside its sources:",
            "The answer key changed for %(n)d questions. Check each beside its sources:",
            len(result.key_changed)) % {"n": len(result.key_changed)}, format_html_join(
            pgettext("list separator", ", "), '<a href="{}">{}</a>',
            ((reverse("instructor:question", args=[q.pk]), q.identity) for q in result.key_changed))))
    if result.not_approved:
        messages.info(request, ngettext(
            "%(n)d question the file lists as approved waits in the review queue: an import approves no new or "
            "changed question.",
            "%(n)d questions the file lists as approved wait in the review queue: an import approves no new or "
            "changed question.", result.not_approved) % {"n": result.not_approved})
    if result.kept_retired:
        messages.info(request, ngettext(
            "%(n)d retired question stays retired: an import restores none (its page offers Restore as a draft).",
            "%(n)d retired questions stay retired: an import restores none (their pages offer Restore as a "
            "draft).", result.kept_retired) % {"n": result.kept_retired})


# --- quiz builder --------------------------------------------------------------------------------------------


@require_safe
@instructor_required
def quizzes(request):
    # assigned: in the classes this instructor sees (as the quiz's item analysis reads them), not another's
    mine = Q(assignments__classroom__in=Classroom.objects.owned_by(request.user))
    rows = list(Quiz.objects.select_related("created_by").with_fixed_counts().with_shared_titles().annotate(
        n_assigned=Count("assignments", filter=mine, distinct=True)).order_by("mode", "title", "created_at"))
    # a random draw gets what the bank has for its rules (as the preview draws it): sizes per topic, one query
    sizes = {True: {}, False: {}}  # only approved: {topic slug: (domain, n)}
    by_topic = Question.objects.live().values_list("topic__slug", "topic__domain", "status")
    for slug, domain, status, n in by_topic.annotate(n=Count("pk")).order_by():
        for only_approved in (False, True) if status == Question.Status.APPROVED else (False,):
            sizes[only_approved][slug] = (domain, sizes[only_approved].get(slug, ("", 0))[1] + n)
    for quiz in rows:
        if not quiz.n_fixed:
            quiz.n_drawable = drawable_count(quiz.question_count, quiz.rules, sizes[quiz.only_approved])
    return render(request, "instructor/quizzes.html", {
        "quizzes": rows, "time_zone": timezone.get_current_timezone_name(),
        "shared_titles": any(quiz.n_same_title > 1 for quiz in rows)})


@require_http_methods(["GET", "POST"])
@instructor_required
def quiz_edit(request, pk=None):
    quiz = get_object_or_404(Quiz, pk=pk) if pk else None
    if request.method == "POST":
        # read before validating: ``is_valid`` already writes the posted settings on the instance
        before = {name: getattr(quiz, name) for name in QUIZ_SETTINGS} if quiz else {}
        form = QuizForm(request.POST, instance=quiz)
        if form.is_valid():
            with transaction.atomic():
                if quiz is None:
                    form.instance.created_by = request.user
                saved = form.save()
                details = {"rules": saved.rules, "question_count": saved.question_count}
                # an edit also says which settings it changed, from what: "why did the exam end after a minute?"
                changed = {name: [_audit_setting(before[name]), _audit_setting(getattr(saved, name))]
                           for name in before if before[name] != getattr(saved, name)}
                if changed:
                    details["changed"] = changed
                AuditLog.record(request.user, "create" if quiz is None else "edit", saved, details=details)
            messages.success(request, _("Quiz saved."))
            if not saved.published:
                assigned = saved.assignments.count() if quiz is not None else 0
                if assigned:
                    messages.warning(request, ngettext(
                        "This quiz is assigned to %(n)d class, but learners cannot start it while it is not published.",
                        "This quiz is assigned to %(n)d classes, but learners cannot start it while it is not "
                        "published.", assigned) % {"n": assigned})
            return redirect("instructor:quiz_preview", pk=saved.pk)
    else:
        form = QuizForm(instance=quiz)
    return _quiz_form_page(request, quiz, form)


# The quiz settings an edit's audit entry lists when they change (the rules and the number of questions are
# stored whole), each shown by its builder label.
QUIZ_SETTINGS = ("title", "mode", "language", "time_limit_minutes", "pass_mark", "attempts_allowed", "opens_at",
                 "closes_at", "shuffle", "only_approved", "published")


def _audit_setting(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _quiz_form_page(request, quiz, form, handing=None):
    """The quiz builder; ``handing`` the hand-over form, bound when it was refused (shown to the quiz's owner)."""
    # the picker offers live questions only: retired ones on the fixed list are not shown, and saving drops them
    # (unless all of them are: the form then refuses to turn the quiz into random draws unasked)
    listed = quiz.questions.aggregate(n=Count("pk"), retired=Count("pk", filter=Q(status=Question.Status.RETIRED))
                                      ) if quiz else {"n": 0, "retired": 0}
    may_hand_over = quiz is not None and _owns_quiz(request.user, quiz)
    return render(request, "instructor/quiz_form.html", {
        "form": form, "quiz": quiz, "retired_fixed": listed["retired"],
        "all_fixed_retired": bool(listed["n"]) and listed["retired"] == listed["n"],
        "hand_over": (handing or HandOverForm(owner=None)) if may_hand_over else None})


def _owns_quiz(user, quiz):
    """Quizzes are shared by every instructor; the one who made it (or a superuser) may hand it over."""
    return user.is_superuser or (quiz.created_by_id is not None and quiz.created_by_id == user.pk)


@require_POST
@instructor_required
def quiz_hand_over(request, pk):
    """Make another instructor the quiz's author (``Quiz.created_by``). Its assignments and the learners'
    attempts stay as they are; every instructor can still edit and assign it, as before."""
    quiz = get_object_or_404(Quiz.objects.select_related("created_by"), pk=pk)
    if not _owns_quiz(request.user, quiz):
        raise PermissionDenied
    form = HandOverForm(request.POST, owner=quiz.created_by)
    if not form.is_valid():
        return _quiz_form_page(request, quiz, QuizForm(instance=quiz), handing=form)
    before = quiz.created_by.get_username() if quiz.created_by else None
    with transaction.atomic():
        Quiz.objects.filter(pk=quiz.pk).update(created_by=form.new_owner)
        AuditLog.record(request.user, "hand_over", quiz, details={"from": before, "to": form.cleaned_data["username"]})
    messages.success(request, _("%(thing)s now belongs to %(owner)s.")
                     % {"thing": quiz.display_title, "owner": form.cleaned_data["username"]})
    return redirect("instructor:quizzes")


@require_safe
@instructor_required
def quiz_preview(request, pk):
    """The quiz as a learner would see one attempt of it (a fresh draw, no answers marked)."""
    quiz = get_object_or_404(Quiz, pk=pk)
    language = quiz.language or _language()
    # the fixed list in the order the links were made: without shuffle, the order learners get it (start_exam)
    fixed = list(Quiz.questions.through.objects.filter(quiz=quiz).order_by("pk").values_list("question_id", flat=True))
    try:
        from quiz.selection import select_question_ids

        ids = select_question_ids(None, count=quiz.question_count, rules=quiz.rules, language=language,
                                  only_approved=quiz.only_approved, fixed_ids=fixed or None)
    except ImportError:  # pragma: no cover - selection not landed
        ids = fixed
    if fixed and not quiz.shuffle:
        order = {qid: i for i, qid in enumerate(fixed)}
        ids.sort(key=order.get)
    if not fixed:
        ids = ids[: quiz.question_count]
    by_id = Question.objects.select_related("topic", "figure").in_bulk(ids)
    questions = [by_id[i] for i in ids if i in by_id]
    items = [{"question": q, "stem": q.stem_in(language), "lang": q.stem_lang(language),
              "figure": figure_snapshot(q.figure, q.figure_alt)} for q in questions]
    short = quiz.question_count - len(items) if not fixed else 0
    wanted = {} if fixed else ((quiz.rules or {}).get("topic_counts") or {})
    topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=list(wanted))} if wanted else {}
    topic_counts = [{"name": topics[slug].display_name if slug in topics else slug, "count": n}
                    for slug, n in wanted.items()]
    # what each topic count gave: all it asked for, or all the topic has (the domain draws cannot add to a short
    # topic, which has nothing left); the topics and domains that fall short of their counts are named
    by_topic = Counter(q.topic.slug for q in questions)
    given = {slug: min(n, by_topic[slug]) for slug, n in wanted.items()}
    drawn = Counter(q.topic.domain for q in questions)
    for slug, n in given.items():  # the domain counts come on top of the topic draws
        if slug in topics:
            drawn[topics[slug].domain] -= n
    labels = dict(Domain.choices)
    short_counts = [] if fixed else [
        {"name": row["name"], "wanted": row["count"], "drawn": given[slug]}
        for slug, row in zip(wanted, topic_counts) if given[slug] < row["count"]
    ] + [
        {"name": labels.get(domain, domain), "wanted": n, "drawn": drawn.get(domain, 0)}
        for domain, n in ((quiz.rules or {}).get("domains") or {}).items() if drawn.get(domain, 0) < n
    ]
    # a fixed list keeps questions retired since: attempts skip them, the preview names them
    retired = [{"pk": q.pk, "stem": q.stem_in(language), "lang": q.stem_lang(language)}
               for q in quiz.questions.filter(status=Question.Status.RETIRED).order_by("pk")] if fixed else []
    # the next step once the quiz reads right: each of the instructor's classes, its assign form with this quiz;
    # a class that has it already says so with its due date (the form would refuse it again)
    assignment = Assignment.objects.filter(classroom=OuterRef("pk"), quiz=quiz)
    classrooms = list(Classroom.objects.owned_by(request.user).order_by("name").only("pk", "name").annotate(
        assigned=Exists(assignment), assigned_due=Subquery(assignment.values("due_at")[:1])))
    return render(request, "instructor/quiz_preview.html",
                  {"quiz": quiz, "items": items, "short": short, "language": language, "classrooms": classrooms,
                   "topic_counts": topic_counts, "short_counts": short_counts, "listed": len(fixed),
                   # "approving drafts may close the gap" only where the quiz's rules reach a draft
                   "drafts_would_help": short > 0 and quiz.only_approved and drawn_from(
                       quiz, Question.objects.filter(status=Question.Status.DRAFT)).exists(),
                   "retired": retired, "unapproved": _unapproved_message(
                       len(fixed) - len(items) - len(retired) if fixed and quiz.only_approved else 0)})


def _unapproved_message(n):
    """What the builder says of unapproved questions on the fixed list of an approved-only quiz (none: "")."""
    if n <= 0:
        return ""
    return ngettext("%(n)d chosen question is not approved; approve it or untick 'Approved questions only'.",
                    "%(n)d chosen questions are not approved; approve them or untick 'Approved questions only'.",
                    n) % {"n": n}


# --- classes -------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@instructor_required
def classes(request):
    if request.method == "POST":
        form = ClassroomForm(request.POST, owner=request.user)
        if form.is_valid():
            form.instance.owner = request.user
            name = form.cleaned_data["name"]
            try:
                with transaction.atomic():
                    classroom = form.save()
            except IntegrityError:  # a class of this name was saved since the form checked (two creates at once)
                if not form.name_taken(name):
                    raise
                form.add_error("name", form.duplicate_name(name))
            else:
                AuditLog.record(request.user, "create", classroom)
                messages.success(request, _("Class created. Learners join with the code %(code)s.")
                                 % {"code": classroom.join_code})
                return redirect(classroom)
    else:
        form = ClassroomForm(owner=request.user)
    rows = Classroom.objects.owned_by(request.user).annotate(
        n_learners=Count("memberships", filter=Q(memberships__left_at__isnull=True), distinct=True),
        n_assignments=Count("assignments", distinct=True)
    )
    return render(request, "instructor/classes.html", {"form": form, "classes": rows})


@require_http_methods(["GET", "POST"])
@instructor_required
def class_detail(request, pk):
    classroom = _classroom_for(request.user, pk)
    # ``?quiz=``: "Assign to a class" on a quiz's preview chose it already
    chosen = request.GET.get("quiz", "")
    form = AssignmentForm(classroom=classroom, initial={"quiz": chosen} if chosen.isascii() and chosen.isdigit() else None)
    if request.method == "POST":
        form = AssignmentForm(request.POST, classroom=classroom)
        if form.is_valid():
            form.instance.classroom = classroom
            form.instance.created_by = request.user
            assignment = form.save()
            AuditLog.record(request.user, "assign", classroom, details=assignment.audit_details(assignment=assignment.pk))
            messages.success(request, _("Quiz assigned."))
            _warn_if_past_due(request, assignment)
            _warn_if_short(request, assignment.quiz, form.drawn_now)
            return redirect(classroom)
    return _class_page(request, classroom, form)


def _class_page(request, classroom, form, updating=None, adding=None, extra_time=None, handing=None):
    """The class page; ``updating`` is an assignment's bound update form that did not validate (shown open,
    with its errors and what the instructor typed), ``adding`` the add-a-learner form (bound when refused),
    ``extra_time`` a roster row's extra-time form that did not validate (shown in its row, likewise),
    ``handing`` the hand-over form (bound when refused)."""
    def update_form(assignment):
        if updating is not None and updating.instance.pk == assignment.pk:
            return updating
        return AssignmentUpdateForm(instance=assignment, auto_id=f"a{assignment.pk}_%s")

    def refused_extra_time(membership):  # the other rows show what is stored
        return extra_time if extra_time is not None and extra_time.instance.pk == membership.pk else None

    context = {
        "classroom": classroom,
        "memberships": [(m, refused_extra_time(m))
                        for m in classroom.memberships.current().select_related("learner")
                        .order_by("learner__username")],
        "assignments": [(a, update_form(a)) for a in classroom.assignments.select_related("quiz")],
        "form": form,
        # with the code filled in (the join page reads ``?code=``): a learner following it only confirms
        "join_url": request.build_absolute_uri(
            f'{reverse("classes:join")}?{urlencode({"code": classroom.join_code})}'),
        "time_zone": timezone.get_current_timezone_name(),
        "now": timezone.now(),
        "add_learner": adding or AddLearnerForm(),
        "hand_over": handing or HandOverForm(owner=None),
        "hand_over_quizzes": list(classroom.quizzes_to_hand_over()),
    }
    return render(request, "instructor/class_detail.html", context)


@require_POST
@instructor_required
def member_add(request, pk):
    """Add a learner to the class by user name (as joining with the code does). Their next dashboard says who
    added them to which class (``Membership.added_by``)."""
    classroom = _classroom_for(request.user, pk)
    form = AddLearnerForm(request.POST)
    if not form.is_valid():
        return _class_page(request, classroom, AssignmentForm(classroom=classroom), adding=form)
    membership, created = Membership.objects.get_or_create(
        classroom=classroom, learner=form.learner, left_at=None, defaults={"added_by": request.user})
    name = form.learner.get_username()
    if created:
        AuditLog.record(request.user, "add_learner", classroom, details={"learner": name})
        messages.success(request, _("%(name)s added to the class.") % {"name": name})
    else:
        messages.info(request, _("%(name)s is in the class already.") % {"name": name})
    return redirect(classroom)


@require_POST
@instructor_required
def class_hand_over(request, pk):
    """Give the class to another instructor, with its assignments and the quizzes only it uses of those its
    owner made (``Classroom.hand_over``). The owner no longer sees it: there is no co-teacher."""
    classroom = get_object_or_404(Classroom.objects.owned_by(request.user).select_related("owner"), pk=pk)
    old_owner = classroom.owner
    form = HandOverForm(request.POST, owner=old_owner, classroom=classroom)
    if form.is_valid():
        try:
            quizzes = classroom.hand_over(form.new_owner)
        except IntegrityError:  # the new owner made a class of this name since the form checked
            if not form.name_taken(form.new_owner):
                raise
            form.add_error("username", form.duplicate_name(form.new_owner))
        else:
            if quizzes is None:  # handed over from another tab meanwhile
                raise Http404
            new_name = form.new_owner.get_username()
            details = {"from": old_owner.get_username(), "to": new_name}
            AuditLog.record(request.user, "hand_over", classroom,
                            details={**details, "quizzes": [quiz.pk for quiz in quizzes]})
            for quiz in quizzes:  # the class's entries go with it; these stay in every instructor's log
                AuditLog.record(request.user, "hand_over", quiz, details={**details, "classroom": classroom.name})
            messages.success(request, _("%(thing)s now belongs to %(owner)s.")
                             % {"thing": classroom.display_name, "owner": new_name})
            if quizzes:
                messages.info(request, ngettext("%(n)d quiz went with it.", "%(n)d quizzes went with it.",
                                                len(quizzes)) % {"n": len(quizzes)})
            return redirect("instructor:classes")
    return _class_page(request, classroom, AssignmentForm(classroom=classroom), handing=form)


def _warn_if_short(request, quiz, drawn):
    """Say so when the bank cannot fill the quiz now (``drawn``: the questions an attempt gets, as the assign form
    counted them): the quiz list tags it, but the class page, where it is assigned, would not."""
    wanted = quiz.questions.count() or quiz.question_count
    if drawn < wanted:
        messages.warning(request, _("Learners get %(drawn)d of this quiz's %(wanted)d questions now: the bank lacks "
                                    "questions for its rules. Its preview says which.")
                         % {"drawn": drawn, "wanted": wanted})


def _warn_if_past_due(request, assignment):
    now = timezone.now()
    if assignment.due_at is None or assignment.due_at >= now:
        return
    if assignment.review_opens == Assignment.ReviewOpens.AFTER_DUE and assignment.review_open(now):
        messages.warning(request, _("The due date is in the past: the assignment shows as overdue now, and its "
                                    "review is already open: learners see their answers with the keys and "
                                    "explanations as soon as they submit."))
    else:
        messages.warning(request, _("The due date is in the past: the assignment shows as overdue now."))


@require_POST
@instructor_required
def member_update(request, pk, membership_pk):
    classroom = _classroom_for(request.user, pk)
    membership = get_object_or_404(classroom.memberships.current().select_related("learner"),
                                   pk=membership_pk)
    if request.POST.get("remove") == "1":  # the membership ends; the attempts made in the class stay its own
        if membership.end():  # else the learner left meanwhile
            AuditLog.record(request.user, "remove_learner", classroom,
                            details={"learner": membership.learner.username})
        messages.success(request, _("%(name)s removed from the class.") % {"name": membership.learner.username})
        return redirect(classroom)
    before = membership.extra_minutes
    form = ExtraTimeForm(request.POST, instance=membership)
    if form.is_valid():
        form.save()
        AuditLog.record(request.user, "extra_time", classroom,
                        details={"learner": membership.learner.username, "from": before,
                                 "to": membership.extra_minutes})
        messages.success(request, _("Extra time saved."))
        return redirect(classroom)
    # the class page again, this learner's row with what the instructor typed and why it was refused
    return _class_page(request, classroom, AssignmentForm(classroom=classroom), extra_time=form)


@require_POST
@instructor_required
def assignment_update(request, pk):
    """Change an assignment's due date and review rule, or remove it (``remove=1``; attempts stay)."""
    assignment = _assignment_for(request.user, pk)
    classroom = assignment.classroom
    if request.POST.get("remove") == "1":
        assignment.delete()
        AuditLog.record(request.user, "unassign", classroom, details={"quiz": assignment.quiz_id})
        messages.success(request, _("Assignment removed."))
        return redirect(classroom)
    form = AssignmentUpdateForm(request.POST, instance=assignment, auto_id=f"a{assignment.pk}_%s")
    if not form.is_valid():  # the class page again, this assignment's form open with its errors and input
        return _class_page(request, classroom, AssignmentForm(classroom=classroom), updating=form)
    form.save()
    AuditLog.record(request.user, "edit_assignment", classroom, details=assignment.audit_details())
    messages.success(request, _("Assignment saved."))
    _warn_if_past_due(request, assignment)
    return redirect(classroom)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("join_class", limit=10, period=60)
def join_class(request):
    """Learner-facing: join a class with the code the instructor gave."""
    if request.method == "POST":
        form = JoinForm(request.POST, user=request.user)
        if form.is_valid():
            membership, created = Membership.objects.get_or_create(
                classroom=form.classroom, learner=request.user, left_at=None)
            if created:  # logged as adding or leaving is: the class's owner sees who came in and when
                AuditLog.record(request.user, "join_class", form.classroom,
                                details={"learner": request.user.get_username()})
                messages.success(request, _("You joined %(name)s.") % {"name": form.classroom.display_name})
            else:
                messages.info(request, _("You are already in %(name)s.") % {"name": form.classroom.display_name})
            return redirect("classes:mine")
    else:
        form = JoinForm(initial={"code": request.GET.get("code", "")})
    return render(request, "instructor/join.html", {"form": form})


def _learner_memberships(user):
    """The classes the learner is in now, with their instructor and who added the learner (one query)."""
    return user.memberships.current().select_related("classroom__owner", "added_by").order_by(
        "classroom__name", "classroom_id")


@login_required
@require_safe
def my_classes(request):
    """Learner-facing: the classes they are in, who runs each (and so sees their results), their assignments
    (one query for all classes) and a way out."""
    memberships = list(_learner_memberships(request.user))
    by_class = {}
    for assignment in assignments_for(request.user):
        by_class.setdefault(assignment.classroom_id, []).append(assignment)
    for membership in memberships:
        membership.assignments = by_class.get(membership.classroom_id, [])
    return render(request, "instructor/my_classes.html", {"memberships": memberships, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def leave_class(request, pk):
    """Learner-facing: GET asks for confirmation (saying what the instructor keeps), POST leaves. The
    learner's attempts are theirs and stay; those made while in the class stay in its results, later ones
    are not shown."""
    membership = get_object_or_404(_learner_memberships(request.user), classroom_id=pk)
    classroom = membership.classroom
    if request.method == "POST":
        if membership.end():  # else it ended meanwhile (another tab, or the instructor removed the learner)
            AuditLog.record(request.user, "leave_class", classroom,
                            details={"learner": request.user.get_username()})
        messages.success(request, _("You left %(name)s.") % {"name": classroom.display_name})
        return redirect("classes:mine")
    return render(request, "instructor/leave_class.html", {"membership": membership, "classroom": classroom})


# --- results and item analysis -------------------------------------------------------------------------------


# Seconds: renamed learners, quizzes or classes reach a cached results page after at most this long.
RESULTS_MAX_AGE = 300


@require_safe
@instructor_required
def results(request, pk):
    """The class's results; the page is rendered again only when ``reports.results_freshness`` changes (or
    after ``RESULTS_MAX_AGE``, for renames), kept in the shared cache per assignment and language. Access is
    checked on every request (``reports.assignment_ids_for``, the rule of ``_assignment_for``)."""
    found = reports.assignment_ids_for(request.user, pk)
    if found is None:
        raise Http404("No such assignment.")
    ids, mode = found
    cache_key = f"instructor:results:{code_version()}:{pk}:{get_language()}:{timezone.get_current_timezone_name()}"
    now = timezone.now()
    # the mode too: a practice set's page gives the share right, an exam's pass/fail (an attempt keeps the
    # pass mark it was graded with, so the quiz's own is not on the page)
    signature = (mode, *reports.results_freshness(ids, now))
    if signature[-1]:  # attempts whose time ran out, not graded yet: graded at their deadline before shown
        learners = Membership.objects.filter(classroom_id=ids[0]).values("learner_id")
        reports.expire_overdue(ids[1], learners, now)
        signature = (mode, *reports.results_freshness(ids, now))
    cached = unpack(cache.get(cache_key))
    if not (cached and cached["signature"] == signature):
        assignment = _assignment_for(request.user, pk)
        data = reports.assignment_results(assignment)
        body = render_to_string("instructor/_results_body.html", {"assignment": assignment, **data})
        cached = {"signature": signature, "body": body, "quiz_title": assignment.quiz.display_title}
        cache.set(cache_key, pack(cached), RESULTS_MAX_AGE)
    return render(request, "instructor/results.html", {"quiz_title": cached["quiz_title"], "body": cached["body"]})


@require_safe
@instructor_required
def results_csv(request, pk):
    assignment = _assignment_for(request.user, pk)
    data = reports.assignment_results(assignment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="results-{assignment.pk}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 names with a BOM
    writer = csv.writer(response)
    zone = timezone.get_current_timezone_name()
    writer.writerow(["learner", "email", "attempts", "best_scaled_score", "best_raw_score", "items", "passed",
                     f"last_submitted_at ({zone})", "extra_minutes", f"left_at ({zone})", "status"])
    for row in data["rows"]:
        best = row.best
        graded = best if best and not data["practice"] else None  # a practice set has no scaled score or pass
        last = row.attempts[0] if row.attempts else None
        writer.writerow([
            _csv_safe(row.learner.username), _csv_safe(row.learner.email), len(row.attempts),
            graded.scaled_score if graded else "", best.raw_score if best else "", best.item_count if best else "",
            ("yes" if graded.passed else "no") if graded else "",
            _csv_time(last.submitted_at if last else None), row.membership.extra_minutes,
            _csv_time(row.membership.left_at), row.status[0],
        ])
    return response


def _csv_time(value):
    """A time in the instructor's time zone (named in the column's header), to the second, as spreadsheet
    programs read a date and time: "2026-11-27 12:19:29"."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def _csv_safe(value):
    """Keep spreadsheet programs from running learner-controlled text as a formula."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_safe
@instructor_required
def attempt_review(request, pk, uid):
    assignment = _assignment_for(request.user, pk)
    # only an attempt the results list: made while the learner was in the class, once the quiz was assigned
    attempt = get_object_or_404(assignment.class_attempts().select_related("user"), uid=uid)
    language = attempt.language or _language()
    items = []
    attempt_items = list(attempt.items.order_by("position"))
    corrected = key_corrections(attempt_items)  # a key corrected after grading: {item pk: its options now}
    links = quiz_views.source_links(attempt_items)  # the sections' URLs and languages, one query for all items
    for item in attempt_items:
        # the options as the learner's exam result shows them: explanations with their links made and the note
        # text they quote marked with its language
        options = quiz_views.option_rows(item, language, True, quiz_views.item_sources(item, links))
        labels = [option["label"] for option in options]
        options_now = corrected.get(item.pk, ())
        items.append({"item": item, "stem": item.stem_in(language), "stem_lang": item.text_lang(language),
                      "options": options, "key_changed_in_exam": item.key_changed_in_exam,
                      "corrected_labels": [label for label, o in zip(labels, options_now) if o["correct"]],
                      "corrected_verdict": corrected_verdict(item, [o["key"] for o in options_now if o["correct"]])
                      if options_now else ""})
    return render(request, "instructor/attempt_review.html",
                  {"assignment": assignment, "attempt": attempt, "items": items})


def _with_flag_labels(rows):
    labels = flag_labels()
    for row in rows:
        row.flag_labels = [labels[flag] for flag in row.stats.flags]
        row.key_check = ""
        if itemstats.FLAG_CHECK_KEY in row.stats.flags:
            suspects = " / ".join(Truncator(o["text"]).chars(60) for o in row.options
                                  if o["key"] in row.stats.suspect_keys)
            row.key_check = (
                _("Check the key: the learners who scored best mostly chose “%(option)s”.") % {"option": suspects}
                if suspects else
                _("Check the key: the learners who scored best got this question wrong more often than those "
                  "who scored lowest.")
            )
    return rows


@require_safe
@instructor_required
def item_analysis(request, pk):
    assignment = _assignment_for(request.user, pk)
    rows = _with_flag_labels(reports.item_analysis(assignment, _language()))
    context = {
        "heading": _("Item analysis: %(q)s · %(c)s") % {"q": assignment.quiz.display_title,
                                                         "c": assignment.classroom.display_name},
        "back_url": reverse("instructor:results", args=[assignment.pk]),
        "back_label": _("Back to results"),
        "rows": rows,
        "min_responses": itemstats.MIN_RESPONSES_FLAGS,
        "flags_wait": any(row.stats.n < itemstats.MIN_RESPONSES_FLAGS for row in rows),
        **_practice_note(assignment.quiz, rows),
    }
    return render(request, "instructor/item_analysis.html", context)


@require_safe
@instructor_required
def quiz_item_analysis(request, pk):
    """Item analysis of one quiz over all the instructor's classes it is assigned to."""
    quiz = get_object_or_404(Quiz, pk=pk)
    classrooms = Classroom.objects.owned_by(request.user)
    rows = _with_flag_labels(reports.quiz_item_analysis(quiz, classrooms, _language()))
    context = {
        "heading": _("Item analysis: %(q)s · all your classes") % {"q": quiz.display_title},
        # as the quiz list counts it: another instructor's class (one handed over) is not yours to read
        "empty": "" if rows or Assignment.objects.filter(quiz=quiz, classroom__in=classrooms).exists()
        else _("This quiz is not assigned to any of your classes."),
        "back_url": reverse("instructor:quizzes"),
        "back_label": _("Back to quizzes"),
        "rows": rows,
        "min_responses": itemstats.MIN_RESPONSES_FLAGS,
        "flags_wait": any(row.stats.n < itemstats.MIN_RESPONSES_FLAGS for row in rows),
        **_practice_note(quiz, rows),
    }
    return render(request, "instructor/item_analysis.html", context)


def _practice_note(quiz, rows):
    """Only exams link to their item analysis; a link kept from before (a bookmark) to a practice set's says
    why it has nothing to show (or only the attempts made while the quiz was an exam): no bare empty table."""
    if quiz.mode != Mode.PRACTICE:
        return {"practice_note": "", "show_table": True}
    note = _("Item analysis is for exams: “%(q)s” is a practice set, and its answers are not counted here.")
    return {"practice_note": note % {"q": quiz.display_title}, "show_table": bool(rows)}


def flag_labels():
    return {
        itemstats.FLAG_LOW_DISCRIMINATION: _("low discrimination"),
        itemstats.FLAG_TOO_EASY: _("too easy"),
        itemstats.FLAG_TOO_HARD: _("too hard"),
        itemstats.FLAG_DISTRACTOR: _("a distractor beats the key"),
        itemstats.FLAG_CHECK_KEY: _("check the key"),
    }


# --- audit log -----------------------------------------------------------------------------------------------


@require_safe
@instructor_required
def audit(request):
    # The bank (notes, questions, quizzes) is shared by every instructor, a class only by its owner: another
    # instructor's class entries (its learners, their extra time) are left out, as the class pages are.
    mine = Classroom.objects.owned_by(request.user).annotate(key=Cast("pk", output_field=models.CharField()))
    entries = AuditLog.objects.select_related("actor").exclude(
        Q(object_type="classroom") & ~Q(object_id__in=mine.values("key")))
    # one of the types the page links to, else no filter: other text (a NUL byte, which PostgreSQL refuses in a
    # query) never reaches the database
    object_type = request.GET.get("type", "")
    if object_type not in AUDIT_TYPES:
        object_type = ""
    if object_type:
        entries = entries.filter(object_type=object_type)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    # a quiz is stored by its id: shown by its title (one query for the page; a deleted quiz keeps its id)
    quiz_ids = {e.details["quiz"] for e in page if isinstance(e.details.get("quiz"), int)}
    quiz_ids.update(pk for e in page if isinstance(e.details.get("quizzes"), list)  # a class's hand-over
                    for pk in e.details["quizzes"] if isinstance(pk, int))
    titles = {quiz.pk: _("%(title)s (#%(id)s)") % {"title": quiz.display_title, "id": quiz.pk}
              for quiz in Quiz.objects.filter(pk__in=quiz_ids)}
    # a question's label was stored in English (a snapshot in no one's language): one still in the bank is shown
    # by its stem in the interface language, as the bank and the review queue show it (one query for the page)
    language = _language()
    question_ids = {int(e.object_id) for e in page if e.object_type == "question"
                    and e.object_id.isascii() and e.object_id.isdigit()}
    stems = {str(q.pk): (q.stem_in(language), q.stem_lang(language))
             for q in Question.objects.filter(pk__in=question_ids).only("pk", "stem", "languages")}
    # a quiz rule names its topics by slug: shown by their names in the interface language (one query)
    topics = {t.slug: t.name_in(language) for t in Topic.objects.filter(slug__in=_audit_topic_slugs(page))
              .only("slug", "name", "names")}
    review = reverse("instructor:review")
    rows = [{"entry": e, "action": AUDIT_ACTIONS.get(e.action, e.action),
             "label": (stems.get(e.object_id) if e.object_type == "question" else _audit_issue_label(e))
             or (_audit_label(e), ""),
             "object_type": AUDIT_TYPES.get(e.object_type, e.object_type),
             "details": [(AUDIT_DETAILS.get(key, key),
                          titles.get(value, f"#{value}") if key == "quiz" and isinstance(value, int)
                          else join_list(titles.get(v, f"#{v}") for v in value) or "—"
                          if key == "quizzes" and isinstance(value, list)
                          else _audit_value(value, key, topics)) for key, value in e.details.items()
                         if key != "concept"],  # a note issue's concept: its label
             # a run from the generate button stored its start: the review queue shows its drafts
             "run_url": f'{review}?run={e.pk}' if e.action == "generate" and _run_started(e) else ""}
            for e in page]
    return render(request, "instructor/audit.html", {"page": page, "rows": rows, "object_type": object_type})


def _audit_label(entry):
    """An entry's stored label as pages show it: a generation run's and the built-in quizzes' and class's (the
    demo's) in the interface language, as the quiz list and the class page name them."""
    if entry.action == "generate":
        return AUDIT_LABELS.get(entry.object_label, entry.object_label)
    if entry.object_type == "quiz" and entry.object_label:
        return _(entry.object_label)  # as ``Quiz.display_title``
    if entry.object_type == "classroom":
        return class_name_shown(entry.object_label)
    return entry.object_label


# What the audit log stores (codes, kept as written) as the interface language says it.
AUDIT_ACTIONS = {
    # an action, not the status it leaves ("Approved" is also a question's status: ja 承認済み)
    "import": pgettext_lazy("audit action", "Imported"), "import_refused": gettext_lazy("Import refused"),
    "generate": gettext_lazy("Questions generated"), "retire": pgettext_lazy("audit action", "Retired"),
    "restore": gettext_lazy("Restored"), "approve": pgettext_lazy("audit action", "Approved"),
    "edit": gettext_lazy("Edited"),
    "resolve_report": gettext_lazy("Report resolved"), "import_bank": gettext_lazy("Question bank imported"),
    "create": gettext_lazy("Created"), "assign": gettext_lazy("Quiz assigned"),
    "remove_learner": gettext_lazy("Learner removed"), "extra_time": gettext_lazy("Extra time changed"),
    "unassign": gettext_lazy("Assignment removed"), "edit_assignment": gettext_lazy("Assignment changed"),
    "add_learner": gettext_lazy("Learner added"), "leave_class": gettext_lazy("Learner left"),
    "join_class": gettext_lazy("Learner joined with the code"),
    "handle_issue": gettext_lazy("Issue marked as handled"), "reopen_issue": gettext_lazy("Issue reopened"),
    "hand_over": gettext_lazy("Handed over"),
}
# A generation run has no object: its label is the command's name (kept as written), shown after its type
# ("Question generation run").
AUDIT_LABELS = {"generate_questions": gettext_lazy("generation run")}
AUDIT_TYPES = {"question": gettext_lazy("Question"), "quiz": gettext_lazy("Quiz"),
               "classroom": gettext_lazy("Class"), "notefile": gettext_lazy("Note file"),
               "issue": gettext_lazy("Note issue")}
AUDIT_DETAILS = {
    "ok": gettext_lazy("imported"), "reason": gettext_lazy("reason"), "version": gettext_lazy("version"),
    "key_changed": gettext_lazy("key changed"), "open_items_updated": gettext_lazy("open items updated"),
    "reviews_due_now": gettext_lazy("reviews due now"),
    "learner": gettext_lazy("learner"), "quiz": gettext_lazy("quiz"), "rules": gettext_lazy("rules"),
    "question_count": gettext_lazy("questions"), "review_opens": gettext_lazy("review opens"),
    "due_at": gettext_lazy("due"), "extra_minutes": gettext_lazy("extra minutes"),
    "assignment": gettext_lazy("assignment"), "from": gettext_lazy("from"), "to": gettext_lazy("to"),
    # a hand-over: the quizzes that went with a class (ids), the class a quiz went with
    "quizzes": gettext_lazy("quizzes"), "classroom": gettext_lazy("class"),
    "report": gettext_lazy("Report"),  # a resolved learner report's id
    # a generation run's counts
    "created": gettext_lazy("created"), "updated": gettext_lazy("updated"), "unchanged": gettext_lazy("unchanged"),
    "locked": gettext_lazy("locked"), "retired": gettext_lazy("retired"),
    "started_at": gettext_lazy("started"),
    # a bank import's questions that made an option correct or wrong with its explanation unchanged
    "explanations_unchanged": gettext_lazy("explanations unchanged"),
    # a note issue's identity (quiz.GenerationIssue.identity), which its handled mark is kept by
    "identity": gettext_lazy("identity"),
    "changed": gettext_lazy("changed"),  # a quiz edit's settings, each from → to
}
# A quiz's rules (``Quiz.rules``) as the quiz form names them.
AUDIT_RULES = {
    "topics": gettext_lazy("Draw only from these topics"), "topic_counts": gettext_lazy("Questions per topic"),
    "domains": gettext_lazy("Questions per domain"),
}


def _audit_issue_label(entry):
    """A note issue's label in the interface language, from the concept its entry stored (family, member and
    attribute ids); None for other entries and those written before the concept was stored."""
    concept = entry.details.get("concept")
    if entry.object_type != "issue" or not (isinstance(concept, list) and len(concept) == 3
                                            and all(isinstance(part, str) for part in concept)):
        return None
    family, member, attribute = concept
    return issue_label(GenerationIssue(family=family, member=member, attribute=attribute)), ""


def _audit_rule(value, topics):
    """One quiz rule's value: topics, or counts per topic or per domain, each by its name (``topics``: the
    names of the topics by slug; a deleted topic keeps its slug)."""
    if isinstance(value, dict):
        names = {**dict(Domain.choices), **topics}
        return join_list(f"{names.get(k, k)} {v}" for k, v in value.items())
    if isinstance(value, list):
        return join_list(topics.get(v, v) for v in value)
    return str(value)


def _audit_topic_slugs(entries):
    """The topic slugs the quiz rules of ``entries`` name (``topics`` and ``topic_counts``)."""
    slugs = set()
    for entry in entries:
        rules = entry.details.get("rules")
        if isinstance(rules, dict):
            for key in ("topics", "topic_counts"):
                if isinstance(rules.get(key), list | dict):
                    slugs.update(str(slug) for slug in rules[key])
    return slugs


def _audit_value(value, key="", topics=None):
    """A stored detail as people read it: yes/no, a review rule by its label, a time in the site's zone."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if key == "learner" and value is None:  # the learner deleted their account
        return _("a deleted account")
    if value in ("", None):
        return "—"
    if key == "review_opens":
        return dict(Assignment.ReviewOpens.choices).get(value, value)
    if key == "changed" and isinstance(value, dict):  # a quiz edit's settings: "Time limit (minutes): 30 → 1"
        labels = {**QuizForm.Meta.labels, "language": _("Language")}
        choices = {"mode": dict(Mode.choices), "language": dict(Language.choices)}

        def shown(name, setting):
            return choices.get(name, {}).get(setting) or _audit_value(setting, name)

        return "; ".join(f"{labels.get(name, name)}: {shown(name, pair[0])} → {shown(name, pair[1])}"
                         for name, pair in value.items() if isinstance(pair, list) and len(pair) == 2) or "—"
    if key == "rules" and isinstance(value, dict):  # "Questions per domain: Deployment 3, …", not a Python repr
        # in the form's order: PostgreSQL's jsonb keeps keys sorted by length, not as they were written
        order = {k: i for i, k in enumerate(AUDIT_RULES)}
        rules = sorted(value.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        pairs = ({"key": AUDIT_RULES.get(k, k), "value": _audit_rule(v, topics or {})} for k, v in rules)
        return "; ".join(_("%(key)s: %(value)s") % pair for pair in pairs) or "—"
    if isinstance(value, dict):  # quiz rules and the like: "key: value" pairs, "—" when empty
        return join_list(_("%(key)s: %(value)s") % {"key": k, "value": v} for k, v in value.items()) or "—"
    if isinstance(value, list):  # question identities
        return join_list(value) or "—"
    if key.endswith("_at") and isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        moment = parse_datetime(value)
        if moment is not None:
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    return value
