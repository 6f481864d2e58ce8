"""How generated questions read, in ja, ko and en: the templates' glue on the five seed notes (pure: no database)."""

import re
from pathlib import Path

import pytest

from quiz.generation import templates as T
from quiz.generation.pipeline import generate
from quiz.generation.sources import sections_from_paths

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "notes").glob("*.txt"))


@pytest.fixture(scope="module")
def questions():
    return generate(sections_from_paths(SEEDS)).questions


def explanations(questions, language):
    return [o["explanation"][language] for q in questions for o in q["options"] if language in o["explanation"]]


def test_a_japanese_stem_spaces_a_latin_family_name_from_the_kana_beside_it():
    assert T.render(T.SCENARIO_CHOOSE["ja"], "ja", context="。", description="x。", name=".ebextensions のキー",
                    n=2).endswith("この説明にすべて当てはまる .ebextensions のキーを 2 つ選んでください。")
    # a Japanese name takes no space, nor does a Latin word beside punctuation
    assert T.render(T.SCENARIO_CHOOSE_ONE["ja"], "ja", context="。", description="x。", name="デプロイポリシー",
                    n=2).endswith("この説明に当てはまるデプロイポリシーを 2 つ選んでください。")
    assert T.render(T.COMPARISON["ja"], "ja", name="Lambda の呼び出しパターン", trait="a") == (
        "次の Lambda の呼び出しパターンのうち、「a」に当てはまらないものはどれですか？")
    assert T.render(T.COMPARISON["ko"], "ko", name="Lambda 호출 방식", trait="a") == (
        "다음 Lambda 호출 방식 중 'a'에 해당하지 않는 것은 무엇입니까?")


def test_a_stem_with_a_time_and_a_trait_does_not_say_run_twice(questions):
    stems = [q["stem"]["ja"] for q in questions if q["family"] == "ebextensions-keys" and "ja" in q["stem"]]
    assert [s for s in stems if "前に実行され、任意のシェルスクリプトやプログラムを動かすキーが必要です" in s]
    assert not [s for s in stems if re.search(r"実行され、[^。]*実行します", s)]


def test_two_quoted_traits_in_japanese_are_joined_by_a_comma_and_korean_choose_two_asks_what_matches(questions):
    ja = explanations(questions, "ja")
    assert any("「レイヤー 4 で動作する」、「レイヤー 7 で動作する」とされているため、" in e for e in ja)
    assert not [e for e in ja if "」「" in e]
    ko = [q["stem"]["ko"] for q in questions if q["choose"] == 2 and q["type"] == "choose_n" and "ko" in q["stem"]]
    assert ko and all("노트 내용과 일치하는 설명을 2개 고르십시오" in s for s in ko)


def test_an_english_choose_two_stem_is_an_instruction_not_a_question_around_a_list(questions):
    stems = sorted(q["stem"]["en"] for q in questions if q["family"] == "eb-deployment-policies" and q["choose"] == 2
                   and q["type"] == "scenario")
    assert "A team deploys a new application version to an Elastic Beanstalk environment. There is no downtime, and " \
           "no complete second set of instances is launched (to keep costs down). Choose the 2 deployment policies " \
           "that fit all of this." in stems
    assert not [s for s in stems if "?" in s]
    # the options are named by the family's plural, not "options" and "(each option is a …)" with a/an to get wrong
    assert not [s for s in stems if "each option is" in s]
    assert [T.english_plural(n) for n in ("deployment policy", ".ebextensions key", "load balancer type", "box",
                                          "gateway")] == [
        "deployment policies", ".ebextensions keys", "load balancer types", "boxes", "gateways"]


def test_quoted_note_lines_and_definitions_end_without_a_full_stop_inside_the_quotes(questions):
    texts = [q["stem"][lang] for q in questions for lang in q["stem"]] + [
        e for lang in T.LANGUAGES for e in explanations(questions, lang)]
    assert not [t for t in texts if "。」" in t or '。"' in t]
    stems = [q["stem"]["ja"] for q in questions if q["type"] == "definition_to_term" and "ja" in q["stem"]]
    assert "ノートで次のように説明されているものはどれですか？\n「トップレベルの論理単位」" in stems
    assert T.quoted_line("短い行。") == "短い行"
    assert T.quoted_line("あ" * 87 + " version を試す。") == "あ" * 87 + "…"  # no space left before the ellipsis


def test_japanese_explanations_join_their_sources_with_japanese_punctuation(questions):
    ja = explanations(questions, "ja")
    assert not [e for e in ja if "; " in e or "AWS ドキュメント: " in e]
    assert any("」、ノート「" in e for e in ja) and any("」、AWS ドキュメント：" in e for e in ja)
    assert any("; AWS documentation: " in e for e in explanations(questions, "en"))


def test_a_wrong_definition_says_it_is_wrong_and_whose_description_it_is(questions):
    question = next(q for q in questions if q["type"] == "term_to_definition" and q["stem"].get("ja")
                    == "「sources」の説明として正しいものはどれですか？")
    wrong = {o["text"]: o["explanation"]["ja"] for o in question["options"] if not o["correct"]}
    assert wrong["デプロイ処理前に実行すべきコマンドやスクリプトを指定"].startswith(
        "誤りです。これはノートにある commands の説明です（ノート「")
    key = next(o["explanation"]["ja"] for o in question["options"] if o["correct"])
    assert key.startswith("sources：正解です。ノートではこのように説明されています（")


