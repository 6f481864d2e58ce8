"""quiz.templatetags.quiz_text: quoted note text in an explanation carries its language."""

from quiz.templatetags.quiz_text import explanation_html, link_urls, note_quotes, script_language, summary_stems


def test_script_language_reads_hangul_and_kana_and_leaves_kanji_and_latin_alone():
    assert script_language("개발자가 배포") == "ko"
    assert script_language("ワーカー環境") == "ja"
    assert script_language("シンプルな GraphQL") == "ja"
    assert script_language("環境") is None and script_language("Rolling") is None


def test_a_quoted_run_in_another_script_is_marked_even_when_the_question_does_not_cite_its_section():
    # a wrong option's evidence may come from a section the question does not cite: note_quotes cannot know it
    text = "ノート「Deployment(배포) › 4. 카나리아(canary) 배포」48 行目：「개발자가 새 버전을 조금씩」。「ワーカー環境」は違う。"
    html = explanation_html(text, {}, "ja")
    assert '「<span lang="ko">Deployment(배포) › 4. 카나리아(canary) 배포</span>」' in html
    assert '「<span lang="ko">개발자가 새 버전을 조금씩</span>」' in html
    assert "「ワーカー環境」" in html  # the explanation's own language: no mark
    assert explanation_html(text, {}) == explanation_html(text, {}, None)  # without a language nothing is guessed
    assert "span" not in explanation_html(text, {})


def test_a_known_quote_keeps_its_notes_language_and_the_rest_is_still_read_by_script():
    text = 'The notes say "ストリーム型：DynamoDB" and "대상 그룹" (line 3).'
    html = explanation_html(text, {"ストリーム型：DynamoDB": "ja"}, "en")
    assert '&quot;<span lang="ja">ストリーム型：DynamoDB</span>&quot;' in html
    assert '&quot;<span lang="ko">대상 그룹</span>&quot;' in html


def test_a_quoted_line_takes_its_own_language_not_its_sections():
    sources = [{"lang": "ja", "heading_path": "ELB › ターゲット", "file": "a.md",
                "quotes": ["대상 그룹: 요청을 라우팅할 대상", "ターゲットグループ：振り分け先"]},
               {"lang": "ko", "heading_path": "ELB › 로드 밸런서", "file": "b.md",
                "quotes": ["NLB: layer 4, supports TCP and UDP", "ALB: 7계층"]}]
    assert note_quotes(sources, "ja") == {"대상 그룹: 요청을 라우팅할 대상": "ko", "ELB › 로드 밸런서": "ko",
                                          "NLB: layer 4, supports TCP and UDP": "en", "ALB: 7계층": "ko"}
    assert note_quotes(sources, "en") == {"ELB › ターゲット": "ja", "대상 그룹: 요청을 라우팅할 대상": "ko",
                                          "ターゲットグループ：振り分け先": "ja", "ELB › 로드 밸런서": "ko", "ALB: 7계층": "ko"}


def test_marked_text_is_still_escaped_and_linked():
    html = explanation_html('「<b>개발</b> https://docs.aws.amazon.com/x」', {}, "ja")
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<span lang="ko">' in html and 'href="https://docs.aws.amazon.com/x"' in html


def test_a_quote_saved_with_its_final_full_stop_is_still_marked():
    # explanations quote note lines without their final 。 (templates.quoted_line); an attempt's snapshot made
    # before that keeps it, and its kanji-only quote cannot be told by script
    html = explanation_html('All at once: matches (note "141", line 3: "同時実行数上限。").', {"同時実行数上限": "ja"}, "en")
    assert '&quot;<span lang="ja">同時実行数上限</span>。&quot;' in html


def test_a_cited_page_is_linked_by_its_title_with_its_brackets_and_semicolons():
    html = link_urls("（AWS ドキュメント：Lambda quotas (memory 128 MB to 10,240 MB; timeout 900 seconds) "
                     "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html）。")
    assert html == ('（AWS ドキュメント：<a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html" '
                    'rel="noopener" target="_blank">Lambda quotas (memory 128 MB to 10,240 MB; timeout 900 seconds)</a>）。')
    # an explanation saved before the Japanese colon, or a title and URL written with a comma between them
    assert ">Quotas</a>)" in link_urls("(AWS ドキュメント: Quotas https://docs.aws.amazon.com/a.html)")
    assert ">Deployment policies</a>)" in link_urls("(AWS documentation: Deployment policies, https://docs.aws.amazon.com/a)")


