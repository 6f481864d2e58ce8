"""Practice sets and timed exams. Thin shells around ``quiz.attempts`` and ``quiz.scoring``.

Every page works without JavaScript (full-page POST, then redirect); with htmx
the same view returns a fragment (``template.html#partial``).
"""

from django.contrib import messages
import functools
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required as django_login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url, reswap

from studynotes import citing, notices
from studynotes.csrf import get_token
from studynotes.models import Domain, Section, Topic
from studynotes.punctuation import full_width_spacing, join_list
from studynotes.ratelimit import allowed, rate_limited, too_many_requests

from . import attempts, exam_panel, fastreads, feedback, pgwrites, scoring
from .attempts import LABELS, AnswerRefused, AttemptRefused, QuestionChanged
from .generation.templates import asks_for
from .forms import PracticeSetupForm, ReportForm
from .languages import language_name, say_other_languages
from .models import Attempt, Mode, ProblemReport, Question, Quiz, topic_set_name
from .selection import in_open_exam
from .templatetags.quiz_text import explanation_html, note_quotes, summary_stems

# Answer endpoints: at most this many POSTs per learner and minute (shared DB-cache counters).
ANSWER_RATE = {"limit": 120, "period": 60}


def answer_allowed(request):
    """Count an answer POST against ``ANSWER_RATE``; False when over the limit. Called inside the answer's
    transaction, so the counter's write shares the answer's (one write transaction per answer)."""
    return allowed(request, "answer", **ANSWER_RATE)

# --- access helpers -------------------------------------------------------------