def test_an_english_trait_with_its_own_range_does_not_stack_two_brackets(questions):
    en = explanations(questions, "en")
    assert not [e for e in en if re.search(r"\) \((note|AWS documentation)", e)]
    assert any("It is known to take a middling time, longer than All at once and shorter than Immutable, so it does "
               "not match" in e for e in en)


def test_a_korean_particle_after_a_masked_word_follows_it_without_a_space(questions):
    stems = [q["stem"]["ko"] for q in questions if q["type"] == "definition_to_term" and "ko" in q["stem"]]
    assert any("규모와 관계없이 ［？］을(를) 쉽게" in s for s in stems)
    assert not [s for s in stems if "］ 를" in s or "］ 을" in s]


def test_a_korean_particle_after_the_mask_does_not_tell_how_the_hidden_name_ends(questions):
    from quiz.generation.builders import _mask

    # "API를" (a vowel) against "S3을" would say which kind of name is hidden: both forms are shown
    stems = [q["stem"]["ko"] for q in questions if T.MASK in q["stem"].get("ko", "")]
    assert any(f"{T.MASK}을(를) 쉽게" in stem for stem in stems)
    assert not any(re.search(re.escape(T.MASK) + r"\s?[을를은는이가과와](?=\s)", stem) for stem in stems)
    assert _mask("API는 좋고 API로 보내며 API가 받고 API와 함께, API 이용", ["API"]) == (
        f"{T.MASK}은(는) 좋고 {T.MASK}(으)로 보내며 {T.MASK}이(가) 받고 {T.MASK}과(와) 함께, {T.MASK} 이용")


def test_two_english_traits_say_their_shared_words_once():
    assert T.join_traits(["operate at layer 4", "operate at layer 7"], "en") == "operate at layers 4 and 7"
    assert T.join_traits(["scale pollers with the queue's backlog", "have a concurrency of x"], "en") == (
        "scale pollers with the queue's backlog and have a concurrency of x")
    assert T.join_traits(["レイヤー 4 で動作する", "レイヤー 7 で動作する"], "ja") == "レイヤー 4 で動作する」、「レイヤー 7 で動作する"
    assert T.join_traits(["take a long time", ""], "en") == "take a long time"


def test_the_key_of_a_comparison_says_it_is_the_exception_in_every_language(questions):
    question = next(q for q in questions if q["type"] == "comparison" and "avoid downtime" in q["stem"]["en"])
    key = next(o["explanation"] for o in question["options"] if o["correct"])
    assert key["en"].startswith("All at once: it does not avoid downtime (note ")
    assert key["en"].endswith("), so it is the exception.")
    assert key["ja"].startswith("All at once：「ダウンタイムが発生しない」に当てはまらないため、これが正解です（ノート「")
    assert key["ko"].startswith("All at once: '다운타임이 발생하지 않음'에 해당하지 않으므로 이것이 정답입니다(노트 ")


def test_a_true_statement_says_which_fact_of_the_member_it_states(questions):
    """"Correct: the notes say so" taught nothing a learner had not just read; the key now names the member and the
    fact in the lexicon's words, as a false statement's explanation does."""
    question = next(q for q in questions if q["type"] == "choose_n" and q["stem"]["ja"].startswith("「Traffic splitting」")
                    and any(o["text"] == "新規インスタンスへのデプロイ" for o in q["options"]))
    key = next(o["explanation"] for o in question["options"] if o["text"] == "新規インスタンスへのデプロイ")
    assert key["ja"].startswith("正しい記述です。ノートでは、Traffic splitting は「新しいインスタンス一式にデプロイする」とされています（ノート「")
    assert key["ko"].startswith("옳은 설명입니다. 노트에는 Traffic splitting에 대해 '새 인스턴스 한 세트에 배포함'이라고 되어 있습니다(")
    assert key["en"].startswith("Correct: Traffic splitting is known to deploy to a full set of new instances, as the "
                                "notes say (note ")
    assert not [e for e in explanations(questions, "en") if e.startswith("Correct: the notes say so")]


def test_a_wrong_term_for_a_definition_says_it_is_wrong_in_natural_words(questions):
    question = next(q for q in questions if q["type"] == "definition_to_term" and "ja" in q["stem"]
                    and q["stem"]["ja"].endswith("「既存インスタンスに同時にデプロイするポリシー」"))
    wrong = {o["text"]: o["explanation"]["ja"] for o in question["options"] if not o["correct"]}
    assert wrong["Rolling"].startswith("Rolling：誤りです。ノートでの説明は別の内容です（ノート「")
    ko = [e for e in explanations(questions, "ko") if "다른 설명" in e]
    assert ko and all("틀렸습니다. 노트에는 다른 설명이 있습니다(" in e for e in ko)
    assert not [e for e in ko if "노트에서는 다른 설명입니다" in e]


# gen-1.16: a scenario stem is a situation, what is observed in whole polite sentences, then the question; before, it
# read "사용할 키의 동작: …, …. 어떤 키를 사용합니까?", a label and a list of noun forms.
_LABEL_THEN_END = re.compile(r"[:：][^:：]*[.。?？]$|[:：][^:：]*[.。?？]\s")
_DOUBLED = re.compile(r"[.。]\s?[.。]|[?？][.。]|、、|, ,")


