"""studynotes.citing: the note lines a source link cites, found in a section's rendered HTML and marked."""

import re

import pytest
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from studynotes import citing
from studynotes.rendering import render_markdown


def marked(markdown, spans, body_start=10):
    html, found = citing.mark_cited(render_markdown(markdown), markdown, body_start, spans, "Cited")
    return html, found


def cited_texts(html):
    """The own text (up to a nested block) of each marked block."""
    return [re.sub(r"<[^>]+>", "", m).replace("Cited ", "", 1).strip()
            for m in re.findall(r'class="cited"[^>]*>(.*?)(?=<(?:/?li|/?p|/?ul|/?tr|/?pre)\b)', html, re.S)]


def test_it_reads_an_hl_parameter():
    assert citing.parse_hl("12:20-22,25") == (12, [(20, 22), (25, 25)])
    assert citing.hl_value(12, [(20, 22), (25, 25)]) == "12:20-22,25"


@pytest.mark.parametrize("value", ["", "12", "12:", "x:1", "12:3-1", "12:0", "12:1;2", "12:1-2-3", None])
def test_it_refuses_what_is_not_an_hl_parameter(value):
    assert citing.parse_hl(value) is None


def test_it_bounds_the_lines_an_hl_parameter_may_ask_for():
    _section, spans = citing.parse_hl("1:" + ",".join(["1-9999999"] * 50))
    assert len(spans) == citing.MAX_SPANS and spans[0] == (1, citing.MAX_SPAN_LINES)


def test_it_marks_the_list_item_holding_a_cited_line_and_anchors_the_first():
    html, found = marked("- 一行目\n- 二行目\n  - 入れ子\n- 三行目", [(11, 12)])  # body lines 2 and 3
    assert found
    assert cited_texts(html) == ["二行目", "入れ子"]
    assert html.count('id="cited"') == 1 and html.index('id="cited"') < html.index("二行目")
    # said, not only coloured; once for the item and its cited sub-item (it was said on both)
    assert re.search(r'<li class="cited" id="cited"><span class="cited-label">Cited</span> 二行目', html)
    assert html.count('<span class="cited-label">Cited</span>') == 1


EB_POLICIES = """- デプロイポリシー
  - Rolling with additional batch: 追加バッチ
    - ダウンタイム発生しない
    - 既存と新規インスタンスへのデプロイ
      - 詳細
    - キャパシティを維持
  - Immutable: 新規インスタンス
  - Traffic splitting: 分割
    - 一部ユーザーに影響"""


@pytest.mark.parametrize("spans, runs", [
    ([(11, 15)], ["Rolling with additional batch: 追加バッチ"]),  # an item, its sub-items and theirs: one run
    ([(13, 16)], ["既存と新規インスタンスへのデプロイ"]),  # siblings and a sub-item, then the parent's next sibling
    ([(11, 11), (13, 14)], ["Rolling with additional batch: 追加バッチ"]),  # inside the cited item, an uncited one
    ([(12, 12), (17, 18)], ["ダウンタイム発生しない", "Traffic splitting: 分割"]),  # two runs apart: said twice
])
def test_the_label_is_said_once_a_run_of_cited_blocks_and_each_keeps_its_bar(spans, runs):
    html, _found = marked(EB_POLICIES, spans)
    cited = html.count('class="cited"')
    assert cited == len({line for first, last in spans for line in range(first, last + 1)})  # a bar each
    labelled = re.findall(r'<li class="cited"[^>]*><span class="cited-label">Cited</span> ([^<]+)', html)
    assert labelled == runs and html.count("cited-label") == len(runs)


def test_a_line_written_twice_is_found_where_it_is():
    html, _found = marked("- 同じ\n- 別\n- 同じ", [(12, 12)])
    items = re.findall(r"<li[^>]*>.*?</li>", html)
    assert "cited" not in items[0] and "cited" in items[2]


def test_it_marks_a_table_row_with_its_label_in_the_first_cell():
    html, found = marked("| 名前 | 値 |\n|---|---|\n| Rolling | バッチ |\n| Immutable | 新規 |", [(12, 12)])
    assert found
    assert re.search(r'<tr class="cited" id="cited">\s*<td><span class="cited-label">Cited</span> Rolling', html)
    assert "Immutable" not in "".join(re.findall(r'<tr class="cited".*?</tr>', html, re.S))


