"""The instructor's whole round in headless Chromium: notes to questions to an exam a learner takes, then results."""

import re

import pytest
from playwright.sync_api import expect

from conftest import SEED_NOTES, log_in
from quiz.attempts import LABELS
from quiz.models import Attempt, Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_approve_build_assign_take_and_read_the_results(page, live_server, instructor, learner):
    csp_errors = []
    page.on("console", lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    url = live_server.url
    note = sorted(SEED_NOTES.glob("*.txt"))[0]

    # Instructor: upload a note file and generate questions from it.
    log_in(page, live_server, instructor, clear=True)
    page.goto(url + "/")
    page.locator("[data-instructor-link]").click()
    page.get_by_role("link", name="Upload notes").click()
    page.locator("input[name=files]").set_input_files(str(note))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator(".import-results")).to_contain_text(note.name)
    expect(page.locator(".import-results")).to_contain_text("Imported")
    page.get_by_role("button", name="Generate questions").click()

    # Review queue: approve the first draft, shown beside its source section.
    expect(page.locator(".review-item").first.locator(".note-body")).to_be_visible()
    approve = page.locator("button[data-approve]").first
    question_id = int(approve.get_attribute("data-approve"))
    drafts = Question.objects.filter(status="draft").count()
    approve.click()  # htmx: the card is swapped for a note, no page load
    expect(page.locator(".approved-note")).to_contain_text("1 question approved.")
    expect(page.locator(".approved-note")).to_be_focused()  # the keyboard goes on from here, not from the top
    expect(page.locator("#review-waiting")).to_have_count(1)  # the count above the queue, swapped out of band
    waiting = re.compile(rf"^{drafts - 1} drafts? waits? for review")
    expect(page.locator("#review-waiting")).to_contain_text(waiting)
    expect(page.locator(f"#q{question_id}")).to_have_count(0)
    assert Question.objects.get(pk=question_id).status == "approved"

    # Quiz builder: a one-question exam from a fixed list, then its preview.
    page.goto(url + "/instructor/quizzes/new/")
    page.locator("input[name=title]").fill("Browser exam")
    page.locator("input[name=time_limit_minutes]").fill("10")
    page.locator(f"input[name=questions][value='{question_id}']").check()
    page.get_by_role("button", name="Save and preview").click()
    expect(page.locator("h1")).to_contain_text("Preview: Browser exam")
    expect(page.locator(".preview-items > li")).to_have_count(1)

    # A class, its join code, and the assignment.
    page.goto(url + "/instructor/classes/")
    page.locator("input[name=name]").fill("Evening class")
    page.get_by_role("button", name="Create class").click()
    code = page.locator("[data-join-code]").inner_text()
    page.locator("select[name=quiz]").select_option(label="Browser exam")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator("table").first).to_contain_text("Browser exam")

    # Learner: join with the code, find the exam on the dashboard, answer right, submit.
    log_in(page, live_server, learner, clear=True)
    page.goto(url + "/classes/join/")
    page.locator("input[name=code]").fill(code)
    page.get_by_role("button", name="Join").click()
    expect(page.locator(".message")).to_contain_text("You joined Evening class")
    page.goto(url + "/progress/")
    page.locator(".learner-assignments").get_by_role("link", name="Browser exam").click()
    page.get_by_role("button", name="Start the exam").click()
    item = Attempt.objects.get(user=learner).items.get()
    label = LABELS[[o["correct"] for o in item.options].index(True)]
    page.locator(f"input[name=choice][value='{label}']").check()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    expect(page).to_have_url(re.compile(r"/result/$"))

    # Instructor: results, the learner's attempt, and the item analysis.
    log_in(page, live_server, instructor, clear=True)
    page.goto(url + "/instructor/classes/")
    page.get_by_role("link", name="Evening class").click()
    page.get_by_role("link", name="Results").click()
    expect(page.locator(".result-summary")).to_contain_text("1 of 1")
    expect(page.locator(".results-table")).to_contain_text(learner.username)
    expect(page.locator("svg.histogram rect")).to_have_count(9)
    page.locator(".results-table a").first.click()
    expect(page.locator(".review-items li.item-correct")).to_have_count(1)
    page.get_by_role("link", name="Back to results").click()
    page.get_by_role("link", name="Item analysis").click()
    row = page.locator(f"tr[data-question='{question_id}']")
    expect(row).to_contain_text("1.00")
    expect(row).not_to_contain_text("too easy")  # one response: no flag yet, and the page says why
    expect(page.locator("main")).to_contain_text("Questions with fewer than 8 responses are not flagged yet")
    # eight columns scroll inside the table on a desktop too, not the page
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert csp_errors == []