def test_no_korean_or_japanese_stem_is_a_label_and_a_list_or_doubles_its_punctuation(questions):
    stems = [(q["type"], lang, q["stem"][lang]) for q in questions for lang in ("ja", "ko") if lang in q["stem"]]
    assert len([s for s in stems if s[0] == "scenario"]) == 58  # 29 scenarios, ja and ko
    # "definition_to_term" stems quote a note line, which may have a colon of its own
    built = [s for s in stems if s[0] not in ("definition_to_term", "term_to_definition", "choose_n")]
    assert not [s for s in built if _LABEL_THEN_END.search(s[2])]
    assert not [s for s in stems if _DOUBLED.search(s[2]) or "…." in s[2] or "…。" in s[2]]


def test_a_scenario_stem_reads_as_polite_sentences_in_korean_and_japanese(questions):
    stems = {q["stem"]["en"]: q["stem"] for q in questions if q["type"] == "scenario"}
    ko = [s["ko"] for s in stems.values()]
    ja = [s["ja"] for s in stems.values()]
    assert ("한 팀이 Elastic Beanstalk 환경에 애플리케이션의 새 버전을 배포합니다. 배포 중 용량이 일시적으로 줄어들고, "
            "다운타임이 발생하지 않습니다. 이 팀이 사용하는 배포 정책은 무엇입니까?") in ko
    assert (".ebextensions 구성 파일로 Elastic Beanstalk 환경을 사용자 지정합니다. 새 버전의 압축을 풀기 전(애플리케이션과 "
            "웹 서버 설정 전)에 실행되고, 임의의 셸 스크립트나 프로그램을 실행하는 키가 필요합니다. 어떤 키를 사용해야 합니까?") in ko
    assert ("あるチームが Elastic Beanstalk 環境にアプリケーションの新しいバージョンをデプロイします。このデプロイでは、更新中に"
            "キャパシティが一時的に減り、ダウンタイムが発生しません。このチームが使用しているデプロイポリシーはどれですか？") in ja
    # 합니다체 and です/ます throughout: no sentence of a stem ends in a noun form (-함, -됨, -음) or a plain form
    assert not [s for s in ko if re.search(r"[함됨음임](\([^)]*\))?[.,]", s)]
    assert not [s for s in ja if re.search(r"((?<![まで])[うくぐすつぬぶむる]|ない|である)(（[^）]*）)?。", s)]


def test_observations_are_said_in_the_polite_form_with_their_joining_forms():
    assert T.describe(["다운타임이 발생하지 않음", "배포 중 용량이 일시적으로 줄어듦", "전체 대수만큼의 새 인스턴스를 한꺼번에 "
                       "띄우지는 않음(비용 절감)"], "ko") == (
        "다운타임이 발생하지 않고, 배포 중 용량이 일시적으로 줄어들며, 전체 대수만큼의 새 인스턴스를 한꺼번에 띄우지는 "
        "않습니다(비용 절감).")
    assert T.describe(["이전 세대 로드 밸런서임", "압축을 풂"], "ko", lead="이 로드 밸런서는") == (
        "이 로드 밸런서는 이전 세대 로드 밸런서이고, 압축을 풉니다.")
    assert T.describe(["固定 IP アドレスを持たない", "起動することはない（コストを抑える）", "旧世代のロードバランサーである"],
                      "ja") == "固定 IP アドレスを持たず、起動することはなく（コストを抑える）、旧世代のロードバランサーです。"
    assert T.describe(["デプロイ中にキャパシティが一時的に減る", "HTTP/HTTPS に特化している", "応答を待つ"], "ja") == (
        "デプロイ中にキャパシティが一時的に減り、HTTP/HTTPS に特化しており、応答を待ちます。")
    assert T.describe(["扱えない", "持てる", "ダウンタイムが発生しない"], "ja") == "扱えず、持て、ダウンタイムが発生しません。"
    assert T.describe(["it works at layer 7", "it specialises in HTTP"], "en", lead="This load balancer") == (
        "This load balancer works at layer 7, and it specialises in HTTP.")
    assert T.describe(["a failed message returns; others go on", "x"], "en") == (
        "A failed message returns; others go on. X.")


def test_a_quoted_note_line_is_cut_where_a_sentence_or_a_clause_ends_not_inside_a_word(questions):
    line = ("Traffic splitting (トラフィック分割): 新規インスタンスで処理するが、さらにトラフィック制御し、振り分け先を変更して"
            "デプロイするポリシー。割合を設定して新規インスタンスにトラフィックを振り分ける。")
    assert T.quoted_line(line) == ("Traffic splitting (トラフィック分割): 新規インスタンスで処理するが、さらにトラフィック制御し、"
                                   "振り分け先を変更してデプロイするポリシー。…")
    # no sentence ends in the second half: the last clause that does
    assert T.quoted_line("あ" * 50 + "、" + "い" * 50) == "あ" * 50 + "…"
    assert T.quoted_line("A " + "long " * 12 + "clause, and then " + "more words " * 10) == (
        "A " + "long " * 12 + "clause…")
    texts = [e for lang in T.LANGUAGES for e in explanations(questions, lang)]
    assert not [t for t in texts if "割合を設定して新…" in t]
    assert any("デプロイするポリシー。…」" in t for t in texts)