def test_rows_cited_one_after_another_say_the_label_in_the_first_only():
    html, _found = marked("| 名前 | 値 |\n|---|---|\n| Rolling | バッチ |\n| Immutable | 新規 |", [(12, 13)])
    assert len(re.findall(r'<tr class="cited"', html)) == 2
    assert html.count("cited-label") == 1 and html.index("cited-label") < html.index("Rolling")


def test_inline_markup_and_code_lines_are_found():
    html, _found = marked("**太字** と `code` の行\n\n```\nfoo = 1\n```", [(10, 10), (13, 13)])
    assert re.search(r'<p class="cited" id="cited">', html) and re.search(r'<pre class="cited">', html)


def test_a_line_struck_in_part_is_found_with_its_words_for_screen_readers():
    """A page's note HTML says where struck text starts and ends (rendering.struck_labels): those words are the
    site's, not the note's, and do not hide the line they sit in."""
    from studynotes.rendering import struck_labels

    markdown = "- Rolling は ~~ダウンタイムなし~~ 短いダウンタイム\n- Immutable"
    html, found = citing.mark_cited(struck_labels(render_markdown(markdown), "en", "ja"), markdown, 10,
                                    [(10, 10)], "Cited")
    assert found and re.search(r'<li class="cited" id="cited">.*Rolling は', html)


def test_a_line_not_found_marks_nothing():
    html, found = marked("- ![image](https://example.com/a.png)", [(10, 10)])
    assert not found and "cited" not in html
    html, found = marked("本文", [(99, 99)])
    assert not found and "cited" not in html


def test_the_label_is_escaped():
    html, _found = citing.mark_cited("<p>abc</p>", "abc", 1, [(1, 1)], "<b>")
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_only_the_cited_line_of_a_paragraph_written_on_several_lines_is_marked():
    html, found = marked("一行目\n二行目 **S3**\n三行目", [(11, 11)])
    assert found
    assert ('<p>一行目<br>\n<span class="cited" id="cited"><span class="cited-label">Cited</span> '
            "二行目 <strong>S3</strong></span><br>\n三行目</p>") in html
    html, _found = marked("一行目\n二行目\n三行目\n四行目", [(10, 10), (12, 13)])  # two runs: said on each
    runs = re.findall(r'<span class="cited"[^>]*><span class="cited-label">Cited</span> (.*?)</span>', html,
                      re.S)
    assert runs == ["一行目", "三行目<br>\n四行目"]
    html, _found = marked("- 項目\n  続き\n- 次", [(11, 11)])  # a list item's second line
    assert ('<li>項目<br>\n<span class="cited" id="cited"><span class="cited-label">Cited</span> 続き</span></li>'
            in html)


def test_a_later_line_is_marked_even_where_an_earlier_line_of_its_paragraph_holds_its_words():
    html, _found = marked("Lambda の最大実行時間は 15 分\n15 分", [(11, 11)])
    assert ('<p>Lambda の最大実行時間は 15 分<br>\n<span class="cited" id="cited"><span class="cited-label">Cited'
            "</span> 15 分</span></p>") in html
    html, _found = marked("- 料金は無料\n  無料\n- 次", [(11, 11)])
    assert ('<li>料金は無料<br>\n<span class="cited" id="cited"><span class="cited-label">Cited</span> 無料</span>'
            "</li>") in html


def test_a_paragraph_cited_on_every_line_is_marked_whole():
    html, _found = marked("一行目\n二行目", [(10, 11)])
    assert '<p class="cited" id="cited"><span class="cited-label">Cited</span> 一行目<br>' in html
    assert '<span class="cited"' not in html


def test_a_line_break_inside_inline_markup_is_not_cut():
    html, _found = marked("前 **太字\n続き** 後\n最後", [(12, 12)])
    assert ('<p>前 <strong>太字<br>\n続き</strong> 後<br>\n<span class="cited" id="cited">'
            '<span class="cited-label">Cited</span> 最後</span></p>') in html


