"""Learner-facing pages: home, topic, source file, search, and the account views Django lacks."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    Case, CharField, Count, F, OuterRef, Prefetch, Q, Subquery, TextField, Value, When, Window,
)
from django.db.models.functions import RowNumber, Substr
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import citing, notices, pagecache, timezones
from .cards import CARD_LANGUAGES
from .forms import (
    DirectSignupForm, LoginForm, SignupForm, SignupPasswordForm, account_from_link, next_from_link,
)
from .models import Domain, Language, NoteCorrection, NoteFile, Section, Topic
from .ratelimit import client_key, ratelimit
from .redirects import local_path
from .search import (
    MAX_RESULTS, as_one_name, clipped, close_topics, group_by_topic, live_sections, matching_topics, parse_query,
    search_sections, topic_index, with_misspellings,
)

EXCERPT_CHARS = 160
ACTIVE_SECTIONS = Q(sections__retired=False, sections__note_file__retired=False)


def _shorten(text, length):
    """``text`` on one line, cut to ``length`` characters with an ellipsis (cheaper than a template filter)."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _count_sections(language=None):
    condition = ACTIVE_SECTIONS if language is None else ACTIVE_SECTIONS & Q(sections__language=language)
    return Count("sections", filter=condition, distinct=True)


def _active_corrections():
    # with the section's Markdown, which mark_corrected_lines reads (the topic page defers it on sections)
    return Prefetch(
        "corrections",
        queryset=NoteCorrection.objects.filter(active=True).annotate(section_markdown=F("section__markdown")),
        to_attr="active_corrections",
    )


def _correction_text(correction, language):
    """What the documentation says, in the interface language when we have it."""
    texts = correction.correction or {}
    if not isinstance(texts, dict):
        return str(texts)
    for code in (language, "en", *texts.keys()):
        if texts.get(code):
            return texts[code]
    return ""


def label_corrections(sections):
    """Each correction's text in the interface language; corrections of one section that say the same (two
    claims the same documentation contradicts) are shown once, quoting each claim (``correction.quotes``: the
    corrections, each with its own anchor)."""
    language = (get_language() or "en")[:2]
    for section in sections:
        shown = {}
        for correction in getattr(section, "active_corrections", []):
            correction.text = _correction_text(correction, language)
            correction.marked = False  # mark_corrected_lines: its line is marked on the section
            same = shown.get((correction.text, correction.reference_url))
            if same is None:
                correction.quotes = [correction]
                shown[(correction.text, correction.reference_url)] = correction
            else:
                same.quotes.append(correction)
        if hasattr(section, "active_corrections"):
            section.active_corrections = list(shown.values())


def mark_corrected_lines(sections):
    """On each section with corrections that know their lines (``label_corrections`` first), the first line of
    each found in the section's HTML starts with a "Corrected below" link to its correction, which links back
    (``correction.marked``): ``section.marked_html``, and ``section.correction_marks`` for ``_mark_cited``."""
    lang = (get_language() or "en")[:2]
    label = _("Corrected below")
    for section in sections:
        quotes = [quote for correction in getattr(section, "active_corrections", [])
                  for quote in correction.quotes if quote.line_start is not None]
        if not quotes:
            continue
        markdown = quotes[0].section_markdown
        lines = markdown.split("\n") if markdown else [""]
        body_start = max(1, section.line_end - len(lines) + 1)  # as Section.body_line_start
        # a line outside the section's body is a stale one (the import clears them; this is only a guard)
        quotes = [q for q in quotes
                  if body_start <= q.line_start <= (q.line_end or q.line_start) <= section.line_end]
        if not quotes:
            continue
        html_text = section.display_html
        # only the lines up to the last corrected one are located (rendering each alone is the cost)
        last = max(q.line_end or q.line_start for q in quotes) - body_start + 1
        located = citing.locate_lines(html_text, "\n".join(lines[:last]))
        inserts = {}
        for quote in quotes:
            mark = (f'<a class="corrected-label" id="corrected-{quote.pk}" href="#correction-{quote.pk}" '
                    f'lang="{lang}">{escape(label)}</a> ')
            for line in range(quote.line_start, (quote.line_end or quote.line_start) + 1):
                found = citing.line_marks(html_text, body_start, [(line, mark)], located)
                if found:
                    for offset, html_mark in found.items():
                        inserts[offset] = inserts.get(offset, "") + html_mark
                    quote.marked = True
                    break
        if inserts:
            section.correction_marks = inserts
            # the stored (sanitised) HTML, fixed links added
            section.marked_html = mark_safe(citing.insert_marks(html_text, inserts))


