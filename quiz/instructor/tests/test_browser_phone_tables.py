"""Data tables on a 375 px phone, in Japanese and Korean: each row a card (``class="stacked"``, each cell
under its heading's ``data-label``), so no cell sits past the screen's edge. Scrolling inside themselves,
they cut off the class page's "結果 · 項目分析" links and the roster's remove button, and squeezed a quiz title
to two characters a line ("模擬/試験/J1") and "いいえ" to "いい/え"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import log_in
from quiz.tests.test_browser_phone_ko import SPLIT_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}

# Every table in <main>, and everything shown in its rows: [what, right edge] of each past the screen's right
# edge, and of each table whose content is wider than its box (hidden until scrolled).
PAST_THE_EDGE = """() => {
  const width = document.documentElement.clientWidth, past = [];
  for (const table of document.querySelectorAll('main table')) {
    if (table.getBoundingClientRect().right > width || table.scrollWidth > table.clientWidth)
      past.push(['table', table.getBoundingClientRect().right, table.scrollWidth, table.clientWidth]);
    for (const e of table.querySelectorAll('tbody *')) {
      if (e.closest('.sr-only, .visually-hidden') || !e.getClientRects().length) continue;
      const right = e.getBoundingClientRect().right;
      if (right > width + 0.5) past.push([e.tagName + ' ' + e.textContent.trim().slice(0, 20), right]);
    }
  }
  return past;
}"""

# Each cell's label is its column's heading: [heading, label] of each cell where they differ.
WRONG_LABELS = """() => {
  const wrong = [];
  for (const table of document.querySelectorAll('main table.stacked')) {
    const headings = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    for (const row of table.querySelectorAll('tbody tr')) {
      if (row.cells.length !== headings.length) continue;  // "Nothing yet." across all columns
      [...row.cells].forEach((cell, i) => {
        if (headings[i] && cell.dataset.label !== headings[i]) wrong.push([headings[i], cell.dataset.label]);
      });
    }
  }
  return wrong;
}"""


@pytest.fixture
def phone(browser, live_server):
    contexts = []

    def open_as(user, language):
        context = browser.new_context(viewport=PHONE, locale=language)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        log_in(context, live_server, user)
        contexts.append(context)
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def taken_exam(instructor, learner, make):
    """A class with one learner, who failed the exam assigned to it."""
    from quiz import attempts
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Mode, Quiz

    topic = make.topic()
    for _ in range(2):
        make.question(topic)
    quiz = Quiz.objects.create(slug="mogi-j1", title="模擬試験J1", mode=Mode.EXAM, question_count=2,
                               only_approved=False)
    classroom = Classroom.objects.create(name="クラウド入門クラス", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner, extra_minutes=15)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor,
                                           due_at=timezone.now() + timedelta(days=3))
    attempt, _ = attempts.start_exam(learner, quiz, "ja")
    attempts.submit(attempt, now=timezone.now())  # nothing answered: failed
    return assignment


def visit(page, url):
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    assert page.evaluate(PAST_THE_EDGE) == [], url
    assert page.locator("main table.stacked td[data-label]").count(), url
    assert page.evaluate(WRONG_LABELS) == [], url


@pytest.mark.parametrize("language", ["ja", "ko"])
def test_the_instructors_class_page_and_results_show_every_cell_on_a_phone(phone, live_server, instructor,
                                                                           taken_exam, language):
    page = phone(instructor, language)
    visit(page, live_server.url + taken_exam.classroom.get_absolute_url())
    assert page.locator("main table td").first.inner_text() == "模擬試験J1"
    assert page.evaluate(SPLIT_WORDS, ["main table td:first-child", False]) == []  # the title on one line
    remove = page.locator("main table").nth(1).locator("button.outline")  # the roster's remove button
    assert remove.bounding_box()["x"] + remove.bounding_box()["width"] <= PHONE["width"]
    visit(page, live_server.url + f"/instructor/assignments/{taken_exam.pk}/")
    assert page.evaluate(SPLIT_WORDS, ["main table td:nth-child(4)", False]) == []  # いいえ, 아니요 whole
    visit(page, live_server.url + f"/instructor/assignments/{taken_exam.pk}/items/")


def test_the_learners_classes_and_assignments_show_every_cell_on_a_korean_phone(phone, live_server, learner,
                                                                                taken_exam):
    page = phone(learner, "ko")
    visit(page, live_server.url + "/classes/")
    visit(page, live_server.url + "/progress/")
    assert page.locator(".learner-assignments td[data-label]").count() == 5


# [label, what its ::before shows] of each empty cell that shows its column's label with nothing under it.
LABELS_OF_EMPTY_CELLS = """() => [...document.querySelectorAll('main table.stacked td:empty')]
  .map(td => [td.dataset.label, getComputedStyle(td, '::before').content])
  .filter(([label, shown]) => shown !== 'none')"""


def test_an_empty_cell_shows_no_label_alone_on_a_phone(phone, live_server, instructor, other_learner, taken_exam):
    from quiz.instructor.models import Membership

    Membership.objects.create(classroom=taken_exam.classroom, learner=other_learner)  # no attempt, no extra time
    page = phone(instructor, "ja")
    page.goto(live_server.url + f"/instructor/assignments/{taken_exam.pk}/")
    assert page.locator("main table.stacked td:empty").count()
    assert page.evaluate(LABELS_OF_EMPTY_CELLS) == []


def test_a_question_to_check_keeps_its_tint_as_a_card_on_a_phone(phone, live_server, instructor, make, build):
    from quiz.instructor.tests.test_results import mis_keyed_class

    assignment, _suspect = mis_keyed_class(make, build, instructor)
    page = phone(instructor, "ko")
    page.goto(live_server.url + f"/instructor/assignments/{assignment.pk}/items/")
    flagged = page.locator("main table.stacked tr.item-flagged").first
    assert flagged.evaluate("tr => getComputedStyle(tr).backgroundColor") == "rgba(245, 194, 107, 0.15)"
    assert page.evaluate(LABELS_OF_EMPTY_CELLS) == []  # the flags column of an unflagged question


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_the_item_analysis_fits_a_1280_px_screen_without_scrolling_sideways(browser, live_server, instructor, make,
                                                                            build, language):
    from quiz.instructor.tests.test_results import mis_keyed_class

    assignment, _suspect = mis_keyed_class(make, build, instructor)  # a "check the key" line under a stem
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(context, live_server, instructor)
    page = context.new_page()
    page.goto(live_server.url + f"/instructor/assignments/{assignment.pk}/items/")
    table = page.locator("main table.item-analysis")
    assert table.evaluate("t => [t.scrollWidth, t.clientWidth]") == [table.evaluate("t => t.clientWidth")] * 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    if language != "en":  # headings whole ("解答数", "응답 수"); English ones may break at a hyphen
        assert page.evaluate(SPLIT_WORDS, ["main table.item-analysis th", False]) == []
    context.close()


def test_the_edit_question_links_under_a_reviewed_attempt_are_fingertip_targets_on_a_phone(phone, live_server,
                                                                                            instructor, taken_exam):
    """Each question of a learner's attempt ends with "問題を編集" in small print: a 15 px tall word (WCAG 2.5.8:
    24 px)."""
    from quiz.models import Attempt

    from quiz.tests.test_browser_phone_ko import assert_fingertip_targets

    attempt = Attempt.objects.get(quiz=taken_exam.quiz)
    page = phone(instructor, "ja")
    page.goto(live_server.url + f"/instructor/assignments/{taken_exam.pk}/attempts/{attempt.uid}/")
    assert_fingertip_targets(page, ".review-items > li > small a", count=2)


def test_the_links_standing_on_their_own_are_fingertip_targets_on_a_phone(phone, live_server, instructor,
                                                                          taken_exam):
    """A link alone in its paragraph or cell, or in a row "A · B", was a 19 px tall word on a Japanese phone
    (WCAG 2.5.8: 24 px): the class page's "結果 · 項目分析", the results' "項目分析 · CSV をダウンロード · クラスに
    戻る", "結果に戻る" under the item analysis and an attempt, the quiz list's title, "プレビュー · 項目分析",
    and the question's "ノートでこのセクションを開く"."""
    from quiz.models import Attempt

    from quiz.tests.test_browser_phone_ko import assert_fingertip_targets

    attempt = Attempt.objects.get(quiz=taken_exam.quiz)
    question = attempt.items.first().question
    page = phone(instructor, "ja")
    assignment = f"/instructor/assignments/{taken_exam.pk}/"
    for url, selector, count in [
        (taken_exam.classroom.get_absolute_url(), "main table td:last-child > a", 2),
        (assignment, "main > p > a", 3),
        (assignment + "items/", "main > p > a", 1),
        (assignment + f"attempts/{attempt.uid}/", "main > p > a", 1),
        ("/instructor/quizzes/", "main table td > a", 3),
        (f"/instructor/questions/{question.pk}/", "main p > a", 1),
    ]:
        page.goto(live_server.url + url)
        assert_fingertip_targets(page, selector, count=count)