def test_the_key_of_a_scenario_quotes_what_it_matches_and_says_all_only_of_several(questions):
    """"問題文の説明にすべて当てはまります" / "matches everything described" said nothing a learner could check, and
    "all" of a single observation read oddly: the key quotes each observation it meets, as a distractor quotes the one
    it breaks."""
    question = next(q for q in questions if q["type"] == "scenario" and q["stem"]["en"].endswith(
        "The application is unavailable while the deployment runs. Which deployment policy is the team using?"))
    key = next(o["explanation"] for o in question["options"] if o["correct"])
    assert key["ja"].startswith("All at once：正解です。「ダウンタイムが発生する」に当てはまります（ノート「")
    assert key["ko"].startswith("All at once: 정답입니다. '다운타임이 발생함'에 해당합니다(노트 ")
    assert key["en"].startswith('All at once: correct. It matches "the application is unavailable while the deployment '
                                'runs" (note ')
    question = next(q for q in questions if q["type"] == "scenario" and q["stem"]["en"].endswith(
        "Capacity drops temporarily, and there is no downtime. Which deployment policy is the team using?"))
    key = next(o["explanation"] for o in question["options"] if o["correct"])
    assert key["ja"].startswith("Rolling：正解です。「更新中にキャパシティが一時的に減る」、「ダウンタイムが発生しない」のいずれにも"
                                "当てはまります（ノート「")
    assert key["ko"].startswith("Rolling: 정답입니다. '배포 중 용량이 일시적으로 줄어듦', '다운타임이 발생하지 않음'에 모두 "
                                "해당합니다(노트 ")
    assert key["en"].startswith('Rolling: correct. It matches each of "capacity drops temporarily" and "there is no '
                                'downtime" (note ')
    texts = [e for lang in T.LANGUAGES for e in explanations(questions, lang)]
    assert not [t for t in texts if "すべて当てはまります" in t or "문제의 설명에 모두" in t or "everything described" in t]
    assert T.quote_all(["a", "b", "c"], "en") == '"a", "b" and "c"'


def test_a_japanese_name_in_an_explanation_takes_no_space_and_a_latin_one_does(questions):
    ja = explanations(questions, "ja")
    assert any(e.startswith("バージョン (version)：誤りです。ノートでの説明は別の内容です（") for e in ja)
    assert not [e for e in ja if re.search(r"(?:には|では|ある|記述は) [\u3041-\u30ff\u4e00-\u9fff]", e)]
    assert any("当てはまるのは Traffic splitting です。" in e for e in ja)
    assert T.render(T.STATEMENT_TRUE["ja"], "ja", name="Classic Load Balancer (CLB)", trait="b",
                    evidence="c") == "正しい記述です。ノートでは、Classic Load Balancer (CLB) は「b」とされています（c）。"


def test_a_wrong_definition_from_the_aws_documentation_names_the_question_s_description_not_its_own(questions):
    """"この説明に当てはまるのは X です" right after the AWS documentation's description of the wrong option read as if
    that description were X's."""
    ja = [e for e in explanations(questions, "ja") if "AWS ドキュメント：" in e and "当てはまるのは" in e]
    assert ja and all("。問題文の説明に当てはまるのは" in e for e in ja)
    assert any(e.endswith("。問題文の説明に当てはまるのは Logging です。") for e in ja)
    ko = [e for e in explanations(questions, "ko") if "해당하는 것은" in e]
    assert ko and all(". 문제의 설명에 해당하는 것은 " in e for e in ko)
    assert not [e for lang in T.LANGUAGES for e in explanations(questions, lang) if "この説明に当てはまるのは" in e
                or "이 설명에 해당하는 것은" in e]
    # no article to get wrong before a family's name ("also a Elastic Beanstalk component")
    assert T.render(T.DEFINITION_OTHER_UNKNOWN["en"], "en", name="x", family="Elastic Beanstalk component",
                    answer="y") == ("x: wrong. It is another Elastic Beanstalk component, but the description in the "
                                    "question is of y.")


def test_two_english_traits_that_differ_by_a_number_put_their_noun_in_the_plural(questions):
    en = explanations(questions, "en")
    assert any("It is known to operate at layers 4 and 7, so it does not match" in e for e in en)
    assert not [e for e in en if re.search(r"\blayer \d+ and \d", e)]
    assert T.join_traits(["listen on port 80", "listen on port 443"], "en") == "listen on ports 80 and 443"
    assert T.join_traits(["have a concurrency of x", "have a concurrency of y"], "en") == "have a concurrency of x and y"


def test_a_numeric_keys_sources_close_its_last_sentence_in_every_language(questions):
    keys = [o["explanation"] for q in questions if q["type"] == "numeric" for o in q["options"] if o["correct"]]
    assert keys
    for key in keys:
        assert key["ja"].endswith("）。") and "。（ノート" not in key["ja"] and "）（ノート" not in key["ja"]
        assert key["ko"].endswith(").") and ". (노트" not in key["ko"] and ")(노트" not in key["ko"]
        assert key["en"].endswith(").") and ". (note" not in key["en"] and ") (note" not in key["en"]
    retries = next(k for k in keys if k["ja"].startswith("2：正解です。非同期呼び出しでは"))
    assert "破棄するか、DLQ があればそこへ送ります（ノート「Lamdba › リトライ」12 行目：" in retries["ja"]
    assert "DLQ로 보냅니다(노트 \"Lamdba › リトライ\", 12행:" in retries["ko"]
    assert "sends it to a DLQ if there is one (note \"Lamdba › リトライ\", line 12:" in retries["en"]


