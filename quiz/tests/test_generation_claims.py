"""Claim extraction on snippets from the seed notes (pure: no database)."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.generation.claims import SectionInput, extract_claims, heading_text, split_term
from quiz.generation.reference import load_reference


def section(markdown, line_start=10, heading_path="CloudTech Study › 141", language="ja"):
    return SectionInput(id=1, file="000.txt", heading_path=heading_path, language=language,
                        markdown=markdown, line_start=line_start)


def test_a_term_with_a_full_width_colon_is_a_definition():
    assert split_term("web server 環境： ウェブサイトを実行する環境") == ("web server 環境", "ウェブサイトを実行する環境")


def test_a_url_is_not_split_as_a_term():
    assert split_term("https://docs.aws.amazon.com/x") == (None, "https://docs.aws.amazon.com/x")


def test_nested_bullets_become_properties_of_their_term_with_their_own_line():
    md = (
        "- デプロイポリシー： 新しい version をデプロイするポリシー。\n"
        "\n"
        "  - Rolling (ローリング): 既存インスタンスを利用してデプロイするポリシー。\n"
        "    - ダウンタイム発生しない\n"
        "    - キャパシティが一時的に減る\n"
    )
    claims = extract_claims(section(md, line_start=18))
    definitions = [c for c in claims if c.kind == "definition"]
    assert [(c.subject, c.line) for c in definitions] == [("デプロイポリシー", 18), ("Rolling (ローリング)", 20)]
    properties = [c for c in claims if c.kind == "property"]
    assert [(c.subject, c.text, c.line) for c in properties] == [
        ("Rolling (ローリング)", "ダウンタイム発生しない", 21),
        ("Rolling (ローリング)", "キャパシティが一時的に減る", 22),
    ]
    assert properties[0].parent == "デプロイポリシー"


def test_bullets_after_a_korean_numbered_item_belong_to_it():
    md = "1. 빅뱅 배포\n\n- 애플리케이션의 전체 또는 대부분을 한 번에 업데이트\n  - 버전1에서 버전 2로 한꺼번에 바꾸는 케이스\n"
    claims = extract_claims(section(md, language="ko", heading_path="Deployment(배포)"))
    props = [c for c in claims if c.kind == "property"]
    assert {c.subject for c in props} == {"빅뱅 배포"}
    assert props[0].first, "the first line under a numbered concept is a definition candidate"


def test_a_numbered_part_the_importer_made_a_heading_names_its_subject_without_its_number():
    md = "- 애플리케이션의 전체 또는 대부분을 한 번에 업데이트\n  - 버전1에서 버전 2로 한꺼번에 바꾸는 케이스\n"
    claims = extract_claims(section(md, language="ko", heading_path="Deployment(배포) › 1. 빅뱅 배포"))
    assert {(c.kind, c.subject) for c in claims} == {("property", "빅뱅 배포")}
    assert claims[0].first, "the first line under it is a definition candidate, as under the numbered item"
    assert heading_text("141") == "141" and heading_text("62.") == "62"  # a heading that is a number stays


def test_korean_key_value_lines_and_arrows_are_definitions():
    md = "공개 키: EC2 인스턴스에 보관\n\n개인 키 : 사용자가 접속 시도할 수 있는 제공 키\n\n웹 서버 ⇒ nginx → 정적 자원 요청에 대한 응답\n"
    claims = extract_claims(section(md, language="ko"))
    assert [(c.kind, c.subject) for c in claims] == [
        ("definition", "공개 키"), ("definition", "개인 키"), ("definition", "웹 서버")]


def test_an_enumeration_keeps_its_items_in_the_text():
    claims = extract_claims(section("ポーリングベース\n　ストリーム型：DynamoDB、Kinesis\n　それ以外：SQS\n"))
    enumeration = next(c for c in claims if c.subject == "ストリーム型")
    assert enumeration.text == "DynamoDB、Kinesis"


def test_code_fences_images_and_rules_are_skipped():
    md = "```js\nexports.handler: async function\n```\n![image](https://x/y.png)\n-----\n- Retain policy: スタックを消してもデータを残す\n"
    claims = extract_claims(section(md))
    assert [(c.subject, c.line) for c in claims] == [("Retain policy", 15)]


def test_a_continuation_line_belongs_to_the_bullet_above_it():
    md = "- Network Load Balancer(NLB) L4 ロードバランサー  \n発信元 IP の固定化が可能。\n"
    claims = extract_claims(section(md, heading_path="lecture05 › ○冗長化 › ●ELB(Elastic Load Balancing)"))
    assert claims[-1].subject == "Network Load Balancer(NLB) L4 ロードバランサー"
    assert claims[-1].text == "発信元 IP の固定化が可能。"


def test_a_bare_concept_name_under_a_heading_is_a_label_with_the_heading_as_context():
    reference = load_reference()
    md = "Rolling with additional batch\nImmutable：(URL Swap)による既存環境と新環境の切替\n"
    claims = extract_claims(section(md, heading_path="ElasticBeanstalk › EBのデプロイ方法 › Bule/Green"),
                            reference.known_terms)
    assert (claims[0].kind, claims[0].heading) == ("label", "Bule/Green")
    assert claims[1].kind == "definition" and claims[1].subject == "Immutable"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("-*#: ：⇒>1.　\n\tabcあいう가나다()`![]")), max_size=300))
def test_any_text_gives_claims_whose_lines_lie_inside_the_section(text):
    claims = extract_claims(section(text, line_start=5))
    last = 5 + max(len(text.splitlines()) - 1, 0)
    for claim in claims:
        assert 5 <= claim.line <= last
        assert claim.text.strip()


def test_a_japanese_sentence_broken_over_two_lines_is_one_claim():
    from quiz.generation.claims import extract_claims
    from quiz.generation.sources import sections_from_text

    text = ("# .ebextensions\n\ncontainer_commands:新バージョンの展開後に実行すべきコマンドや\nスクリプトを指定\n"
            "例)アプリ内のリソースの変更\noption_settings: 環境変数の設定\n")
    [section] = sections_from_text("004.txt", text)
    claims = [c for c in extract_claims(section) if c.kind == "definition"]
    joined = next(c for c in claims if c.subject == "container_commands")
    assert joined.text == "新バージョンの展開後に実行すべきコマンドやスクリプトを指定"
    assert (joined.source()["line_start"], joined.source()["line_end"]) == (3, 4)
    # a finished sentence does not swallow the next line
    assert any(c.subject == "option_settings" and c.text == "環境変数の設定" for c in claims)



# each took seconds at this length, and minutes at 100 kB (note files are untrusted: up to 5 MB)
SLOW_BEFORE = {
    "spaces after an arrow": "- Rolling：キャパシティを維持する ←" + " " * 20_000 + "z",
    "spaces after a Korean wrong word": "- Rolling：キャパシティを維持する (틀린" + " " * 20_000 + "z",
    "unclosed comments": "- Rolling：キャパシティを維持する <!-- -->" + "<!--" * 20_000,
    "blockquote marks": ">" * 200_000 + " Rolling：キャパシティを維持する",
    "table rulers": "Rolling | なし\n" + "--- | ---\n" * 20_000,
    # refutations in words (gen-1.30)
    "spaces before a Japanese refutation": "- Immutable：既存インスタンスを更新するというのは" + " " * 100_000 + "z",
    "spaces after a Korean refutation": "- Immutable 은 업데이트한다라는" + " " * 100_000 + "z",
    "Korean refutations": "- Immutable " + "라는 것은 " * 20_000 + "z",
    "Japanese refutations": "- Immutable " + "。というのは誤り" * 10_000,
    "an English myth": "- It is a myth that " + "Immutable " * 10_000,
    # a teacher's denial and a past belief (gen-1.34)
    "spaces after a teacher's arrow": "- Rolling：キャパシティを維持する →" + " " * 100_000 + "先生" + " " * 100_000 + "z",
    "teachers' arrows": "- Rolling " + "→ 先生： " * 20_000,
    "past beliefs": "- 前は" + "が、" * 50_000,
    "past beliefs after colons": "- " + "：前は が " * 20_000,
    "spaces in a past belief": "- 前は" + " " * 100_000 + "が" + " " * 100_000 + "z",
    # a lecturer quoted and lines marked unsure (gen-1.37)
    "spaces after an unsure bracket": "- 타임아웃 최대 15분 (" + " " * 100_000 + "z",
    "unsure brackets": "- Rolling " + "(맞나 " * 20_000 + "z",
    "question marks": "- Rolling " + "? " * 50_000 + "z",
    "brackets to check": "- Rolling " + "(확인 " * 20_000 + "z",
    "lecturers": "- " + "강사님 왈: " * 20_000,
    # a <details> answer's tags (gen-1.71): each unclosed summary or unended tag was read to the end of the line
    "unclosed summaries": "- Rolling：キャパシティを維持する " + "<summary>" * 11_000,
    "unended summary tags": "- Rolling：キャパシティを維持する " + "<summary " * 11_000,
    # a link's text (gen-1.92): each "[" was read to the end of the line
    "unclosed link brackets": "- Rolling：キャパシティを維持する " + "[" * 100_000,
    # said and called wrong, a verdict after a right arrow, struck text, a question's mark (a forty-fifth round)
    "spaces after a Japanese 'it is said'": "- Rolling：ダウンタイムが発生すると言われるが" + " " * 100_000 + "z",
    "spaces after a Korean 'it is said'": "- 롤링: 다운타임이 발생한다고 하지만" + " " * 100_000 + "z",
    "spaces after an English 'people say'": "- People often say Rolling" + " " * 100_000 + "z",
    "English 'but that'": "- People say " + "but that " * 20_000,
    "spaces after an arrow's verdict": "- Rolling：キャパシティを維持 → NG" + " " * 100_000 + "z",
    "arrows' verdicts": "- Rolling " + "→ no " * 40_000,
    "tildes": "- Rolling " + "~a " * 60_000,
    "spaces in a tilde's text": "- Rolling ~a" + " " * 100_000 + "~",
    "struck tags": "- Rolling " + "<del>" * 40_000,
    "spaces after a question's mark": "- Q." + " " * 100_000 + "z",
}


@pytest.mark.parametrize("name", SLOW_BEFORE)
def test_long_lines_of_spaces_marks_or_table_rulers_are_read_in_linear_time(name):
    started = time.perf_counter()
    extract_claims(section(SLOW_BEFORE[name], heading_path="EB › Rolling"))
    assert time.perf_counter() - started < 1


# the same for the lexicon's conditions and the numbers' variants, through the whole generation (gen-1.30)
SLOW_GENERATION = {
    "conditions naming a provider": "## ELB\n- ALB " + "Global Accelerator を使えば " * 5_000 + "固定 IP を持つ",
    "English conditions": "## ELB\n- ALB has a static IP " + "with global " * 10_000,
    "variants contrasted": "## Lambda\n- " + "Lambda@Edge と違い Lambda のメモリは最大 3008MB " * 2_500,
    "spaces after a variant": "## Lambda\n- Lambda@Edge と" + " " * 100_000 + "違い Lambda のメモリは最大 3008MB",
    # English shorthand (gen-1.36)
    "thousands before rps": "## API Gateway\n- throttle " + "10k " * 25_000 + "rps",
    "spaces after a k": "## API Gateway\n- burst 5k" + " " * 100_000 + "z",
    "async retries": "## Lambda\n- async " + "retried " * 12_000 + "3 times",
    "minutes in shorthand": "## Lambda\n- max timeout " + "5 " * 50_000 + "m",
    "throttled arrows": "## Lambda\n- throttled " + "→ HTTP " * 15_000 + "503",
    "a service after a variant heading": "## Lambda › Lambda@Edge\n- " + "Lambda より " * 10_000 + "タイムアウト最大 5 分",
    # marks and Korean numbers (gen-1.37)
    "no marks": "## 배포 정책\n- 올앳원스: 다운타임 " + "ㄴ" * 100_000 + "가",
    "yes marks": "## ELB\n- NLB: 고정 IP " + "ㅇ" * 100_000 + "가",
    "tens of thousands with spaces": "## API 게이트웨이\n- 초당 " + "만 " * 30_000 + "z",
    "a run of hangul digits": "## API 게이트웨이\n- 초당 " + "만" * 50_000 + " " + "오" * 50_000 + " z",
    "decimals before a multiplier": "## API Gateway\n- burst 1." + "5" * 100_000 + "k",
    # a run of digits: the Spot notice's pattern read it from every digit, and int() refused it (generation failed)
    "a long number": "## API Gateway\n- burst 1" + "5" * 100_000 + "k",
    "digits": "## ECS\n- " + "5" * 100_000,
    # a learner's verdict marks after a choose-two option (gen-1.87), taken off one at a time
    "verdict marks after an option": (
        "## Elastic Beanstalk › デプロイポリシー\n"
        "- All at once: 既存インスタンスに同時にデプロイする\n  - ダウンタイムが発生する\n  - 最も迅速にデプロイできる\n"
        "- Rolling: 既存インスタンスを利用してデプロイする\n  - ダウンタイム発生しない\n"
        "  - キャパシティが一時的に減る" + " (O)" * 10_000 + "\n"
        "- Rolling with additional batch: 新規と既存インスタンスを利用してデプロイする\n"
        "  - キャパシティを維持したままデプロイする\n"
        "- Immutable: 新規インスタンスにデプロイする\n  - 新規インスタンスへのデプロイ\n"),
    # a long section: each of its lines searched the whole section for a reference number's anchors
    # asides in brackets and members compared with (a forty-fifth round)
    "asides in brackets": "## ELB\n### ALB\n- L7 " + "(NLB は " * 20_000,
    "members compared with": "## Elastic Beanstalk\n### Rolling\n- " + "Immutable より" * 10_000,
    "answers after a kana question": "## Elastic Beanstalk\n### Rolling\n- ダウンタイムが発生する" + "のは?" * 30_000,
    "numbers replaced": "## Lambda\n- タイムアウト最大" + "５分→" * 30_000,
    "many lines in one section": "## Elastic Beanstalk\n" + "".join(f"- Rolling {i}: キャパシティが減る\n" for i in range(4_000)),
    # a run of kanji numerals was read from each of them to its end (12,000 took 3 s), and each clause after a comma
    # looked for every alias in turn (a line of 200,000 commas: 6 s)
    "kanji numerals": "## ELB\n- ALB: " + "一" * 100_000 + " z",
    "clauses after commas": "## ELB\n- ALB: " + "、" * 200_000 + " z",
}


@pytest.mark.parametrize("name", SLOW_GENERATION)
def test_long_lines_of_conditions_or_variants_are_generated_from_in_linear_time(name):
    from quiz.generation.pipeline import generate
    from quiz.generation.sources import sections_from_text

    sections = sections_from_text("note.md", SLOW_GENERATION[name])
    started = time.perf_counter()
    generate(sections)
    assert time.perf_counter() - started < 2


def test_a_verdict_mark_is_taken_off_an_option_however_many_there_are():
    from quiz.generation.builders import _unmarked

    assert _unmarked("(O) ⭕ キャパシティが一時的に減る (O) ✓ (X)") == "キャパシティが一時的に減る"
    assert _unmarked("再試行される X (O)") == "再試行される"
    assert _unmarked("Mac OS X (O)") == "Mac OS X"
    started = time.perf_counter()
    _unmarked("(O)" * 20_000 + "減る")
    _unmarked("減る" + "✓" * 20_000 + "a")
    assert time.perf_counter() - started < 1


def test_a_bracket_lists_names_split_at_their_separators_in_linear_time():
    from quiz.generation.families import _BRACKET_LIST

    assert _BRACKET_LIST.split("Kinesis / DynamoDB Streams・SQS , , MSK") == [
        "Kinesis", "DynamoDB Streams", "SQS", "", "MSK"]
    started = time.perf_counter()
    _BRACKET_LIST.split("Kinesis" + " " * 100_000 + "MSK")
    assert time.perf_counter() - started < 1


def test_a_link_with_brackets_in_its_address_or_a_title_reads_as_its_text():
    # before: the address ended at its first ")" ("Rolling)：…" was the line) and a title kept the whole link
    md = ("- [Rolling](https://en.wikipedia.org/wiki/Foo_(bar))：バッチごとにデプロイする\n"
          '- [Immutable](https://example.com/i "Immutable updates")：新しいインスタンスにデプロイする\n'
          "- [All at once](https://example.com/a 'policy')：全インスタンスに同時にデプロイする\n")
    claims = extract_claims(section(md, heading_path="EB › デプロイポリシー"))
    assert [(c.subject, c.text) for c in claims] == [
        ("Rolling", "バッチごとにデプロイする"), ("Immutable", "新しいインスタンスにデプロイする"),
        ("All at once", "全インスタンスに同時にデプロイする")]
    # a "[" that opens no link stays, and a link after it is still read
    from quiz.generation.claims import _LINK

    assert _LINK.sub(r"\1\2", "[注] [Rolling](https://example.com/r)：バッチ [1] ![図](i.png)") == "[注] Rolling：バッチ [1] ![図](i.png)"
    assert _LINK.sub(r"\1\2", "[[a](u) [b [c](v)") == "[a b [c"
    started = time.perf_counter()
    extract_claims(section("- [a](" + "(b" * 50_000 + " " + '"t' * 50_000))
    assert time.perf_counter() - started < 1


def test_a_setting_whose_default_is_false_does_not_call_its_line_wrong():
    from quiz.generation.claims import _SELF_DENIED

    for line in ("DeleteOnTermination のデフォルト (false)", "MultiAZ ← false", "암호화 기본값 (false)"):
        assert not _SELF_DENIED.search(line), line
    for line in ("Rolling：キャパシティを維持する (wrong)", "Rolling：キャパシティを維持する ← 間違い", "(X) 동기 호출은 재시도된다"):
        assert _SELF_DENIED.search(line), line


def test_a_korean_definition_whose_topic_marker_meets_a_word_for_wrong_is_not_a_refutation():
    from quiz.generation.claims import _unrefuted

    line = "Blue/Green 이란 잘못된 배포를 빠르게 되돌릴 수 있는 배포 방식이다"
    assert _unrefuted(line) == (line, False)
    for refuting in ("Immutable 은 기존 인스턴스를 쓴다는 설명은 틀렸다", "S3 는 블록 스토리지라는 것은 잘못이다",
                     "S3 는 블록 스토리지란 설명은 틀렸다"):
        assert _unrefuted(refuting)[1], refuting


def test_a_details_answer_and_a_callout_are_read_as_note_text_without_their_tags_or_markers():
    md = (
        "<details><summary>答え</summary>\n"
        "\n"
        "ALB：レイヤー7のロードバランサー\n"
        "</details>\n"
        "\n"
        "> [!note] CLB：旧世代のロードバランサー\n"
        "> GWLB：サードパーティ製アプライアンス用\n"
        "\n"
        "> [!tip]-\n"
        "> NLB：レイヤー4のロードバランサー\n"
    )
    claims = extract_claims(section(md))
    assert [(c.kind, c.subject, c.text, c.line) for c in claims] == [
        ("definition", "ALB", "レイヤー7のロードバランサー", 12),
        ("definition", "CLB", "旧世代のロードバランサー", 15),
        ("definition", "GWLB", "サードパーティ製アプライアンス用", 16),
        ("definition", "NLB", "レイヤー4のロードバランサー", 19),
    ]