def _unmarked(out):
    """``out`` without what ``mark_cited`` added; AssertionError unless its tags nest."""
    out = out.replace('<span class="cited-label">Cited</span> ', "")
    stack, pieces, done = [], [], 0
    for m in re.finditer(r"<(/?)([a-z0-9]+)([^>]*)>", out):
        closing, tag, attrs = m.groups()
        if tag in citing.VOID_TAGS:
            continue
        if not closing:
            added = tag == "span" and attrs.startswith(' class="cited"')
            stack.append((tag, added))
            if added:
                pieces.append(out[done:m.start()])
                done = m.end()
            continue
        assert stack and stack[-1][0] == tag, out
        if stack.pop()[1]:
            pieces.append(out[done:m.start()])
            done = m.end()
    pieces.append(out[done:])
    return "".join(pieces)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.integers(1, 30), st.integers(0, 5))
def test_any_note_keeps_its_html_apart_from_the_marks(markdown, first, extra):
    html = render_markdown(markdown)
    out, found = citing.mark_cited(html, markdown, 1, [(first, first + extra)], "Cited")
    unmarked = _unmarked(out).replace(' class="cited"', "")
    assert unmarked.replace(' id="cited"', "").replace("cited ", "") == html.replace("cited ", "")
    assert found == ('class="cited' in out)
    assert out.count('<span class="cited-label">') <= len(re.findall(r'class="cited[" ]', out))


_LINE = st.text(alphabet="ab *`_[]()-#>|\\1.", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=2, max_size=6), st.integers(1, 6))
def test_lines_of_any_paragraph_are_marked_in_spans_that_nest(lines, line):
    markdown = "\n".join(lines)
    html = render_markdown(markdown)
    out, found = citing.mark_cited(html, markdown, 1, [(line, line)], "Cited")
    assert _unmarked(out).replace(' class="cited"', "").replace(' id="cited"', "") == html
    assert found == ('class="cited' in out)


@pytest.mark.django_db
def test_back_is_kept_only_for_the_user_it_was_signed_for(learner, other_learner):
    token = citing.back_token(learner.pk, "/quiz/practice/abc/2/")

    def back(user, value):
        request = RequestFactory().get("/files/1/", {"back": value})
        request.user = user
        return citing.back_path(request)

    assert back(learner, token) == "/quiz/practice/abc/2/"
    assert back(other_learner, token) == ""  # a shared link shows nobody else the way to another's answers
    assert back(learner, "/quiz/practice/abc/2/") == ""  # unsigned
    assert back(learner, citing.back_token(learner.pk, "https://evil.example/")) == ""  # not a path here
    assert back(learner, citing.back_token(learner.pk, "//evil.example/")) == ""


def test_a_huge_section_full_of_lines_it_cannot_find_costs_a_bounded_search(monkeypatch):
    # any reader can ask for the last line of any section: 1,500 lines the HTML does not show (comments), each
    # looked for in all 1,500 items after them, once cost 1,500 x 1,500 comparisons, and a 5 MB note minutes
    compared = []

    class Counted(str):
        def __contains__(self, text):
            compared.append(1)
            return str.__contains__(self, text)

    normalise = citing._norm
    monkeypatch.setattr(citing, "_norm", lambda text: Counted(normalise(text)))
    markdown = "\n".join(["<!-- hidden -->"] * 1500 + [f"- item {i}" for i in range(1500)])
    found, _blocks = citing.cited_blocks(render_markdown(markdown), markdown, 1, [(3001, 3001)])
    assert len(compared) <= citing.MAX_COMPARISONS + 10
    assert found == []  # not reached: the page marks the whole section


def test_a_line_within_the_bounds_is_found_in_a_long_section():
    markdown = "\n".join(f"- item {i}" for i in range(3000))
    html, found = marked(markdown, [(10 + 2999, 10 + 2999)])
    assert found and cited_texts(html) == ["item 2999"]


def test_a_callout_title_and_a_foldable_ones_summary_are_found_in_the_readers_language():
    markdown = "> [!warning] Rolling：容量が減る\n> 本文\n\n> [!tip]- All at once：全台同時\n> 中身"
    # as a Korean reader's page shows it (rendering.callout_labels): not the labels a line rendered alone has
    html = render_markdown(markdown).replace(">Warning<", ' lang="ko">경고<').replace(">Tip<", ' lang="ko">팁<')
    _blocks, lines = citing.locate_lines(html, markdown)
    assert [at is not None for at in lines] == [True, True, False, True, True]
    marked_html, found = citing.mark_cited(html, markdown, 10, [(13, 13)], "Cited")
    assert found and '<summary id="cited" class="cited callout-title">' in marked_html
