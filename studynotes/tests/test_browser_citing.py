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