def test_the_references_explanations_end_with_a_sentence_and_its_stems_with_the_question():
    from quiz.generation.reference import load_reference

    numbers = load_reference().numbers
    assert numbers
    for fact in numbers:
        # a bracket at the end would stand beside the key's sources: 「…（DLQ があれば送信）（ノート…）」
        assert not [text for text in fact.explain.values() if re.search(r"[)）][。.]?$", text)], fact.id
        # what the stem needs to say goes before its question, not in brackets after it
        assert not [text for text in fact.stem.values() if re.search(r"[?？].", text.strip())], fact.id


def test_an_english_wrong_number_has_no_two_semicolons_in_one_sentence(questions):
    wrong = [o["explanation"]["en"] for q in questions if q["type"] == "numeric" for o in q["options"]
             if not o["correct"]]
    assert wrong and not [e for sentence in wrong for e in sentence.split(". ") if e.count(";") > 1]
    assert "10,000: wrong; 10,000 is not the default but an example of a value reached after a quota increase." in wrong
    assert ("0: wrong. No warning time (0) is the hibernate behaviour: the interruption notice still arrives, but "
            "hibernation begins at once; terminate and stop get two minutes.") in wrong
    assert T.numeric_wrong("3", "3 is attempts", "en") == "3: wrong; 3 is attempts."
    assert T.numeric_wrong("3", "3 is attempts; not retries", "ja") == "3：誤りです。3 is attempts; not retries。"


def test_english_stems_and_traits_read_as_sentences(questions):
    stems = [q["stem"]["en"] for q in questions if "en" in q["stem"]]
    # "an .ebextensions" reads "an dot-ebextensions"
    assert not [s for s in stems if re.search(r"\ban? \.", s)]
    assert any(s.startswith("You customise an Elastic Beanstalk environment with a configuration file in .ebextensions.")
               for s in stems)
    en = explanations(questions, "en")
    assert any("It is known to replace the old version step by step, so" in e for e in en)
    assert not [e for e in en if re.search(r"known to replace (step|\()", e)]
    ja = [q["stem"]["ja"] for q in questions if q["type"] == "numeric" and "ja" in q["stem"]]
    assert ("ECS クラスターでスポットインスタンスドレインを有効にしています。スポットインスタンスの中断通知を受けると、ECS はその"
            "インスタンスを DRAINING にします。スポットインスタンスが中断（終了）されるとき、EC2 は何分前にこの中断通知を出しますか？") in ja


def test_a_lexicon_phrase_has_no_doubled_or_odd_punctuation_and_no_english_trait_lacks_its_object():
    import yaml

    lexicon = yaml.safe_load((SEEDS[0].parents[1] / "lexicon.yaml").read_text(encoding="utf-8"))
    texts = []
    for attribute in lexicon["attributes"].values():
        for value in attribute.get("values", {}).values():
            for kind in ("trait", "observe"):
                texts += [(language, text) for language, text in value.get(kind, {}).items()]
    assert len(texts) > 100
    assert not [t for lang, t in texts if lang != "en" and re.search(r"[?？].|。。|．| ,|；", t)]
    assert not [t for lang, t in texts if lang == "en" and re.search(r"\ban? \.|^replace step", t)]


def test_a_wrong_term_quotes_its_members_line_in_the_questions_language_when_there_is_one(questions):
    from types import SimpleNamespace

    from quiz.generation.builders import quoted_definition

    def line(language, heading):
        return SimpleNamespace(section=SimpleNamespace(language=language, heading_path=heading), heading=heading,
                               text={"ja": "デプロイする", "ko": "배포한다"}[language])

    member = SimpleNamespace(normalised_aliases=set())
    korean_same_point, japanese_elsewhere = line("ko", "Deployment"), line("ja", "Release")
    # a Japanese line is quoted to a Japanese reader, even under another heading than the key's
    assert quoted_definition([korean_same_point, japanese_elsewhere], member, "ja", "Deployment") is japanese_elsewhere
    assert quoted_definition([line("ja", "Other"), japanese_same := line("ja", "Deployment")], member, "ja",
                             "Deployment") is japanese_same
    assert quoted_definition([], member, "ja", "Deployment") is None
    # with none in the question's language, as before: its line in another language (Canary is defined in a
    # Korean note only, and the AWS documentation has no description of it to say instead)
    assert quoted_definition([korean_same_point], member, "ja", "Deployment") is korean_same_point
    canary = [o["explanation"]["ja"] for q in questions if q["type"] == "definition_to_term" and "ja" in q["stem"]
              for o in q["options"] if o["text"] == "Canary"]
    assert canary and all(e.startswith("Canary：誤りです。ノートでの説明は別の内容です（ノート「Deployment(배포) › "
                                       "4. 카나리아(canary) 배포」41 行目：「프로덕션 인프라의") for e in canary)


# gen-1.68, a native speaker's pass: AWS's Korean documentation calls the files in .ebextensions "구성 파일"; the
# explanations call the key 正解/정답, not 答え/답; no Japanese observation is a sentence without a subject.
def test_korean_says_구성_파일_everywhere_the_product_writes_it(questions):
    ko = [q["stem"].get("ko", "") for q in questions] + explanations(questions, "ko")
    assert any("구성 파일" in t for t in ko)
    assert not [t for t in ko if "설정 파일" in t]
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    for name in ("lexicon.yaml", "reference.yaml", "glossary.yaml"):
        assert "설정 파일" not in (fixtures / name).read_text(encoding="utf-8"), name