def login_required(view):
    """``login_required`` that also works for htmx: a logged-out htmx request gets ``HX-Redirect`` to the
    login page (coming back to the page it was on), instead of the login form swapped into a fragment."""
    plain = django_login_required(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.htmx and not request.user.is_authenticated:
            back = _htmx_current_path(request) or request.path
            return HttpResponseClientRedirect(f"{resolve_url(settings.LOGIN_URL)}?next={quote(back)}")
        return plain(request, *args, **kwargs)

    return wrapper


def _htmx_current_path(request):
    """The path of the page an htmx request came from (its ``HX-Current-URL`` on this site), or None. The header is
    the client's: one urlsplit() cannot read (``http://[::1``) raised ValueError, a 500 instead of the login page."""
    try:
        return request.htmx.current_url_abs_path
    except ValueError:
        return None


def _attempt(request, uid, *, lock=False):
    """The request user's attempt, or 404 (others' attempts do not exist for them)."""
    queryset = Attempt.objects.select_for_update() if lock else Attempt.objects.all()
    return get_object_or_404(queryset, uid=uid, user=request.user)


def _item(attempt, number):
    if number < 1 or number > attempt.item_count:
        raise Http404("No such question in this attempt.")
    return get_object_or_404(attempt.items.all(), position=number - 1)


# reverse() with a UUID argument costs about 35 µs; an answer needs three or four of these URLs. Each pattern
# is reversed once per process and script prefix with placeholder arguments, then filled in.
_URL_UID = "00000000-0000-4000-8000-00000000cafe"
_URL_NUMBER = 987654321
_url_patterns = {}


def _attempt_url(name, uid, number=None):
    """``reverse(name, args=[uid])`` or ``reverse(name, args=[uid, number])`` for the attempt URLs."""
    key = (name, get_script_prefix(), number is None)
    pattern = _url_patterns.get(key)
    if pattern is None:
        pattern = _url_patterns[key] = reverse(name, args=[_URL_UID] if number is None else [_URL_UID, _URL_NUMBER])
    url = pattern.replace(_URL_UID, str(uid))
    return url if number is None else url.replace(str(_URL_NUMBER), str(int(number)))


def _found(read, request, uid, number, mode):
    """``read(uid, user id, position)`` of the request user's attempt ``uid`` and its item ``number``, the
    attempt of ``mode``; else 404."""
    found = read(uid, request.user.pk, number - 1) if number >= 1 else None
    if found is None:
        raise Http404("No such question in this attempt.")
    if found[0].mode != mode:
        raise Http404("Not a practice set." if mode == Mode.PRACTICE else "Not an exam.")
    return found


def _practice_attempt_and_item(request, uid, number):
    """The request user's practice set ``uid`` and its item ``number``, in one query, with the card and topic its
    answer's review starts from and whether an exam of theirs in progress asks its question
    (``item.in_open_exam``); else 404."""
    return _found(fastreads.practice_attempt_and_item, request, uid, number, Mode.PRACTICE)


def _lock_if_open(attempt, now):
    """``attempts.lock_if_open``; an attempt deleted since it was read (the learner deleted their data) is a 404."""
    try:
        return attempts.lock_if_open(attempt, now)
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None


def _language(request):
    code = (getattr(request, "LANGUAGE_CODE", "") or "en")[:2]
    return code if code in {"ja", "ko", "en"} else "en"


def _revealed(attempt, item):
    """May the key and explanations of ``item`` be shown?"""
    if attempt.mode == Mode.PRACTICE:
        return item.answered_at is not None or attempt.state != Attempt.State.IN_PROGRESS
    return attempt.state != Attempt.State.IN_PROGRESS


def option_rows(item, language, reveal, sources=()):
    """What the template may show. Without ``reveal`` there is no key and no explanation in it. ``lang``: the
    language of the option's text (the stem's), ``explanation_lang`` that of its explanation, which quotes
    ``sources`` (``item_sources``) in their notes' language."""
    rows = []
    text_lang = item.text_lang(language)
    quotes = {}
    for index, option in enumerate(item.options):
        row = {"label": LABELS[index], "text": option["text"], "lang": text_lang,
               "chosen": option["key"] in item.chosen}
        if reveal:
            row["correct"] = option["key"] in item.correct_keys
            row["explanation_lang"] = explanation_lang = item.explanation_lang(option, language)
            if explanation_lang not in quotes:
                quotes[explanation_lang] = note_quotes(sources, explanation_lang)
            row["explanation"] = explanation_html(item.explanation_in(option, language), quotes[explanation_lang],
                                                 explanation_lang)
        rows.append(row)
    return rows


def _labels(item, keys):
    by_key = {option["key"]: LABELS[i] for i, option in enumerate(item.options)}
    return [by_key[key] for key in sorted(keys, key=lambda k: by_key.get(k, "")) if key in by_key]


def source_links(items):
    """``{section id: (url, language)}`` for the sources of ``items`` (one query): ``Section.get_absolute_url()``,
    filled into the note file URL reversed once per process and script prefix (a reverse() per section cost
    ~0.1 ms), and the section's language."""
    if len(items) == 1 and hasattr(items[0], "section_files"):  # read with the item (practice answers)
        files = items[0].section_files
    else:
        files = fastreads.section_files(
            {source.get("section") for item in items for source in item.sources if source.get("section")})
    missing = {(source["section"], source.get("file", ""), source.get("heading_path", ""))
               for item in items for source in item.sources
               if source.get("section") and source["section"] not in files}
    if not files and not missing:
        return {}
    key = ("studynotes:file", get_script_prefix())
    pattern = _url_patterns.get(key)
    if pattern is None:
        pattern = _url_patterns[key] = reverse("studynotes:file", args=[_URL_NUMBER])
    number = str(_URL_NUMBER)
    links = {pk: (f"{pattern.replace(number, str(note_file_id))}#s{pk}", language)
             for pk, (note_file_id, language) in files.items()}
    for old_pk, (pk, note_file_id, language) in _sections_found_again(missing).items():
        links[old_pk] = (f"{pattern.replace(number, str(note_file_id))}#s{pk}", language)
    moved = {(getattr(item, "question_id", None), source["section"], source["quote"])
             for item in items for source in item.sources
             if source.get("section") and source["section"] not in links and source.get("quote")}
    for key, (source, note_file_id, language) in _lines_moved(moved).items():
        links[key] = (f"{pattern.replace(number, str(note_file_id))}#s{source['section']}", language, source)
    return links


def _lines_moved(missing):
    """``{(old section id, quote): (source, note file id, language)}`` for sources whose section is gone but whose
    question quotes the same line from a section still shown (its current ``source``): a section moved to another
    file, or a file split or renamed, is a new section, and the generator follows the question's lines there
    (two queries, only when such a source is left)."""
    question_ids = {question_id for question_id, _pk, _quote in missing if question_id}
    if not question_ids:
        return {}
    now_quoted = {(pk, source.get("quote")): source
                  for pk, sources in Question.objects.filter(pk__in=question_ids).values_list("pk", "sources")
                  for source in sources if source.get("section") and source.get("quote") and not source.get("gone")}
    found = {(old_pk, quote): now_quoted[question_id, quote] for question_id, old_pk, quote in missing
             if (question_id, quote) in now_quoted}
    files = fastreads.section_files({source["section"] for source in found.values()})
    return {key: (source, *files[source["section"]]) for key, source in found.items() if source["section"] in files}


def _sections_found_again(missing):
    """``{old section id: (id, note file id, language)}`` for sources whose section is not shown under its id
    but is, under the same file and heading path, under another: a section deleted in the admin and imported
    again gets a new id, and the learner's answers keep the old one (one query, only when a source is missing).
    A section retired since stays gone (a renamed heading keeps its section and id: ``importer.renamed``)."""
    if not missing:
        return {}
    rows = (Section.objects.filter(retired=False, note_file__retired=False,
                                   note_file__name__in={file for _pk, file, _path in missing},
                                   heading_path__in={path for _pk, _file, path in missing})
            .values_list("id", "note_file_id", "note_file__name", "heading_path", "language"))
    found = {(file, path): (pk, note_file_id, language) for pk, note_file_id, file, path, language in rows}
    return {old_pk: found[file, path] for old_pk, file, path in missing if (file, path) in found}


def item_sources(item, links, back=""):
    """One entry per note section (a question often quotes several lines of one section), with the lines it
    quotes (their numbers, and their text in ``quotes``) and its language (``lang``; "" for a section gone).
    Its ``url`` lands on the quoted lines, marked (``studynotes.citing``), and carries ``back``
    (``citing.back_token``: the page the learner answered on) when given."""
    merged, spans = {}, {}
    for source in item.sources:
        # a quoted line the notes no longer have (an edited question's, ``pipeline.follow_lines``): said apart,
        # not linked, as a section retired since is (its old line number would mark another line)
        line_gone = bool(source.get("gone"))
        moved = None if line_gone or source.get("section") in links else links.get(
            (source.get("section"), source.get("quote")))
        if moved:  # its line is now in another section (``_lines_moved``): listed and marked there
            url, lang, source = moved
        key = (source.get("section"), source.get("file", ""), source.get("heading_path", ""), line_gone)
        if not moved:
            url, lang = (None, "") if line_gone else links.get(key[0]) or (None, "")
        entry = merged.setdefault(key, {"url": url, "lang": lang, "file": key[1], "heading_path": key[2],
                                        "lines": [], "quotes": [],
                                        # a section the notes no longer have (retired since): said, not linked
                                        "gone": line_gone or not url and bool(key[0]) and key[0] not in links})
        if line_gone:
            continue
        line = source.get("line_start")
        if line and line not in entry["lines"]:
            entry["lines"].append(line)
        if isinstance(line, int) and line > 0:
            end = source.get("line_end")
            spans.setdefault(key, set()).add((line, end if isinstance(end, int) and end >= line else line))
        if source.get("quote"):
            entry["quotes"].append(source["quote"])
    for key, entry in merged.items():
        entry["lines"].sort()
        if entry["url"] and key in spans:
            entry["url"] = _cited_url(entry["url"], sorted(spans[key]), back)
    return list(merged.values())


def _cited_url(url, spans, back):
    """A section's URL (``/files/<id>/#s<section>``) that lands on its lines ``spans``, marked."""
    path, _hash, anchor = url.partition("#s")
    return citing.cited_url(path, anchor, spans, back)


def _item_view(attempt, item, reveal, links=None, back=""):
    sources = item_sources(item, links or {}, back) if reveal else ()
    view = {
        "item": item,
        "number": item.position + 1,
        "stem": item.stem_in(attempt.language),
        "stem_lang": item.text_lang(attempt.language),
        "figure": item.figure or {},
        "options": option_rows(item, attempt.language, reveal, sources),
        "reveal": reveal,
        "multiple": item.choose > 1,
    }
    # a "choose two" stem says it already: once is enough, and the options are described by the stem
    view["choose_said"] = view["multiple"] and asks_for(view["stem"], item.choose)
    if reveal:
        view["sources"] = sources
        view["notices"] = notices.for_topics([item.topic_slug], get_language())
        view["chosen_labels"] = _labels(item, item.chosen)
        view["key_labels"] = _labels(item, item.correct_keys)
    return view


def _render_item(request, name, partial, context):
    """An item page, or with htmx only its fragment ``name#partial``.

    The fragment is rendered without the context processors: they feed the layout (user, messages, the
    header's review count, languages), which a fragment does not have, and cost about 0.1 ms on every
    answer. Its forms get the CSRF token directly, as the ``csrf`` processor would give it.
    """
    if not request.htmx:
        return render(request, name, context)
    return HttpResponse(get_template(f"{name}#{partial}").render({**context, "csrf_token": get_token(request)}))


# --- index, practice set-up --------------------------------------------------------


INDEX_PAGE_SIZE = 20


@login_required
@require_safe
def index(request):
    now = timezone.now()
    attempts.expire_overdue(now, user=request.user)
    mine = (Attempt.objects.for_user(request.user).with_topic_names().select_related("quiz")
            .order_by("-started_at", "-id"))
    # Every open set (however many finished ones came since), and the finished ones a page at a time.
    in_progress = list(mine.in_progress())
    finished = mine.finished()
    # a set's score waits while an exam of the learner in progress asks one of its questions: with none open
    # (most learners, most of the time) the list needs no such column
    if any(attempt.mode == Mode.EXAM and not attempt.is_past_deadline(now) for attempt in in_progress):
        finished = finished.with_score_held(request.user, now)
    page = Paginator(finished, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quiz/index.html", {
        "in_progress": in_progress,
        "finished": page.object_list,
        "page": page,
    })


