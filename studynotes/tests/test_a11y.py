"""Accessibility in Chromium: axe-core on every main page, and a whole exam taken with the keyboard alone.

axe-core is vendored (``vendor/axe-<version>.min.js``, from ``npm pack axe-core``)
and injected through the DevTools protocol, which the Content-Security-Policy
does not apply to. A page passes with zero serious or critical violations; a
failure lists each rule, its impact and the first offending elements.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from conftest import SEED_NOTES, log_in, make_user, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_SOURCE = sorted(VENDOR.glob("axe-*.min.js"))[-1].read_text()
BLOCKING = {"serious", "critical"}




def axe_violations(page):
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [v for v in result if v["impact"] in BLOCKING]


def audit(page, base, paths, status=200):
    """Visit each path (answered with ``status``) and return ``{path: [violations]}`` for the ones that have any."""
    failures = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == status, (path, response.status)
        page.wait_for_load_state("networkidle")
        found = axe_violations(page)
        if found:
            failures[path] = [f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in found]
    return failures


@pytest.fixture
def site(live_server, make, learner, instructor):
    """The seed notes, a few questions, and one of everything a learner and an instructor look at."""
    from quiz import attempts
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Mode, ProblemReport, Quiz
    from studynotes.models import NoteFile, Topic

    call_command("import_notes", str(SEED_NOTES), verbosity=0, stdout=open("/dev/null", "w"))
    topic = Topic.objects.filter(sections__isnull=False).first()
    questions = [make.question(topic) for _ in range(3)] + [make.question(topic, choose=2, type="choose_n")]
    practice = attempts.start_practice(learner, questions, "en")
    attempts.answer_practice(practice, practice.items.get(position=0), ["A"], now=timezone.now())
    quiz = Quiz.objects.create(slug="a11y-exam", title="A11y exam", mode=Mode.EXAM, question_count=4,
                               only_approved=False, time_limit_minutes=30)
    done_quiz = Quiz.objects.create(slug="a11y-done", title="Finished exam", mode=Mode.EXAM, question_count=4,
                                    only_approved=False)
    running, _ = attempts.start_exam(learner, quiz, "en")
    classroom = Classroom.objects.create(name="Class A", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    assignment = Assignment.objects.create(classroom=classroom, quiz=done_quiz, created_by=instructor)
    done, _ = attempts.start_exam(learner, done_quiz, "en")  # in the class: its instructor sees it
    attempts.submit(done, now=timezone.now())
    ProblemReport.objects.create(user=learner, question=questions[0], text="Option B is also right.")
    # the running exam's "choose two" answered with one box: partly answered on its review screen
    pair = running.items.get(choose=2)
    attempts.save_exam_answer(running, pair, [attempts.label_of(pair, "A")], now=timezone.now())
    # a conflict between two notes, marked handled: the issues page's "handled" filter lists it
    from quiz.instructor.models import HandledIssue
    from quiz.models import GenerationIssue

    section = topic.sections.first()
    issue = GenerationIssue.objects.create(
        key="a11y-conflict", kind="conflict", family="deployment-policy", member="immutable", attribute="batches",
        details={"values": {"all at once": [{"file": section.note_file.name, "heading_path": section.heading,
                                             "line": 1}]}})
    issue.sections.add(section)
    HandledIssue.objects.create(identity=issue.identity, handled_by=instructor)
    return {
        "topic": topic, "file": NoteFile.objects.first(), "question": questions[0], "practice": practice,
        "running": running, "done": done, "quiz": quiz, "classroom": classroom, "assignment": assignment,
        "done_quiz": done_quiz,
    }


def test_public_pages_have_no_serious_or_critical_axe_violations(page, live_server, site):
    paths = ["/", site["topic"].get_absolute_url(), site["file"].get_absolute_url(), "/search/?q=deploy",
             "/accounts/login/", "/accounts/signup/", "/accounts/signup/sent/", "/accounts/password_reset/"]
    assert audit(page, live_server.url, paths) == {}


def test_the_live_search_results_are_inside_the_search_landmark(page, live_server):
    """axe's (moderate) region rule: they sat between the header and <main>, in no landmark."""
    call_command("import_notes", str(SEED_NOTES), verbosity=0, stdout=open("/dev/null", "w"))
    page.goto(live_server.url + "/")
    page.locator("input[data-search-input]").type("deploy", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    page.evaluate(AXE_SOURCE)
    outside = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['region']})).violations"
        ".flatMap(v => v.nodes.map(n => n.target.join(' ')))"
    )
    assert outside == []
    assert page.locator("[role=search] #search-live").count() == 1


def test_learner_pages_have_no_serious_or_critical_axe_violations(page, live_server, site, learner):
    log_in(page.context, live_server, learner)
    practice, running, done = site["practice"], site["running"], site["done"]
    paths = [
        "/", "/quiz/", "/quiz/practice/", f"/quiz/practice/{practice.uid}/1/", f"/quiz/practice/{practice.uid}/2/",
        f"/quiz/practice/{practice.uid}/summary/", "/quiz/exams/", f"/quiz/exams/{site['quiz'].slug}/",
        f"/quiz/attempts/{running.uid}/1/", f"/quiz/attempts/{running.uid}/review/",
        f"/quiz/attempts/{done.uid}/result/",
        f"/quiz/attempts/{done.uid}/result/?show=wrong",  # its questions open (closed on the whole list)
        "/progress/", "/progress/review/", "/progress/settings/",
        "/classes/join/", "/classes/", f"/classes/{site['classroom'].pk}/leave/",
        "/accounts/password_change/", "/progress/delete-account/",
    ]
    assert audit(page, live_server.url, paths) == {}
    assert "data-partial-warning" in page.goto(live_server.url + f"/quiz/attempts/{running.uid}/review/").text()
    assert audit(page, live_server.url, ["/progress/account-deleted/"]) == {}  # where a deleted account lands


