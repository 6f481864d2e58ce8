"""A source link in headless Chromium: it lands on the cited note line, marked in both themes, with the way
back to the question. Screenshots go to ``screenshots/``."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import SCREENSHOTS, SEED_NOTES, log_in, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_source_link_scrolls_to_the_marked_line_and_leads_back(page, live_server, scheme):
    from studynotes import citing
    from studynotes.models import Section

    call_command("import_notes", str(SEED_NOTES), verbosity=0)
    learner = make_user("alice")
    log_in(page, live_server, learner)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    section = Section.objects.get(note_file__name="004_e9cc76d6e1cfad47.txt",
                                  heading_path="ElasticBeanstalk › デプロイの設定 › バッチサイズ")
    back = citing.back_token(learner.pk, "/quiz/")
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/files/{section.note_file_id}/?hl={section.pk}:92&back={back}#cited")

    cited = page.locator("#cited")
    expect(cited).to_be_in_viewport()  # landed on it, though the section is far down the file
    expect(cited).to_contain_text("Rolling with additional batch")
    expect(cited.locator(".cited-label")).to_have_text("Cited in the question")  # said, not only coloured
    assert cited.evaluate("e => parseFloat(getComputedStyle(e).borderLeftWidth)") > 0  # and a bar
    colours = cited.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours == (["rgb(133, 77, 14)", "rgb(254, 252, 232)"] if scheme == "dark"
                       else ["rgb(253, 230, 138)", "rgb(28, 25, 23)"])  # the mark colours, AA in either theme
    assert page.locator("h1").inner_text() == "Lamdba"  # the note's heading, not its hashed file name
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"source-link-cited-{scheme}.png"), caret="initial")

    page.locator(".back-to-question a").last.click()
    page.wait_for_url(f"{live_server.url}/quiz/")
    assert not errors


def test_a_cited_item_keeps_its_sub_items_readable_and_its_label_in_the_readers_language(page, live_server):
    """"Rolling with additional batch" is cited with sub-items that are not: before, in the dark theme they kept
    Pico's grey (#c2c7d0) on the mark's brown, 4.0:1 (axe: color-contrast, serious). And the label sat in the
    note's lang="ja": a screen reader read "문제에서 인용한 부분" in a Japanese voice."""
    from studynotes.models import Section
    from studynotes.tests.test_a11y import axe_violations

    call_command("import_notes", str(SEED_NOTES), verbosity=0)
    section = Section.objects.get(note_file__name="000_48280b37ea1cc327.txt", heading_path="CloudTech Study › 141")
    page.context.add_cookies([{"name": "django_language", "value": "ko", "url": live_server.url}])
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/files/{section.note_file_id}/?hl={section.pk}:27#cited")

    cited = page.locator("#cited")
    expect(cited).to_contain_text("Rolling with additional batch")
    sub_item = cited.locator("li").first
    expect(sub_item).to_contain_text("ダウンタイム発生しない")  # a sub-item the question does not cite
    assert sub_item.evaluate("e => getComputedStyle(e).color") == "rgb(254, 252, 232)"  # the mark's text colour
    label = cited.locator(".cited-label")
    expect(label).to_have_text("문제에서 인용한 부분")
    expect(label).to_have_attribute("lang", "ko")
    assert axe_violations(page) == []

    # a line not found marks the whole section: its image placeholders' muted labels were 1.8:1 on the mark
    page.goto(f"{live_server.url}/files/{section.note_file_id}/?hl={section.pk}:900#cited")
    expect(page.locator("#cited .image-label").first).to_have_text("원격 이미지(불러오지 않음)")
    assert axe_violations(page) == []


def test_a_cited_item_and_its_cited_sub_items_say_the_label_once_and_keep_a_bar_each(page, live_server):
    """Lines 27-34 of the Elastic Beanstalk policies: "Rolling with additional batch", its six sub-items and the
    next policy. Before, the label stood on each of the eight items, and a screen reader said it eight times."""
    from studynotes.models import Section
    from studynotes.tests.test_a11y import axe_violations

    call_command("import_notes", str(SEED_NOTES), verbosity=0)
    section = Section.objects.get(note_file__name="000_48280b37ea1cc327.txt", heading_path="CloudTech Study › 141")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/files/{section.note_file_id}/?hl={section.pk}:27-34#cited")

    blocks = page.locator(".note-body .cited")
    expect(blocks).to_have_count(8)
    assert all(width > 0 for width in blocks.evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).borderLeftWidth))"))  # a bar on each
    expect(page.locator(".cited-label")).to_have_count(1)
    expect(page.locator("#cited > .cited-label")).to_have_text("Cited in the question")  # on the outermost
    expect(page.locator("#cited")).to_contain_text("Rolling with additional batch")
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "source-link-cited-run.png"), caret="initial")
