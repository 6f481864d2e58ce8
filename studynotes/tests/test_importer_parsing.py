"""parse_note: every heading style found in real notes (pure, no database)."""

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from studynotes.importer import clean_heading, detect_language, parse_note

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"


def headings(text):
    return [(s.level, s.heading) for s in parse_note(text)]


def paths(text):
    return [s.heading_path for s in parse_note(text)]


def test_atx_headings_with_and_without_a_space_start_sections():
    assert headings("# Title\nbody\n##Sub\nmore\n### Deep ###\ntext") == [(1, "Title"), (2, "Sub"), (3, "Deep")]


def test_a_typo_heading_without_a_space_is_still_a_heading():
    sections = parse_note("#Lamdba\n##イベントソース\nポーリングベース")
    assert [s.heading for s in sections] == ["Lamdba", "イベントソース"]
    assert sections[1].heading_path == "Lamdba › イベントソース"


def test_headings_made_only_of_numbers_are_valid_sections():
    assert headings("## 141\n- Elastic Beanstalk\n## 62.\n- ストアドプロシージャ") == [(2, "141"), (2, "62.")]


def test_decorated_headings_keep_their_decoration_and_nest():
    text = "## 【概要】\n本文\n## ○冗長化\n説明\n### ●S3\nバケット\n"
    assert paths(text) == ["【概要】", "○冗長化", "○冗長化 › ●S3"]


def test_a_bold_line_alone_is_a_pseudo_heading_at_the_level_of_the_last_heading():
    text = "## Deployment(배포)\n배포\n\n**#2 웹 서버와 웹 애플리케이션 서버로 이원화**\n\n웹 서버 ⇒ nginx\n"
    assert headings(text) == [(2, "Deployment(배포)"), (2, "#2 웹 서버와 웹 애플리케이션 서버로 이원화")]


DEPLOYMENT = (
    "## Deployment(배포)\n\n배포에는 여러가지 방법이 있음\n\n"
    "1. 빅뱅 배포\n\n- 한 번에 업데이트\n  - 시스템을 일시 중지\n\n"
    "2. 롤링 배포 (단계적 배포)\n\n- 점진적으로 교체하는 것\n\n로드 밸런서가 있음\n\n"
    "3. Blue-green 배포\n\n- 두 개의 동일한 프로덕션 환경\n\n"
    "**#2 웹 서버와 웹 애플리케이션 서버로 이원화**\n\n웹 서버 ⇒ nginx\n"
)


def test_numbered_parts_with_their_text_at_the_margin_are_sections_one_level_below_their_heading():
    sections = parse_note(DEPLOYMENT)
    assert [(s.level, s.heading_path) for s in sections] == [
        (2, "Deployment(배포)"),
        (3, "Deployment(배포) › 1. 빅뱅 배포"),
        (3, "Deployment(배포) › 2. 롤링 배포 (단계적 배포)"),
        (3, "Deployment(배포) › 3. Blue-green 배포"),
        (2, "#2 웹 서버와 웹 애플리케이션 서버로 이원화"),  # a later bold line keeps the level of the ## heading
    ]
    assert [(s.line_start, s.line_end) for s in sections] == [(1, 3), (5, 8), (10, 14), (16, 18), (20, 22)]
    assert sections[1].markdown == "- 한 번에 업데이트\n  - 시스템을 일시 중지"
    assert sections[2].markdown.endswith("로드 밸런서가 있음")


def test_the_seed_deployment_note_is_split_at_its_four_numbered_strategies():
    text = (SEEDS / "003_6b61433879e3e902.txt").read_text(encoding="utf-8")
    assert paths(text)[:5] == [
        "Deployment(배포)", "Deployment(배포) › 1. 빅뱅 배포", "Deployment(배포) › 2. 롤링 배포 (단계적 배포)",
        "Deployment(배포) › 3. Blue-green, Red-black, A/B 배포", "Deployment(배포) › 4. 카나리아(canary) 배포",
    ]


