"""A corpus of XSS payloads pushed through note import, question edits, problem reports, class names
and search; no page that shows them may carry live markup.

"Live markup" is judged on the rendered HTML with a real parser (``find_live_markup``):
an inline or foreign ``<script>``, an ``on*`` handler, an ``hx-on`` / ``hx-vals`` /
``hx-headers`` attribute or a ``javascript:`` URL carrying a payload, or an
``<iframe>``/``<object>``/``<embed>``/``<base>``. The browser test
(test_security_xss_browser.py) loads the same pages in Chromium with the CSP
switched off and checks that no payload ran.
"""

import html.parser
import re

import pytest

from quiz import attempts

# Each payload, if it ever ran, would set window.__xss (the browser test's canary) or open a dialog.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    '<a href="javascript:window.__xss=1">click me</a>',
    "[click me](javascript:window.__xss=1)",
    '![pic](x" onerror="window.__xss=1)',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    "<details open ontoggle=window.__xss=1>x</details>",
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1></style></mglyph></table></mtext></math>",
    '<div hx-get="/" hx-trigger="load" hx-on:htmx:load="window.__xss=1">htmx</div>',
    '<div data-hx-on::load="window.__xss=1" hx-vals=\'js:{a: window.__xss=1}\'>htmx2</div>',
    '<input autofocus onfocus="window.__xss=1">',
    "<object data=\"javascript:window.__xss=1\"></object><embed src=\"javascript:window.__xss=1\">",
    '<base href="javascript:window.__xss=1//">',
    "javascript:window.__xss=1",
    "</textarea><script>window.__xss=1</script>",
    "{{ request }}{% debug %}<scr<script>ipt>window.__xss=1</script>",
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    '<a href="data:text/html,<script>window.__xss=1</script>">data</a>',
    '<details open ontoggle="window.__xss=1"><summary onfocus="window.__xss=1" tabindex=0>答え</summary>x</details>',
    "> [!note] <img src=x onerror=window.__xss=1> callout",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset"}


class _Finder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_script = False
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.in_style = True
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.found.append(f"<script src={src!r}>")
            self.in_script = True
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            elif name.startswith(("hx-on", "data-hx-on")) or (
                name in ("hx-vals", "hx-headers", "data-hx-vals") and value.strip().startswith("js:")
            ):
                self.found.append(f"<{tag} {name}=...>")
            elif name in URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                    ("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.found.extend(f"tag with a handler inside <style> {m.group(0)[:40]!r}"
                              for m in RAW_HANDLER.finditer(data))
        if self.in_script and data.strip():
            self.found.append(f"inline script {data.strip()[:40]!r}")


# A handler in any unescaped tag, even where html.parser sees raw text (inside <style> in <math>,
# which a browser parses as foreign content: the mutation-XSS case).
RAW_HANDLER = re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)


def find_live_markup(page_html):
    finder = _Finder()
    finder.feed(page_html)
    return finder.found


def assert_inert(response, where):
    assert response.status_code == 200, (where, response.status_code)
    found = find_live_markup(response.content.decode())
    assert found == [], f"live markup on {where}: {found}"


# --- the checker itself -----------------------------------------------------------------------------


# Plain text and Markdown payloads are only dangerous once rendered, and the `{{<scr<script>...`
# payloads only after a sanitiser strips the inner <script> once: the import tests cover those.
RAW_MARKUP_PAYLOADS = [
    p for p in PAYLOADS
    if p not in ("javascript:window.__xss=1", "[click me](javascript:window.__xss=1)",
                 '![pic](x" onerror="window.__xss=1)')
    and not p.startswith("{{")
]


@pytest.mark.parametrize("payload", RAW_MARKUP_PAYLOADS)
def test_the_checker_flags_each_payload_when_it_is_not_escaped(payload):
    assert find_live_markup(f"<main>{payload}</main>") != []


def test_the_checker_accepts_the_sites_own_static_scripts():
    assert find_live_markup('<script src="/static/js/app.js" defer></script><a href="/x" hx-get="/x">x</a>') == []


# --- note import ----------------------------------------------------------------------------------