@login_required
@require_http_methods(["GET", "POST"])
def practice_setup(request):
    initial = {"language": _language(request), "count": attempts.PRACTICE_DEFAULT_COUNT}
    form = PracticeSetupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        topics = [t.slug for t in data["topics"]]
        ids = attempts.practice_question_ids(
            request.user, topics=topics, domains=data["domains"], language=data["language"], count=data["count"],
        )
        attempt, refused = _start_practice(request, ids, data["count"], data["language"], topics=topics,
                                           domains=data["domains"], origin="setup")
        if attempt is None:
            form.add_error(None, refused)
        else:
            return redirect(attempt.get_absolute_url())
    form.count_questions_per_language()
    return render(request, "quiz/practice_setup.html", {"form": form})


@login_required
@require_POST
def practice_topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    # A set on this topic still open is resumed, not joined by another one (sets piled up, one per click).
    # Only one in the interface language: a set keeps the language it was started in (its questions were
    # drawn for it), so a learner who switched to Japanese gets a Japanese set; the Korean one stays open.
    language = _language(request)
    current = (Attempt.objects.filter(user=request.user, mode=Mode.PRACTICE, origin="topic",
                                      language=language, state=Attempt.State.IN_PROGRESS,
                                      items__topic_slug=topic.slug)
               .order_by("-started_at").first())
    if current is not None:
        messages.info(request, _("You have a practice set on this topic open: here it is. To start a new one, "
                                 "end this one with “End this set”."))
        return redirect(current.get_absolute_url())
    ids = attempts.practice_question_ids(request.user, topics=[topic.slug], language=language)
    attempt, refused = _start_practice(request, ids, attempts.PRACTICE_DEFAULT_COUNT, language, topics=[topic.slug],
                                       title=topic.display_name, origin="topic")
    if attempt is None:
        messages.error(request, refused)
        return redirect(topic.get_absolute_url())
    return redirect(attempt.get_absolute_url())


def _start_practice(request, ids, count, language, *, topics, domains=(), **options):
    """``(attempt, None)``: a new practice set over ``ids`` (``options`` for ``start_practice``), its first page's
    messages said; or ``(None, why)`` when there is nothing to practise. A set short of the ``count`` asked for
    because an exam in progress holds questions of its ``topics`` (``domains``) says so; one with none says why."""
    held = attempts.held_by_open_exam(request.user, topics=topics, domains=domains) if len(ids) < count else 0
    try:
        attempt = attempts.start_practice(request.user, ids, language, **options)
    except AttemptRefused as error:
        return None, _held_message(held, empty=True) if held else error.messages[0]
    say_other_languages(request, attempt)
    if held:
        messages.info(request, _held_message(held))
    return attempt, None


def _held_message(n, empty=False):
    """Why a practice set is short (or not started): ``n`` of its questions are in an exam in progress."""
    if empty:
        return ngettext(
            "The only question to practise here is in your exam in progress: practice leaves it out until the "
            "exam ends.",
            "All %(n)d questions to practise here are in your exam in progress: practice leaves them out until "
            "the exam ends.", n) % {"n": n}
    return ngettext(
        "%(n)d question of these topics is in your exam in progress: this set leaves it out until the exam ends.",
        "%(n)d questions of these topics are in your exam in progress: this set leaves them out until the exam "
        "ends.", n) % {"n": n}


def _set_language_notice(request, attempt):
    """For a set whose language is not the interface's (started in Korean, viewed in Japanese): the two
    languages' names, so the page can say which language the set is in and offer one in the interface's."""
    interface = _language(request)
    if attempt.language == interface:
        return None
    return {"set": language_name(attempt.language), "interface": language_name(interface)}


# --- practice ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def practice_item(request, uid, number):
    error, earlier, answer = "", "", None
    if request.method == "POST":
        # Checked, and its review computed, before one short write transaction (SQLite lets one writer in
        # at a time): the rate-limit count, the attempt's row lock and fresh state, the answer, its review,
        # the position. On PostgreSQL that transaction is one statement (``quiz.pgwrites``); when it writes
        # nothing (the set closed, past its deadline, or gone), the transaction finds out why. The feedback is
        # rendered after the commit.
        attempt, item, prior = _practice_attempt_and_item(request, uid, number)
        now = timezone.now()
        try:
            answer = attempts.prepare_practice_answer(attempt, item, request.POST.getlist("choice"), now=now,
                                                      prior=prior, shown_version=_shown_version(request))
        except AnswerRefused as refused:
            error = refused.messages[0]
            if refused.code == "choose_exactly":  # one of "choose two": the form comes back with that tick kept
                item.chosen = attempts.chosen_keys(item, request.POST.getlist("choice"))  # (shown, not stored)
        one_statement = answer is not None and pgwrites.available()
        outcome = None
        try:
            if one_statement:
                allowed, outcome = pgwrites.answer_practice(request, attempt, item, answer, now=now,
                                                            rate=ANSWER_RATE)
                if not allowed:
                    return too_many_requests()
                if outcome == pgwrites.ANSWERED_BEFORE:
                    answer = None  # another tab answered first: that answer stands
            if outcome in (None, pgwrites.NOT_OPEN):
                with transaction.atomic():
                    if not one_statement and not answer_allowed(request):
                        return too_many_requests()
                    if answer is not None:
                        is_open, others_answered = _lock_counting(attempt, item, now)
                        if not is_open:
                            error = _("This practice set is finished.")
                        elif not attempts.store_practice_answer(attempt, item, answer, now=now,
                                                                others_answered=others_answered):
                            answer = None  # another tab answered first: that answer stands
        except QuestionChanged as changed:  # nothing written; ``item`` holds the new version, asked again
            answer, error = None, changed.messages[0]
        if not error and not request.htmx:
            return redirect("quiz:practice_item", uid=attempt.uid, number=number)
        if answer is None and not error and item.answered_at is not None:
            earlier = _earlier_answer_note(item, request.POST.getlist("choice"))
    else:
        # the practice answer's read: it says whether an exam in progress asks the question (its key is held)
        attempt, item, _prior = _practice_attempt_and_item(request, uid, number)
        attempts.move_to(attempt, item.position)
    if _revealed(attempt, item):
        return _practice_feedback(request, attempt, item, number, answered_now=answer is not None, note=earlier)
    context = {
        "attempt": attempt,
        "language_notice": _set_language_notice(request, attempt),
        "error": error,
        "total": attempt.item_count,
        **_item_view(attempt, item, reveal=False),
    }
    return _render_item(request, "quiz/practice_item.html", "item", context)