def test_explanations_call_the_key_正解_and_정답(questions):
    ja, ko = explanations(questions, "ja"), explanations(questions, "ko")
    assert not [e for e in ja if "答え" in e]
    assert not [e for e in ko if "이것이 답입니다" in e or "므로 답이 아닙니다" in e]
    assert any("に当てはまるため、正解ではありません（" in e for e in ja)
    assert any("에 해당하므로 정답이 아닙니다(" in e for e in ko)
    # a wrong option says what it is ("これは…", "이것은…"), and whose statement a false one is
    assert any(e.startswith("틀렸습니다. 이것은 노트에 있는 ") for e in ko)
    assert not [e for e in ko if e.startswith("틀렸습니다. 노트에 있는 ")]
    assert any(e.startswith("誤りです。これは Rolling with additional batch に当てはまる記述です。") for e in ja)


def test_a_japanese_scenario_says_what_its_observations_are_about(questions):
    stems = [q["stem"]["ja"] for q in questions if q["type"] == "scenario" and q["family"] == "eb-deployment-policies"]
    assert stems and all("デプロイします。このデプロイでは、" in s for s in stems)
    keys = [q["stem"]["ja"] for q in questions if q["type"] == "scenario" and q["family"] == "ebextensions-keys"
            and q["choose"] == 1]
    # "使用するキーは…。どのキーを使用すべきですか？" asked what it had just said; "必要なキーは、…展開します" made the key
    # the subject of a requirement (gen-1.83): what it does is said before it
    assert keys and all("キーが必要です。" in s and "必要なキーは" not in s and "使用するキー" not in s for s in keys)


def test_korean_says_daegiyeol_and_quotes_its_phrases_in_one_ending(questions):
    """gen-1.72: AWS's Korean documentation says "대기열" (SQS, DLQ), and the lexicon's phrases the product quotes
    ('…') all end in the noun form -ㅁ/음, traits as observations, so one explanation no longer mixes '…않음' and
    '…한다'; the sentences around them stay 합니다체, and a quote takes 이라고 after a final consonant."""
    ko = explanations(questions, "ko") + [q["stem"]["ko"] for q in questions if "ko" in q["stem"]]
    assert not [t for t in ko if "큐" in re.sub(r'"[^"]*"', "", t)]  # a note's own words ("…") stay as written
    assert not [t for t in ko if re.search(r"'[^'\"]*다(\([^)]*\))?'", t)]
    assert any("Immutable: 틀렸습니다. '다운타임이 발생하지 않음'이라고 되어 있으므로 '다운타임이 발생함'에 해당하지 않습니다(" in t
               for t in ko)
    assert T.render(T.STATEMENT_TRUE["ko"], "ko", name="X", trait="처리함(a)", evidence="e") == (
        "옳은 설명입니다. 노트에는 X에 대해 '처리함(a)'이라고 되어 있습니다(e).")
    assert T.render(T.STATEMENT_TRUE["ko"], "ko", name="X", trait="역할", evidence="e").endswith("'역할'이라고 되어 있습니다(e).")
    assert T.render(T.STATEMENT_TRUE["ko"], "ko", name="X", trait="CloudTrail의 기록", evidence="e").endswith(
        "'CloudTrail의 기록'이라고 되어 있습니다(e).")
    assert T.render(T.STATEMENT_TRUE["ko"], "ko", name="X", trait="서버", evidence="e").endswith("'서버'라고 되어 있습니다(e).")


def test_a_japanese_deployment_scenario_says_deploy_once_and_a_distractor_names_its_member_once(questions):
    ja = [q for q in questions if q["family"] == "eb-deployment-policies" and q["type"] == "scenario"]
    assert ja and not [q for q in ja if re.search("このデプロイでは、[^。]*デプロイ", q["stem"]["ja"])]
    assert any("このデプロイでは、バッチに分けずに全インスタンスを一度に更新し、既存のインスタンスだけを使います。" in q["stem"]["ja"]
               for q in ja)
    wrong = [e for e in explanations(questions, "ja") if "には当てはまりません（" in e]
    assert wrong and not [e for e in wrong if re.search("誤りです。[^「（]+は「", e)]
    assert "Immutable：誤りです。「ダウンタイムが発生しない」とされているため、「ダウンタイムが発生する」には当てはまりません（" in "".join(wrong)