def payload_note():
    lines = ["# XSS corpus", ""]
    for n, payload in enumerate(PAYLOADS):
        lines += [f"## Amazon S3 payload {n} {payload}", "", f"- {payload}", "", payload, ""]
    lines += ["```html", *PAYLOADS, "```", ""]
    return "\n".join(lines).encode()


@pytest.fixture
def imported(db):
    from studynotes import importer
    from studynotes.models import NoteFile

    importer.import_file("xss-corpus.md", payload_note())
    return NoteFile.objects.get(name="xss-corpus.md")


def test_imported_payloads_render_inert_on_the_file_and_topic_pages(client, imported):
    from studynotes.models import Topic

    assert imported.sections.count() >= len(PAYLOADS)
    assert_inert(client.get(imported.get_absolute_url()), "file page")
    topics = Topic.objects.filter(sections__note_file=imported).distinct()
    for topic in topics[:5]:
        assert_inert(client.get(topic.get_absolute_url()), f"topic {topic.slug}")


def test_imported_payloads_are_stored_sanitised(imported):
    for section in imported.sections.all():
        assert find_live_markup(section.html) == [], section.heading


def test_imported_payloads_render_inert_in_search_results(client, imported):
    for query in ("payload", "Amazon S3", "xss", "window"):
        assert_inert(client.get("/search/", {"q": query}), f"search {query!r}")
        assert_inert(client.get("/search/", {"q": query}, HTTP_HX_REQUEST="true"), f"search fragment {query!r}")


# --- search input reflected ---------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_typed_into_search_is_reflected_inert(client, db, payload):
    assert_inert(client.get("/search/", {"q": payload}), "search page")
    assert_inert(client.get("/search/", {"q": payload}, HTTP_HX_REQUEST="true"), "search fragment")


# --- question edits, reports, class names -----------------------------------------------------------


@pytest.fixture
def edited_question(make, instructor_client):
    question = make.question()
    data = {"stem_en": " ".join(PAYLOADS[:8]), "version": question.version}
    for i, option in enumerate(question.options):
        key = option["key"]
        data[f"text_{key}"] = f"{PAYLOADS[(i + 8) % len(PAYLOADS)]} {key}"
        data[f"expl_{key}_en"] = " ".join(PAYLOADS[12:])
        if option["correct"]:
            data[f"correct_{key}"] = "on"
    response = instructor_client.post(f"/instructor/questions/{question.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    question.refresh_from_db()
    assert "<script>" in question.stem["en"], "stored as typed: escaping is the templates' job"
    return question


def test_edited_question_payloads_render_inert_for_the_instructor(instructor_client, edited_question):
    assert_inert(instructor_client.get(f"/instructor/questions/{edited_question.pk}/"), "question edit page")
    assert_inert(instructor_client.get("/instructor/questions/"), "bank list")
    assert_inert(instructor_client.get("/instructor/questions/review/"), "review queue")


def test_edited_question_payloads_render_inert_for_a_learner_in_practice_and_exam_results(
        client, learner, edited_question):
    from quiz.models import Mode, Quiz

    client.force_login(learner)
    practice = attempts.start_practice(learner, [edited_question], "en")
    assert_inert(client.get(f"/quiz/practice/{practice.uid}/1/"), "practice item")
    client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": "A"})
    assert_inert(client.get(f"/quiz/practice/{practice.uid}/1/"), "practice item with explanations")
    assert_inert(client.get(f"/quiz/practice/{practice.uid}/summary/"), "practice summary")
    quiz = Quiz.objects.create(slug="xss", title=PAYLOADS[0], mode=Mode.EXAM, question_count=1, only_approved=False)
    exam, _ = attempts.start_exam(learner, quiz, "en")
    assert_inert(client.get(f"/quiz/attempts/{exam.uid}/1/"), "exam item")
    assert_inert(client.get("/quiz/exams/"), "exam list")
    client.post(f"/quiz/attempts/{exam.uid}/submit/")
    assert_inert(client.get(f"/quiz/attempts/{exam.uid}/result/"), "exam result")
    assert_inert(client.get("/progress/"), "dashboard")


def test_problem_report_and_class_name_payloads_render_inert(client, learner, instructor, make):
    from quiz.instructor.models import Classroom, Membership
    from quiz.models import ProblemReport

    question = make.question()
    ProblemReport.objects.create(user=learner, question=question, text=" ".join(PAYLOADS))
    instructor.first_name = PAYLOADS[0]  # the learner's pages name the instructor
    instructor.save()
    classroom = Classroom.objects.create(name=PAYLOADS[1], owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner, added_by=instructor)
    client.force_login(instructor)
    assert_inert(client.get("/instructor/issues/"), "issues page")
    assert_inert(client.get(f"/instructor/questions/{question.pk}/"), "question page with report")
    assert_inert(client.get("/instructor/classes/"), "class list")
    assert_inert(client.get(f"/instructor/classes/{classroom.pk}/"), "class page")
    client.force_login(learner)
    response = client.get("/progress/")
    assert "added you to" in response.content.decode()
    assert_inert(response, "dashboard notice of a class an instructor added the learner to")
    assert_inert(client.get("/classes/"), "learner's classes")
    assert_inert(client.get(f"/classes/{classroom.pk}/leave/"), "leaving a class")


# --- the newest screens: quiz titles on the learner's classes and assignments, the audit log, results ---------


@pytest.fixture
def assigned_payload_quiz(make, learner, instructor):
    """A published exam titled with a payload, whose questions an instructor edited with payloads (the audit log
    shows both), assigned to a class the learner is in; the learner has finished one attempt."""
    from django.utils import timezone

    from quiz.instructor.models import Assignment, AuditLog, Classroom, Membership
    from quiz.models import Mode, Quiz

    question = make.question()
    question.stem = {"en": " ".join(PAYLOADS)}
    question.options = [{**o, "text": f"{PAYLOADS[i]} {o['key']}", "explanation": {"en": PAYLOADS[-i - 1]}}
                        for i, o in enumerate(question.options)]
    question.save()
    AuditLog.record(instructor, "edit", question, details={"version": 2, "key_changed": False})
    quiz = Quiz.objects.create(slug="xss-assigned", title=PAYLOADS[1], description=PAYLOADS[2], mode=Mode.EXAM,
                               question_count=1, only_approved=False, published=True)
    quiz.questions.add(question)
    AuditLog.record(instructor, "create", quiz, details={"question_count": 1})
    classroom = Classroom.objects.create(name=PAYLOADS[3], owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner, added_by=instructor)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor,
                                           due_at=timezone.now() + timezone.timedelta(days=1))
    AuditLog.record(instructor, "assign", classroom, details={"quiz": quiz.pk, "assignment": assignment.pk})
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    attempts.submit(attempt, now=timezone.now())
    return {"quiz": quiz, "assignment": assignment, "attempt": attempt, "classroom": classroom}


