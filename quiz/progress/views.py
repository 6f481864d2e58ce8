"""Progress views: dashboard, review queue, ratings, settings, export and deletion."""

import csv
import functools
import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quiz.attempts import catch_up_reviews
from quiz.languages import say_other_languages
from quiz.models import ProblemReport, Question
from studynotes.csrf import get_token
from studynotes.pagecache import STAMP_KEY, code_version, pack, unpack
from studynotes.ratelimit import rate_limited

from . import charts, dashreads, exports, mastery, reviews
from .dashboard import MAX_AGE, freshness, shared_data, stale_at
from .dashboard import dashboard as dashboard_data
from .dashboard import exam_scores
from .forms import DeleteAccountForm, DeleteForm, LearnerSettingsForm, RatingForm
from .models import LearnerSettings, ReviewCard, ReviewLog

REVIEW_SET_SIZE = 20
WEAKEST_TOPICS = 3
WEAKEST_SET_SIZE = 10


def _language(request):
    return (getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en")[:2]


def month_day_format():
    """A chart label's month and day as the language writes them short ("11/27", Korean "11. 27."): Django's
    formats have none without the year."""
    return pgettext("a date on a chart's axis: month and day, as a Django date format", "n/j")


@functools.lru_cache(maxsize=1024)
def _format_day(day, fmt, language):
    """``dateformat.format(day, fmt)`` in ``language`` (the active one), kept per process: a dashboard writes 60
    to 130 dates (chart labels, table rows), the same days for every learner, and Django parses the format on
    each call (the chart labels' dates cost a render some 0.6 ms)."""
    return dateformat.format(day, fmt)


def _charts(data):
    """SVG for the dashboard's charts (tables are in the template, from the same data)."""
    short, language = month_day_format(), translation.get_language()
    accuracy = data["accuracy"]
    days = data["forecast"]
    exams = data["exams"]
    # the line the exams' scores are read against: their own pass mark, when they share one (an instructor's exam
    # may pass at 700, the mock exam at 720); exams of several pass marks get none (each row of the table says its own)
    marks = {e["pass_mark"] for e in exams}
    exam_pass_mark = marks.pop() if len(marks) == 1 else None
    return {
        "exam_pass_mark": exam_pass_mark,
        "accuracy_chart": charts.line_chart(
            [d.percent for d in accuracy], [_format_day(d.day, short, language) for d in accuracy],
            title=_("Accuracy per day, last 30 days"), low=0, high=100, y_suffix="%",
        ),
        "forecast_chart": charts.bar_chart(
            [d["shown"] for d in days], [_format_day(d["day"], short, language) for d in days],
            extra=[d["carried"] for d in days], title=_("Reviews due over the next 14 days"),
        ),
        "exam_chart": charts.line_chart(
            [e["scaled_score"] for e in exams], exam_labels([e["submitted_at"] for e in exams]),
            title=_("Exam scores"), low=100, high=1000, reference=exam_pass_mark, ticks=3,
        ) if exams else None,
    }


def exam_labels(times):
    """The exam chart's labels: each exam's local date ("11/26"), with its time ("11/26 14:05") when another
    exam was on the same day (three "11/26" under three points said nothing)."""
    local = [timezone.localtime(t) for t in times]
    short, language = month_day_format(), translation.get_language()
    days = [_format_day(t.date(), short, language) for t in local]
    return [f"{day} {t:%H:%M}" if days.count(day) > 1 else day for day, t in zip(days, local)]


# Stands for the CSRF token in a cached dashboard; each response gets the request's own token in its place.
CSRF_SLOT = "csrfslot7f3a9c2e5b1d4e8a"


@functools.lru_cache(maxsize=64)
def _static(language, prefix):
    """What the dashboard body shows alike to everyone with the same language: its URLs and the "My data"
    section, rendered once per process, language and script prefix (they depend on the code only; the URL
    tags and translations were a fifth of the body's rendering)."""
    from django.urls import reverse

    with translation.override(language):
        return {
            "urls": {**{name: reverse(f"progress:{name}") for name in ("review", "practise_weakest")},
                     "practice": reverse("quiz:practice_setup")},
            "my_data": mark_safe(render_to_string("progress/_my_data.html")),
        }


@receiver(setting_changed)
def _forget_static(**kwargs):
    """Tests that change settings (languages, URLs) get freshly rendered pieces."""
    _static.cache_clear()


@functools.lru_cache(maxsize=4096)
def _topic_head(slug, url, name):
    """A mastery row's start: derived from its arguments alone, so kept per process (a renamed topic is a new
    key); escaping three strings per topic was a third of the tables' time."""
    return f'<tr data-topic="{escape(slug)}"><th scope="row"><a href="{escape(url)}">{escape(name)}</a></th>'


def _mastery_tables(domains):
    """Each domain's mastery table as HTML, built here: the template loops were half the dashboard's rendering
    (same markup, checked against the template in test_dashboard_cache.py)."""
    head = "".join(f'<th scope="col">{escape(label)}</th>'
                   for label in (_("Topic"), _("Level"), _("Mastery"), _("Questions answered")))
    labels = {level: escape(str(label)) for level, label in mastery.Level.LABELS.items()}  # translated once

    def score(row):  # too few answers: how many more, not a score one lucky answer makes 100%
        if row.level == mastery.Level.STARTED:
            return escape(ngettext("%(n)s more answer needed", "%(n)s more answers needed", row.needed)
                          % {"n": row.needed})
        return f'<progress value="{row.percent}" max="100" aria-hidden="true"></progress> {row.percent}%'

    for domain in domains:
        rows = []
        for t in domain.topics:
            level = t.level
            rows.append(
                f'{_topic_head(t.slug, t.url, t.display_name)}<td><span class="level level-{level}">{labels[level]}</span></td>'
                f"<td>{score(t)}</td>"
                f"<td>{t.seen} / {t.total}</td></tr>"
            )
        level = domain.level
        percent = "" if level == mastery.Level.STARTED else f" · {domain.percent}%"
        domain.table_html = mark_safe(
            f'<table class="mastery-table">\n<caption>{escape(domain.label)} · <span class="level level-{level}">'
            f"{labels[level]}</span>{percent}</caption>\n"
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )


def _data_tables(data):
    """The rows of the readiness, forecast, accuracy and exam tables as HTML, built here rather than by template
    loops (they were most of the body template's nodes). Same markup as the loops they replace, checked in
    ja, ko and en by test_dashboard_tables.py; numbers unlocalised as under the body's ``localize off``, dates
    as the ``date:"SHORT_DATE_FORMAT"`` filter writes them."""
    short, language = get_format("SHORT_DATE_FORMAT"), translation.get_language()

    def day(value):
        return escape(_format_day(value, short, language)) if value else ""

    def estimate(d):  # a domain with too few answers says how many more, not a score that is mostly guessing
        if d.needed:
            return escape(ngettext("Answer %(n)s more question", "Answer %(n)s more questions", d.needed)
                          % {"n": d.needed})
        return f'<progress value="{d.percent}" max="100" aria-hidden="true"></progress> {d.percent}%'

    domains = data["readiness"].domains
    if domains:
        readiness_rows = "".join(
            f'\n      <tr><th scope="row">{escape(d.label)}</th><td>{d.weight_percent}%</td>'
            f"<td>{d.seen} / {d.total}</td>\n"
            f"        <td>{estimate(d)}</td>"
            "</tr>\n    "
            for d in domains
        )
    else:
        readiness_rows = f'\n      <tr><td colspan="4">{escape(_("There are no questions yet."))}</td></tr>\n    '
    forecast_rows = "".join(
        f'<tr><th scope="row">{day(d["day"])}</th><td>{d["due"]}</td><td>{d["shown"]}</td><td>{d["carried"]}</td>'
        "</tr>"
        for d in data["forecast"]
    )
    accuracy_rows = "".join(
        f'<tr><th scope="row">{day(d.day)}</th><td>{d.total}</td><td>{d.percent}%</td></tr>'
        for d in data["accuracy"] if d.total
    )
    result = {True: escape(_("Pass")), False: escape(_("Fail"))}
    exam_rows = "".join(
        f'<tr><th scope="row">{day(e["submitted_at"] and timezone.localtime(e["submitted_at"]).date())}</th><td>{escape(_(e["title"]) if e["title"] else "")}</td>'
        f'\n      <td>{e["scaled_score"]}</td><td>{result[bool(e["passed"])]}</td></tr>'
        for e in data["exams"]
    )
    return {"readiness_rows": mark_safe(readiness_rows), "forecast_rows": mark_safe(forecast_rows),
            "accuracy_rows": mark_safe(accuracy_rows), "exam_rows": mark_safe(exam_rows)}


def next_opening_or_closing(assignments, now):
    """The first time after ``now`` one of ``assignments``' quizzes opens or closes, or falls due ("Overdue"),
    or None."""
    times = [t for a in assignments for t in (a.quiz.opens_at, a.quiz.closes_at, a.due_at) if t is not None and t > now]
    return min(times, default=None)


def first_to_start(assignments, now):
    """The first of ``assignments`` (soonest due) not done whose quiz can be started at ``now``, or None:
    where a new learner's first step leads (the dashboard's intro), not a practice set of their own."""
    return next((a for a in assignments if not a.finished and a.quiz.published and a.quiz.is_open(now)), None)


@require_safe
@login_required
@cache_control(no_store=True)  # Back from a review question asks the server: the counts an answer changed
def dashboard(request):
    """The learner's dashboard, rendered again only when their data changed (``dashboard.freshness``) or the
    clock made it stale (``dashboard.stale_at``); kept in the shared cache per user and language."""
    user = request.user
    now = timezone.now()
    version, language = code_version(), translation.get_language()
    cache_key = f"progress:dashboard:{version}:{user.pk}:{language}:{timezone.get_current_timezone_name()}"
    shared_key = f"progress:dashboard-shared:{version}"
    fresh = freshness(user, now)
    if fresh.withheld and catch_up_reviews(user, now):
        fresh = freshness(user, now)  # an exam's review opened: its answers are reviews now
    signature = fresh.signature
    found = cache.get_many([cache_key, shared_key, STAMP_KEY])
    stamp = found.get(STAMP_KEY)  # imports and question generation change the topics and their questions
    cached = unpack(found.get(cache_key))
    if cached and (cached["signature"], cached["stamp"]) == (signature, stamp) and now < cached["valid_until"]:
        body = cached["body"]
    else:
        shared = unpack(found.get(shared_key))
        if not (shared and shared["stamp"] == stamp):
            shared = {**shared_data(), "stamp": stamp}
            cache.set(shared_key, pack(shared), int(MAX_AGE.total_seconds()))
        data = dashboard_data(user, now, shared, day=(fresh.cap, fresh.done_today))
        _mastery_tables(data["domains"])
        assigned = dashreads.assignments(user)
        context = {**data, **_charts(data), **_data_tables(data), **_static(language, get_script_prefix()),
                   "review_due_count": data["due_now"], "now": now,
                   "review_set_size": min(data["due_now"], REVIEW_SET_SIZE),  # what the button starts
                   "left_in_set": fresh.left_in_set,  # or the set begun earlier it resumes: what is left of it
                   "assignments": assigned, "csrf_token": CSRF_SLOT,
                   "open_assignments": [a for a in assigned if not a.finished],
                   "done_assignments": [a for a in assigned if a.finished],
                   "first_assignment": first_to_start(assigned, now),
                   # mastery counts live questions only: say how many answered ones left (retired)
                   "retired_answered": ReviewCard.objects.filter(
                       user=user, question__status=Question.Status.RETIRED).count(),
                   # the exams that hold questions from review: a new one, or one ending, changes the signature
                   "open_exams": open_exams(user, now, progress=False) if fresh.open_exams else []}
        body = render_to_string("progress/_dashboard_body.html", context)
        # an assigned quiz opening, closing or falling due changes its row (a link, "Closed on ...", "Overdue"):
        # stale from then too
        entry = {"signature": signature, "stamp": stamp, "body": body,
                 "valid_until": min(filter(None, [stale_at(fresh.next_due, now), next_opening_or_closing(assigned, now)]))}
        cache.set(cache_key, pack(entry), int(MAX_AGE.total_seconds()))
    body = mark_safe(body.replace(CSRF_SLOT, get_token(request)))
    added = []  # "<instructor> added you to <class>": once, on the first visit after (not in the cached page)
    if fresh.added:
        from quiz.instructor.services import take_added_notices

        added = take_added_notices(user, now)
    from studynotes.timezones import offer

    return render(request, "progress/dashboard.html",
                  {"body": body, "added_to_classes": added, "time_zone_offer": offer(request)})


def open_exams(user, now, progress=True):
    """The learner's exams in progress, which hold their questions from review and practice until they end, each
    with ``ends``, its deadline as the pages write it, and ``idle_days`` (one query). ``progress``: with
    ``n_answered``, and an exam without a time limit with the date its idle deadline now falls on; without
    (the cached dashboard, which an answer does not make stale), ``n_answered`` is None and such an exam is said
    to end after ``idle_days`` without activity, with no date (its deadline moves with each visit)."""
    from quiz.models import Attempt
    from quiz.views import _local

    exams = Attempt.objects.for_user(user).open_exams(now).order_by("deadline", "id")
    if progress:
        exams = exams.with_answered_counts()
    else:  # what the box shows: its title (a topic set's names are not asked for: exams only), size, deadline
        exams = exams.only("uid", "title", "mode", "origin", "quiz_id", "language", "item_count", "deadline",
                           "ends_when_idle")
    exams = list(exams)
    for exam in exams:
        if not progress:
            exam.n_answered = None
        exam.ends = _local(exam.deadline) if exam.deadline and (progress or not exam.ends_when_idle) else ""
        exam.idle_days = settings.QUIZ_IDLE_EXAM_DAYS
    return exams


@require_http_methods(["GET", "POST"])
@login_required
@cache_control(no_store=True)  # as the dashboard: Back shows the questions left now
def review(request):
    """GET: what is due; POST: start a practice set of the due questions and go to it."""
    now = timezone.now()
    catch_up_reviews(request.user, now)  # exams whose review opened since grading join the queue now
    if request.method == "POST":
        from quiz.attempts import AttemptRefused, start_practice

        # A review set started today (or in the last hours, across midnight) and not finished is resumed, not
        # doubled (a second click, a back button).
        unfinished = reviews.unfinished_review_sets(request.user, now).first()
        if unfinished is not None:
            return redirect(unfinished.get_absolute_url())
        questions = reviews.due_questions(request.user, now, limit=REVIEW_SET_SIZE)
        if not questions:
            messages.info(request, _("Nothing is due for review right now."))
            return redirect("progress:review")
        try:
            attempt = start_practice(request.user, questions, _language(request), title=gettext_noop("Review"),
                                     origin="review", now=now)
        except AttemptRefused as error:
            messages.error(request, error.messages[0])
            return redirect("progress:review")
        return redirect(attempt.get_absolute_url())
    from quiz.selection import in_open_exam

    waiting, later, cap, done_today, in_exam, open_count, left_in_set = reviews.due_today(request.user, now)
    story = reviews.today_story(waiting, later, cap, done_today)  # the dashboard's (dashboard.today_story)
    due = story["due"]
    next_due = (ReviewCard.objects.filter(user=request.user, due__gt=now)
                .exclude(question__status=Question.Status.RETIRED)  # never served: no review would come then
                .exclude(question_id__in=in_open_exam(request.user, now))  # nor before the exam ends
                .order_by("due").values_list("due", flat=True).first())
    later_today = story["later_today"]
    if not due and later_today:
        # "The next review falls due in ..." names the first of them (``next_due`` reads the same cards): the
        # "N more" are the rest, or the page read as one more question than there is
        later_today -= 1
    if next_due is not None:
        # timeuntil says "0 minutes" under a minute (a card answered wrong is due again a few seconds on)
        next_due = max(next_due, now + timedelta(minutes=1))
    context = {
        "review_due_count": due,
        "later_today": later_today,
        # due by the end of today past the cap, served from tomorrow; "are due" only when all of them are due now
        "held_back": story["held_back"],
        "held_back_later": story["held_back"] - story["held_back_now"],
        "cap_reached": not story["room"],
        "set_size": min(due, REVIEW_SET_SIZE),
        "left_in_set": left_in_set,  # the button resumes the set begun earlier: what is left of it
        "cap": cap,
        "done_today": done_today,
        "in_exam": in_exam,  # due by the end of today, but in an exam in progress: counted in none of the above
        "open_exams": open_exams(request.user, now) if open_count else [],  # what holds them, to resume or submit
        "next_due": next_due,
        "now": now,  # timeuntil's "now": the page's clock, not a later one that would make the minute "0 minutes"
    }
    return render(request, "progress/review.html", context)


@require_safe
def due_count(request):
    """The header's badge (loaded by htmx so other pages pay no query for it); empty when logged out."""
    return render(request, "progress/_due_count.html")


@require_POST
@login_required
def practise_weakest(request):
    from quiz.attempts import AttemptRefused, practice_question_ids, start_practice

    rows = mastery.topic_rows(request.user)
    topics = mastery.weakest(rows, WEAKEST_TOPICS)
    if not topics:
        messages.info(request, _("There are no questions to practise here yet."))
        return redirect("progress:dashboard")
    language = _language(request)
    ids = practice_question_ids(request.user, topics=[t.slug for t in topics], language=language,
                                count=WEAKEST_SET_SIZE)
    try:
        attempt = start_practice(request.user, ids, language, title=gettext_noop("My weakest topics"),
                                 origin="weakest")
    except AttemptRefused as error:
        messages.error(request, error.messages[0])
        return redirect("progress:dashboard")
    say_other_languages(request, attempt)
    return redirect(attempt.get_absolute_url())


@require_POST
@login_required
def rate(request, item_id):
    """Rate a right practice answer Hard, Good or Easy (after its feedback)."""
    from quiz.models import AttemptItem

    # only a practice item is rated (an exam's items are reviewed when it is graded): anything else is not found
    item = get_object_or_404(AttemptItem.objects.with_in_open_exam(request.user, timezone.now())
                             .select_related("attempt").exclude(attempt__mode="exam"),
                             pk=item_id, attempt__user=request.user)
    form = RatingForm(request.POST)
    error = None
    if item.in_open_exam:
        # an exam in progress asks the question: only a right answer could be rated, so the reply is the same
        # whichever it was (the feedback's held line), and nothing is stored until the exam ends
        error = _("The answer is shown after your exam ends.")
    elif item.answered_at is None:
        error = _("Answer the question before rating it.")
    elif not form.is_valid():
        error = _("Choose Hard, Good or Easy.")
    else:
        try:
            reviews.record_answer(item, rating=form.cleaned_data["rating"])
        except reviews.RatingNotAllowed:
            error = _("Only a right answer in practice can be rated.")
    if request.htmx:
        return render(request, "progress/_rate.html#rate",
                      {"item": item, "rate_error": error, "rated": not error, "held": item.in_open_exam})
    if item.in_open_exam:
        messages.info(request, error)
    elif error:
        messages.error(request, error)
    else:
        messages.success(request, _("Rating saved."))
    return redirect("quiz:practice_item", uid=item.attempt.uid, number=item.number)


@require_http_methods(["GET", "POST"])
@login_required
def review_settings(request):
    instance = LearnerSettings.objects.filter(user=request.user).first() or LearnerSettings(user=request.user)
    form = LearnerSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        from studynotes.timezones import OFFER_DISMISSED_KEY

        # the zone on this page was chosen, the site's default included: the device's is not offered again
        form.instance.time_zone_offer_dismissed = True
        _save_settings(request, form)
        request.session[OFFER_DISMISSED_KEY] = True
        messages.success(request, _("Review settings saved."))
        return redirect("progress:settings")
    return render(request, "progress/settings.html", {"form": form})


def _save_settings(request, form):
    from studynotes.timezones import remember

    form.save()
    remember(request, form.instance.time_zone)  # this session's times follow at once


@require_POST
@login_required
def time_zone_offer(request):
    """The answer to the offer of the device's time zone (``templates/_time_zone_offer.html``): "use" saves it
    as the settings form does; "dismiss" keeps the site's zone and the offer is not made again."""
    from studynotes.redirects import local_path
    from studynotes.timezones import OFFER_DISMISSED_KEY

    instance = LearnerSettings.objects.filter(user=request.user).first() or LearnerSettings(user=request.user)
    if request.POST.get("answer") == "dismiss":
        instance.time_zone_offer_dismissed = True
        instance.save()
        request.session[OFFER_DISMISSED_KEY] = True
    else:
        form = LearnerSettingsForm({"daily_review_cap": instance.daily_review_cap,
                                    "time_zone": request.POST.get("time_zone", "")}, instance=instance)
        if form.is_valid() and form.cleaned_data["time_zone"]:
            _save_settings(request, form)
            messages.success(request, _("Times now use %(zone)s.") % {"zone": form.instance.time_zone})
        else:
            messages.error(request, _("Choose a time zone from the list."))
    return redirect(local_path(request, request.POST.get("next")) or "progress:dashboard")  # the offer posts its page


class _Echo:
    def write(self, value):
        return value


def _held(user, now):
    """Whether an exam of ``user`` in progress at ``now`` asks a row's question: its answers' verdicts (rating,
    right or not, the schedule they gave) wait for the exam's end."""
    from quiz.selection import asked_in_open_exam

    return asked_in_open_exam(user, now)


def _review_rows(user, now):
    return (
        ReviewLog.objects.filter(user=user).annotate(held=_held(user, now))
        .order_by("reviewed_at", "id")
        .values_list("reviewed_at", "question__uid", "question__stem", "topic__slug", "topic__name", "topic__names",
                     "domain", "mode", "rating", "correct", "stability", "due", "held")
        .iterator(chunk_size=2000)
    )


# the readable columns next to the ids: the question's stem (its start) and the topic's name, in the learner's
# language where the question or topic has it
REVIEW_COLUMNS = ["reviewed_at", "question", "question_text", "topic", "topic_name", "domain", "mode", "rating",
                  "correct", "stability_days", "next_due"]
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
# a card's fields that its answers' verdicts set: null in the JSON export while an exam in progress asks its
# question
HELD_CARD_FIELDS = ("due", "stability", "difficulty", "lapses", "state")


def _review_record(row, language):
    """A review log's export row; a question in the learner's exam in progress keeps the rating, whether it
    was right and the schedule it gave blank (None) until the exam ends (a wrong answer is always "again",
    and due sooner than a right one)."""
    reviewed_at, question, stem, topic, name, names, domain, mode, rating, correct, stability, due, held = row
    stem = (stem or {}).get(language) or next(iter((stem or {}).values()), "")
    if held:
        return [exports.iso(reviewed_at), str(question), exports.short_stem(stem), topic,
                (names or {}).get(language) or name, domain, mode, None, None, None, None]
    return [exports.iso(reviewed_at), str(question), exports.short_stem(stem), topic,
            (names or {}).get(language) or name, domain, mode, RATING_NAMES.get(rating, rating), bool(correct),
            round(stability, 4), exports.iso(due)]


@require_safe
@login_required
def export(request, fmt):
    """The learner's data: ``csv`` their reviews, ``answers.csv`` the questions of their attempts, ``json``
    both and the rest (docs/PROGRESS.md, "Export formats"). Times are in the learner's zone, with its offset."""
    user = request.user
    now = timezone.now()
    if fmt not in ("csv", "answers.csv", "json"):
        raise Http404
    catch_up_reviews(user, now)  # an exam whose review opened since grading: its answers are reviews now
    language = _language(request)
    stamp = timezone.localdate(now).strftime("%Y%m%d")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # Excel reads UTF-8 stems and topic names with a BOM
            yield writer.writerow(REVIEW_COLUMNS)
            for row in _review_rows(user, now):
                yield writer.writerow(exports.spreadsheet_row(_review_record(row, language)))

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kumo-progress-{stamp}.csv"'
        return response
    attempts = exports.attempt_records(user, now, language)
    if fmt == "answers.csv":
        writer = csv.writer(_Echo())
        rows = [exports.ANSWER_COLUMNS, *map(exports.spreadsheet_row, exports.answer_rows(attempts))]
        response = HttpResponse("\ufeff" + "".join(writer.writerow(row) for row in rows),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kumo-answers-{stamp}.csv"'
        return response
    cards = ReviewCard.objects.filter(user=user).annotate(held=_held(user, now)).order_by("due", "id").values(
        "question__uid", "topic__slug", "domain", "due", "stability", "difficulty", "last_review", "reps",
        "lapses", "state", "held",
    )
    payload = {
        "format": "kumo-progress/1",
        "user": user.get_username(),
        "exported_at": exports.iso(now),
        "settings": {"daily_review_cap": LearnerSettings.cap_for(user),
                     "time_zone": LearnerSettings.objects.filter(user=user).values_list("time_zone", flat=True)
                     .first() or ""},
        "cards": [{**{k: v for k, v in card.items()
                      if not k.endswith("__uid") and k not in ("topic__slug", "held")},
                   "due": exports.iso(card["due"]), "last_review": exports.iso(card["last_review"]),
                   "question": str(card["question__uid"]), "topic": card["topic__slug"],
                   # a question of the exam in progress: the schedule its last answer gave tells the verdict
                   **(dict.fromkeys(HELD_CARD_FIELDS) if card["held"] else {})} for card in cards],
        "reviews": [dict(zip(REVIEW_COLUMNS, _review_record(row, language)))
                    for row in _review_rows(user, now)],
        "mastery": [
            {"topic": row.slug, "domain": row.domain, "questions": row.total, "seen": row.seen,
             "score": round(row.score, 4), "level": row.level}
            for row in mastery.topic_rows(user)
        ],
        "exams": [
            {"attempt": str(exam["uid"]), "title": exam["title"], "submitted_at": exports.iso(exam["submitted_at"]),
             "scaled_score": exam["scaled_score"], "pass_mark": exam["pass_mark"], "passed": exam["passed"],
             "correct": exam["raw_score"], "questions": exam["item_count"]}
            for exam in exam_scores(user)
        ],
        "reports": [
            {"question": str(report.pop("question__uid")), **report,  # popped first: not listed twice
             "created_at": exports.iso(report["created_at"])}
            for report in ProblemReport.objects.filter(user=user).order_by("created_at", "id").values(
                "question__uid", "text", "created_at", "resolved")
        ],
        "attempts": attempts,
    }
    response = HttpResponse(json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kumo-progress-{stamp}.json"'
    return response


def delete_progress(user, *, attempts=False):
    """Delete the learner's own review cards, logs, settings and problem reports (and attempts if asked).
    Returns counts.

    Reports go, not only their link to the learner: their text is the learner's own words, which may name
    them, and a report kept would still point to the learner's attempt through its item.

    Attempts an instructor's rules count are kept: those at a quiz that allows a limited number of attempts
    (deleting them would give the attempts back) or that a class's results show
    (``Assignment.class_attempts``: at a quiz assigned to it, started once assigned, while the learner was in
    it)."""
    from django.db.models import Exists, OuterRef, Q

    from quiz.instructor.models import Membership
    from quiz.models import Attempt

    with transaction.atomic():
        counts = {
            "reviews": ReviewLog.objects.filter(user=user).delete()[0],
            "cards": ReviewCard.objects.filter(user=user).delete()[0],
            "settings": LearnerSettings.objects.filter(user=user).delete()[0],
            "reports": ProblemReport.objects.filter(user=user).delete()[0],
        }
        if attempts:
            in_results = Membership.objects.filter(
                classroom__assignments__quiz=OuterRef("quiz"),
                classroom__assignments__created_at__lte=OuterRef("started_at"),
            ).during_attempt()
            mine = Attempt.objects.filter(user=user).exclude(
                Q(quiz__attempts_allowed__isnull=False) | Exists(in_results))
            counts["attempts"] = mine.count()
            mine.delete()
        # exams (kept) whose review is still closed would bring their answers back as reviews once it opens
        Attempt.objects.filter(user=user, reviews_withheld=True).update(reviews_withheld=False)
    return counts


@require_http_methods(["GET", "POST"])
@login_required
def delete_data(request):
    form = DeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                delete_progress(request.user, attempts=form.cleaned_data["attempts"])
                from studynotes.timezones import OFFER_DISMISSED_KEY, remember

                remember(request, "")  # the settings (and their zone) are gone: the site's zone again
                request.session.pop(OFFER_DISMISSED_KEY, None)  # and the device's zone may be offered again
            except (ProtectedError, RestrictedError):  # pragma: no cover - another app protects a row
                messages.error(request, _("Some of your data is still in use and was not deleted."))
                return redirect("progress:delete")
            messages.success(request, _("Your progress data has been deleted."))
            return redirect("progress:dashboard")
    return render(request, "progress/delete.html", {"form": form})


def account_deletion_refused(user):
    """Why ``user`` may not delete their own account, or None. Staff accounts are an administrator's to
    remove. An instructor's classes and quizzes are other people's material (a class cannot lose its owner, a
    quiz would go on without its author unnoticed): they hand them over to another instructor first (the class
    and quiz pages), or an administrator removes them."""
    from quiz.instructor.models import Classroom
    from quiz.models import Quiz

    if user.is_staff or user.is_superuser:
        return _("Staff accounts cannot be deleted here: ask another administrator.")
    if Classroom.objects.filter(owner=user).exists() or Quiz.objects.filter(created_by=user).exists():
        return _("You run classes or made quizzes that other people use. Hand each of them over to another "
                 "instructor from its page in the instructor area (or ask an administrator to remove them) before "
                 "you delete your account.")
    return None


def delete_account(user):
    """Delete the account and everything that is the learner's, in one transaction: what ``delete_progress``
    deletes (problem reports too, which the user's deletion alone would keep with a null user), then the user
    row, which takes their attempts and answers (out of the class results too), memberships and whatever
    else cascades. The instructors' audit entries about the learner stay, with the user name taken out.
    Returns False, deleting nothing, if the account may not be deleted.

    Checked in the transaction, with the user's row locked (SQLite: the IMMEDIATE transaction's write lock): a
    class or quiz made in another tab at that moment committed first and refuses the deletion, or waits for it
    (its reference to the user takes a lock on the row) and then fails, instead of living on without its owner
    or author (``Quiz.created_by`` is SET_NULL)."""
    from django.contrib.auth import get_user_model

    from quiz.instructor.models import AuditLog

    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
        if account_deletion_refused(user):
            return False
        delete_progress(user)
        # the instructors' entries stay (who added or removed someone, when), without the deleted user's name
        for entry in AuditLog.objects.filter(details__learner=user.get_username()):
            entry.details["learner"] = None
            entry.save(update_fields=["details"])
        user.delete()
    return True


@require_http_methods(["GET", "POST"])
@login_required
@rate_limited("delete_account", limit=10, period=3600)
def delete_account_view(request):
    """GET: what goes, what instructors keep and the password form (or why the account cannot be deleted).
    POST with the right password: deleted, logged out, and a page that says so."""
    from django.contrib.auth import logout

    refused = account_deletion_refused(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            deleted = delete_account(request.user)
        except (ProtectedError, RestrictedError):  # a class made in another tab meanwhile: rolled back
            deleted = False
        if deleted:
            logout(request)
            return redirect("progress:account_deleted")
        refused = account_deletion_refused(request.user) or _("Some of your data is still in use and was not "
                                                              "deleted.")
    return render(request, "progress/delete_account.html", {"form": form, "refused": refused})


@require_safe
def account_deleted(request):
    """Where a deleted account lands, signed out; in the language the request asks for (the language cookie
    outlives the session)."""
    return render(request, "progress/account_deleted.html")
