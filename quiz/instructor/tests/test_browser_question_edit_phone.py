"""The question page on a 390 px phone in Japanese: each stem and explanation shows its whole text. Two-row
boxes cut a generated explanation off after about 40 characters (「休止がすぐ始まるた…」), so a reviewer
scrolled inside each of a dozen small boxes to read why an option is right or wrong."""

import pytest
from playwright.sync_api import expect

from conftest import log_in
from quiz.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# Each textarea of the form whose text is taller than its box: [name, scrollHeight, clientHeight].
CUT_OFF = """() => [...document.querySelectorAll('.question-form textarea')]
  .filter(box => box.scrollHeight > box.clientHeight + 1)
  .map(box => [box.name, box.scrollHeight, box.clientHeight])"""

LONG = ("0：誤りです。猶予なし（0 分）は中断動作が休止（hibernate）の場合です。休止でも中断通知は届きますが、"
        "休止がすぐ始まるため、タスクを移す時間はありません。")


def test_the_question_page_shows_each_explanation_whole_on_a_japanese_phone(browser, live_server, make, instructor):
    question = make.question(status="draft")
    options = [{**o, "explanation": {"en": o["explanation"]["en"], "ja": LONG}} for o in question.options]
    Question.objects.filter(pk=question.pk).update(options=options, languages=["ja", "en"],
                                                     stem={**question.stem, "ja": LONG * 2})
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="ja-JP")
    page = context.new_page()
    log_in(page, live_server, instructor)
    page.goto(live_server.url + f"/instructor/questions/{question.pk}/")
    expect(page.locator("textarea[name=expl_A_ja]")).to_have_value(LONG)
    assert page.evaluate(CUT_OFF) == []
    # a box still grows as the instructor types into it
    box = page.locator("textarea[name=expl_B_ja]")
    before = box.bounding_box()["height"]
    box.fill(LONG * 3)
    assert box.bounding_box()["height"] > before
    assert page.evaluate(CUT_OFF) == []
    context.close()