def test_quiz_title_payloads_render_inert_on_the_learners_classes_and_assignments(
        client, learner, assigned_payload_quiz):
    client.force_login(learner)
    response = client.get("/classes/")
    assert "xss-assigned" in response.content.decode(), "the assignment is listed"
    assert "&lt;img src=x onerror" in response.content.decode(), "the title is shown, escaped"
    assert_inert(response, "learner's classes with their assignments")
    assert_inert(client.get("/progress/"), "dashboard assignments")
    assert_inert(client.get("/quiz/exams/xss-assigned/"), "exam start page")
    assert_inert(client.get(f"/quiz/attempts/{assigned_payload_quiz['attempt'].uid}/result/"), "exam result")


def test_quiz_title_and_question_payloads_render_inert_on_the_instructors_screens(
        instructor_client, assigned_payload_quiz):
    quiz, assignment = assigned_payload_quiz["quiz"], assigned_payload_quiz["assignment"]
    response = instructor_client.get("/instructor/audit/")
    assert f"(#{quiz.pk})" in response.content.decode(), "the audit log names the quiz by its title"
    assert_inert(response, "audit log")
    for url in ("/instructor/quizzes/", f"/instructor/quizzes/{quiz.pk}/", f"/instructor/quizzes/{quiz.pk}/preview/",
                f"/instructor/quizzes/{quiz.pk}/items/", f"/instructor/classes/{assignment.classroom_id}/",
                f"/instructor/assignments/{assignment.pk}/", f"/instructor/assignments/{assignment.pk}/items/",
                f"/instructor/assignments/{assignment.pk}/attempts/{assigned_payload_quiz['attempt'].uid}/"):
        assert_inert(instructor_client.get(url), url)
