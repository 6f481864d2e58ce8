"""A date and time never breaks at its hyphens ("2026-11-" / "27"): the results table's status and review links,
and the learner's recent attempts, on a 360 px phone and in the table's narrow columns on a tablet."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# [date, its lines] of each "YYYY-MM-DD" (with its time) under ``selector`` drawn on more than one line
SPLIT_DATES = r"""(selector) => {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (const match of node.data.matchAll(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push([match[0], tops.size]);
      }
    }
  }
  return split;
}"""


@pytest.fixture
def retaken_exam(instructor, learner, make):
    """A class whose learner sat its exam four times, two of them until the time ran out."""
    from quiz import attempts
    from quiz.instructor.models import Assignment, Classroom, Membership
    from quiz.models import Attempt, Mode, Quiz

    quiz = Quiz.objects.create(slug="mogi-j1", title="模擬試験J1", mode=Mode.EXAM, question_count=2,
                               only_approved=False)
    quiz.questions.add(make.question(), make.question())
    classroom = Classroom.objects.create(name="クラウド入門クラス", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor,
                                           due_at=timezone.now() + timedelta(days=3))
    for n in range(4):
        attempt, _ = attempts.start_exam(learner, quiz, "ja")
        attempts.submit(attempt, now=timezone.now())
        if n % 2 == 0:
            Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.EXPIRED)
    return assignment


def open_page(browser, live_server, user, language, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=language)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(context, live_server, user)
    return context.new_page()


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
@pytest.mark.parametrize("width", [360, 768])
def test_the_results_tables_dates_stay_on_one_line(browser, live_server, instructor, retaken_exam, language, width):
    page = open_page(browser, live_server, instructor, language, width)
    page.goto(live_server.url + f"/instructor/assignments/{retaken_exam.pk}/")
    assert page.locator("main table.results-table time").count() == 5  # the status and four review links
    assert page.evaluate(SPLIT_DATES, "main table.results-table td") == []
    page.context.close()


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_the_learners_recent_attempts_keep_each_date_on_one_line_on_a_phone(browser, live_server, learner,
                                                                           retaken_exam, language):
    page = open_page(browser, live_server, learner, language, 360)
    page.goto(live_server.url + "/quiz/")
    assert page.locator("main .attempt-list time").count() == 4
    assert page.locator("main .attempt-list time").first.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    assert page.evaluate(SPLIT_DATES, "main .attempt-list") == []
    page.context.close()
