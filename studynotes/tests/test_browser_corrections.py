"""Corrections on a phone in headless Chromium: the corrected line's label and the box of corrections fit a
375 px screen, and the keyboard goes from the line to its correction and back. Screenshots go to
``screenshots/``."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import SCREENSHOTS, SEED_NOTES
from studynotes.tests.test_a11y import axe_violations, press_until_focused

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# A learner's section with two wrong lines the AWS documentation corrects differently (the seeds had one until
# gen-1.62 found that one of its S3 section's two corrections was of a right line).
TWO_WRONG = "# S3 メモ\n\n## S3\n\n- S3 はファイルシステムとして EC2 にマウントされる\n- S3 のオブジェクトの最大サイズは５ＴＢ\n"


def test_corrected_lines_and_their_box_fit_a_phone_and_link_both_ways_by_keyboard(page, live_server, tmp_path):
    import shutil

    from quiz.generation.pipeline import run
    from studynotes.models import NoteCorrection

    for note in SEED_NOTES.iterdir():
        shutil.copy(note, tmp_path)
    (tmp_path / "s3-memo.md").write_text(TWO_WRONG, encoding="utf-8")
    call_command("import_notes", str(tmp_path), verbosity=0)
    run()
    # one section, two corrections saying different things: one box, a list of two
    corrections = list(NoteCorrection.objects.filter(active=True, section__note_file__name="s3-memo.md",
                                                     section__heading_path__endswith="S3"))
    assert len(corrections) == 2 and corrections[0].correction != corrections[1].correction
    section = corrections[0].section
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/files/{section.note_file_id}/")

    box = page.locator(f"#{section.anchor} aside.correction")
    expect(box.locator(".correction-list > li")).to_have_count(2)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # nothing pushes the page sideways
    for correction in corrections:
        for selector in (f"#corrected-{correction.pk}", f"#correction-{correction.pk}"):
            shape = page.locator(selector).bounding_box()
            assert shape["x"] >= 0 and shape["x"] + shape["width"] <= 375, (selector, shape)
    shape = box.bounding_box()
    assert shape["x"] >= 0 and shape["x"] + shape["width"] <= 375
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(f"#corrected-{corrections[0].pk}").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "correction-marked-line-375.png"), caret="initial")

    first = corrections[0].pk
    press_until_focused(page, f"#corrected-{first}", limit=400)  # in the tab order
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/files/{section.note_file_id}/#correction-{first}")
    expect(page.locator(f"#correction-{first}")).to_be_in_viewport()
    press_until_focused(page, f"#correction-{first} .correction-back")  # the next stop: back to the line
    page.keyboard.press("Enter")
    expect(page.locator(f"#corrected-{first}")).to_be_in_viewport()
    page.screenshot(path=str(SCREENSHOTS / "correction-box-375.png"), caret="initial", full_page=False)
    assert axe_violations(page) == []
