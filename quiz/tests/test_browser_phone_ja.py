"""The exam's legends on a 375 px phone in Japanese: each colour swatch stays on the line of its label, and no
label breaks inside its word (「フラグ付き」 broke as 「フラグ付/き」: Japanese may break between any two characters)."""

import pytest
from playwright.sync_api import expect

from .test_browser_layout import _long_exam
from .test_browser_phone_ko import PHONE, SPLIT_WORDS
from .test_browser_quiz import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each swatch of the legend, with the vertical middle of its box and of the first character of the text after it.
SWATCH_LINES = """() => [...document.querySelectorAll('.legend .swatch')].map(swatch => {
  let text = swatch.nextSibling;
  while (text && !(text.nodeType === Node.TEXT_NODE && text.textContent.trim())) text = text.nextSibling;
  const start = text.textContent.search(/\\S/), range = document.createRange();
  range.setStart(text, start); range.setEnd(text, start + 1);
  const box = swatch.getBoundingClientRect(), letter = range.getBoundingClientRect();
  return [text.textContent.trim(), (box.top + box.bottom) / 2, (letter.top + letter.bottom) / 2];
})"""


def assert_legend_lines_up(page):
    swatches = page.evaluate(SWATCH_LINES)
    assert [label for label, _, _ in swatches] == ["解答済み", "未解答", "一部のみ解答", "フラグ付き"], swatches
    assert all(abs(swatch - letter) < 6 for _, swatch, letter in swatches), swatches
    assert page.evaluate(SPLIT_WORDS, [".legend", False]) == []


def test_the_exam_legends_keep_each_swatch_with_its_whole_label_on_a_japanese_phone(browser, live_server, make,
                                                                                     learner):
    attempt = _long_exam(make, learner, 20)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/1/")
    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator("#exam-panel .legend")).to_be_visible()
    assert_legend_lines_up(page)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/review/")  # the review screen's grid has it too
    expect(page.locator(".navigator .legend")).to_be_visible()
    assert_legend_lines_up(page)
    context.close()