@pytest.mark.parametrize("width", [375, 1366])
def test_the_issues_page_fits_the_screen_with_an_aws_page_named_by_its_address(browser, live_server, instructor, make,
                                                                              width):
    from quiz.models import GenerationIssue

    section = make.section(language="ko", heading="API Gateway")
    url = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html"
    claim = {"section": section.pk, "file": section.note_file.name, "heading_path": section.heading_path,
             "line_start": 18, "line_end": 18, "quote": "스로틀링 시 503 반환됨"}
    issue = GenerationIssue.objects.create(  # a number's, saved before its page's title was recorded
        key="n1", kind="contradiction", family="aws-services", member="api-gateway", attribute="apigateway-throttle-status",
        details={"claims": [claim], "reference_value": 429, "reference_url": url})
    issue.sections.add(section)
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ja")
    context.add_cookies([{"name": "django_language", "value": "ja", "url": live_server.url}])
    log_in(context, live_server, instructor)
    page = context.new_page()
    page.goto(live_server.url + "/instructor/issues/")
    assert page.locator(f'main a[href="{url}"]').inner_text() == url
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(SPLIT_WORDS, ["main table.stacked button", False]) == []  # "対応済みにする" on one line
    context.close()


# The text of each option of the item analysis that takes more than one line.
OPTIONS_ON_SEVERAL_LINES = """() => [...document.querySelectorAll('main .option-counts li')].filter(li => {
  const range = document.createRange();
  range.selectNodeContents(li);
  return new Set([...range.getClientRects()].filter(r => r.width > 1).map(r => Math.round(r.top))).size > 1;
}).map(li => li.textContent.trim())"""


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_each_short_option_and_its_count_stay_on_one_line_at_1280_px(browser, live_server, instructor, make,
                                                                      build, language):
    """The options column was squeezed by the stem's: "container_" / "commands" / ": 0", "commands ✓" / ": 1"
    at 1280 px."""
    questions = [make.question() for _ in range(4)]
    for question in questions:
        for option, text in zip(question.options, ["commands", "container_commands", "packages", "files"]):
            option["text"] = text
        question.save()
    quiz = build.quiz(questions)
    people = build.learners(8)
    assignment = build.assignment(build.classroom(instructor, people), quiz)
    answers = ["BAAA", "BAAA", "AABB", "ABBB", "DABB", "ABBB", "BBBB", "ABBB"]  # flags, long ones too
    for person, chosen in zip(people, answers):
        build.attempt(person, quiz, questions, [[key] for key in chosen])
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(context, live_server, instructor)
    page = context.new_page()
    page.goto(live_server.url + f"/instructor/assignments/{assignment.pk}/items/")
    assert page.locator("main table.item-analysis .tag-warn").count()
    assert page.locator("main table.item-analysis .option-counts li").count() == 16
    assert page.evaluate(OPTIONS_ON_SEVERAL_LINES) == []
    table = page.locator("main table.item-analysis")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")  # and the table still fits
    context.close()