def test_error_pages_have_no_serious_or_critical_axe_violations(page, live_server, site, learner):
    from quiz.models import Quiz

    log_in(page.context, live_server, learner)
    # an assigned quiz unpublished since: "not open", with the site layout (404); an unknown page (404)
    Quiz.objects.filter(pk=site["done_quiz"].pk).update(published=False)
    assert audit(page, live_server.url, [f"/quiz/exams/{site['done_quiz'].slug}/"], 404) == {}
    assert "Not open" in page.content() and page.locator("a[href='/progress/']").count() >= 1
    assert audit(page, live_server.url, ["/no-such-page/"], 404) == {}
    assert audit(page, live_server.url, ["/instructor/"], 403) == {}  # a learner in the instructor area


def test_instructor_pages_have_no_serious_or_critical_axe_violations(page, live_server, site, instructor):
    log_in(page.context, live_server, instructor)
    a, q = site["assignment"], site["question"]
    paths = [
        "/instructor/", "/instructor/notes/", f"/instructor/notes/{site['file'].pk}/", "/instructor/questions/",
        f"/instructor/questions/{q.pk}/", "/instructor/questions/review/", "/instructor/issues/",
        "/instructor/quizzes/", "/instructor/quizzes/new/", f"/instructor/quizzes/{site['quiz'].pk}/",
        f"/instructor/quizzes/{site['quiz'].pk}/preview/", "/instructor/classes/",
        f"/instructor/classes/{site['classroom'].pk}/", f"/instructor/assignments/{a.pk}/",
        f"/instructor/assignments/{a.pk}/items/", f"/instructor/assignments/{a.pk}/attempts/{site['done'].uid}/",
        "/instructor/audit/", "/instructor/questions/import/", f"/instructor/quizzes/{site['done_quiz'].pk}/items/",
        "/instructor/issues/?status=handled",
        "/progress/delete-account/",  # refused: an instructor's classes are other people's material
    ]
    assert audit(page, live_server.url, paths) == {}
    assert "You run classes" in page.content()
    page.goto(live_server.url + "/instructor/issues/?status=handled")
    assert page.locator("ul.issue-values").count() == 1  # the handled conflict is on the page checked


def test_instructor_tables_scrolling_on_a_phone_can_be_scrolled_with_the_keyboard(page, live_server, site,
                                                                                   instructor):
    """On a phone a wide table scrolls inside itself: one with no link or field in it takes the focus itself
    (tabindex="0"), else the keyboard cannot scroll it (axe: scrollable-region-focusable)."""
    from quiz.instructor.models import Assignment, AuditLog

    AuditLog.record(instructor, "assign", site["classroom"], details={"quiz": site["quiz"].pk, "due_at": None,
                                                                      "review_opens": "immediately"})
    nothing_finished = Assignment.objects.create(classroom=site["classroom"], quiz=site["quiz"], created_by=instructor)
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page.context, live_server, instructor)
    paths = ["/instructor/audit/", f"/instructor/notes/{site['file'].pk}/",
             f"/instructor/assignments/{nothing_finished.pk}/", f"/instructor/assignments/{nothing_finished.pk}/items/"]
    assert audit(page, live_server.url, paths) == {}


def test_the_dark_theme_keeps_enough_contrast_on_the_main_learner_pages(page, live_server, site, learner):
    log_in(page.context, live_server, learner)
    page.emulate_media(color_scheme="dark")
    paths = ["/", site["topic"].get_absolute_url(), f"/quiz/attempts/{site['running'].uid}/1/", "/progress/"]
    assert audit(page, live_server.url, paths) == {}


def test_the_header_reflows_at_320_px_and_at_200_percent_zoom_and_its_menu_is_ringed(page, live_server, site,
                                                                                     learner):
    """WCAG 1.4.10: at 320 px the sections' row ran 49 px off the screen ("More" out of sight); at 1280 px zoomed
    200 % (640 px) the account menu sat alone on the left of its row and opened its list off the left edge.
    Its summary had no outline, only Pico's faint ring (1.6:1 light, 2.2:1 dark; a focus ring needs 3:1)."""
    log_in(page.context, live_server, learner)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/progress/")
    assert page.evaluate(PHONE_TARGETS, ".main-nav > li")["overflow"] <= 0
    expect(page.locator(".nav-more summary")).to_be_in_viewport()

    page.set_viewport_size({"width": 640, "height": 400})
    page.goto(live_server.url + "/progress/")
    page.locator(".account-menu summary").click()
    menu = page.locator(".account-menu details ul").bounding_box()
    assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 640, menu
    page.keyboard.press("Escape")

    page.set_viewport_size({"width": 1280, "height": 800})
    summary = ".account-menu summary"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(live_server.url + "/progress/")
        press_until_focused(page, summary)
        assert page.evaluate(f"getComputedStyle(document.querySelector('{summary}')).outlineStyle") == "solid"
        assert page.evaluate(RING, summary) >= 3, scheme