CLOUDFRONT = "What is Amazon CloudFront? https://docs.aws.amazon.com/cf.html"
CLOUDFRONT_LINK = '<a href="https://docs.aws.amazon.com/cf.html" rel="noopener" target="_blank"'


def test_an_english_page_title_in_a_japanese_or_korean_explanation_is_marked_english():
    # read by the explanation's Japanese or Korean voice, "What is Amazon CloudFront?" is not understood
    ja = explanation_html(f"当てはまりません（AWS ドキュメント：{CLOUDFRONT}）。", {}, "ja")
    assert ja == f'当てはまりません（AWS ドキュメント：{CLOUDFRONT_LINK} lang="en">What is Amazon CloudFront?</a>）。'
    ko = explanation_html(f"해당하지 않습니다 (AWS 문서: {CLOUDFRONT}).", {}, "ko")
    assert ko == f'해당하지 않습니다 (AWS 문서: {CLOUDFRONT_LINK} lang="en">What is Amazon CloudFront?</a>).'
    # an English title in a Japanese note line an English explanation quotes
    quoted = explanation_html(f'The notes say "AWS ドキュメント：{CLOUDFRONT}".', {}, "en")
    assert f'<span lang="ja">AWS ドキュメント：{CLOUDFRONT_LINK} lang="en">What' in quoted


def test_a_link_in_english_or_showing_its_address_or_a_title_in_the_explanations_words_is_not_marked():
    en = explanation_html(f"Not this one (AWS documentation: {CLOUDFRONT}).", {}, "en")
    assert f"{CLOUDFRONT_LINK}>What is Amazon CloudFront?</a>" in en
    address = explanation_html("AWS 문서: https://docs.aws.amazon.com/cf.html", {}, "ko")
    assert f"{CLOUDFRONT_LINK}>docs.aws.amazon.com/cf.html</a>" in address
    own = explanation_html("AWS ドキュメント：CloudFront とは https://docs.aws.amazon.com/cf.html", {}, "ja")
    assert f"{CLOUDFRONT_LINK}>CloudFront とは</a>" in own


def test_a_url_without_a_title_shows_its_host_and_the_end_of_its_path():
    html = link_urls("AWS 문서: https://docs.aws.amazon.com/lambda/latest/dg/welcome.html; https://aws.amazon.com/ko/")
    assert '>docs.aws.amazon.com/…/welcome.html</a>; ' in html and '>aws.amazon.com/ko</a>' in html
    assert '<a href="https://example.com/x?a=1&amp;b=2" rel="noopener" target="_blank">example.com/x</a>.' in (
        link_urls("See https://example.com/x?a=1&b=2."))
    # a title-only reference is no link's title for a URL further on
    assert link_urls("AWS documentation: Quotas、 https://x.example/").startswith("AWS documentation: Quotas、 <a ")


def test_a_link_and_its_title_stay_escaped():
    html = link_urls('AWS documentation: <img src=x onerror=alert(1)> https://docs.aws.amazon.com/"onmouseover="x')
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;</a>" in html
    assert 'href="https://docs.aws.amazon.com/"' in html and 'onmouseover="' not in html


def test_summary_stems_keep_the_sentences_a_stem_does_not_share_with_the_others():
    stems = [
        "Lambda 関数がイベントによって呼び出されています。失敗するとシャードの処理が止まります。どの呼び出しパターンに該当しますか？",
        "Lambda 関数がイベントによって呼び出されています。同時実行数がシャード数と同じになります（デフォルト）。どの呼び出しパターンに該当しますか？",
        "ノートで次のように説明されているものはどれですか？\n「既存インスタンスに同時にデプロイするポリシー」",
        "Question  1: which\noption fits?",
        "The same stem twice. It has no sentence of its own.",
        "The same stem twice. It has no sentence of its own.",
    ]
    assert summary_stems(stems, 90) == [
        "…失敗するとシャードの処理が止まります。",
        "…同時実行数がシャード数と同じになります（デフォルト）。",
        "ノートで次のように説明されているものはどれですか？「既存インスタンスに同時にデプロイするポリシー」",
        "Question 1: which option fits?",
        "The same stem twice. It has no sentence of its own.",
        "The same stem twice. It has no sentence of its own.",
    ]
    # still cut at the limit, the leading "…" included
    assert summary_stems(["Shared. " + "x" * 100, "Shared. Other."], 20) == ["…" + "x" * 18 + "…", "…Other."]