def _practice_feedback(request, attempt, item, number, *, answered_now, note):
    """The reply for a practice item whose answer is shown: its feedback (the fragment for htmx, else the page),
    with ``note`` above it. Its key waits while an exam of the learner in progress asks the question (an answer
    given before the exam began, a set ended meanwhile): ``feedback.revealed_item``'s ``held``."""
    held = item.in_open_exam
    graded_labels = []
    # not answered by this request (a page load, a second tab's answer): if graded before an instructor corrected
    # the key, say it here too
    if not answered_now and not held:
        corrected = attempts.key_corrections([item])
        if item.pk in corrected:
            labels = join_list(_labels(item, attempts.apply_correction(item, corrected[item.pk])))
            graded_labels = _labels(item, item.graded_keys)
            correction = _("An instructor corrected the answer key after you answered: the right answer is now "
                           "%(labels)s.") % {"labels": labels}
            note = full_width_spacing(f"{note} {correction}") if note else correction
    last = number >= attempt.item_count
    next_url = (_attempt_url("quiz:practice_summary", attempt.uid) if last
                else _attempt_url("quiz:practice_item", attempt.uid, number + 1))
    # The feedback (every answer returns it) is written by quiz.feedback, not rendered by the template.
    html = feedback.revealed_item(
        attempt, item, total=attempt.item_count, last=last, next_url=next_url,
        report_url=_attempt_url("quiz:report_problem", attempt.uid, number),
        key_labels=[] if held else _labels(item, item.correct_keys),
        # the source links lead back here (for this learner only)
        sources=() if held else item_sources(item, source_links([item]), citing.back_token(
            request.user.pk, _attempt_url("quiz:practice_item", attempt.uid, number))),
        csrf_token=get_token(request), note=note, held=held, graded_labels=graded_labels,
        end_url=(_attempt_url("quiz:practice_summary", attempt.uid)
                 if attempt.state == Attempt.State.IN_PROGRESS else ""),
    )
    if request.htmx:
        return HttpResponse(html)
    return render(request, "quiz/practice_item.html",
                  {"attempt": attempt, "item": item, "revealed_item": mark_safe(html),
                   "language_notice": _set_language_notice(request, attempt)})


