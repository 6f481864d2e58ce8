"""A learner's day on a 375 px phone in Korean, on the seed notes and their generated questions: no page
scrolls sideways, Korean wraps between words, and the pieces a phone showed wrong stay right (the breadcrumb
divider, the notes tab, the title's place, the review badge, the live results' card, source headings, the
mastery table's names and its "0%" beside its bar, small links a fingertip can hit). One browser context for the
whole walk, as a learner's phone would have."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from conftest import SEED_NOTES
from quiz.models import Mode, Quiz
from studynotes.models import NoteFile

from .test_browser_quiz import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}

# Line breaks inside a word: between two characters neither of which is a space. Korean text (the nearest
# lang is ko) must never break between two Hangul syllables; ``selector`` limits the search to some elements.
SPLIT_WORDS = """([selector, hangulOnly]) => {
  const splits = [];
  const hangul = /[\\uac00-\\ud7a3]/;
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const owner = node.parentElement.closest('[lang]');
      if (hangulOnly && (!owner || owner.lang !== 'ko')) continue;
      if (!node.parentElement.getClientRects().length) continue;
      const text = node.textContent, range = document.createRange();
      let previousTop = null;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) { previousTop = null; continue; }
        const a = text[i - 1], b = text[i];
        if (previousTop !== null && rect.top > previousTop + 2 && /\\S/.test(a) && /\\S/.test(b)
            && (!hangulOnly || (hangul.test(a) && hangul.test(b)))) {
          const start = text.lastIndexOf(' ', i) + 1, end = text.indexOf(' ', i);
          splits.push(text.slice(start, end < 0 ? undefined : end));
        }
        previousTop = rect.top;
      }
    }
  }
  return splits;
}"""


# A tap target's lines (a link wrapped over two lines has two boxes): [top, bottom, height] of each, per link.
TARGET_LINES = """selector => [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length)
  .map(e => [...e.getClientRects()].map(r => [r.top, r.bottom, r.height]))"""


def assert_fingertip_targets(page, selector, count=1):
    """At least ``count`` links match ``selector``, every line of each at least 24 px tall, and no two links
    overlap (WCAG 2.5.8: they were 15 to 19 px words, two source links 9 px apart)."""
    links = page.evaluate(TARGET_LINES, selector)
    assert len(links) >= count, (selector, links)
    assert all(line[2] >= 24 for lines in links for line in lines), (selector, links)
    for before, after in zip(links, links[1:]):
        if after[0][0] > before[0][0]:  # the next link is on a lower line: it starts below this one's end
            assert after[0][0] >= before[-1][1] - 0.5, (selector, links)


@pytest.fixture
def phone(browser, live_server, learner):
    """The seed notes and their questions, a short exam, and the learner logged in on a Korean phone."""
    call_command("import_notes", str(SEED_NOTES), stdout=open("/dev/null", "w"))
    call_command("generate_questions", stdout=open("/dev/null", "w"))
    Quiz.objects.create(slug="phone-exam", title="Mock exam", mode=Mode.EXAM, question_count=5,
                        time_limit_minutes=10, only_approved=False)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True, locale="ko-KR")
    page = context.new_page()
    log_in(page, live_server, learner)
    yield page
    context.close()


def visit(page, url):
    """Open ``url`` (or check the page already open, for None): Korean, not wider than the phone, and no Korean
    word broken across two lines."""
    if url is not None:
        page.goto(url)
    assert page.locator("html").get_attribute("lang") == "ko"
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] == PHONE["width"], (page.url, width)
    split = page.evaluate(SPLIT_WORDS, ["main, header, footer", True])
    assert split == [], (page.url, split)


def test_the_learners_pages_fit_a_korean_phone(phone, live_server, learner):
    from quiz.progress.models import ReviewCard

    page, url = phone, live_server.url
    visit(page, url + "/")
    # The header's search box, language switch and theme button are a thumb's target (they were 36 px).
    for control in ("input[data-search-input]", ".language-form select", ".theme-toggle"):
        assert page.locator(f"header {control}").bounding_box()["height"] >= 40, control

    # Search as you type: the results are a card inside the screen's margins.
    page.locator("input[data-search-input]").fill("카나리아")
    live = page.locator("#search-live")
    expect(live.locator(".result-link").first).to_be_visible()
    assert_fingertip_targets(page, "#search-live .result-topic a")  # the topics' names (19 px words)
    box = live.bounding_box()
    assert box["x"] >= 4 and box["x"] + box["width"] <= PHONE["width"] - 4, box
    visit(page, None)

    # A topic with Japanese notes only: the Japanese tab shows them, not an empty Korean tab.
    visit(page, url + "/topics/ebextensions/")
    expect(page.locator("#col-ja .note-section").first).to_be_visible()
    expect(page.locator(".lang-tabs [data-tab=ja]")).to_have_attribute("aria-selected", "true")
    assert_fingertip_targets(page, "#col-ja .source-link")  # each section's source file (20 px)
    divider = page.locator("nav.breadcrumbs li").first.evaluate("li => getComputedStyle(li, '::after').content")
    assert "›" in divider, divider

    # The Korean note file whose pictures were Windows paths (C:\Users\...\image-2021....png), and the search page.
    visit(page, url + NoteFile.objects.get(name__startswith="003_").get_absolute_url())
    placeholder = page.locator(".image-placeholder").first
    expect(placeholder).to_be_visible()
    # set apart from the words around it ("로드 밸런서가 있어서이미지를 사용할 수 없음" ran on)
    margins = placeholder.evaluate("e => [getComputedStyle(e).marginLeft, getComputedStyle(e).marginRight]")
    assert all(float(m.rstrip("px")) >= 3 for m in margins), margins
    visit(page, url + "/search/?q=배포")
    gap = page.locator("main h1").bounding_box()["y"] - page.locator("header.site-header").bounding_box()["height"]
    assert gap < 32, gap  # not the 3 rem Pico puts above a heading after the hidden status line

    # Practice: one question answered, its feedback read.
    visit(page, url + "/quiz/practice/")
    page.locator("input[name=count]").fill("2")
    page.get_by_role("button", name="연습 시작").click()
    expect(page.locator("input[name=choice]").first).to_be_visible()
    # a "choose two" question is refused with one box ticked; how many its "Choose 2." line says, or its stem
    # when the stem says it already (the line is then left out)
    choose = page.locator(".choose-n")
    said = choose.inner_text() if choose.count() else page.locator(".stem").inner_text()
    many = page.locator("input[name=choice][type=checkbox]").count()
    found = re.search(r"(\d+) ?(?:개|つ)|Choose (?:the )?(\d+)", said)
    for n in range(int(found.group(1) or found.group(2)) if many else 1):
        page.locator("input[name=choice]").nth(n).check()
    page.get_by_role("button", name="정답 확인").click()
    expect(page.locator(".feedback .verdict")).to_be_visible()
    visit(page, None)
    assert_fingertip_targets(page, ".sources li > a")  # "Reread in your notes"
    assert float(page.locator(".sources h2").evaluate("h => parseFloat(getComputedStyle(h).fontSize)")) <= 17
    assert page.locator(".report summary").bounding_box()["height"] >= 40  # a thumb's target

    # Every card due now: the header's badge looks the same on every page, and the sections keep one row.
    ReviewCard.objects.filter(user=learner).update(due=timezone.now() - timedelta(minutes=1))

    # The exam: answer, flag, review, submit, result.
    # The exams list's link is the way in, a thumb's target (it was a 19 px word).
    visit(page, url + "/quiz/exams/")
    link = page.locator(".exam-list a[href='/quiz/exams/phone-exam/']")
    assert link.bounding_box()["height"] >= 40
    link.click()
    page.get_by_role("button", name="시험 시작").click()
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^\d+:\d\d$"))
    visit(page, None)
    page.locator("#exam-panel input[name=choice]").first.check()
    page.locator("#exam-panel button[value=flag]").click()
    expect(page.locator("#exam-panel .flagged-note")).to_be_visible()
    page.locator("#exam-panel button[value=review]").click()
    expect(page.locator(".review-lists")).to_be_visible()
    visit(page, None)
    assert page.locator(".review-lists li a").first.bounding_box()["height"] >= 40  # a thumb's target
    page.get_by_role("button", name="시험 제출").click()
    expect(page.locator("#scaled-score")).to_be_visible()
    visit(page, None)
    badge = page.locator(".main-nav .review-count")
    expect(badge).to_be_visible()
    assert badge.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(37, 99, 235)"
    tops = page.locator(".main-nav > li").evaluate_all(  # those shown: Topics and Search are in "More" here
        "items => items.filter(li => li.getClientRects().length).map(li => li.getBoundingClientRect().top)")
    assert len(tops) == 5, tops  # practice, exams, review, progress, more
    assert len(set(tops)) == 1, tops

    # The quizzes page lists the attempt just finished, its link a thumb's target too.
    visit(page, url + "/quiz/")
    assert page.locator(".attempt-list li > a").first.bounding_box()["height"] >= 40

    # Progress, the review queue and the review settings.
    visit(page, url + "/progress/")
    names = page.evaluate(SPLIT_WORDS, ["table.mastery-table th[scope=row]", False])
    assert all(len(word) > 16 for word in names), names  # only a token like "(ALB/NLB/GWLB/CLB)" may break
    assert_fingertip_targets(page, "table.mastery-table th[scope=row] a", 2)  # the topics' names (19 px)
    # A mastery's "0%" on its bar's line (it wrapped under the empty bar).
    bars = page.locator("table.mastery-table td:nth-child(3):has(progress)")  # not "n more answers needed"
    below = bars.evaluate_all("""cells => cells.map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell.lastChild);
        const bar = cell.querySelector('progress').getBoundingClientRect();
        return range.getBoundingClientRect().top - bar.bottom;
    })""")
    assert below and max(below) < 0, below
    # ... and with a two-digit mastery and count (this learner's are 0% and 0 / 1) on one line, and the widest
    # level (which level a topic shows depends on the exam's random answers), the table still fits in its section.
    widest = page.evaluate("() => { const s = document.createElement('span'); s.className = 'level'; "
                           "document.body.append(s); let w = ''; for (const t of ['미학습', '학습 중', '능숙', '완전 습득']) "
                           "{ s.textContent = t; if (!w || s.offsetWidth > w[1]) w = [t, s.offsetWidth]; } "
                           "s.remove(); return w[0]; }")
    assert widest == "완전 습득", widest
    widths = page.locator("table.mastery-table").evaluate_all("""(tables, widest) => tables.map(t => {
        t.querySelector('td:nth-child(2) .level').textContent = widest;
        t.querySelector('td:nth-child(3)').lastChild.textContent = ' 45%';
        t.querySelector('td:nth-child(4)').textContent = '12 / 36';
        return [t.closest('section').scrollWidth, t.closest('section').clientWidth];
    })""", widest)
    assert all(scroll <= client for scroll, client in widths), widths
    # The weakest topics' names under their button, apart from the stats cards (they touched).
    weakest = page.locator(".progress-actions small").bounding_box()
    assert page.locator(".progress-stats").bounding_box()["y"] - (weakest["y"] + weakest["height"]) >= 12
    assert_fingertip_targets(page, ".learner-assignments > p:last-child a", 2)  # Your classes · Join a class
    assert_fingertip_targets(page, "section[aria-labelledby=data-h] a", 4)  # My data: exports, settings...
    visit(page, url + "/progress/review/")
    assert_fingertip_targets(page, "#main > p > small > a", 2)  # Review settings · My progress
    assert_fingertip_targets(page, ".site-footer a")  # Search
    visit(page, url + "/progress/settings/")


def test_a_link_in_a_paragraph_of_its_own_is_a_fingertips_target(browser, live_server, learner):
    # "취소" / "내 진행 상황으로 돌아가기" under the delete forms were 19 px words
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True, locale="ko-KR")
    page = context.new_page()
    log_in(page, live_server, learner)
    for path in ("/progress/delete/", "/progress/delete-account/"):
        visit(page, live_server.url + path)
        assert_fingertip_targets(page, '#main > p > a[href="/progress/"]')
    context.close()


# The button's box and each line box of the plain link beside it: [left, top, right, bottom].
INTRO_BOXES = """() => {
  const box = r => [r.left, r.top, r.right, r.bottom];
  const intro = document.querySelector('[data-first-steps]');
  return [box(intro.querySelector('[data-first-assignment]').getBoundingClientRect()),
          [...intro.querySelector('a:not([role=button])').getClientRects()].map(box)];
}"""


@pytest.mark.parametrize("width", [375, 390])  # the link wraps under the button, or fits beside it
def test_a_new_learners_own_practice_link_keeps_clear_of_the_assignment_button(browser, live_server, learner,
                                                                                 instructor, width):
    from quiz.instructor.models import Assignment, Classroom, Membership

    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    Membership.objects.create(classroom=classroom, learner=learner)
    quiz = Quiz.objects.create(title="Week 1 practice", slug="week-1-practice", mode=Mode.PRACTICE)
    Assignment.objects.create(classroom=classroom, quiz=quiz, due_at=timezone.now() + timedelta(days=3))
    context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=2, has_touch=True,
                                  locale="ko-KR")
    page = context.new_page()
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    expect(page.locator("[data-first-assignment]")).to_be_visible()
    button, lines = page.evaluate(INTRO_BOXES)
    # "혼자 연습하기" sat 5 px from the button, a 19 px word (or broke over two lines, its second under the button)
    assert len(lines) == 1, lines
    left, top, right, bottom = lines[0]
    gap = top - button[3] if top >= button[3] else left - button[2]
    assert gap >= 8 and bottom - top >= 24, (button, lines)
    context.close()