@pytest.mark.parametrize("text", [
    "# Steps\n\n1. install\n\n2. run\n\n3. check\n",  # a loose list
    "# Steps\n\n1. install\n\n   pip install x\n\n2. run\n\n   python app.py\n",  # items with their own text
    "# Steps\n1. install\n- x\n2. run\n- y\n",  # not between blank lines
    "# Steps\n\n1. install\n\ntext\n\n3. run\n\ntext\n",  # not numbered one after the other
    "# Steps\n\n1. install\n\ntext\n",  # a lone item
    "# Steps\n\n1. 2021\n\ntext\n\n2. 2022\n\ntext\n",  # numbers, not titles
    "# Steps\n\n  1. install\n\ntext\n\n  2. run\n\ntext\n",  # not at the margin
    "# Steps\n```\n\n1. install\n\ntext\n\n2. run\n\ntext\n```\n",  # in a code fence
])
def test_numbered_lines_that_are_a_list_stay_in_their_section(text):
    assert headings(text) == [(1, "Steps")]


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["## A", "1. 빅뱅 배포", "2. 롤링 배포", "3. part", "- item", "  - child", "text",
                                 "```", "**bold**", "", "", ""]), max_size=40))
def test_numbered_parts_or_not_every_line_belongs_to_exactly_one_section_in_order(lines):
    text = "\n".join(lines)
    sections = parse_note(text)
    spans = [(s.line_start, s.line_end) for s in sections]
    assert all(a <= b for a, b in spans)
    assert all(b < next_a for (_, b), (next_a, _) in zip(spans, spans[1:]))
    covered = {n for a, b in spans for n in range(a, b + 1)}
    assert {n for n, line in enumerate(lines, 1) if line.strip()} <= covered
    assert all(1 <= s.level <= 6 if s.heading_path else s.level == 0 for s in sections)


def test_bold_text_inside_a_paragraph_is_not_a_heading():
    assert headings("# A\nline before\n**bold**\nline after") == [(1, "A")]


def test_hash_comments_inside_code_fences_are_not_headings():
    text = "# Setup\n```bash\n# install\npip install x\n## not a heading\n```\nafter\n"
    sections = parse_note(text)
    assert [s.heading for s in sections] == ["Setup"]
    assert "# install" in sections[0].markdown


def test_a_fence_opened_inside_a_list_item_hides_its_hash_lines():
    text = "# Steps\n- run this:\n  ```sh\n  # comment\n  echo hi\n  ```\n- done\n"
    assert headings(text) == [(1, "Steps")]


def test_an_unclosed_fence_does_not_swallow_the_rest_of_the_file():
    assert headings("# A\n```\ncode\n# B\ntext") == [(1, "A"), (1, "B")]


def test_yaml_front_matter_is_skipped_and_line_numbers_still_count_it():
    text = "---\ntitle: x\ntags: [a]\n---\n# Real\nbody\n"
    sections = parse_note(text)
    assert [s.heading for s in sections] == ["Real"]
    assert (sections[0].line_start, sections[0].line_end) == (5, 6)


def test_crlf_and_bare_cr_line_ends_parse_like_lf():
    assert headings("# A\r\nbody\r\n## B\rmore") == [(1, "A"), (2, "B")]


def test_a_full_width_hash_and_a_space_start_a_heading_but_a_hashtag_does_not():
    text = "＃ S3の概要\n本文\n＃＃　ストレージクラス ＃＃\n標準とIA\n＃AWS ＃試験対策\n"
    assert paths(text) == ["S3の概要", "S3の概要 › ストレージクラス"]
    assert parse_note(text)[1].markdown == "標準とIA\n＃AWS ＃試験対策"


def test_invisible_characters_from_pastes_neither_hide_a_heading_nor_split_a_word():
    # a second UTF-8 file with its byte order mark concatenated onto the first, a zero-width space before "#",
    # Word's soft hyphens in a heading and its text
    text = "# A\nx\n\ufeff# B\ny\n\u200b## C\nz\n## Elas\u00adtic\u2060 Beanstalk\nser\u00advice\n"
    sections = parse_note(text)
    assert [s.heading_path for s in sections] == ["A", "B", "B › C", "B › Elastic Beanstalk"]
    assert [s.markdown for s in sections] == ["x", "y", "z", "service"]
    assert (sections[1].line_start, sections[3].line_end) == (3, 8)