def test_an_ebextensions_stem_says_what_the_key_does_before_the_key(questions):
    """gen-1.83: 「必要なキーは、アーカイブをダウンロードして…展開します」 and "필요한 키는 … 압축을 풉니다" glued what is
    needed after "the key you need is"; the family's ``need`` says it as a clause before the key, in ja and ko."""
    stems = {q["stem"]["en"]: q["stem"] for q in questions if q["family"] == "ebextensions-keys" and q["type"] == "scenario"}
    archive = stems["You customise an Elastic Beanstalk environment with a configuration file in .ebextensions. An archive "
                    "is downloaded and unpacked into a directory. Which key should you use?"]
    assert archive["ja"] == (".ebextensions の設定ファイルで Elastic Beanstalk 環境をカスタマイズします。アーカイブをダウンロードして"
                             "指定したディレクトリに展開するキーが必要です。どのキーを使用すべきですか？")
    assert archive["ko"] == (".ebextensions 구성 파일로 Elastic Beanstalk 환경을 사용자 지정합니다. 아카이브를 내려받아 지정한 "
                             "디렉터리에 압축을 푸는 키가 필요합니다. 어떤 키를 사용해야 합니까?")
    packages = [s for s in stems.values() if "yum" in s["en"]]
    assert [s["ja"] for s in packages] == [".ebextensions の設定ファイルで Elastic Beanstalk 環境をカスタマイズします。yum や rpm "
                                           "でソフトウェアをインストールするキーが必要です。どのキーを使用すべきですか？"]
    assert [s["ko"] for s in packages] == [".ebextensions 구성 파일로 Elastic Beanstalk 환경을 사용자 지정합니다. yum이나 rpm으로 "
                                           "소프트웨어를 설치하는 키가 필요합니다. 어떤 키를 사용해야 합니까?"]
    # English keeps its lead: "The key you need runs …" reads as English does
    assert any(e.startswith("You customise an Elastic Beanstalk environment with a configuration file in .ebextensions. "
                            "The key you need runs after the new application version has been extracted") for e in stems)
    assert not [s for s in stems.values() if "必要なキーは" in s["ja"] or "필요한 키는" in s["ko"]]
    # the clause before the key: joining forms, then the plain form (ja) or the adnominal form (ko)
    assert T.describe(["解凍する前に実行される", "プログラムを動かす"], "ja", frame="{clause}キーが必要です。") == (
        "解凍する前に実行され、プログラムを動かすキーが必要です。")
    assert T.describe(["압축을 풀기 전에 실행됨", "압축을 풂", "패키지는 설치하지 않음", "이전 세대임"], "ko",
                      frame="{clause} 키가 필요합니다.") == (
        "압축을 풀기 전에 실행되고, 압축을 풀고, 패키지는 설치하지 않으며, 이전 세대인 키가 필요합니다.")
    assert T.describe(["it runs commands"], "en", lead="The key you need", frame="{clause}") == (
        "The key you need runs commands.")


def test_an_ebextensions_choose_two_stem_asks_which_keys_not_for_one_key(questions):
    """gen-1.87: 「…を動かすキーが必要です。この説明に当てはまる .ebextensions のキーを 2 つ選んでください。」 said one key was
    needed, then asked for two; the family's ``need_many`` asks which keys do it, and the stem says only how many."""
    stems = [q["stem"] for q in questions if q["family"] == "ebextensions-keys" and q["choose"] == 2]
    assert [s["ja"] for s in stems] == [".ebextensions の設定ファイルで Elastic Beanstalk 環境をカスタマイズします。任意のシェル"
                                        "スクリプトやプログラムを動かすキーはどれですか？2 つ選んでください。"]
    assert [s["ko"] for s in stems] == [".ebextensions 구성 파일로 Elastic Beanstalk 환경을 사용자 지정합니다. 임의의 셸 "
                                        "스크립트나 프로그램을 실행하는 키는 무엇입니까? 2개를 고르십시오."]
    assert [s["en"] for s in stems] == ["You customise an Elastic Beanstalk environment with a configuration file in "
                                        ".ebextensions. Each key you need runs shell scripts or programs of your own. "
                                        "Choose the 2 .ebextensions keys that fit this."]
    # the page does not say "choose two" again under a stem that says it
    assert all(T.asks_for(s[language], 2) for s in stems for language in T.LANGUAGES)


def test_a_korean_deployment_scenario_says_deploy_once_and_stream_concurrency_says_by_default_first(questions):
    """gen-1.83: "…배포합니다. 배치로 나누지 않고 한 번에 배포하고, 기존 인스턴스만으로 배포합니다" said 배포 three times
    (the Japanese one lost its repeated デプロイ in gen-1.73); 「同時実行数がシャード数と同じになります（デフォルト）。」 ended
    on a note-like bracket; 「どのポリシーよりも早く」 compared a policy with itself."""
    stems = {q["stem"]["en"]: q["stem"] for q in questions if q["type"] == "scenario"}
    ko = [s["ko"] for s in stems.values()]
    assert ("한 팀이 Elastic Beanstalk 환경에 애플리케이션의 새 버전을 배포합니다. 배치로 나누지 않고 모든 인스턴스를 한 번에 "
            "업데이트하고, 기존 인스턴스만 사용합니다. 이 팀이 사용하는 배포 정책은 무엇입니까?") in ko
    assert not [s for s in ko if re.search(r"배포합니다\. [^.]*배포(?:하고|합니다)", s)]
    shards = stems["A Lambda function is invoked by events. By default, concurrency equals the number of shards. "
                   "Which invocation pattern is it?"]
    assert shards["ja"] == ("Lambda 関数がイベントによって呼び出されています。デフォルトでは同時実行数がシャード数と同じになります。"
                            "どの呼び出しパターンに該当しますか？")
    assert shards["ko"] == ("Lambda 함수가 이벤트로 호출되고 있습니다. 기본적으로 동시 실행 수가 샤드 수와 같습니다. "
                            "어떤 호출 방식에 해당합니까?")
    assert any("このデプロイでは、ほかのどのポリシーよりも早く完了します。" in s["ja"] for s in stems.values())


