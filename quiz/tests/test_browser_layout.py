"""Layout on a 390 px phone in headless Chromium: option boxes next to long texts, the space before "Next
question", and the progress dashboard's tables; on a 375 px one, the exam's time left kept in view and the
exam result's closed list and filters."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiz import attempts
from quiz.attempts import label_of
from quiz.models import Question

from .test_browser_quiz import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG = ("When the new environment passes its health checks, shift all production traffic to it at once and keep "
        "the old environment running until the release is confirmed, so that a rollback is a single switch.")


def _box(locator):
    box = locator.bounding_box()
    return round(box["width"]), round(box["height"])


def test_option_boxes_stay_square_beside_long_texts_and_next_question_stands_apart(page, live_server, make,
                                                                                  learner):
    page.set_viewport_size(PHONE)
    topic = make.topic()
    questions = [make.question(topic), make.question(topic, type="choose_n", choose=2, n_options=5)]
    for question in questions:
        for option in question.options:
            option["text"] = LONG
        Question.objects.filter(pk=question.pk).update(options=question.options)
    attempt = attempts.start_practice(learner, questions, "en")
    first, second = attempt.items.order_by("position")
    log_in(page, live_server, learner)

    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/{second.number}/")
    checkbox = page.locator("input[type=checkbox][name=choice]").first
    width, height = _box(checkbox)
    assert width == height and width >= 16, (width, height)

    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/{first.number}/")
    radio = page.locator("input[type=radio][name=choice]").first
    width, height = _box(radio)
    assert width == height and width >= 16, (width, height)

    page.locator(f"input[name=choice][value='{label_of(first, 'A')}']").check()
    page.get_by_role("button", name="Check answer").click()
    next_link = page.get_by_role("button", name="Next question")
    expect(next_link).to_be_visible()
    report = page.locator(".report summary").bounding_box()
    gap = next_link.bounding_box()["y"] - (report["y"] + report["height"])
    assert gap >= 16, gap


def test_the_dashboard_fits_a_phone_with_its_numbers_on_one_line(page, live_server, make, learner):
    page.set_viewport_size(PHONE)
    names = ["AWS Elastic Beanstalk deployment policies", ".ebextensions configuration files",
             "Blue/green deployment with Route 53 weighted records"]
    topics = [make.topic(name=name, domain="deployment") for name in names]
    questions = [make.question(topic) for topic in topics for _ in range(2)]
    practice = attempts.start_practice(learner, questions, "en")
    for item in practice.items.order_by("position")[:3]:
        attempts.answer_practice(practice, item, ["A"], now=timezone.now())
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    expect(page.locator("table.mastery-table")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    lines = page.locator("table.mastery-table td:last-child").evaluate_all("""cells => cells.map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return range.getClientRects().length;
    })""")
    assert lines == [1, 1, 1], lines  # "1 / 2" on one line, not a character a line
    # the charts' tick labels: at least 10 px tall on the phone (11 units of 640 were 6 px), none cut off
    # (the top label's line box reaches above the chart by its blank ascent over the digits)
    ticks = page.locator("svg.chart").evaluate_all("""charts => charts.flatMap(chart => {
        const box = chart.getBoundingClientRect();
        return [...chart.querySelectorAll(".chart-tick")].map(tick => {
            const t = tick.getBoundingClientRect();
            return [tick.textContent, Math.round(t.height),
                    t.left >= box.left && t.right <= box.right && t.top >= box.top - 2 && t.bottom <= box.bottom];
        });
    })""")
    assert len(ticks) > 10 and all(height >= 11 and inside for _, height, inside in ticks), ticks



def test_a_japanese_mastery_level_is_not_a_character_a_line_on_a_phone(browser, live_server, make, learner):
    topics = [make.topic(name=name, domain="deployment") for name in ("Elastic Beanstalk", "Canary deployment")]
    questions = [make.question(topic) for topic in topics for _ in range(2)]
    practice = attempts.start_practice(learner, questions, "en")
    for item in practice.items.order_by("position")[:2]:
        attempts.answer_practice(practice, item, ["A"], now=timezone.now())
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    assert page.locator("html").get_attribute("lang") == "ja"
    # every level in turn, with two-digit numbers beside it: its lines, and how far the table overflows
    lines = page.locator("table.mastery-table").evaluate_all("""tables => ['未学習', '学習中', '習熟', 'マスター']
      .map(level => [level, ...tables.map(table => {
        const badge = table.querySelector('td:nth-child(2) .level');
        badge.textContent = level;
        table.querySelector('td:nth-child(3)').lastChild.textContent = ' 45%';
        table.querySelector('td:nth-child(4)').textContent = '12 / 36';
        const range = document.createRange();
        range.selectNodeContents(badge);
        const section = table.closest('section');
        return [range.getClientRects().length, section.scrollWidth - section.clientWidth];
      })])""")
    context.close()
    # "未/学/習" took three lines; "マスター" may take two, never a sideways scroll
    assert lines == [["未学習", [1, 0]], ["学習中", [1, 0]], ["習熟", [1, 0]], ["マスター", [2, 0]]], lines

@pytest.mark.parametrize("locale", ["ko-KR", "ja-JP"])
@pytest.mark.parametrize("width", [360, 375])
def test_every_mastery_table_fits_its_section_on_a_phone_whatever_it_shows(browser, live_server, learner, locale,
                                                                           width):
    # Sized by their content, the columns' narrowest widths added up to the whole section: a topic at 100% or an
    # unbreakable "미학습" in the table beside the widest level and two-digit counts pushed it 3 to 7 px past its
    # section when the exam's random answers made them so (CI); at 360 px, or with a three-digit count, further.
    from django.core.management import call_command
    from django.utils import translation

    from conftest import SEED_NOTES
    from quiz.progress.mastery import Level

    call_command("import_notes", str(SEED_NOTES), stdout=open("/dev/null", "w"))
    call_command("generate_questions", stdout=open("/dev/null", "w"))
    with translation.override(locale[:2]):
        levels = [str(Level.LABELS[level]) for level in Level.ORDER]
    context = browser.new_context(viewport={"width": width, "height": 740}, has_touch=True, locale=locale)
    page = context.new_page()
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    assert page.locator("html").get_attribute("lang") == locale[:2]
    assert page.locator("table.mastery-table").count() == 7  # every domain of the seed notes
    # every row of every table at each level in turn, at 100% and with two- and three-digit counts: how far the
    # section scrolls sideways, and whether each "100%" is on its bar's line
    shown = page.locator("table.mastery-table tbody tr").evaluate_all("""(rows, levels) => {
      const section = rows[0].closest('section'), out = [];
      for (const counts of ['12 / 36', '120 / 360']) for (const level of levels) {
        for (const row of rows) {
          row.querySelector('td:nth-child(2) .level').textContent = level;
          row.querySelector('td:nth-child(3)').lastChild.textContent = ' 100%';
          row.querySelector('td:nth-child(4)').textContent = counts;
        }
        const beside = rows.every(row => {
          const cell = row.querySelector('td:nth-child(3)'), range = document.createRange();
          range.selectNodeContents(cell.lastChild);
          return range.getBoundingClientRect().top < cell.querySelector('progress').getBoundingClientRect().bottom;
        });
        out.push([counts, level, section.scrollWidth - section.clientWidth, beside]);
      }
      return out;
    }""", levels)
    context.close()
    assert all(overflow == 0 and beside for _, _, overflow, beside in shown), shown


def _long_exam(make, learner, questions):
    """An exam attempt of ``questions`` questions (a certification exam has 65)."""
    from quiz.models import Mode, Quiz

    topic = make.topic(domain="compute")
    for _ in range(questions):
        make.question(topic)
    quiz = Quiz.objects.create(slug=f"long-{questions}", title="Long exam", mode=Mode.EXAM,
                               question_count=questions, time_limit_minutes=2 * questions, only_approved=False)
    return attempts.start_exam(learner, quiz, "en")[0]


def test_the_exam_review_screen_keeps_submit_near_the_top_with_sixty_unanswered(page, live_server, make, learner):
    attempt = _long_exam(make, learner, 60)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/review/")
    expect(page.locator(".unanswered-list li")).to_have_count(60)
    submit = page.get_by_role("button", name="Submit the exam").bounding_box()
    assert submit["y"] < 1200, submit  # the 60 links wrap in rows (one column put it near 3000 px)


def test_on_a_phone_the_review_screens_buttons_stand_apart_from_each_other_and_the_flagged_heading(
        page, live_server, make, learner):
    attempt = _long_exam(make, learner, 5)
    attempt.items.filter(position__in=[1, 3]).update(flagged=True)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/review/")
    back = page.get_by_role("button", name="Back to the questions").bounding_box()
    submit = page.get_by_role("button", name="Submit the exam").bounding_box()
    heading = page.get_by_role("heading", name="Flagged for review (2)").bounding_box()
    flagged = page.locator(".flagged-list").bounding_box()
    next_heading = page.get_by_role("heading", name="Unanswered (5)").bounding_box()
    # the buttons stood 16 px above their heading, a list 42 px above the next: as far apart as the lists
    lists_apart = next_heading["y"] - (flagged["y"] + flagged["height"])
    assert heading["y"] - (submit["y"] + submit["height"]) >= lists_apart, (submit, heading, lists_apart)
    # in English they wrap on a phone, and touched each other
    assert submit["y"] - (back["y"] + back["height"]) >= 8 or submit["y"] == back["y"], (back, submit)


def test_on_a_phone_the_exam_question_starts_on_the_first_screen(page, live_server, make, learner):
    attempt = _long_exam(make, learner, 65)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/1/")
    cell = page.locator("nav.navigator ol .cell").first.bounding_box()
    assert cell["height"] >= 24 and cell["width"] >= 24, cell  # still a comfortable target
    option = page.locator("#exam-panel .option").last.bounding_box()
    assert option["y"] + option["height"] < PHONE["height"], option  # the question and all four options show


def test_the_practice_topics_fit_a_small_phone_without_sideways_scrolling(page, live_server, make, learner):
    for n in range(24):
        make.question(make.topic(name=f"Elastic Beanstalk deployment policy number {n} with a long name"))
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/quiz/practice/")
    choices = page.locator("div.topic-choices")
    expect(choices).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert choices.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # no column hidden to the right


SMALL_PHONE = {"width": 375, "height": 740}


def _rect(locator):
    box = locator.bounding_box()  # in the viewport, as getBoundingClientRect
    return {"top": box["y"], "bottom": box["y"] + box["height"]}


def test_on_a_phone_the_time_left_stays_in_view_down_at_the_navigator(page, live_server, make, learner):
    attempt = _long_exam(make, learner, 65)
    first = attempt.items.get(position=0)
    page.set_viewport_size(SMALL_PHONE)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/1/")
    bar, countdown = page.locator(".countdown-line"), page.locator("#countdown")
    expect(countdown).to_have_text(re.compile(r"^2:\d\d:\d\d$"))
    assert _rect(bar)["bottom"] <= _rect(page.locator(".progress-line"))["top"]  # it covers nothing at rest
    # the count is said once on screen (the bar's); the panel's stays for screen readers (the bar's is aria-hidden)
    expect(page.locator(".progress-line .answered-sep")).to_be_hidden()
    assert page.locator(".progress-line .answered-count").evaluate(
        "e => e.getBoundingClientRect().width <= 1 && getComputedStyle(e).display !== 'none'")

    # the bar's answered count follows a save (an out-of-band swap) and the next question (a panel swap)
    page.locator(f"input[name=choice][value='{label_of(first, 'A')}']").check()
    expect(bar.locator(".bar-answered")).to_have_text("1 of 65 answered")
    page.get_by_role("button", name="Next").last.click()
    expect(page.locator(".progress-line")).to_contain_text("Question 2 of 65")
    expect(bar.locator(".bar-answered")).to_have_text("1 of 65 answered")

    page.locator("nav.navigator .legend").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 400
    box = _rect(countdown)
    assert 0 <= box["top"] and box["bottom"] <= SMALL_PHONE["height"], box
    expect(bar.locator(".bar-answered")).to_be_visible()

    # a button the keyboard reaches under the bar is scrolled out from under it
    review = page.get_by_role("button", name="Review and submit")
    under_the_bar = review.evaluate("e => e.getBoundingClientRect().top + scrollY - 5")
    page.evaluate("y => window.scrollTo(0, y)", under_the_bar)
    page.locator("nav.navigator ol .cell").first.evaluate("e => e.focus({preventScroll: true})")
    page.keyboard.press("Shift+Tab")
    expect(review).to_be_focused()
    assert _rect(review)["top"] >= _rect(bar)["bottom"], (_rect(review), _rect(bar))


def test_on_a_phone_the_exam_result_lists_the_questions_closed_and_filters_the_wrong_ones(page, live_server,
                                                                                         make, learner):
    attempt = _long_exam(make, learner, 65)
    now = timezone.now()
    for item in attempt.items.filter(position__lt=45):  # 40 right, 5 wrong, 20 left unanswered
        right = item.position < 40
        item.chosen = [o["key"] for o in item.options if o["correct"] == right][:1]
        item.answered_at = now
        item.save()
    attempts.submit(attempt, now=now)
    page.set_viewport_size(SMALL_PHONE)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/result/")
    expect(page.locator(".review-item")).to_have_count(65)
    expect(page.locator(".review-item .stem")).to_have_count(65)
    assert page.locator(".review-item .stem:visible").count() == 0  # all closed: a summary line each
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 12000, height

    page.get_by_role("link", name="Wrong or not answered (25)").click()
    expect(page).to_have_url(re.compile(r"/result/\?show=wrong#review$"))
    items = page.locator(".review-item")
    expect(items).to_have_count(25)
    states = items.evaluate_all("list => list.map(e => e.className)")
    assert (states.count("review-item wrong"), states.count("review-item unanswered")) == (5, 20), states
    expect(page.locator(".review-item .stem:visible")).to_have_count(25)  # the learner's pick comes open

    # a link to a question opens it
    page.get_by_role("link", name="All questions (65)").click()
    page.locator(".result-grid a[href='?#q12']").click()
    expect(page).to_have_url(re.compile(r"#q12$"))
    expect(page.locator("#q12 .stem")).to_be_visible()
    assert page.locator(".review-item .stem:visible").count() == 1