def test_headings_that_are_links_use_the_link_text():
    assert headings("# [Route 53](https://aws.amazon.com/route53/)\ntext") == [(1, "Route 53")]


def test_character_references_in_headings_read_as_markdown_shows_them():
    assert headings("# S3 &amp; CloudFront\n## &lt;b&gt; &#x41;&#12354; R&D &copy ok\n## `&amp;` code\n") == [
        (1, "S3 & CloudFront"), (2, "<b> Aあ R&D &copy ok"), (2, "&amp; code")]


def test_quotes_rules_tables_and_inline_html_stay_in_the_body():
    text = "# T\n> quote\n----\n| a | b |\n|---|---|\n| 1 | 2 |\n<br><img src='x.png'>\n"
    sections = parse_note(text)
    assert len(sections) == 1
    assert "> quote" in sections[0].markdown and "| 1 | 2 |" in sections[0].markdown


def test_full_width_space_bullets_do_not_break_a_section():
    text = "##イベントソース\nポーリングベース\n　ストリーム型：DynamoDB、Kinesis\n　それ以外：SQS\n"
    sections = parse_note(text)
    assert len(sections) == 1 and "ストリーム型" in sections[0].markdown


def test_a_file_without_headings_gets_sections_from_its_nested_bullets():
    text = "- Lambda:\n  - handler\n  - context\n- SQS\n  - visibility timeout\n- loose item\n"
    sections = parse_note(text)
    assert [s.heading for s in sections] == ["Lambda", "SQS"]
    assert "loose item" in sections[1].markdown


def test_a_tab_indented_outline_gets_sections_from_its_top_lines():
    text = "Elastic Beanstalk\n\tRolling\n\t\tbatch size\nX-Ray\n\tdaemon\n"
    assert headings(text) == [(1, "Elastic Beanstalk"), (1, "X-Ray")]


def test_a_flat_file_without_structure_is_one_untitled_section():
    sections = parse_note("just a line\nand another")
    assert len(sections) == 1
    assert sections[0].heading == "" and sections[0].heading_path == ""


def test_text_before_the_first_heading_is_its_own_section():
    assert paths("intro text\n# A\nbody") == ["", "A"]


def test_duplicate_heading_paths_are_numbered_to_stay_unique():
    assert paths("# A\n## B\nx\n## B\ny\n") == ["A", "A › B", "A › B (2)"]


def test_line_spans_point_at_the_heading_and_the_last_non_blank_line():
    sections = parse_note("# A\n\nbody\n\n\n# B\nx\n")
    assert [(s.line_start, s.line_end) for s in sections] == [(1, 3), (6, 7)]


def test_language_is_detected_per_section_by_script():
    text = "# 日本語\nデプロイする\n# 한국어\n배포한다\n# English\ndeploy it\n"
    assert [s.language for s in parse_note(text)] == ["ja", "ko", "en"]


def test_the_body_decides_the_language_and_not_its_heading():
    sections = parse_note("# ブルーグリーンデプロイメント\n블루그린 배포\n# 블루그린 배포의 정리\nブルーグリーン\n")
    assert [s.language for s in sections] == ["ko", "ja"]


def test_a_body_of_latin_names_takes_the_language_of_its_nearest_heading_with_kana_or_hangul():
    text = ("#ElasticBeanstalk\n##EBのデプロイ方法\n###In Place\nAll at once\nRolling\n"
            "## 배포 정책\n### Immutable\nURL Swap\n")
    sections = parse_note(text)
    assert [(s.heading, s.language) for s in sections] == [
        ("ElasticBeanstalk", "ja"), ("EBのデプロイ方法", "ja"), ("In Place", "ja"), ("배포 정책", "ko"),
        ("Immutable", "ko"),
    ]


def test_the_seed_in_place_section_is_japanese():
    text = (SEEDS / "004_e9cc76d6e1cfad47.txt").read_text(encoding="utf-8")
    in_place = next(s for s in parse_note(text) if s.heading == "In Place")
    assert in_place.markdown == "All at once\nRolling\nRolling with additional batch"
    assert in_place.language == "ja"


