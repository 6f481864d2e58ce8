"""A note's <details> answer and callouts in Chromium: the answer opens from the keyboard, no script needed."""

import pytest
from playwright.sync_api import expect

from studynotes.importer import import_file
from studynotes.models import NoteFile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = """# セルフテスト

問題：S3の耐久性は？

<details ontoggle="window.__xss=1"><summary onclick="window.__xss=1">答え</summary>

- **99.999999999%**（イレブンナイン）
</details>

> [!warning] 注意点
> 可用性とは別の指標
"""


def test_a_learner_opens_a_details_answer_with_the_enter_key_on_its_summary(page, live_server):
    import_file("selftest.md", NOTE.encode())
    note_file = NoteFile.objects.get(name="selftest.md")
    page.goto(f"{live_server.url}/files/{note_file.pk}/")

    details = page.locator(".note-body details").first
    answer = details.locator("li", has_text="99.999999999%")
    expect(answer).to_be_hidden()
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(answer).to_be_visible()
    assert details.get_attribute("ontoggle") is None and details.locator("summary").get_attribute("onclick") is None

    callout = page.locator(".note-body .callout-warning")
    expect(callout.locator(".callout-title")).to_have_text("Warning 注意点")
    expect(page.locator(".note-body")).not_to_contain_text("[!warning]")