def _shown_version(request):
    """The question version the answered page showed (its form's ``version``), or None when not sent or not a
    number (a page from before the field, a hand-made request): then the answer is checked as it arrives."""
    value = request.POST.get("version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _earlier_answer_note(item, labels):
    """What to say when a practice answer arrives for an item answered already (a second tab, a page kept
    open): the first answer stands; said only when this one chose otherwise."""
    try:
        keys = attempts.chosen_keys(item, labels)
    except AnswerRefused:
        keys = None
    if keys == sorted(item.chosen):
        return ""
    return _("This question was answered already (in another tab or earlier): that first answer counts, "
             "this one was not recorded.")


SUMMARY_STEM_CHARS = 90


@login_required
@require_http_methods(["GET", "POST"])
def practice_summary(request, uid):
    attempt = _attempt(request, uid)
    if attempt.mode != Mode.PRACTICE:
        raise Http404("Not a practice set.")
    if request.method == "POST":  # "end the set now": unanswered items count as not right
        with transaction.atomic():
            attempt = _attempt(request, uid, lock=True)
            attempts.grade(attempt, now=timezone.now())
        return redirect("quiz:practice_summary", uid=attempt.uid)
    now = timezone.now()
    items = list(attempt.items.with_in_open_exam(request.user, now))
    if attempt.state == Attempt.State.IN_PROGRESS and items and all(item.answered_at for item in items):
        # every item answered and not graded: the last answer's grading did not happen (on PostgreSQL it runs
        # after the answer's own statement; a worker killed in between): graded now
        attempts.finish_if_done(attempt, now=now)
    corrected = attempts.key_corrections([item for item in items if not item.in_open_exam])
    # each row says which question it was, not only its topic: by what its stem says and the others' do not
    stems = summary_stems([item.stem_in(attempt.language) for item in items], SUMMARY_STEM_CHARS)
    for item, stem in zip(items, stems):
        item.summary_stem = stem
        item.summary_lang = item.text_lang(attempt.language)  # a stem only in its notes' language is marked so
        item.corrected_labels = (_labels(item, attempts.apply_correction(item, corrected[item.pk]))
                                 if item.pk in corrected else [])
    result = scoring.grade((item.domain, item.correct) for item in items)
    # the score and the domains' figures would tell a held item's verdict (in a one-question set, they are
    # it): they wait for the exam's end with it
    score_held = any(item.in_open_exam for item in items)
    answered = sum(1 for item in items if item.answered_at)
    topic_slugs = {item.topic_slug for item in items}
    return render(request, "quiz/practice_summary.html", {
        "attempt": attempt, "items": items, "result": result, "answered": answered, "set_name": _set_name(attempt, items),
        "score_held": score_held, "domains": [] if score_held else _domain_rows(result),
        "again_topic": topic_slugs.pop() if attempt.origin == "topic" and len(topic_slugs) == 1 else None,
    })


def _set_name(attempt, items):
    """What a practice summary's heading calls the set: its topic, in the viewer's language ("Amazon S3 and 7
    more topics" for a set from the practice setup; its title "Practice" said nothing), else its title."""
    if attempt.origin == "topic" and items:
        return items[0].display_topic_name
    if attempt.origin == "setup" and items:
        return topic_set_name(items[0].display_topic_name, len({item.topic_slug for item in items}) - 1)
    return attempt.display_title


def _domain_rows(result):
    labels = dict(Domain.choices)
    return [{"label": labels.get(d.domain, d.domain), "score": d} for d in result.domains]


# --- exams -----------------------------------------------------------------------------


@login_required
@require_safe
def exam_list(request):
    now = timezone.now()
    attempts.mock_exam()
    attempts.expire_overdue(now, user=request.user)
    quizzes = list(Quiz.objects.exams().published().open_at(now).with_fixed_counts().order_by("title"))
    mine = Attempt.objects.for_user(request.user).filter(quiz__in=quizzes)
    current = {a.quiz_id: a for a in mine.in_progress()}
    best, last = {}, {}  # so the learner can choose: their best score and, when another attempt, their last
    finished = mine.finished().only("quiz_id", "scaled_score", "passed", "uid", "mode", "state", "position",
                                    "submitted_at").order_by("submitted_at", "id")
    for attempt in finished:
        if attempt.quiz_id not in best or (attempt.scaled_score or 0) > (best[attempt.quiz_id].scaled_score or 0):
            best[attempt.quiz_id] = attempt
        last[attempt.quiz_id] = attempt
    assigned = _assignments_by_quiz(request.user, quizzes)  # {quiz id: (extra minutes, due date, a class)}
    rows = [{"quiz": q, "current": current.get(q.pk), "best": best.get(q.pk),
             "last": last[q.pk] if q.pk in last and last[q.pk] is not best[q.pk] else None,
             "time_limit": _own_minutes(q, current.get(q.pk), assigned.get(q.pk, (0,))[0]),
             "assigned_by": assigned[q.pk][2] if q.pk in assigned else None,
             "due_at": assigned[q.pk][1] if q.pk in assigned else None} for q in quizzes]
    return render(request, "quiz/exam_list.html", {"rows": rows, "any_due": any(row["due_at"] for row in rows)})


@login_required
@require_http_methods(["GET", "POST"])
def exam_start(request, slug):
    quiz = Quiz.objects.published().filter(slug=slug).first()
    if quiz is None:
        return _not_published(request, slug)
    error = ""
    if request.method == "POST":
        try:
            attempt, _created = attempts.start_exam(request.user, quiz, _language(request))
        except AttemptRefused as refused:
            error = refused.messages[0]
        else:
            return redirect(attempt.get_absolute_url())
    now = timezone.now()
    # this quiz's attempt in progress and, in the same query, the learner's other exams open now
    mine = Attempt.objects.for_user(request.user)
    in_progress = list(mine.in_progress().filter(Q(quiz=quiz) | Q(pk__in=mine.open_exams(now).values("pk")))
                       .order_by("-started_at"))
    current = next((a for a in in_progress if a.quiz_id == quiz.pk), None)
    other_exam = next((a for a in in_progress if a.quiz_id != quiz.pk), None)
    if current is not None and _grade_if_overdue(request, current, now):
        current = None
    # closed (or not open yet) with nothing to resume: say so now rather than offer a button that is refused
    closed = current is None and not quiz.is_open(now)
    if closed:
        error = _closed_message(quiz, now)
    left = None
    if quiz.attempts_allowed is not None:
        left = max(0, quiz.attempts_allowed - Attempt.objects.for_user(request.user).filter(quiz=quiz).count())
    # the number of questions an attempt gets now: the bank may have fewer than the quiz asks for
    language = quiz.language or _language(request)
    if current is not None:
        asked, in_language = current.item_count, None
    else:
        asked, in_language = attempts.question_count_now(quiz, language)
    empty = current is None and asked == 0 and not closed
    if empty:  # say so now rather than offer a button that is refused
        error = _("This exam has no questions yet.")
    extra = _extra_minutes_by_quiz(request.user, [quiz]).get(quiz.pk, 0)
    due_at = _due_at(request.user, quiz)
    overdue = (due_at is not None and due_at <= now
               and not Attempt.objects.for_user(request.user).filter(quiz=quiz).finished().exists())
    return render(request, "quiz/exam_start.html", {
        "quiz": quiz, "current": current, "error": error, "closed": closed or empty, "attempts_left": left,
        # two exams at once: the answers to the questions both ask are held until both end (docs/QUIZ.md)
        "other_exam": other_exam if quiz.mode == Mode.EXAM and not closed else None,
        "time_limit": _own_minutes(quiz, current, extra), "idle_days": settings.QUIZ_IDLE_EXAM_DAYS,
        "due_at": due_at, "overdue": overdue,
        # past the due date the quiz stays open (until it closes): say when its answers can be reviewed
        "overdue_review": _overdue_review(request.user, quiz, now) if overdue and not closed else "",
        "question_count": asked,
        # "some questions ask for two or more answers" only where one does, or a draw may give one
        "asks_several": asked > 0 and attempts.may_ask_several(quiz, current),
        # fewer questions in the learner's language than the exam asks: the others come in their notes' language
        "other_language_count": asked - in_language if in_language is not None and in_language < asked else 0,
        # a fixed list's questions are the instructor's choice, not what the bank lacks
        "fixed_list": bool(in_language is not None and in_language < asked and quiz.questions.exists()),
        "language_name": language_name(language),
    })


def _local(moment):
    """A time as the pages write it, in the viewer's zone, with the zone named."""
    # Translators: a time and its zone, "2026-11-27 07:37 (UTC)" (Japanese "（UTC）")
    return _("%(time)s (%(zone)s)") % {"time": timezone.localtime(moment).strftime("%Y-%m-%d %H:%M"),
                                       "zone": timezone.get_current_timezone_name()}


def _closed_message(quiz, now):
    """Why ``quiz`` cannot be started at ``now``, with the time it opens or closed."""
    if quiz.opens_at is not None and now < quiz.opens_at:
        return _("This exam opens on %(when)s.") % {"when": _local(quiz.opens_at)}
    if quiz.closes_at is not None and now >= quiz.closes_at:
        return _("This exam closed on %(when)s.") % {"when": _local(quiz.closes_at)}
    return _("This exam is not open now.")


def _overdue_review(user, quiz, now):
    """When the answers of an exam started after its due date can be reviewed (a practice set shows each one as
    it is answered): an "after the due date" rule has opened by now."""
    if quiz.mode != Mode.EXAM:
        return ""
    from quiz.instructor.services import review_allowed

    if review_allowed(user, quiz, now):
        return _("Your answers open for review as soon as you submit.")
    return _review_closed_message(user, quiz, now)


def _not_published(request, slug):
    """An unpublished quiz's start page: for a learner whose class it is assigned to (a bookmarked or old link), a
    page saying it is not open, with the way back; for anyone else, as for a quiz that does not exist, a 404.
    A learner with an attempt at it in progress (unpublished, or unassigned, since it started) is offered it: the
    attempt still takes answers, and this is where the start page's "Resume" button used to be."""
    quiz = Quiz.objects.filter(slug=slug, published=False).first()
    current = quiz and Attempt.objects.for_user(request.user).in_progress().filter(quiz=quiz).order_by(
        "-started_at").first()
    if current is not None and _grade_if_overdue(request, current, timezone.now()):  # its time ran out: graded
        current = None
    if quiz is None or (current is None and not _assigned(request.user, quiz)):
        raise Http404("No such quiz.")
    return render(request, "quiz/exam_not_open.html", {"quiz": quiz, "current": current}, status=404)


def _assigned(user, quiz):
    try:
        from quiz.instructor.services import is_assigned
    except ImportError:  # pragma: no cover - instructor app not installed
        return False
    return is_assigned(user, quiz)


def _due_at(user, quiz):
    try:
        from quiz.instructor.services import due_at
    except ImportError:  # pragma: no cover - instructor app not installed
        return None
    return due_at(user, quiz)


def _own_minutes(quiz, current, extra_minutes):
    """The learner's own time on ``quiz`` in minutes (0 or None: no limit), as the start page and the exam list
    give it: the quiz's limit and the ``extra_minutes`` a class of theirs gives, or, with ``current``, the attempt
    in progress, the time it started with (it keeps its deadline)."""
    if current is not None and current.ends_when_idle:
        return None
    if current is not None and current.deadline:
        return round((current.deadline - current.started_at).total_seconds() / 60)
    if quiz.time_limit_minutes:
        return quiz.time_limit_minutes + extra_minutes
    return quiz.time_limit_minutes


def _assignments_by_quiz(user, quizzes):
    try:
        from quiz.instructor.services import assignments_by_quiz
    except ImportError:  # pragma: no cover - instructor app not installed
        return {}
    return assignments_by_quiz(user, quizzes)


def _extra_minutes_by_quiz(user, quizzes):
    try:
        from quiz.instructor.services import extra_minutes_by_quiz
    except ImportError:  # pragma: no cover - instructor app not installed
        return {}
    return extra_minutes_by_quiz(user, quizzes)


def _exam_attempt(request, uid, *, lock=False):
    attempt = _attempt(request, uid, lock=lock)
    if attempt.mode != Mode.EXAM:
        raise Http404("Not an exam.")
    return attempt


def _exam_attempt_and_item(request, uid, number):
    """The request user's exam ``uid`` and its item ``number`` (the fields the panel and an answer use), in one
    query; else 404."""
    return _found(fastreads.exam_attempt_and_item, request, uid, number, Mode.EXAM)


def _grade_if_overdue(request, attempt, now):
    """Expire an attempt whose time ran out (graded at its deadline). True if it is no longer open."""
    if attempt.state == Attempt.State.IN_PROGRESS and attempt.is_past_deadline(now):
        with transaction.atomic():
            locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
            attempts.expire_if_due(locked, now)
        return True
    return attempt.state != Attempt.State.IN_PROGRESS


def _to_result(request, attempt, message=""):
    if message:
        messages.info(request, message)
    url = reverse("quiz:exam_result", args=[attempt.uid])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _item_base(attempt):
    """The exam item URL without its number (escaped): ``item_base + f"{number}/"`` is question ``number``."""
    return escape(_attempt_url("quiz:exam_item", attempt.uid, 1)[:-2])


def _navigator(attempt, current_position):
    """The navigator's cells as markup, how many items are answered (one query, quiz.fastreads), and the
    current item's URL.

    65 cells on every item view: written by ``quiz.exam_panel.navigator_cells``, not by a template loop (the
    loop, with its per-cell lookups and number localisation, cost about 1 ms, two thirds of the panel). Same
    markup as the template made; ``quiz/tests/test_exam_navigator.py`` checks it against the old template.
    """
    item_base = _item_base(attempt)
    rows = getattr(attempt, "navigator", None)  # read with the attempt (fastreads.exam_attempt_and_item)
    if rows is None:
        rows = fastreads.navigator_rows(attempt.pk)
    cells = exam_panel.navigator_cells(item_base, rows, current_position)
    answered_count = sum(answered for _position, answered, _flagged, _partial in rows)
    return mark_safe(cells), answered_count, f"{item_base}{current_position + 1}/"


def _lock_counting(attempt, item, now):
    """``_lock_if_open`` that also counts, under the same lock, the attempt's answered items other than
    ``item``: ``(open, others_answered)``, for an exam save's "n of N answered" and a practice set's last
    answer (which grades it) without a query of their own."""
    try:
        attempt.state, attempt.deadline, others = fastreads.lock_state_counting(attempt.pk, item.pk)
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None
    return attempt.state == Attempt.State.IN_PROGRESS and not attempt.is_past_deadline(now), others


def _partly_answered(item):
    """Some options chosen, too few to count as answered (one of a "choose two"): it scores zero, as an
    unanswered item does, but the learner did touch it, and the navigator and the review page say so."""
    return item.answered_at is None and bool(item.chosen)


def _exam_saved(attempt, item, others_answered):
    """The answer to an htmx save (an option picked, no button pressed): nothing is swapped in place (the
    choice is already on the page and the keyboard focus stays on it, as when the panel was swapped and
    htmx restored the focus); out-of-band swaps bring what depends on the choice: the item's navigator
    cell, the "n of N answered" counter, the "(c of n chosen)" count of a choose-n item, an empty error
    slot (a refused choice before this one showed its message there) and the form's ``shown`` field. Each target is looked up inside the
    panel of this question only: a reply arriving after the learner moved on changes nothing.

    ``quiz/tests/test_exam_save.py`` checks each piece against the panel the template renders.
    """
    number = item.position + 1
    scope = f"#exam-panel[data-number='{number}']"
    answered = others_answered + (item.answered_at is not None)
    total = attempt.item_count
    parts = [
        exam_panel.cell(_item_base(attempt), number, item.answered_at is not None, item.flagged, True,
                        oob=f"outerHTML:{scope} .cell.current", partial=_partly_answered(item)),
        f'<span hx-swap-oob="innerHTML:{scope} .answered-count">'
        f"{exam_panel.answered_text(answered, total)}</span>",
        f'<div hx-swap-oob="innerHTML:{scope} .exam-error"></div>',
        # the choice saved is now the one the page shows (``_untouched``)
        f'<input type="hidden" name="shown" value="{",".join(attempts.label_of(item, key) for key in item.chosen)}"'
        f' hx-swap-oob="outerHTML:{scope} input[name=shown]">',
    ]
    if item.choose > 1:
        parts.append(f'<span hx-swap-oob="innerHTML:{scope} .chosen-count">'
                     f"{exam_panel.chosen_text(len(item.chosen), item.choose)}</span>")
    return reswap(HttpResponse("\n".join(parts)), "none")


def _exam_panel(request, context):
    """The exam item page, or with htmx only its panel, written by ``quiz.exam_panel`` (the markup of the
    template's ``panel`` partial, without the template engine's cost)."""
    if not request.htmx:
        # a whole page (a refused answer posted without JavaScript): its message takes the keyboard focus, as a
        # refused form's does; an htmx reply leaves the focus on the option the learner is on
        return render(request, "quiz/exam_item.html", {**context, "focus_error": True})
    return HttpResponse(exam_panel.panel_html(context, get_token(request)))


def _exam_context(attempt, item, now, error=""):
    cells, answered_count, item_url = _navigator(attempt, item.position)
    view = _item_view(attempt, item, reveal=False)
    return {
        "item_url": item_url,
        "attempt": attempt,
        "error": error,
        "total": attempt.item_count,
        "navigator_cells": cells,
        "answered_count": answered_count,
        "seconds_left": attempt.seconds_left(now),
        "has_prev": item.position > 0,
        "has_next": item.position + 1 < attempt.item_count,
        "chosen_count": len(item.chosen),
        # the labels ticked as the page shows them: a button pressed on a page whose choice the learner left
        # as shown keeps the stored choice (see ``_untouched``)
        "shown": ",".join(option["label"] for option in view["options"] if option["chosen"]),
        **view,
    }


def _untouched(request, labels):
    """True when the posted choice is the one the page was rendered with (its ``shown`` field): the learner
    pressed a button (Next, Previous, Flag, Review) without changing the choice on this page. Such a post
    keeps the stored choice, which may be newer than the page: a page brought back by the browser's Back
    button or kept open in a second tab shows an older choice (or none), and pressing Next there must not
    erase the answer given since. A post without ``shown`` (a client of its own) sets the choice it sends."""
    shown = request.POST.get("shown")
    if shown is None:
        return False

    def tidy(values):
        return sorted(str(value).strip().upper() for value in values if str(value).strip())

    return tidy(labels) == tidy(shown.split(","))


@login_required
@cache_control(no_store=True)  # Back after submitting asks the server (it sends the result), not a page with a live clock
@require_http_methods(["GET", "POST"])
def exam_item(request, uid, number):
    now = timezone.now()
    if request.method == "GET":
        attempt, item = _exam_attempt_and_item(request, uid, number)
        if _grade_if_overdue(request, attempt, now):
            return _to_result(request, attempt)
        attempts.move_to(attempt, item.position, now)
        response = _exam_panel(request, _exam_context(attempt, item, now))
        return push_url(response, request.path) if request.htmx else response

    action = request.POST.get("action", "save")
    labels = request.POST.getlist("choice")
    # Reads and checks first; then one short write transaction (SQLite lets one writer in at a time): the
    # rate-limit count, the attempt's row lock and fresh state, the item's UPDATE, the position. The next
    # panel is read and rendered after the commit.
    attempt, item = _exam_attempt_and_item(request, uid, number)
    error, changes, target = "", {}, item.position
    if attempt.state == Attempt.State.IN_PROGRESS and not attempt.is_past_deadline(now):
        try:
            changes = attempts.exam_answer_changes(attempt, item, None if _untouched(request, labels) else labels,
                                                   now=now, flag={"flag": True, "unflag": False}.get(action),
                                                   shown_version=_shown_version(request))
        except AnswerRefused as refused:
            error = refused.messages[0]
        target = max(0, min(item.position + {"next": 1, "prev": -1}.get(action, 0), attempt.item_count - 1))
    counting = action == "save" and request.htmx  # its reply shows "n of N answered"
    # PostgreSQL: the write transaction below as one statement (``quiz.pgwrites``). When that statement
    # writes nothing (the exam closed, past its deadline, or gone), the transaction finds out why.
    one_statement = not error and pgwrites.available()
    written = False
    if one_statement:
        try:
            allowed, written, others_answered = pgwrites.save_exam_answer(
                request, attempt, item, changes, target, now=now, rate=ANSWER_RATE, counting=counting)
        except QuestionChanged as changed:  # the item not written; the attempt moved: back to this item
            error = changed.messages[0]
            attempts.move_to(attempt, item.position, now)
        else:
            if not allowed:
                return too_many_requests()
    if not written:
        with transaction.atomic():
            if not one_statement and not answer_allowed(request):
                return too_many_requests()
            if error:
                is_open = True  # nothing is written
            elif counting:
                is_open, others_answered = _lock_counting(attempt, item, now)
            else:
                is_open = _lock_if_open(attempt, now)
            if not is_open:
                return _closed_exam(request, uid, attempt, now)
            if not error:
                try:
                    attempts.write_item_changes(item, changes)
                except QuestionChanged as changed:  # nothing written; ``item`` holds the new version
                    error = changed.messages[0]
                else:
                    attempts.move_to(attempt, target, now)
    navigator = getattr(attempt, "navigator", None)  # read before the write: this item's cell as it is now
    if navigator is not None and item.position < len(navigator):
        navigator[item.position] = (item.position, item.answered_at is not None, item.flagged,
                                    _partly_answered(item))
    if error:
        return _exam_panel(request, _exam_context(attempt, item, now, error=error))
    if action == "review":
        url = reverse("quiz:exam_review", args=[attempt.uid])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    url = _attempt_url("quiz:exam_item", attempt.uid, target + 1)
    if not request.htmx:
        return redirect(url)
    if counting:
        return _exam_saved(attempt, item, others_answered)
    if target != item.position:
        # read with the answer's write on PostgreSQL (quiz.pgwrites), else now
        item = attempt.next_item if written else fastreads.exam_item_at(attempt, target)
        if item is None:
            raise Http404("No such question in this attempt.")
    response = _exam_panel(request, _exam_context(attempt, item, now))
    return push_url(response, url)


def _closed_exam(request, uid, attempt, now):
    """The reply to an answer its exam no longer takes (call inside ``transaction.atomic()``, the attempt
    locked and its state fresh): submitted, or past its deadline (graded at it now, if nobody has yet)."""
    if attempt.state == Attempt.State.SUBMITTED:
        return _to_result(request, attempt, _("This exam has already been submitted."))
    # expired: graded at its deadline, now or before the answer came (another page or tab, ``expire_attempts``)
    attempt = _exam_attempt(request, uid, lock=True)
    attempts.expire_if_due(attempt, now)
    if attempt.ends_when_idle:
        return _to_result(request, attempt, idle_ended_message())
    return _to_result(request, attempt, _("Time is up: answers are no longer accepted. "
                                          "Your exam was graded at its deadline."))


def idle_ended_message():
    days = settings.QUIZ_IDLE_EXAM_DAYS
    return ngettext("This exam was left without activity for %(days)d day, so it was ended and graded as it stood.",
                    "This exam was left without activity for %(days)d days, so it was ended and graded as it stood.",
                    days) % {"days": days}


@login_required
@cache_control(no_store=True)
@require_safe
def exam_review(request, uid):
    now = timezone.now()
    attempt = _exam_attempt(request, uid)
    if _grade_if_overdue(request, attempt, now):
        return _to_result(request, attempt)
    attempts.move_to(attempt, attempt.position, now)  # reviewing before submitting is activity too (idle deadline)
    items = list(attempt.items.only("position", "chosen", "answered_at", "flagged", "choose", "attempt_id"))
    return render(request, "quiz/exam_review.html", {
        "attempt": attempt,
        "grid": items,
        "unanswered": [item for item in items if item.answered_at is None and not item.chosen],
        "partial": [item for item in items if _partly_answered(item)],
        "flagged": [item for item in items if item.flagged],
        "seconds_left": attempt.seconds_left(now),
        # the phone's time bar says "n of N answered" here too, as on the question pages
        "answered_count": sum(item.answered_at is not None for item in items),
        "total": len(items),
    })


@login_required
@require_POST
def exam_submit(request, uid):
    with transaction.atomic():
        attempt = _exam_attempt(request, uid, lock=True)
        attempts.submit(attempt, now=timezone.now())
    return _to_result(request, attempt)


def _review_allowed(user, attempt, now):
    try:
        from quiz.instructor.services import review_allowed
    except ImportError:  # pragma: no cover - instructor app not installed
        return True
    return review_allowed(user, attempt.quiz, now)


def _review_closed_message(user, quiz, now):
    """Why the answers of a graded exam of ``quiz`` are not shown, and when they will be."""
    from quiz.instructor.services import review_opens_at

    opens = review_opens_at(user, quiz, now)
    if opens is None:
        return _("Your class does not open the answers of this exam for review.")
    return _("The answers of this exam open for review on %(when)s, the due date.") % {"when": _local(opens)}


RESULT_STEM_CHARS = 120


@login_required
@require_safe
def exam_result(request, uid):
    now = timezone.now()
    attempt = _exam_attempt(request, uid)
    if not _grade_if_overdue(request, attempt, now):
        return redirect(attempt.get_absolute_url())
    attempt.refresh_from_db()
    # an item whose question the learner's exam in progress asks again keeps its key until that exam ends
    items = list(attempt.items.with_in_open_exam(request.user, now))
    # and so do the others: beside the score (the exam's grade, on the lists too), their verdicts or the domains'
    # figures would tell a held one's by subtraction, and with the learner's choice shown, its key
    held = any(item.in_open_exam for item in items)
    for item in items:
        item.in_open_exam = held
    result = scoring.grade(((item.domain, item.correct) for item in items), attempt.pass_mark)
    review = attempt.quiz_id is None or _review_allowed(request.user, attempt, now)
    if review and attempt.reviews_withheld:
        attempts.catch_up_reviews(request.user, now, [attempt])  # review opened since grading: reviews now
    # The review lists every question (a 65-question exam is a long page): ?show=wrong keeps the ones not
    # right (wrong or unanswered), ?show=flagged the flagged ones.
    show = request.GET.get("show", "")
    if held and show == "wrong":  # its list would be empty, as if nothing was wrong: the whole list instead
        show = ""
    wrong = [item for item in items if not item.correct and not item.in_open_exam]  # (a held one: not said)
    shown = {
        "wrong": wrong,
        "flagged": [item for item in items if item.flagged],
    }.get(show, items)
    links = source_links(shown) if review else {}
    views = []
    if review:
        # a closed question's line says what tells it from the exam's others (a topic's questions share their
        # setting and question: cut at the start, they read alike), the same on a filtered list
        starts = dict(zip((item.pk for item in items),
                          summary_stems([item.stem_in(attempt.language) for item in items], RESULT_STEM_CHARS)))
        # a key an instructor corrected after grading: the question shows the key it has now (options,
        # explanations) and says so; the verdict and the score stay as graded
        corrected = attempts.key_corrections(shown)
        for item in shown:
            if item.in_open_exam:  # the question and the learner's choice; no key, verdict nor explanation yet
                views.append({**_item_view(attempt, item, False), "chosen_labels": _labels(item, item.chosen),
                              "stem_start": starts[item.pk]})
                continue
            labels = _labels(item, attempts.apply_correction(item, corrected[item.pk])) if item.pk in corrected else []
            # the source links lead back to this question of this page (for this learner only)
            back = citing.back_token(request.user.pk, f"{request.get_full_path()}#q{item.position + 1}")
            view = _item_view(attempt, item, True, links, back)
            view["stem_start"] = starts[item.pk]
            if item.key_changed_in_exam:  # corrected while the exam was open: graded with the corrected key
                view["key_changed_in_exam"] = True
                view["shown_right"] = sorted(item.chosen) == sorted(item.shown_keys)
            if labels:
                view["corrected_labels"] = labels
                view["graded_labels"] = _labels(item, item.graded_keys)
                view["now_right"] = sorted(item.chosen) == item.correct_keys
            views.append(view)
    return render(request, "quiz/exam_result.html", {
        "attempt": attempt,
        "result": result,
        "domains": [] if held else _domain_rows(result),
        "review": review,
        "views": views,
        "held": held,  # no "Wrong or not answered" filter: its "(0)" told a learner with 18 wrong they had none
        "show": show if show in ("wrong", "flagged") else "",
        "counts": {"all": len(items), "wrong": len(wrong),
                   "flagged": sum(1 for item in items if item.flagged)},
        "grid": items,
        "shown_numbers": {item.number for item in shown},
        "report_form": ReportForm(),
        # partly answered items score zero too, but are counted apart, as the review screen lists them
        "unanswered": sum(1 for item in items if item.answered_at is None and not item.chosen),
        "partial": sum(1 for item in items if _partly_answered(item)),
        "review_closed": "" if review else _review_closed_message(request.user, attempt.quiz, now),
        "idle_ended": idle_ended_message() if attempt.ends_when_idle and attempt.state == Attempt.State.EXPIRED else "",
    })


@login_required
@require_POST
def exam_practise_wrong(request, uid):
    """A practice set of the questions a finished exam got wrong or left blank, in the exam's language: once its
    answers may be reviewed (the result page shows them then, and the button with them), none held by an exam in
    progress, retired questions left out."""
    now = timezone.now()
    attempt = _exam_attempt(request, uid)
    if not _grade_if_overdue(request, attempt, now):
        return redirect(attempt.get_absolute_url())  # still being taken: nothing is wrong yet
    if not (attempt.quiz_id is None or _review_allowed(request.user, attempt, now)):
        raise PermissionDenied("The answers of this exam are not open for review.")
    result = reverse("quiz:exam_result", args=[attempt.uid])
    if attempt.items.filter(question_id__in=in_open_exam(request.user, now)).exists():
        messages.info(request, _("The answers are shown after your exam in progress ends: practise them then."))
        return redirect(result)
    ids = list(attempt.items.filter(Q(correct=False) | Q(correct__isnull=True), question__isnull=False)
               .exclude(question__status=Question.Status.RETIRED).order_by("position")
               .values_list("question_id", flat=True))
    if not ids:
        messages.info(request, _("Nothing to practise: every question of this exam still asked was right."))
        return redirect(result)
    practice = attempts.start_practice(request.user, ids, attempt.language, title=gettext_noop("Wrong answers"),
                                       origin="wrong")
    return redirect(practice.get_absolute_url())


# --- problem reports -----------------------------------------------------------------


@login_required
@rate_limited("report", limit=30, period=3600)
@require_POST
def report_problem(request, uid, number):
    attempt = _attempt(request, uid)
    item = _item(attempt, number)
    if not _revealed(attempt, item):
        raise Http404("Report after answering.")
    form = ReportForm(request.POST)
    done = False
    if form.is_valid():
        ProblemReport.objects.create(user=request.user, question_id=item.question_id, item=item,
                                     text=form.cleaned_data["text"])
        done = True
        form = ReportForm()
        if not request.htmx:
            messages.success(request, _("Thank you: an instructor will look at this question."))
    if request.htmx:
        return render(request, "quiz/_report.html", {"attempt": attempt, "number": number, "report_form": form,
                                                     "done": done})
    if done:
        back = (reverse("quiz:practice_item", args=[attempt.uid, number]) if attempt.mode == Mode.PRACTICE
                else reverse("quiz:exam_result", args=[attempt.uid]) + f"#q{number}")
        return redirect(back)
    return render(request, "quiz/report.html", {"attempt": attempt, "number": number, "report_form": form})