def test_a_scenario_option_says_right_or_wrong_first_and_a_wrong_one_gives_its_reason_before_what_it_rules_out(
        questions):
    """gen-1.84, a coach's pass: a scenario's options said only "matches …" / "does not match …; it is known to …",
    with no verdict (every other type says 正解です/誤りです first), and the reason came after the verdict as an
    afterthought (「…に当てはまりません。「…」とされているためです」)."""
    scenario = [(o["text"], lang, e) for q in questions if q["type"] == "scenario" for o in q["options"]
                for lang, e in o["explanation"].items()]
    verdict = {"ja": ("：正解です。", "：誤りです。"), "ko": (": 정답입니다. ", ": 틀렸습니다. "), "en": (": correct. ", ": wrong. ")}
    assert scenario and not [e for name, lang, e in scenario
                             if not any(e.startswith(name + v) for v in verdict[lang])]
    texts = {lang: "\n".join(e for _, language, e in scenario if language == lang) for lang in T.LANGUAGES}
    assert ("Rolling with additional batch：誤りです。「キャパシティを維持する」とされているため、「更新中にキャパシティが一時的に減る」"
            "には当てはまりません（ノート「") in texts["ja"]
    assert ("Rolling with additional batch: 틀렸습니다. '용량을 유지함'이라고 되어 있으므로 '배포 중 용량이 일시적으로 줄어듦'에 "
            "해당하지 않습니다(노트 ") in texts["ko"]
    assert ('Rolling with additional batch: wrong. It is known to keep full capacity, so it does not match "capacity '
            'drops temporarily" (note ') in texts["en"]
    assert "とされているためです" not in texts["ja"] and "되어 있기 때문입니다" not in texts["ko"]
    assert "; it is known to" not in texts["en"]


def test_a_definition_option_names_its_member_once_and_a_wrong_one_names_the_answer(questions):
    """「Rolling：誤りです。ノートには Rolling について別の説明があります」, 「Rolling：正解です。ノートでは Rolling が…」 said the
    name twice and a wrong term only that the notes say something else; it now names the member the question describes,
    as a wrong term the AWS documentation describes does."""
    definitions = [(o["text"], lang, e) for q in questions if q["type"] == "definition_to_term" for o in q["options"]
                   for lang, e in o["explanation"].items()]
    # what is said between the name and the note it cites
    said = [(name, re.split(r"（ノート|\(노트 ", e[len(name):])[0]) for name, _, e in definitions
            if "（ノート" in e or "(노트 " in e]
    assert said and not [(name, e) for name, e in said if name in e]
    question = next(q for q in questions if q["type"] == "definition_to_term" and "ja" in q["stem"]
                    and q["stem"]["ja"].endswith("「既存インスタンスに同時にデプロイするポリシー」"))
    explained = {o["text"]: o["explanation"]["ja"] for o in question["options"]}
    assert explained["All at once"].startswith("All at once：正解です。ノートではこのように説明されています（ノート「")
    assert explained["Rolling"].startswith("Rolling：誤りです。ノートでの説明は別の内容です（ノート「")
    assert explained["Rolling"].endswith("）。問題文の説明に当てはまるのは All at once です。")
    ko = [e for name, lang, e in definitions if lang == "ko" and "다른 설명" in e]
    assert ko and all(re.search(r"\)\. 문제의 설명에 해당하는 것은 .+입니다\.$", e) for e in ko)
    # a wrong term the AWS documentation describes says it is wrong before what it is
    assert any(e.startswith("Amazon Cognito：誤りです。ウェブアプリ") for _, _, e in definitions)


def test_a_load_balancer_s_generation_does_not_say_load_balancer_twice(questions):
    wrong = [e for q in questions if q["family"] == "elb-types" for o in q["options"] if not o["correct"]
             for e in o["explanation"].values()]
    assert any("「現行世代である」とされているため、" in e for e in wrong)
    assert any("'현재 세대임'이라고 되어 있으므로 " in e for e in wrong)
    assert not [e for e in wrong if "現行世代のロードバランサー" in e or "현재 세대 로드 밸런서임" in e]


def test_a_legacy_load_balancer_stem_does_not_say_load_balancer_twice(questions):
    """gen-1.87: the generation's observation came after the family's lead: 「このロードバランサーは、旧世代のロードバラン
    サーです」, "이 로드 밸런서는 이전 세대 로드 밸런서입니다", "This load balancer is the previous-generation (legacy) load
    balancer"; the explanations quoted it."""
    legacy = [q for q in questions if q["family"] == "elb-types" and q["type"] == "scenario"
              and {"attribute": "generation", "value": "legacy"} in q["clues"]]
    assert [q["stem"] for q in legacy] == [{
        "ja": "あるシステムでロードバランサーを使用しています。このロードバランサーは、旧世代の製品です。どの種類のロードバランサーですか？",
        "ko": "한 시스템에서 로드 밸런서를 사용하고 있습니다. 이 로드 밸런서는 이전 세대 제품입니다. 어떤 유형의 로드 밸런서입니까?",
        "en": "A system uses a load balancer. This load balancer belongs to the previous generation (legacy). Which type of "
              "load balancer is it?"}]
    said = [e for q in legacy for o in q["options"] for e in o["explanation"].values()]
    assert any("Classic Load Balancer (CLB)：正解です。「旧世代の製品である」に当てはまります（" in e for e in said)
    assert any("'이전 세대 제품임'에 해당하지 않습니다(" in e for e in said)
    assert any('so it does not match "it belongs to the previous generation (legacy)" (' in e for e in said)
    assert not [t for q in questions for t in [*q["stem"].values(), *(e for o in q["options"]
                                                                     for e in o["explanation"].values())]
                if re.search("世代のロードバランサー(?:です|である)|세대 로드 밸런서(?:입니다|임)|generation[^.]*load balancer", t)]