# Per card: [is the state on the quiz's line, is the due date the next line, per labelled cell whether its
# label shows and its value starts on the label's line].
CARD_LINES = """() => [...document.querySelectorAll('.learner-assignments tbody tr')].map(row => {
  const box = e => e.getBoundingClientRect(), [quiz, state, due] =
    ['.assignment-quiz', '.assignment-state', '.assignment-due'].map(s => box(row.querySelector(s)));
  const inline = [...row.cells].filter(td => !td.matches('.assignment-quiz, .assignment-state')).map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const label = getComputedStyle(td, '::before').content;
    const top = box(td).top + parseFloat(getComputedStyle(td).paddingTop);
    return label === JSON.stringify(td.dataset.label) && range.getClientRects()[0].top - top < 4;
  });
  return [state.top < quiz.bottom && quiz.top < state.bottom,
          due.top >= Math.max(quiz.bottom, state.bottom) - 1
          && [...row.cells].every(td => td === row.querySelector('.assignment-due') || box(td).top < due.top
                                         || box(td).top >= due.bottom - 1),
          inline];
})"""


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_a_learners_assignment_is_a_compact_card_on_a_phone(browser, live_server, learner, instructor, build,
                                                            language):
    """Five labels each over its value made a card 284 px tall: the quiz and its state now share a line, the due
    date comes next, and the class and review rule follow, each label before its value."""
    classroom = build.classroom(instructor, [learner], name="AWS 認定ソリューションアーキテクト 夜間クラス")
    build.assignment(classroom, build.quiz(title="ソリューションアーキテクト アソシエイト模擬試験 第2回"),
                     due_at=timezone.now() - timedelta(days=1), review_opens="after_due")  # overdue
    build.assignment(classroom, build.quiz(title="Short mock exam"))  # no due date
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=language)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(context, live_server, learner)
    page = context.new_page()
    page.goto(live_server.url + "/progress/")
    assert page.locator(".learner-assignments tbody tr").count() == 2
    assert page.evaluate(CARD_LINES) == [[True, True, [True, True, True]]] * 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(PAST_THE_EDGE) == [] and page.evaluate(WRONG_LABELS) == []
    context.close()