def test_instructor_tables_scroll_inside_themselves_on_a_phone(page, live_server, instructor, make):
    topic = make.topic(slug="wide", name="A topic with a long name that widens the bank table")
    for _ in range(3):
        make.question(topic, status="draft")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, instructor, clear=True)
    for path in ("/instructor/questions/", "/instructor/issues/", "/instructor/notes/", "/instructor/quizzes/",
                 "/instructor/audit/"):
        assert page.goto(live_server.url + path).status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, (path, width)


def test_the_class_page_with_its_roster_fits_a_small_phone(page, live_server, instructor, learner, make):
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Mode, Quiz

    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner, extra_minutes=15)
    quiz = Quiz.objects.create(slug="phone", title="Phone exam", mode=Mode.EXAM, question_count=1)
    Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor)
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + classroom.get_absolute_url())
    # the roster's buttons carry hidden texts ("· alice"): they scroll with their table, not the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_retiring_a_question_asks_first_and_does_nothing_when_the_instructor_declines(page, live_server, instructor,
                                                                                     make):
    question = make.question(status="draft")
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + f"/instructor/questions/{question.pk}/")
    asked = []

    def decline(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    page.locator(".actions").get_by_role("button", name="Retire", exact=True).click()
    page.wait_for_load_state("networkidle")
    question.refresh_from_db()
    assert asked and asked[0].startswith("Retire this question?") and question.status == Question.Status.DRAFT

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".actions").get_by_role("button", name="Retire", exact=True).click()
    expect(page.locator(".message-success")).to_have_text("Question retired.")
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED


def test_the_question_editor_sets_its_sources_beside_the_form_and_above_it_on_a_phone(page, live_server, instructor,
                                                                                     make):
    long_line = "非同期呼び出しでは、失敗したイベントを Lambda が自動で最大 2 回リトライし、その後破棄します。" * 4
    section = make.section(markdown="\n".join(["- 同期呼び出し: 結果が返る", long_line, "https://" + "x" * 120]))
    question = make.question(section=section)
    question.sources[0].update(line_start=2, line_end=2)
    question.save()
    log_in(page, live_server, instructor, clear=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/instructor/questions/{question.pk}/")
    form, sources = page.locator(".question-edit").bounding_box(), page.locator(".question-sources").bounding_box()
    assert sources["x"] >= form["x"] + form["width"] and abs(sources["y"] - form["y"]) < 5, (form, sources)
    expect(page.locator(".question-sources mark")).to_have_text(long_line)

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + f"/instructor/questions/{question.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    form, sources = page.locator(".question-edit").bounding_box(), page.locator(".question-sources").bounding_box()
    assert sources["y"] + sources["height"] <= form["y"] and sources["width"] <= 375, (form, sources)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_sub_navigation_starts_in_line_with_the_page_heading(page, live_server, instructor, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, instructor, clear=True)
    for path in ("/instructor/", "/instructor/questions/", "/instructor/audit/"):
        assert page.goto(live_server.url + path).status == 200, path
        # the first link's text (its box has Pico's padding around it) against the heading's text
        text_left = page.locator(".instructor-nav a").first.evaluate(
            "a => { const r = document.createRange(); r.selectNodeContents(a); return r.getBoundingClientRect().left; }")
        heading_left = page.locator("h1").first.evaluate(
            "h => { const r = document.createRange(); r.selectNodeContents(h); return r.getBoundingClientRect().left; }")
        assert abs(text_left - heading_left) <= 1, (path, text_left, heading_left)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