def _card_choices():
    """The cards the home page may show, best first, as ``(shown, excerpt, language)``: in Japanese or Korean,
    the card of the interface language's notes, then the other's (studynotes.cards.CARD_LANGUAGES); then, as in
    English, the card chosen among all sections. A card whose section was retired since is skipped."""
    interface = (get_language() or "en")[:2]
    languages = sorted(CARD_LANGUAGES, key=lambda code: code != interface) if interface in CARD_LANGUAGES else []
    choices = [(Q(**{f"card_section_{code}__retired": False, f"card_section_{code}__note_file__retired": False}),
                F(f"card_excerpt_{code}"), Value(code)) for code in languages]
    choices.append((Q(card_section__retired=False, card_section__note_file__retired=False), F("card_excerpt"),
                    F("card_section__language")))
    return choices


@require_safe
def home(request):
    """Topic cards by domain. They are the same for everyone reading one language and change only with the
    notes, so they come from the shared cache while the content stamp holds (studynotes.pagecache), as the
    topic pages do: the cards' query cost about 20 ms a request on the bench's notes."""
    fragment_key = pagecache.key("home", get_language())
    stamp, domains = pagecache.get(fragment_key)
    if domains is None:
        domains = _home_domains()
        pagecache.put(fragment_key, stamp, domains)
    return render(request, "studynotes/home.html",
                  {"domains": domains, "time_zone_offer": timezones.offer(request),
                   # make run creates the demo accounts (seed_demo), which never exist in production
                   "demo_accounts": settings.DEBUG})


def _home_domains():
    """``[{"value", "label", "topics"}]``: the domains with topics that have active sections, each topic with
    its counts per language and its card's excerpt (in the interface language)."""
    # Each card's section and excerpt were chosen when links last changed (studynotes.cards); a topic without
    # one, or whose section has been retired since, shows its first section.
    choices = _card_choices()
    first_section = Section.objects.active().filter(topics=OuterRef("pk")).order_by("note_file__name", "order")
    first_excerpt = first_section.annotate(head=Substr("text", 1, EXCERPT_CHARS * 2)).values("head")[:1]
    topics = (
        Topic.objects.annotate(
            total=_count_sections(),
            ja=_count_sections(Language.JA),
            ko=_count_sections(Language.KO),
            en=_count_sections(Language.EN),
            excerpt=Case(*(When(shown, then=excerpt) for shown, excerpt, _lang in choices),
                         default=Subquery(first_excerpt), output_field=TextField()),
            excerpt_lang=Case(*(When(shown, then=lang) for shown, _excerpt, lang in choices),
                              default=Subquery(first_section.values("language")[:1]), output_field=CharField()),
        )
        .filter(total__gt=0)
        .order_by("domain", "name")
    )
    by_domain = {}
    for topic in topics:
        topic.excerpt = _shorten(topic.summary or topic.excerpt or "", EXCERPT_CHARS)
        # a section's text is in its section's language; a summary is written in the interface's (no lang)
        topic.excerpt_lang = "" if topic.summary else topic.excerpt_lang or ""
        # The topic's name in the interface language, when the glossary gives one (ja or ko).
        topic.local_name = "" if topic.display_name == topic.name else topic.display_name
        by_domain.setdefault(topic.domain, []).append(topic)
    return [
        {"value": value, "label": str(label), "topics": by_domain[value]}
        for value, label in Domain.choices
        if value in by_domain
    ]


# A busy topic gathers hundreds of sections from hundreds of files: pages of this many (docs/PERFORMANCE.md).
TOPIC_SECTIONS_PER_PAGE = 30
# Columns the topic page never shows: not read, not decoded (the file's import report is JSON).
TOPIC_PAGE_UNUSED = ("markdown", "text", "note_file__report")