def test_a_bare_heading_takes_the_language_of_its_file():
    sections = parse_note("#Lamdba\n##基本\nハンドラーの説明")
    assert [s.language for s in sections] == ["ja", "ja"]


def test_an_english_section_with_one_japanese_word_is_english_and_so_is_its_file():
    text = ("# SAA study - week 3\n## 52\n- All at once: fastest, causes downtime\n"
            "- Rolling: deploys in batches\n"
            "- Immutable: new instances in a temporary ASG\n- Traffic splitting: canary testing\n"
            "## ECS\n- DRAINING: ECS does not place new tasks on it\n"
            "- DRAINING: PENDING service tasks are stopped immediately\n"
            "- Spot draining: set when the 2 min interruption notice arrives\n"
            "- ドレイン = draining (word from the Japanese console)\n")
    assert [s.language for s in parse_note(text)] == ["en", "en", "en"]


def test_a_japanese_section_with_english_screenshots_code_or_a_few_english_lines_stays_japanese():
    text = ("## 143.\n- API Gateway と Lambda の 504 error:\n- ![image](https://github.com/a/b.png)\n"
            "- ![image](https://github.com/a/c.png)\n- ![image](C:\\Users\\x\\d.png)\n"
            "## 例\n> ```yaml\n> option_settings:\n>   aws:elasticbeanstalk:command:\n"
            ">     DeploymentPolicy: Rolling\n"
            "> ```\nRolling の設定\n"
            "## Rolling\n- Rolling：downtime なし\n- no capacity kept\n- batches of instances\n")
    assert [s.language for s in parse_note(text)] == ["ja", "ja", "ja"]


def test_detect_language_prefers_kana_and_hangul_over_latin():
    assert detect_language("AWS Lambda の基本") == "ja"
    assert detect_language("AWS Lambda 기본") == "ko"
    assert detect_language("AWS Lambda basics") == "en"


def test_clean_heading_removes_emphasis_tags_and_link_targets():
    assert clean_heading("**[S3](http://x)** <em>bucket</em>") == "S3 bucket"


def test_a_several_hundred_kilobyte_note_parses_into_all_its_sections():
    text = "".join(f"## {i}.\n- Lambda の説明 {i}\n" + "本文 " * 300 + "\n" for i in range(300))
    assert len(text.encode()) > 300_000
    assert len(parse_note(text)) == 300


def test_a_tiny_note_parses():
    assert headings("#x") == [(1, "x")]


@pytest.mark.parametrize(
    "text",
    ["# a" + " " * 200_000 + "b", "# " + "[a](" * 100_000, "- ```\n" * 50_000, "x\n" + "\t" * 100_000 + "y\n",
     # a code span's regex tried every opener at every backtick to the end of the line (12,500 took 22 s), and each
     # "%%" or wikilink was looked for in every code span of its line (40,000 of them: minutes)
     "# " + "`" * 200_000, "# " + "``" * 100_000, "%%" + "`a`%%" * 40_000, "[[a]]" + "`a`[[b]]" * 25_000],
    ids=["heading-with-a-long-space-run", "heading-of-open-links", "unclosed-fences-in-lists", "deep-tab-outline",
         "heading-of-backticks", "heading-of-double-backticks", "comment-marks-between-code-spans",
         "wikilinks-between-code-spans"],
)
def test_hostile_notes_parse_in_linear_time(text):
    start = time.monotonic()
    parse_note(text)
    assert time.monotonic() - start < 5


def test_a_megabyte_line_of_obsidian_comments_parses_in_linear_time():
    # its line was copied at each comment taken out (1.8 s; a 5 MB line minutes)
    start = time.monotonic()
    [section] = parse_note("# a\n" + "%%" * 500_000 + "b")
    assert time.monotonic() - start < 1
    assert section.markdown == "b"