def test_in_a_high_contrast_theme_an_answered_navigator_cell_still_stands_out(page, live_server, site, learner):
    """Windows' high-contrast themes (forced colours) drop the answered cells' fill: answered and unanswered
    cells, and their legend, were the same outlined boxes."""
    log_in(page.context, live_server, learner)
    page.emulate_media(forced_colors="active")
    page.goto(live_server.url + f"/quiz/attempts/{site['running'].uid}/1/")
    # seen on the screen: getComputedStyle still reports the author's colours, not the forced ones
    middle = [Image.open(io.BytesIO(page.locator(f"#exam-panel .legend .cell.{state}").first.screenshot()))
              .convert("RGB") for state in ("answered", "unanswered")]
    answered, unanswered = (image.getpixel((image.width // 2, image.height // 2)) for image in middle)
    assert answered != unanswered, (answered, unanswered)


# --- keyboard only ----------------------------------------------------------------------------------


def press_until_focused(page, selector, key="Tab", limit=80):
    """Press ``key`` until the element matching ``selector`` has the focus (as a keyboard user would)."""
    for _ in range(limit):
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the keyboard focus")


def test_a_whole_exam_can_be_taken_with_the_keyboard_alone(page, live_server, make):
    from quiz.models import Attempt, Mode, Quiz

    keyboarder = make_user("kim")
    for _ in range(3):
        make.question()
    quiz = Quiz.objects.create(slug="keys", title="Keyboard exam", mode=Mode.EXAM, question_count=3,
                               only_approved=False, time_limit_minutes=30)
    log_in(page.context, live_server, keyboarder)
    csp_violations = []
    page.on("console", lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + f"/quiz/exams/{quiz.slug}/")

    press_until_focused(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quiz/attempts/**/1/")

    for number in (1, 2, 3):
        expect(page.locator(".progress-line")).to_contain_text(f"Question {number} of 3")
        if number > 1:  # the new question's line takes the focus once the swap settles (app.js), then Tab on
            expect(page.locator(".progress-line")).to_be_focused()
        # Into the options: Tab reaches the radio group, Space chooses the focused option.
        press_until_focused(page, "#exam-form input[name=choice]")
        page.keyboard.press("Space")
        settled(page)
        expect(page.locator("#exam-form input[name=choice]:checked")).to_have_count(1)
        # The answer is saved by htmx swapping the panel; the keyboard focus must stay on the option.
        assert page.evaluate("document.activeElement.matches('#exam-form input[name=choice]:checked')"), \
            "focus lost after the answer was saved"
        target = "#exam-form button[value=next]" if number < 3 else "#exam-form button[value=review]"
        press_until_focused(page, target)
        page.keyboard.press("Enter")
        settled(page)

    page.wait_for_url("**/review/")
    press_until_focused(page, "form[action$='/submit/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/result/")
    attempt = Attempt.objects.get(user=keyboarder, quiz=quiz)
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.items.exclude(chosen=[]).count() == 3
    assert csp_violations == [], "the exam's htmx saves and the countdown script run under the CSP"


def test_forms_showing_errors_have_no_serious_or_critical_axe_violations(page, live_server, site, instructor):
    """Error states are where labels and messages most often come apart."""
    base = live_server.url
    failures = {}

    def submit():
        # Skip the browser's own validation so the server's error messages are what is shown.
        page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("networkidle")

    def check(name):
        shown = page.locator("main .errorlist, main [role=alert], main .error, main [aria-invalid=true]")
        assert shown.count() > 0, f"{name}: no error shown"
        found = axe_violations(page)
        if found:
            failures[name] = [f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in found]

    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "nobody")
    page.fill("input[name=password]", "wrong-password")
    submit()
    check("login with a wrong password")

    page.goto(base + "/accounts/signup/")
    page.fill("input[name=username]", "bad name!")
    page.fill("input[name=email]", "not-an-address")
    submit()
    check("sign-up with a bad user name and address")

    log_in(page.context, live_server, instructor)
    page.goto(base + "/instructor/quizzes/new/")
    submit()
    check("empty quiz form")

    page.goto(base + "/classes/join/")
    page.fill("input[name=code]", "NOPE0000")
    submit()
    check("join with an unknown code")
    assert failures == {}


FOCUSED = """() => {
  const e = document.activeElement;
  const described = (e.getAttribute("aria-describedby") || "").split(" ").filter(Boolean)
    .map(id => document.getElementById(id).textContent.trim()).join(" ");
  return {tag: e.tagName.toLowerCase(), name: e.getAttribute("name"), className: e.className,
          text: e.textContent.trim(), invalid: e.getAttribute("aria-invalid"), described: described,
          firstInvalid: e === document.querySelector("main [aria-invalid=true]")};
}"""


def test_a_refused_form_gives_the_keyboard_focus_to_what_went_wrong(page, live_server, learner, instructor):
    """Back from a refused post (a whole page, not htmx), the focus is on what went wrong, not at the top of
    the page: the form's own message (a wrong password), else the first field with an error, which a screen
    reader reads with its message. Django's forms put autofocus on their first field; a refused form drops
    it."""
    base = live_server.url

    def submit():
        page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
        # the refused page, not the one the button was on: wait_for_load_state alone returned at once for the
        # page still showing when the server was slow (CI on PostgreSQL: the submit button had the focus)
        with page.expect_navigation(wait_until="load"):
            page.locator("main form button[type=submit]").first.click()

    page.goto(base + "/accounts/login/")
    assert page.evaluate(FOCUSED)["name"] == "username"  # a blank form starts at its first field
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "wrong-password")
    submit()
    focused = page.evaluate(FOCUSED)
    assert focused["className"] == "form-errors" and "Please enter a correct username" in focused["text"]
    page.keyboard.press("Tab")  # and the keyboard goes on into the form
    assert page.evaluate(FOCUSED)["name"] == "username"

    def refused(path, **fields):
        """The element focused after ``fields`` are typed into the form at ``path`` and it is sent."""
        page.goto(base + path)
        for name, value in fields.items():
            page.fill(f"input[name={name}]", value)
        submit()
        return page.evaluate(FOCUSED)

    focused = refused("/accounts/signup/", username="newbie", email="not-an-address")
    assert focused["name"] == "email" and focused["invalid"] == "true" and focused["firstInvalid"]
    assert "valid email address" in focused["described"]

    log_in(page.context, live_server, instructor)
    focused = refused("/instructor/quizzes/new/", title="Week 1", pass_mark="5")
    assert focused["name"] == "pass_mark" and focused["invalid"] == "true" and focused["firstInvalid"]
    assert "100-1000" in focused["described"]

    log_in(page.context, live_server, learner)
    focused = refused("/classes/join/", code="NOPE0000")
    assert focused["name"] == "code" and "No class has this code" in focused["described"]


def test_a_refused_exam_answer_and_an_error_message_take_the_keyboard_focus(page, live_server, make, learner,
                                                                            instructor):
    """Without JavaScript a refused exam answer comes back as a whole page: its message takes the focus. An error
    said after a redirect (an instructor's "Tick at least one question") takes it as well."""
    from quiz import attempts
    from quiz.attempts import label_of
    from quiz.models import Mode, Quiz

    base = live_server.url
    make.question(type="choose_n", choose=2, n_options=4)
    quiz = Quiz.objects.create(slug="focus", title="Focus exam", mode=Mode.EXAM, question_count=1,
                               only_approved=False, time_limit_minutes=30)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    item = attempt.items.get()
    no_script = page.context.browser.new_context(java_script_enabled=False)
    try:
        log_in(no_script, live_server, learner)
        plain = no_script.new_page()
        plain.goto(base + f"/quiz/attempts/{attempt.uid}/1/")
        for key in "ABC":  # three of a choose-two question
            plain.check(f"#choice-{label_of(item, key)}")
        with plain.expect_navigation(wait_until="load"):  # the refused page, not the one still showing
            plain.click("#exam-form button[value=review]")
        expect(plain.locator(".error").first).to_be_focused()  # (no script: autofocus, once the page is parsed)
        focused = plain.evaluate(FOCUSED)
        assert focused["className"] == "error" and focused["text"] == "Choose exactly 2 options."
    finally:
        no_script.close()
    item.refresh_from_db()
    assert item.chosen == []

    make.question(status="draft")
    log_in(page.context, live_server, instructor)
    page.goto(base + "/instructor/questions/review/")
    with page.expect_navigation(wait_until="load"):
        page.click("form#bulk-approve button[type=submit]")  # nothing ticked
    expect(page.locator(".message.message-error")).to_be_focused()  # app.js focuses it once loaded: wait for it
    focused = page.evaluate(FOCUSED)
    assert focused["className"] == "message message-error" and focused["text"] == "Tick at least one question."


# --- states said in words and shapes, not colour alone ------------------------------------------------------


def said(number, words):
    """A grid cell's name: its number, then its state in words (Chromium reads a space before the comma; the flag
    mark is aria-hidden)."""
    return re.compile(rf"^{number} ?, {words}$")


CONTRAST = """(pair) => {
  const rgb = (sel) => getComputedStyle(document.querySelector(sel)).backgroundColor.match(/[\\d.]+/g).map(Number);
  const page = rgb("body");
  const luminance = ([r, g, b, a = 1]) => {
    const mixed = [r, g, b].map((c, i) => a * c + (1 - a) * page[i]);  // a tint over the page
    const [R, G, B] = mixed.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [x, y] = pair.map(sel => luminance(rgb(sel)));
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}"""


def test_the_exam_navigator_says_each_cells_state_in_words_and_not_by_a_faint_tint(page, live_server, site,
                                                                                     learner):
    """A screen reader hears "1, Answered, flagged" (the link's name; a title is only a description, which some
    readers skip), and an answered cell stands out from an unanswered one by 3:1 (WCAG 1.4.11), in both themes."""
    from quiz import attempts
    from quiz.attempts import label_of

    running = site["running"]
    # the exam's four questions come in a random order, one of them "choose two": one checkbox of that one is no
    # whole answer (the cell stays Unanswered), so the test answers two single-choice items
    first, second = [item for item in running.items.order_by("position") if item.choose == 1][:2]
    one, two = first.position + 1, second.position + 1
    attempts.write_item_changes(first, attempts.exam_answer_changes(running, first, [label_of(first, "A")],
                                                                    now=timezone.now(), flag=True))
    log_in(page.context, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{running.uid}/{two}/")
    navigator = page.locator("#exam-panel nav.navigator")
    expect(navigator.get_by_role("link", name=said(one, "Answered, flagged"))).to_have_count(1)
    expect(navigator.get_by_role("link", name=said(two, "Unanswered"))).to_have_attribute("aria-current", "step")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        ratio = page.evaluate(CONTRAST, ["#exam-panel .cell.answered", "main"])
        assert ratio >= 3, (scheme, ratio)

    page.keyboard.press("Tab")  # an htmx save sends the cell again, out of band: still in words
    with page.expect_response(lambda r: r.request.method == "POST" and "/quiz/attempts/" in r.url) as saved:
        page.locator("#exam-form input[name=choice]").first.check()
    assert saved.value.status == 200, saved.value.status
    expect(navigator.get_by_role("link", name=said(two, "Answered"))).to_have_count(1)


def test_the_result_grid_marks_right_and_wrong_with_a_shape_as_well_as_a_colour(page, live_server, make, learner):
    """Green and red tints are one colour to a red-green colour-blind learner: a right cell shows a tick, a wrong
    one a cross, and the marks add nothing to what a screen reader hears."""
    from quiz import attempts
    from quiz.attempts import label_of
    from quiz.models import Mode, Quiz

    for _ in range(3):
        make.question()
    quiz = Quiz.objects.create(slug="marks", title="Marks", mode=Mode.EXAM, question_count=3, only_approved=False)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    items = list(attempt.items.order_by("position"))
    attempts.save_exam_answer(attempt, items[0], [label_of(items[0], "A")], now=timezone.now())  # A is the key
    attempts.save_exam_answer(attempt, items[1], [label_of(items[1], "B")], now=timezone.now())
    attempts.submit(attempt, now=timezone.now())
    log_in(page.context, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/result/")
    mark = "(sel) => getComputedStyle(document.querySelector(sel), '::after').content"
    assert page.evaluate(mark, ".result-grid .cell.right") == '"✓" / ""'
    assert page.evaluate(mark, ".result-grid .cell.wrong") == '"✗" / ""'
    grid = page.locator(".result-grid")
    expect(grid.get_by_role("link", name=said(1, "Right"))).to_have_count(1)
    expect(grid.get_by_role("link", name=said(2, "Wrong"))).to_have_count(1)
    expect(grid.get_by_role("link", name=said(2, "Wrong"))).to_have_accessible_description("")  # said once


# --- states added on the day of the hand-overs and the exam's held questions ---------------------------------


def failures_here(page, name, failures):
    found = axe_violations(page)
    if found:
        failures[name] = [f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in found]


def test_the_learners_new_states_have_no_serious_or_critical_axe_violations(page, live_server, site, learner):
    """An exam assigned with a due date, a practice answer refused for the open exam, reviews waiting for it,
    the export links and the delete-progress page, the live search's results over the page, and the exam's
    question while Next is on its way."""
    from quiz.instructor.models import Assignment
    from quiz.progress.models import ReviewCard

    Assignment.objects.filter(pk=site["assignment"].pk).update(due_at=timezone.now() + timezone.timedelta(days=2))
    ReviewCard.objects.filter(user=learner).update(due=timezone.now())  # the running exam holds its question
    call_command("import_notes", str(SEED_NOTES), verbosity=0, stdout=open("/dev/null", "w"))
    log_in(page.context, live_server, learner)
    base, failures = live_server.url, {}
    assert audit(page, base, ["/quiz/exams/", "/progress/review/", "/progress/", "/progress/delete/"]) == {}
    page.goto(base + "/quiz/exams/")
    expect(page.locator("main")).to_contain_text("Assigned by Class A, due")
    page.goto(base + "/progress/review/")
    # (one: the exam graded while the running one asks its questions makes its reviews when that one ends)
    expect(page.locator("[data-reviews-in-exam]")).to_contain_text("1 review waits until your exam in progress ends.")

    # every question of the set is in the running exam: the second's answer is refused
    page.goto(base + f"/quiz/practice/{site['practice'].uid}/2/")
    page.locator("input[name=choice]").first.check()
    page.get_by_role("button", name="Check answer").click()
    alert = page.locator("#practice-item [role=alert]")
    expect(alert).to_contain_text("This question is in your exam in progress")
    expect(alert).to_be_focused()
    failures_here(page, "practice answer refused for the open exam", failures)

    page.goto(base + "/")
    page.locator("input[data-search-input]").type("deploy", delay=30)
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    failures_here(page, "live search results over the page", failures)

    url = base + f"/quiz/attempts/{site['running'].uid}/1/"
    page.goto(url)
    held = []
    page.route(url, lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    page.locator("#exam-form .exam-buttons").get_by_role("button", name="Next", exact=True).click()
    expect(page.locator("#exam-panel")).to_have_attribute("aria-busy", "true")
    failures_here(page, "exam question while Next is on its way", failures)
    held[0].continue_()
    expect(page.locator("#exam-panel")).to_have_attribute("data-number", "2")
    assert failures == {}


def test_the_instructors_new_states_have_no_serious_or_critical_axe_violations(page, live_server, site, make,
                                                                             instructor):
    """The review queue after one approval in place (its "Approve all" sent again), the class's and the
    quiz's hand-over forms refused, and a draft quoting a corrected line on its page and in the queue (on a
    phone: the correction's links 24 px tall)."""
    from quiz.models import Quiz
    from studynotes.models import NoteCorrection, Section

    Quiz.objects.filter(pk=site["quiz"].pk).update(created_by=instructor)  # its owner may hand it over
    topic = site["topic"]
    drafts = [make.question(topic, status="draft") for _ in range(3)]
    log_in(page.context, live_server, instructor)
    base, failures = live_server.url, {}
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(base + "/instructor/questions/review/")
    page.locator("button[data-approve]").first.click()
    expect(page.locator("#review-status")).to_have_text("1 question approved. Open the question")
    expect(page.locator("#approve-all button")).to_have_text("Approve all 2 drafts on this page")
    failures_here(page, "review queue after one approval", failures)

    for path in (f"/instructor/classes/{site['classroom'].pk}/", f"/instructor/quizzes/{site['quiz'].pk}/"):
        page.goto(base + path)
        page.locator("details.hand-over summary").click()
        page.fill("#hand_over_username", "nobody-here")
        with page.expect_navigation(wait_until="load"):
            page.locator("details.hand-over button[type=submit]").click()
        # autofocus is applied after "load", a task later under a busy machine: wait for it, then read it
        expect(page.locator("#hand_over_username")).to_be_focused()
        focused = page.evaluate(FOCUSED)
        assert focused["name"] == "username" and focused["invalid"] == "true", (path, focused)
        assert focused["described"] == "No account has this user name.", (path, focused)
        failures_here(page, f"hand-over refused on {path}", failures)

    # a draft quoting the line the AWS documentation corrects: flagged, warned, the line marked, the box shown
    corrected = drafts[-1]  # not the one approved above: still in the queue
    section = corrected.sections.get()
    Section.objects.filter(pk=section.pk).update(markdown="本文\n続き")
    corrected.sources = [{**corrected.sources[0], "line_start": 2, "line_end": 2}]
    corrected.save()
    NoteCorrection.objects.create(section=section, key="a11y", claim="本文", line_start=2, line_end=2,
                                  correction={"en": "The documentation says otherwise."},
                                  reference_url="https://docs.aws.amazon.com/x.html", reference_title="X")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (f"/instructor/questions/{corrected.pk}/", "/instructor/questions/review/"):
        page.goto(base + path)
        expect(page.locator(".corrected-flag")).to_have_text("Corrected by the AWS documentation: line 2")
        expect(page.get_by_role("note").filter(has_text="The question quotes a line")).to_have_count(1)
        failures_here(page, f"corrections on {path}", failures)
        shown = page.evaluate(PHONE_TARGETS, ".correction small > a, .correction-back, .corrected-label")
        assert shown["overflow"] <= 0 and min(shown["heights"]) >= 24, (path, shown)  # 14 to 16 px words
    assert failures == {}


# --- the assignments first, the overdue state, the review page's way on, "Did you mean", struck text ----------

RING = """(sel) => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const [r, g, b, a = 1] = parse(getComputedStyle(document.querySelector(sel)).outlineColor);
  const luminance = (rgb) => rgb.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ring = luminance([r, g, b].map((c, i) => a * c + (1 - a) * page[i])), back = luminance(page.slice(0, 3));
  return (Math.max(ring, back) + 0.05) / (Math.min(ring, back) + 0.05);
}"""
PHONE_TARGETS = """(sel) => ({overflow: document.documentElement.scrollWidth - innerWidth,
  heights: [...document.querySelectorAll(sel)].map(e => Math.round(e.getBoundingClientRect().height))})"""


def test_the_assignments_first_and_todays_learner_states_pass_axe_the_keyboard_and_a_phone(
        page, live_server, site, make, learner, instructor, tmp_path):
    """The dashboard's assignments at the top (one overdue, the done one folded), the start page's and /classes/'
    Overdue, the review page's weakest topics when nothing is due, a review set's summary, "Did you mean" and a
    note's struck line: no serious or critical axe violation; in words for a screen reader; the folded list's
    summary ringed at 3:1 and opened with Enter, "My progress" followed with Space; on a phone, no sideways
    scroll and the quizzes' links 24 px tall (they were 19 px words)."""
    from quiz import attempts
    from quiz.instructor.models import Assignment
    from studynotes.models import NoteFile

    Assignment.objects.create(classroom=site["classroom"], quiz=site["quiz"], created_by=instructor,
                              due_at=timezone.now() - timezone.timedelta(days=1))
    reviewed = attempts.start_practice(learner, [make.question(site["topic"])], "en", origin="review")
    item = reviewed.items.get()
    attempts.answer_practice(reviewed, item, [attempts.label_of(item, "A")], now=timezone.now())
    (tmp_path / "struck.md").write_text("# Deploy\n\n## Rolling\n\n- ~~Rolling：ダウンタイムなし~~\n- 一部ずつ\n")
    call_command("import_notes", str(tmp_path), verbosity=0, stdout=open("/dev/null", "w"))
    note = NoteFile.objects.get(name="struck.md").get_absolute_url()
    log_in(page.context, live_server, learner)
    base = live_server.url
    paths = ["/progress/", f"/quiz/exams/{site['quiz'].slug}/", "/classes/", "/progress/review/",
             f"/quiz/practice/{reviewed.uid}/summary/", "/search/?q=lamda", note]
    assert audit(page, base, paths) == {}
    expect(page.locator("main del")).to_have_text("Rolling：ダウンタイムなし")
    expect(page.locator("main li", has=page.locator("del"))).to_have_text(
        "Struck through: Rolling：ダウンタイムなし (end of struck text)")  # read out; only the words are seen
    page.goto(base + "/search/?q=lamda")
    expect(page.locator(".did-you-mean a")).to_have_text("AWS Lambda")
    page.goto(base + "/progress/review/")
    expect(page.locator("form[data-meanwhile] button")).to_be_visible()
    page.goto(base + f"/quiz/exams/{site['quiz'].slug}/")
    expect(page.locator("[data-overdue]")).to_have_text("Overdue")
    page.goto(base + "/classes/")
    expect(page.locator(".class-assignments [data-state]").filter(has_text="Overdue")).to_have_count(1)

    page.goto(base + "/progress/")
    states = page.locator(".learner-assignments td[data-label=State]")
    expect(states).to_have_text(["Overdue", "Done"])  # open first; the done one in the folded table
    summary = "details[data-done-assignments] > summary"
    press_until_focused(page, summary)
    assert page.evaluate(RING, summary) >= 3  # Pico's ring there was its focus colour at half opacity: 1.6:1
    page.keyboard.press("Enter")
    expect(page.locator("details[data-done-assignments]")).to_have_attribute("open", "")
    page.goto(base + f"/quiz/practice/{reviewed.uid}/summary/")
    press_until_focused(page, "a[data-to-progress]")
    page.keyboard.press("Space")
    page.wait_for_url("**/progress/")

    page.set_viewport_size({"width": 390, "height": 844})
    for path, links in [("/progress/", ".learner-assignments td a"), ("/classes/", ".class-assignments a"),
                        (f"/quiz/exams/{site['quiz'].slug}/", "main form button"), ("/search/?q=lamda",
                        ".did-you-mean a"), ("/progress/review/", "form[data-meanwhile] button")]:
        page.goto(base + path)
        shown = page.evaluate(PHONE_TARGETS, links)
        assert shown["overflow"] <= 0 and shown["heights"] and min(shown["heights"]) >= 24, (path, shown)


# --- the held states while an exam is in progress -----------------------------------------------------------

HELD = {"en": "The answer is shown after your exam ends.", "ja": "解答は試験の終了後に表示されます。"}
SCORE_HELD = {"en": "Your score is shown once your exam in progress ends: it asks some of the same questions.",
              "ja": "進行中の試験に同じ問題が含まれているため、スコアは試験の終了後に表示されます。"}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_held_states_of_an_exam_in_progress_are_said_once_and_pass_axe(page, live_server, site, make,
                                                                             learner, language):
    """A practice set ended before an exam that asks its question: /quiz/'s line, its summary, its feedback
    and the reply of its rating form loaded before the exam began; an earlier exam's result whose grid holds
    its cells, with the scaled score's explanation open; a timed exam's question after Next, its header's
    search off.
    Each held line is said to a screen reader once (the rating's reply takes the focus, a grid cell says it in
    its name and not again as its description), and no page has a serious or critical axe violation."""
    from quiz import attempts
    from quiz.attempts import label_of
    from quiz.models import Mode, Quiz

    question = make.question(site["topic"])
    practice = attempts.start_practice(learner, [question], "en")
    item = practice.items.get()
    attempts.answer_practice(practice, item, [label_of(item, "A")], now=timezone.now())  # right: ends the set
    base, failures = live_server.url, {}
    log_in(page.context, live_server, learner)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.goto(base + f"/quiz/practice/{practice.uid}/1/")
    rate = page.locator(".rate-form button").first
    expect(rate).to_be_visible()
    held_quiz = Quiz.objects.create(slug="held", title="Held exam", mode=Mode.EXAM, question_count=1,
                                    only_approved=False)
    held_quiz.questions.add(question)
    attempts.start_exam(learner, held_quiz, "en")  # in another tab: the page still offers the rating
    rate.focus()
    page.keyboard.press("Enter")
    reply = page.locator("#practice-item p.held[role=status]")
    expect(reply).to_have_text(HELD[language])
    expect(reply).to_be_focused()  # read out as it comes, as a rating's "Saved." is
    failures_here(page, "the rating's held reply", failures)

    assert audit(page, base, ["/quiz/", f"/quiz/practice/{practice.uid}/summary/",
                              f"/quiz/practice/{practice.uid}/1/"]) == {}
    expect(page.locator("#practice-item .feedback.held")).to_have_text(HELD[language])
    page.goto(base + f"/quiz/practice/{practice.uid}/summary/")
    expect(page.get_by_role("note").first).to_have_text(SCORE_HELD[language])
    page.goto(base + "/quiz/")
    expect(page.locator(".attempt-list li", has=page.locator(f"a[href*='{practice.uid}']"))).to_contain_text(
        SCORE_HELD[language])

    done = site["done"]  # its questions are the running exam's: every cell is held
    page.goto(base + f"/quiz/attempts/{done.uid}/result/")
    cell = page.locator(".result-grid a[href='?#q1']")
    expect(cell).to_have_accessible_name(re.compile(rf"^1 ?[,、] ?{HELD[language]}$"))
    expect(cell).to_have_accessible_description("")  # a title read the sentence again after the name
    # ... and seen apart from a question not answered (no tint, no mark: it looked like one)
    assert cell.evaluate("c => getComputedStyle(c, '::after').content") == '"…" / ""'
    assert cell.evaluate("c => getComputedStyle(c).borderTopStyle") == "dotted"
    page.locator("details.scaled-help summary").press("Enter")
    expect(page.locator("details.scaled-help")).to_have_attribute("open", "")
    failures_here(page, "the result's scaled score explained, its cells held", failures)

    page.goto(base + f"/quiz/attempts/{site['running'].uid}/1/")
    expect(page.locator("header .search-off")).to_be_visible()
    page.locator("#exam-form .exam-buttons button[value=next]:not([hidden])").press("Enter")
    expect(page.locator("#exam-panel")).to_have_attribute("data-number", "2")
    expect(page.locator(".progress-line")).to_be_focused()
    failures_here(page, "the timed exam's next question", failures)
    assert failures == {}


def test_the_dates_kept_whole_the_already_assigned_class_and_the_resumed_review_pass_axe(page, live_server, site,
                                                                                      make, learner, instructor):
    """Added on one day: the results' and the attempt list's dates in <time> kept on one line, the quiz preview's
    "Already assigned", the review button's "Continue your review: N questions left"; on a desktop, a tablet and
    a 320 px phone. A line that cannot break must not push the page sideways: the results table, its headings and
    dates kept whole, was 1 px wider than the page at 1280 px and 367 px at 800 (it scrolls inside itself now)."""
    from quiz import attempts
    from quiz.progress.models import ReviewCard

    fresh = [make.question(site["topic"]) for _ in range(3)]
    practice = attempts.start_practice(learner, fresh, "en")
    for item in practice.items.all():
        attempts.answer_practice(practice, item, [attempts.label_of(item, "B")], now=timezone.now())
    ReviewCard.objects.filter(user=learner, question__in=fresh).update(due=timezone.now())
    attempts.start_practice(learner, fresh, "en", origin="review")  # begun, nothing answered: resumed
    base = live_server.url
    learner_paths = ["/progress/", "/progress/review/", "/quiz/"]
    instructor_paths = [f"/instructor/quizzes/{site['done_quiz'].pk}/preview/",
                        f"/instructor/assignments/{site['assignment'].pk}/"]
    for width in (1280, 800, 320):
        page.set_viewport_size({"width": width, "height": 800})
        log_in(page.context, live_server, learner, clear=True)
        assert audit(page, base, learner_paths) == {}, width
        for path in learner_paths:
            page.goto(base + path)
            assert page.evaluate(PHONE_TARGETS, "main time")["overflow"] <= 0, (path, width)
        page.goto(base + "/progress/")
        expect(page.locator("main")).to_contain_text("Continue your review: 3 questions left")
        log_in(page.context, live_server, instructor, clear=True)
        assert audit(page, base, instructor_paths) == {}, width
        for path in instructor_paths:
            page.goto(base + path)
            assert page.evaluate(PHONE_TARGETS, "main time")["overflow"] <= 0, (path, width)
        page.goto(base + instructor_paths[0])
        expect(page.locator("[data-assigned]")).to_contain_text("Already assigned")
        page.goto(base + instructor_paths[1])
        expect(page.locator("main time").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_documentation_notices_pass_axe_in_light_and_dark(page, live_server, make, learner, scheme):
    from quiz import attempts
    from studynotes.models import Section, Topic

    call_command("import_notes", str(SEED_NOTES), verbosity=0, stdout=open("/dev/null", "w"))
    xray = Topic.objects.get(slug="x-ray")
    section = Section.objects.filter(topics=xray).first()
    practice = attempts.start_practice(learner, [make.question(xray, section=section)], "ja")
    attempts.answer_practice(practice, practice.items.get(), ["A"], now=timezone.now())
    log_in(page.context, live_server, learner)
    page.emulate_media(color_scheme=scheme)
    paths = [xray.get_absolute_url(), section.note_file.get_absolute_url(), f"/quiz/practice/{practice.uid}/1/"]
    assert audit(page, live_server.url, paths) == {}
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.locator('[role="note"]:is(.doc-notice, .doc-notice-line)').first).to_be_visible()


def test_a_new_learners_first_step_the_practice_sets_results_and_the_practice_forms_pass_axe(page, live_server, site,
                                                                                          make, learner, instructor):
    """Added on one day: a new learner's dashboard leading to an assignment ("Start …"), a practice set's results
    (the share right, "Mean accuracy") and attempt review, the quiz builder and the assign form with a practice set
    chosen (the pass mark and the review rule hidden by CSS), the review queue's explanations linking AWS pages by
    their titles, and the search page after live typing (its tab title follows) and after clearing the box."""
    from quiz import attempts
    from quiz.instructor.models import Assignment, Membership
    from quiz.models import Mode, Quiz

    practice_quiz = Quiz.objects.create(slug="a11y-practice", title="Week 1 practice", mode=Mode.PRACTICE,
                                        question_count=2, only_approved=False)
    practice_quiz.questions.add(*[make.question(site["topic"]) for _ in range(2)])  # not the running exam's
    assignment = Assignment.objects.create(classroom=site["classroom"], quiz=practice_quiz, created_by=instructor)
    attempt, _ = attempts.start_exam(learner, practice_quiz, "en")
    for item in attempt.items.all():
        attempts.answer_practice(attempt, item, [attempts.label_of(item, "A")], now=timezone.now())
    newcomer = make_user("newcomer")
    Membership.objects.create(classroom=site["classroom"], learner=newcomer)
    draft = make.question(site["topic"], status="draft")
    draft.options[1]["explanation"]["en"] = ("Wrong: B only caches. AWS documentation: What is Amazon CloudFront? "
                                             "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                                             "Introduction.html")
    draft.save(update_fields=["options"])
    base, failures = live_server.url, {}

    log_in(page.context, live_server, newcomer)
    assert audit(page, base, ["/progress/"]) == {}
    expect(page.locator("[data-first-assignment]")).to_have_accessible_name(re.compile(r"^Start "))

    log_in(page.context, live_server, instructor, clear=True)
    assert audit(page, base, [f"/instructor/assignments/{assignment.pk}/",
                              f"/instructor/assignments/{assignment.pk}/attempts/{attempt.uid}/",
                              "/instructor/questions/review/"]) == {}
    expect(page.locator(".review-item .explanation a", has_text="What is Amazon CloudFront?")).to_have_count(1)
    page.goto(base + f"/instructor/assignments/{assignment.pk}/")
    expect(page.locator("main")).to_contain_text("Mean accuracy")
    page.goto(base + "/instructor/quizzes/new/")
    page.locator("select[name=mode]").select_option("practice")
    expect(page.locator("input[name=pass_mark]")).to_be_hidden()
    failures_here(page, "the quiz builder, practice chosen", failures)
    page.goto(base + site["classroom"].get_absolute_url())
    page.locator(".assign-form select[name=quiz]").select_option(label="Week 1 practice")
    expect(page.locator(".assign-form select[name=review_opens]")).to_be_hidden()
    failures_here(page, "the assign form, a practice set chosen", failures)

    page.goto(base + "/search/")
    box = page.locator("input[data-search-input]")
    box.type("deploy", delay=30)
    expect(page).to_have_title("Search: deploy · Kumo Study")
    settled(page)
    failures_here(page, "the search page's live results", failures)
    box.fill("")
    expect(page).to_have_url(base + "/search/")
    settled(page)
    failures_here(page, "the search page cleared", failures)
    assert failures == {}


def test_the_review_buttons_are_described_by_the_note_on_the_set_they_resume(page, live_server, site, make,
                                                                            learner):
    """"Due questions not in the set you began…" explains why the button's count is lower than "Due for review
    now": it sat under the button unlinked, so a screen reader tabbing to the button never heard it. Both pages,
    with the note on reviews done today, pass axe."""
    from quiz import attempts
    from quiz.progress.models import ReviewCard

    fresh = [make.question(site["topic"]) for _ in range(5)]
    practice = attempts.start_practice(learner, fresh, "en")
    for item in practice.items.all():
        attempts.answer_practice(practice, item, [attempts.label_of(item, "B")], now=timezone.now())
    ReviewCard.objects.filter(user=learner, question__in=fresh).update(due=timezone.now())
    review_set = attempts.start_practice(learner, fresh[:3], "en", origin="review")  # 5 due, 3 in the set
    first = review_set.items.get(position=0)
    attempts.answer_practice(review_set, first, [attempts.label_of(first, "A")], now=timezone.now())  # a review done
    log_in(page.context, live_server, learner)
    note = "Due questions not in the set you began come in your next review set."
    for path in ("/progress/", "/progress/review/"):
        assert audit(page, live_server.url, [path]) == {}
        button = page.get_by_role("button", name="Continue your review: 2 questions left")
        expect(button).to_have_accessible_description(note)
    page.goto(live_server.url + "/progress/")
    expect(page.locator("[data-done-today-note]")).to_be_visible()
