"""A note's <details> answers and callouts of every type, for everyone: axe on its file and topic pages in both
themes, a high-contrast (forced colours) theme, the keyboard alone and a screen reader's accessibility tree."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from studynotes.importer import import_file
from studynotes.models import NoteFile, Topic
from studynotes.tests.test_a11y import RING, audit, axe_violations, press_until_focused

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = """# Elastic Beanstalk セルフテスト

## Elastic Beanstalk のデプロイ

問題：イミュータブルデプロイのダウンタイムは？

<details><summary>答え</summary>

- **なし**（新しいインスタンスに切り替える）
</details>

> [!note] 設定の場所
> 設定は .ebextensions に置く

> [!tip] コツ
> Rolling with additional batch は容量を保つ

> [!important]
> 本番環境では Immutable を使う

> [!warning] 注意点
> All at once はダウンタイムあり

> [!danger] 削除の前に
> 環境を削除するとデータベースも消える

> [!question] 確認問題
> Traffic splitting とは？

> [!faq]- 折りたたみ：答えを見る
> Canary テストのための方式
"""
KINDS = ("note", "tip", "important", "warning", "danger", "question")
SUMMARIES = (".note-body details:not(.callout) > summary", ".note-body details.callout > summary")


@pytest.fixture
def note(live_server):
    import_file("callouts.md", NOTE.encode())
    note_file = NoteFile.objects.get(name="callouts.md")
    topic = Topic.objects.get(sections__note_file=note_file, sections__html__contains="callout-danger",
                              slug="elastic-beanstalk")
    return {"file": note_file.get_absolute_url(), "topic": topic.get_absolute_url()}


def themed(page, live_server, scheme, chosen=None):
    """The system's colour scheme, and the theme chosen with the header's button (remembered by theme.js)."""
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + "/")
    page.evaluate("(t) => t ? localStorage.setItem('kumo-theme', t) : localStorage.removeItem('kumo-theme')", chosen)


@pytest.mark.parametrize("scheme, chosen", [("light", None), ("dark", None), ("light", "dark"), ("dark", "light")])
def test_the_notes_details_and_callouts_pass_axe_in_both_themes_closed_and_open(page, live_server, note, scheme,
                                                                                chosen):
    themed(page, live_server, scheme, chosen)
    assert audit(page, live_server.url, [note["file"], note["topic"]]) == {}
    if chosen:
        expect(page.locator("html")).to_have_attribute("data-theme", chosen)
    for path in (note["file"], note["topic"]):
        page.goto(live_server.url + path)
        for kind in KINDS:
            expect(page.locator(f".note-body .callout-{kind}").first).to_be_visible()
        page.locator(".note-body details").evaluate_all("all => all.forEach(d => d.open = true)")
        expect(page.get_by_text("Canary テストのための方式")).to_be_visible()
        expect(page.get_by_text("（新しいインスタンスに切り替える）")).to_be_visible()
        assert axe_violations(page) == [], (path, "opened")


def seen(locator):
    return Image.open(io.BytesIO(locator.screenshot(caret="initial"))).convert("RGB")


def test_in_a_high_contrast_theme_each_callout_keeps_its_box_and_its_title(page, live_server, note):
    """Forced colours drop backgrounds and author colours: a box drawn with a fill alone would vanish."""
    page.emulate_media(forced_colors="active")
    page.goto(live_server.url + note["file"])
    for kind in KINDS:
        box = page.locator(f".note-body .callout-{kind}").first
        image = seen(box)
        w, h = image.width, image.height
        inside = image.getpixel((w // 2, h - 6))  # the padding under the text
        edges = {"start": [(x, h // 2) for x in range(3)], "end": [(w - 1 - x, h // 2) for x in range(3)],
                 "top": [(w // 2, y) for y in range(3)], "bottom": [(w // 2, h - 1 - y) for y in range(3)]}
        for edge, pixels in edges.items():
            assert any(image.getpixel(xy) != inside for xy in pixels), (kind, edge)
        title = seen(box.locator(".callout-title"))
        assert len(title.getcolors(1 << 16)) > 2, kind  # text drawn, not one flat colour
        label = seen(box.locator(".callout-label"))
        assert len(label.getcolors(1 << 16)) > 2, kind


def test_each_summary_is_reached_with_tab_toggled_with_enter_and_space_and_ringed(page, live_server, note):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(live_server.url + note["file"])
        for selector, key in zip(SUMMARIES, ("Enter", "Space")):
            details = page.locator(selector).locator("xpath=..")
            expect(details).not_to_have_attribute("open", "")
            press_until_focused(page, selector)
            assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).outlineStyle") == "solid"
            assert page.evaluate(RING, selector) >= 3, (scheme, selector)
            page.keyboard.press(key)
            expect(details).to_have_attribute("open", "")
            page.keyboard.press(key)
            expect(details).not_to_have_attribute("open", "")
            page.keyboard.press(key)


def test_a_screen_reader_hears_each_callouts_label_and_title_and_not_its_mark(page, live_server, note):
    """The marks (ℹ ✓ ⚠ ?) are drawn by CSS with an empty alternative text: only the words are read."""
    page.goto(live_server.url + note["file"])
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    said = [n["name"]["value"] for n in nodes if n.get("name", {}).get("value") and not n.get("ignored")]
    text = "\n".join(said)
    for mark in "ℹ✓⚠":
        assert mark not in text, mark
    assert not [name for name in said if name.lstrip().startswith("?")]
    for words in ("Note 設定の場所", "Tip コツ", "Important", "Warning 注意点", "Danger 削除の前に", "Question 確認問題"):
        expect(page.locator(".note-body .callout-title", has_text=words.split()[-1]).first).to_have_text(
            words, use_inner_text=True)
        assert any(words.split()[0] in name for name in said), words
    expect(page.locator(SUMMARIES[1])).to_have_accessible_name("Question 折りたたみ：答えを見る")
    expect(page.locator(SUMMARIES[0])).to_have_accessible_name("答え")