def _page_number(request):
    try:
        return min(max(1, int(request.GET.get("page", "1"))), 10**6)  # a page beyond any offset SQL takes
    except ValueError:
        return 1


def _language_span(code, label, shown, total, page, per_page):
    """What a page holds of one language's sections: "Japanese 31–60 of 75", or, for a language whose
    sections all came on earlier pages, the last page that has some."""
    first = (page - 1) * per_page + 1
    return {"code": code, "label": label, "total": total, "first": first, "last": first + len(shown) - 1,
            "shown": len(shown), "last_page": -(-total // per_page)}


@require_safe
def topic_detail(request, slug):
    """A topic's sections side by side; all but the per-user actions comes from the shared cache."""
    page = _page_number(request)
    fragment_key = pagecache.key("topic", slug, page, get_language())
    stamp, cached = pagecache.get(fragment_key)
    if cached is None:
        cached = _topic_fragments(slug, page)
        pagecache.put(fragment_key, stamp, cached)
    return render(request, "studynotes/topic.html", cached)


def _topic_page_sections(topic, page, per_page):
    """``(sections, {language: sections}, {language: count of all its sections})`` of page ``page`` of
    ``topic``; 404 for a page beyond the last."""
    in_topic = Section.objects.active().filter(topics=topic)
    # Page N holds the N-th slice of each language's sections, so the Japanese and Korean notes stay side by
    # side on every page (a slice of all sections in file order could hold only one language).
    in_language_order = Window(RowNumber(), partition_by=[F("language")],
                               order_by=[F("note_file__name"), F("order")])
    sections = list(
        in_topic.select_related("note_file")
        .defer(*TOPIC_PAGE_UNUSED)
        .prefetch_related(_active_corrections())
        .annotate(place=in_language_order)
        .filter(place__gt=(page - 1) * per_page, place__lte=page * per_page)
        .order_by("note_file__name", "order")
    )
    if page > 1 and not sections:
        raise Http404("No such page.")
    columns = {code: [] for code in Language.values}
    for section in sections:
        columns.setdefault(section.language, []).append(section)
    # Counting costs a query only when there may be more than one page.
    if page == 1 and all(len(column) < per_page for column in columns.values()):
        totals = {code: len(column) for code, column in columns.items()}
    else:
        totals = dict.fromkeys(Language.values, 0) | dict(
            in_topic.order_by().values_list("language").annotate(n=Count("pk", distinct=True)))
    return sections, columns, totals


def _topic_fragments(slug, page):
    """What the topic page shows to everyone: its title, breadcrumbs and the rendered header and sections."""
    topic = get_object_or_404(Topic.objects.prefetch_related("aliases"), slug=slug)
    per_page = TOPIC_SECTIONS_PER_PAGE
    sections, columns, totals = _topic_page_sections(topic, page, per_page)
    total = sum(totals.values())
    pages = max(1, *(-(-n // per_page) for n in totals.values()))
    label_corrections(sections)
    mark_corrected_lines(sections)
    spans = [_language_span(code, label, columns.get(code, []), totals.get(code, 0), page, per_page)
             for code, label in Language.choices]
    related = (
        Topic.objects.filter(sections__in=Section.objects.active().filter(topics=topic))
        .exclude(pk=topic.pk)
        .annotate(shared=Count("sections", distinct=True))
        .order_by("-shared", "name")[:12]
    )
    aliases = {}  # {language code: {"label": "Japanese", "texts": [...]}}, shown each with its lang
    for alias in topic.aliases.all():
        if alias.shown:  # a misspelling from the notes is matched, not shown as a name
            group = aliases.setdefault(alias.language, {"label": alias.get_language_display(), "texts": []})
            group["texts"].append(alias.text)
    context = {
        "topic": topic,
        "domain_label": topic.get_domain_display(),
        "aliases": aliases,
        "ja_sections": columns[Language.JA],
        "ko_sections": columns[Language.KO],
        "en_sections": columns[Language.EN],
        "section_count": total,
        "page": page,
        "pages": pages,
        "spans": {span["code"]: span for span in spans},
        "pager_spans": [span for span in spans if span["total"]],
        "related": list(related),
        "corrected_lines": any(getattr(section, "correction_marks", None) for section in sections),
        "notices": notices.for_topics([topic.slug], get_language()),
    }
    from quiz.models import Question  # the notes app shows the quiz app's action; the quiz app owns questions

    return {
        "title": topic.display_name,
        "slug": topic.slug,
        # "Practise this topic" only where there is something to practise (the POST still checks).
        "has_questions": Question.objects.live().filter(topic=topic).exists(),
        "page": page,
        "section_count": total,
        "crumbs": [
            {"label": topic.get_domain_display(), "url": reverse("studynotes:home") + f"#domain-{topic.domain}"},
            {"label": topic.display_name},
        ],
        "header_html": render_to_string("studynotes/_topic_header.html", context),
        "sections_html": render_to_string("studynotes/_topic_sections.html", context),
    }


@require_safe
def file_detail(request, pk):
    note_file = get_object_or_404(NoteFile.objects.active(), pk=pk)
    sections = list(
        note_file.sections.filter(retired=False)
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")), _active_corrections())
        .order_by("order")
    )
    label_corrections(sections)
    mark_corrected_lines(sections)
    attach_notices(sections)
    _mark_cited(sections, citing.parse_hl(request.GET.get("hl")))
    return render(
        request,
        "studynotes/file.html",
        {"note_file": note_file, "sections": sections, "crumbs": [{"label": note_file.display_title}],
         # a source link from the learner's own question leads back to it (signed for them: citing.back_path)
         "back": citing.back_path(request)},
    )


def attach_notices(sections):
    """``section.notices``: the documentation notices of its topics (prefetched), on the first of consecutive
    sections that share one (a heading and its sub-headings), not again on each of them."""
    language = get_language()
    before = set()
    for section in sections:
        found = notices.for_topics([topic.slug for topic in section.topics.all()], language)
        section.notices = [notice for notice in found if notice["url"] not in before]
        before = {notice["url"] for notice in found}


def _mark_cited(sections, hl):
    """The section a source link cites (``?hl=<section>:<lines>``, citing.parse_hl) gets ``cited_html``, its
    HTML with the cited lines' blocks marked, and ``cited_whole`` when none of them was found (the page marks
    the section instead)."""
    if hl is None:
        return
    section_id, spans = hl
    for section in sections:
        if section.pk == section_id:
            html_text = section.display_html
            # Where each of its lines is in its HTML (citing.locate_lines) depends on the stored section
            # alone: kept in the shared cache while the content stamp holds (the image labels in the HTML
            # follow the language)
            fragment_key = pagecache.key("cited-lines", section.pk, get_language())
            stamp, located = pagecache.get(fragment_key)
            if located is None:
                located = citing.locate_lines(html_text, section.markdown)
                pagecache.put(fragment_key, stamp, located)
            html_text, found = citing.mark_cited(
                html_text, section.markdown, section.body_line_start, spans, _("Cited in the question"),
                (get_language() or "en")[:2], located, getattr(section, "correction_marks", None))
            section.cited_html = mark_safe(html_text)  # the stored (sanitised) HTML, attributes added
            section.cited_whole = not found
            return


# The live results under the search box (htmx, every keystroke): a short list; the full page has the rest.
LIVE_RESULTS = 10
LIVE_EXCERPT_CHARS = 100
# Only what a typist sends is cached, briefly: arbitrary long queries would only fill the shared cache table
# (which also holds the rate limiter's counters) with entries nobody asks for again.
LIVE_CACHE_MAX_CHARS = 40
LIVE_CACHE_MAX_TERMS = 3
LIVE_CACHE_SECONDS = 600


@require_safe
def search(request):
    # As typed: each term also matches in its other widths ("ｓ３" finds "s3"; search.variants)
    q = clipped(request.GET.get("q", "")).strip()
    terms = parse_query(q)
    if request.htmx:
        return HttpResponse(_live_results(q, terms) if terms else _live_title(q))
    found, topics = [], []
    if terms:
        # the topics the query names, and their misspellings in the notes ("Lambda" also finds "Lamdba", and
        # "Lamdba" finds "Lambda")
        index = topic_index()
        # words that spell a topic's name together ("blue green") are searched as that name first, which also
        # finds its other spellings ("Bule/Green", "ブルーグリーン"); the words apart only when that found nothing
        phrase = as_one_name(q, index)
        found = search_sections(phrase, limit=MAX_RESULTS + 1, index=index) if phrase else []
        if found:
            terms = parse_query(phrase)
        else:
            # one more: are there more than shown?
            found = search_sections(q, limit=MAX_RESULTS + 1, index=index)
        terms = with_misspellings(terms, index)
        topics = matching_topics(terms, index=index)
    sections = found[:MAX_RESULTS]
    context = {
        "q": q,
        "terms": terms,
        "topics": topics,
        "one_word": _one_word_searches(q, found or topics, index) if terms else None,
        "close": _close_topics(terms, found or topics, index) if terms else [],
        "groups": group_by_topic(sections, terms),
        "hit_count": len(sections),
        "truncated": len(found) > MAX_RESULTS,
        "limit": MAX_RESULTS,
    }
    return render(request, "studynotes/search.html", context)


def _one_word_searches(q, found, index):
    """A query of several words that nothing matches as a whole ("lambda retry": no note has both): each of
    its words as a search of its own, and the topics any one of them names, so the page is no dead end. None
    when something matched or the query is one word. No query (the ``index``)."""
    words = parse_query(q)
    if found or len(words) < 2:
        return None
    topics = []
    for word in words:
        topics += [topic for topic in matching_topics([word], index=index) if topic not in topics]
    return {"words": words, "topics": topics}


def _close_topics(terms, found, index):
    """The topics a one-word query that found nothing misspells ("lamda": AWS Lambda), else []. No query."""
    return close_topics(terms[0], index) if len(terms) == 1 and not found else []


def _live_title(q):
    """The page's title for ``q`` as a ``<title>`` element: on /search/, htmx takes it out of a live reply and
    sets the tab's title, as a page load of the address it puts there would (the header's box elsewhere ignores
    it, ``ignoreTitle`` in base.html)."""
    return render_to_string("studynotes/search.html#live-title", {"q": q})


def _live_results(q, terms):
    """The results fragment for ``q``: the same for everyone, so rendered once per content stamp and
    language."""
    cacheable = len(q) <= LIVE_CACHE_MAX_CHARS and len(terms) <= LIVE_CACHE_MAX_TERMS
    fragment_key = pagecache.key("search", get_language(), q)
    stamp, html = pagecache.get(fragment_key) if cacheable else (pagecache.stamp(), None)
    if html is None:
        index = topic_index(stamp)  # built once per process and stamp: no query while the notes stay the same
        phrase = as_one_name(q, index)  # searched as the name it spells first, as on the page (``search``)
        sections, searched_text = [], False
        if phrase:
            sections, searched_text = live_sections(phrase, limit=LIVE_RESULTS + 1, index=index)
        if sections:
            terms = parse_query(phrase)
        else:
            sections, searched_text = live_sections(q, limit=LIVE_RESULTS + 1, index=index)
        terms = with_misspellings(terms, index)
        topics = matching_topics(terms, index=index) if cacheable else []
        shown = sections[:LIVE_RESULTS]
        more = len(sections) > LIVE_RESULTS
        context = {
            "q": q,
            "terms": terms,
            # (a long or many-word query, never cached, lists no topic)
            "topics": topics,
            "one_word": _one_word_searches(q, sections or topics or not searched_text, index),
            "close": _close_topics(terms, sections or topics or not searched_text, index),
            "groups": group_by_topic(shown, terms, excerpt_chars=LIVE_EXCERPT_CHARS),
            "hit_count": len(shown),
            "more": more,
            "headings_only": not searched_text and not more,
            "limit": LIVE_RESULTS,
            "live": True,
        }
        html = _live_title(q) + render_to_string("studynotes/search.html#results", context)
        if cacheable:
            pagecache.put(fragment_key, stamp, html, LIVE_CACHE_SECONDS)
    return html


class LoginView(auth_views.LoginView):
    """Django's login view, with attempts rate-limited (status 429 once refused)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a ``next``: a learner's progress page (reviews due, assignments, where they stand), an
        instructor's area; the topic list said nothing about either."""
        from .roles import is_instructor

        return reverse("instructor:home" if is_instructor(self.request.user) else "progress:dashboard")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "rate_limited"):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    """Django's logout, saying so on the page it lands on (the home page, which looks much the same)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been logged out."))
        return response


SIGNUP_LIMIT = 10  # sign-ups per hour per client address
SIGNUP_PERIOD = 3600


@require_http_methods(["GET", "POST"])
def signup(request):
    """Sign-up. With settings.SIGNUP_EMAIL_LINK (production), its first step: a valid form sends one email and
    redirects to the same page whether or not an account uses the address (SignupForm says how); the account is
    created from the emailed link. Without it (development), one step: the account is created and logged in."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = local_path(request, request.POST.get("next") or request.GET.get("next") or "")
    by_link = settings.SIGNUP_EMAIL_LINK
    form = (SignupForm if by_link else DirectSignupForm)(request.POST or None)
    if request.method == "POST":
        if not ratelimit(f"signup:{client_key(request)}", SIGNUP_LIMIT, SIGNUP_PERIOD):
            form.add_error(
                None,
                ValidationError(
                    _("Too many sign-ups from here. Please try again later."), code="rate_limited"
                ),
            )
            return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=429)
        if form.is_valid() and not by_link:
            try:
                with transaction.atomic():
                    user = form.save()
                    _keep_time_zone(user, form.cleaned_data["time_zone"])
            except IntegrityError:  # another sign-up took the name or the address since the form checked them
                form.add_error(None, ValidationError(
                    _("That user name or email address was taken a moment ago. Please choose another."),
                    code="taken"))
            else:
                return _welcome(request, user, next_url)
        if by_link and form.is_valid():
            form.send_mail(request, next_url)
            return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def _welcome(request, user, next_url=""):
    """Log the new learner in and take them where they were going (the login page's ``next``, kept through the
    sign-up link), else to a first practice set: the topics page they came from says nothing new to them."""
    login(request, user, backend="quiz.instructor.access.RoleAwareBackend")  # as the login form
    messages.success(request, _("Welcome to Kumo Study, %(name)s! Your account is ready.") % {
        "name": user.get_username()})
    return redirect(local_path(request, next_url) or reverse("quiz:practice_setup"))




def _keep_time_zone(user, name):
    """The new account's time zone: the browser's (``BrowserTimeZoneField``), when it sent a valid one; the login
    that follows copies it into the session. Without it the account follows the site's zone."""
    if name:
        from quiz.progress.models import LearnerSettings  # the progress app keeps the learner's settings

        LearnerSettings.objects.create(user=user, time_zone=name)


@require_safe
def signup_sent(request):
    return render(request, "registration/signup_sent.html")


@require_http_methods(["GET", "POST"])
def signup_confirm(request, token):
    """Sign-up, second step: the emailed link asks for the password, and creates the account and logs it in.
    The link is checked again on the post, in the transaction that creates the account: a user name or address
    an account took meanwhile (the link followed twice) refuses it. Two posts at once (a double click) may
    both pass that check on PostgreSQL: the second one's insert then meets the first one's user name, and is
    refused the same way."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    account = account_from_link(token)
    form = SignupPasswordForm(account, request.POST or None) if account is not None else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save() if account_from_link(token) is not None else None
                if user is not None:
                    _keep_time_zone(user, form.cleaned_data["time_zone"])
        except IntegrityError:  # the other post created the account first
            user = None
        if user is not None:
            return _welcome(request, user, next_from_link(token))
        form = None
    return render(request, "registration/signup_confirm.html", {"form": form})


@require_safe
def note_image(request, path):
    """Pictures imported with notes (cleaned copies and thumbnails, see studynotes/images.py)."""
    import mimetypes

    from django.core.files.storage import default_storage
    from django.http import FileResponse, Http404

    if ".." in path.replace("\\", "/").split("/") or path.startswith("/"):
        raise Http404
    # Through STORAGES["default"], so several app servers can share an S3-compatible bucket (docs/DEPLOY.md).
    name = f"note-images/{path}"
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # content-addressed names
    return response