@given(st.text(alphabet="`a \n", max_size=40))
@hsettings(max_examples=500, deadline=None)
def test_code_spans_are_the_code_span_regexs_matches(text):
    from studynotes.importer import _CODE_SPAN, code_spans

    assert code_spans(text) == [(m.start(), m.end(), m.start(2), m.end(2)) for m in _CODE_SPAN.finditer(text)]


def test_closing_hashes_are_decoration_but_a_hash_inside_a_word_is_kept():
    assert headings("## Title ##\n# C#\n# ###\n") == [(2, "Title"), (1, "C#")]


def test_setext_headings_start_sections():
    text = "Title\n=====\nbody\n\nSub\n---\nmore\n"
    assert [(s.level, s.heading, s.heading_path, s.markdown) for s in parse_note(text)] == [
        (1, "Title", "Title", "body"), (2, "Sub", "Title › Sub", "more"),
    ]


def test_a_rule_after_a_blank_line_or_a_list_is_not_a_setext_heading():
    assert headings("# A\ntext\n\n----\nafter\n- item\n---\ny\n") == [(1, "A")]


@pytest.mark.parametrize("raw, heading", [
    ("`__init__.py` の役割", "__init__.py の役割"),  # a code span keeps its text
    ("``a `b` c`` と **d**", "a `b` c と d"),
    ("my_var__name の意味", "my_var__name の意味"),  # intraword: not emphasis, as Markdown shows it
    ("__bold__ heading", "bold heading"),
    ("__init__.py", "init.py"),  # outside code Markdown reads it as emphasis: shown as "init.py"
    ("2*3*4", "234"),
    ("~~old~~ new `x`", "old new x"),
    ("unpaired ` tick", "unpaired tick"),
])
def test_clean_heading_reads_emphasis_as_markdown_does_and_keeps_code_as_written(raw, heading):
    assert clean_heading(raw) == heading


def test_obsidian_comments_are_hidden_and_wikilinks_show_their_text_outside_code():
    """An Obsidian writer's %%asides%% are private (its reader hides them): imported, they were published to every
    learner, a heading inside one included; [[Page|shown]] read with its brackets."""
    text = ("# Lambda %%先生に聞く%%\n- [[AWS Lambda|Lambda]] のタイムアウトは最大 15 分\n%%\n# 秘密のメモ\n本当？\n%%\n"
            "## 同期呼び出し\n- [[Route 53#Failover]] と ![[diagram 1.png]]\n```\necho 100%% [[x]]\n```\n割引 50%% とメモ\n")
    sections = parse_note(text)
    assert [s.heading for s in sections] == ["Lambda", "同期呼び出し"]
    assert sections[0].markdown == "- Lambda のタイムアウトは最大 15 分"
    body = sections[1].markdown
    assert body.startswith("- Route 53 と ![diagram 1.png](diagram%201.png)\n")
    assert "```\necho 100%% [[x]]\n```" in body  # code is shown as written
    assert body.endswith("割引 50%% とメモ")  # a %% with no closing one is text
    assert sections[1].line_start == 7  # the file's own line numbers: citations point at them


def test_obsidian_syntax_in_a_code_span_is_shown_as_written():
    """A %% in a code span (printf's, SQL's) is no comment: paired with one lines below, it hid every line between;
    a shell's [[ ]] and pandas' [[ ]] in code spans are no wikilinks."""
    text = ("# Bash\n- `printf '%%d'` で整数\n- 本文が消えない\n- `[[ -f \"$f\" ]]` と `df[[\"a\"]]`\n"
            "- 進捗 `100%%` まで\n")
    assert parse_note(text)[0].markdown == text.split("\n", 1)[1].rstrip("\n")


def test_obsidian_embeds_with_a_width_and_wikilinks_in_a_table_cell():
    text = "# 図\n| 図 | 説明 |\n|---|---|\n| ![[diagram 1.png\\|300]] | [[Amazon S3\\|S3]] の構成 |\n![[a.png|200x100]]\n"
    assert parse_note(text)[0].markdown == (
        "| 図 | 説明 |\n|---|---|\n| ![diagram 1.png](diagram%201.png) | S3 の構成 |\n![a.png](a.png)")
