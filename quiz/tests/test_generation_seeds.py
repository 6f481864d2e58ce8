"""Generation on the five seed notes: what it asks, what it refuses to ask (pure: no database)."""

import hashlib
import re
import time
from pathlib import Path

import pytest

from quiz.generation import builders as B
from quiz.generation.pipeline import generate
from quiz.generation.scenarios import fits, may_also_fit, necessary
from quiz.generation.sources import sections_from_paths
from quiz.generation.text import norm

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "notes").glob("*.txt"))
REQUIRED_TOPICS = {
    "eb-deployment-policies", "elb", "lambda", "x-ray", "msk", "route-53-failover", "ecs-spot-draining",
    "blue-green-deployment", "canary-deployment", "rolling-deployment", "s3", "api-gateway",
}


@pytest.fixture(scope="module")
def result():
    return generate(sections_from_paths(SEEDS))


def all_text(question):
    parts = list(question["stem"].values())
    for option in question["options"]:
        parts.append(option["text"])
        parts.extend(option["explanation"].values())
    return "\n".join(parts)


def distinct(result):
    identities = {q["identity"] for q in result.questions}
    contents = {(tuple(sorted(q["stem"].items())), tuple(o["text"] for o in q["options"])) for q in result.questions}
    assert len(identities) == len(result.questions)
    return min(len(identities), len(contents))


@pytest.mark.xfail(strict=True, reason=(
    "Done bar missed on purpose since gen-1.7 (112 questions; 127 before; 101 since gen-1.8, 100 since "
    "gen-1.11). Reviews of the "
    "bank found questions a learner could answer without the content: options that gave the key away by their "
    "form (an event-source list beside descriptions), katakana tells of the answer (トラフィック for Traffic "
    "splitting, パッケージ for packages), an arithmetic 'numeric' question, a definition that also describes a "
    "distractor, 'What is X?' with random definitions of unrelated services as options, and a note line the AWS "
    "documentation corrects (S3 for rarely accessed files). Fewer, sound questions over more "
    "(docs/QUESTIONS.md, Figures). "
    "strict: when the bar is reached this fails as XPASS; then remove the marker."))
def test_the_seeds_give_at_least_120_distinct_validated_questions(result):
    assert distinct(result) >= 120


def test_distinct_validated_questions_do_not_fall_below_todays_count(result):
    # 112 until gen-1.8, 101 since: "What is X?" questions whose options were random definitions of unrelated
    # services went (a grab-bag member's term -> definition; its definition -> term questions now offer
    # curated neighbours instead), five term -> definition keys that repeat the term in katakana
    # (パッケージ for packages), and the S3 line the AWS documentation corrects. 100 since gen-1.11: Big bang's
    # "choose two" whose keys both said "all at once". 94 since gen-1.22: three scenarios whose extra clue only
    # ruled out All at once (which full capacity rules out: its whole fleet is out of service), "capacity drops
    # temporarily" alone (All at once's does too), and two definitions of a modifier and a verb beside the mask.
    # 96 since gen-1.24: the packages and sources scenarios (the AWS page says what the other keys do instead).
    # 95 since gen-1.33: files' "指定した場所に［？］を作成" (the mask is what the closing verb makes).
    assert distinct(result) >= 95


def test_packages_and_sources_are_asked_as_scenarios_without_offering_a_key_of_your_own_commands(result):
    # customize-containers-ec2: only packages installs packages (yum, rpm, ...) and only sources unpacks an archive;
    # commands and container_commands run your own commands, which may do either, so they are never distractors.
    wanted = {("installs_packages", "yes"): "packages", ("unpacks_archive", "yes"): "sources"}
    found = {}
    for question in result.questions:
        clues = [(c["attribute"], c["value"]) for c in question["clues"]]
        if question["type"] == "scenario" and len(clues) == 1 and clues[0] in wanted:
            keys = [o["text"] for o in question["options"] if o["correct"]]
            texts = {o["text"] for o in question["options"]}
            assert keys == [wanted[clues[0]]], question["stem"]["en"]
            assert len(texts) >= 4 and not texts & {"commands", "container_commands"}, texts
            assert "packages" not in question["stem"]["en"].lower(), question["stem"]["en"]
            found[clues[0]] = keys[0]
    assert found == wanted


def multi_clue_share(result):
    multi = [q for q in result.questions if q["type"] == "scenario" and len(q["clues"]) >= 2]
    return len(multi), len(multi) / len(result.questions)


@pytest.mark.xfail(strict=True, reason=(
    "Done bar not met yet: the seeds give 12 scenarios with two or more clues of 94 questions (13 %). "
    "Clues must be values the notes state and each must be the only one ruling out some distractor; "
    "the five seeds state too few attributes per family for more (docs/QUESTIONS.md, Figures). "
    "strict: when the bar is reached this fails as XPASS; then remove the marker."))
def test_at_least_40_percent_of_the_questions_are_scenarios_with_two_or_more_clues(result):
    assert multi_clue_share(result)[1] >= 0.40


def test_scenarios_with_two_or_more_clues_do_not_fall_below_todays_count(result):
    # 20 until 2026-11-26: four went as doubtful (Rolling's middling deploy time now counts as arguably
    # "slow"; a rolling deployment's rollback is a manual redeploy by the AWS table, not "easy"; a canary
    # is not documented as launching a full new set, so "existing instances only" does not rule it out).
    # 15 since gen-1.7: whether redeploying is an "easy" rollback is a matter of view, so "easy to roll back"
    # no longer rules a rolling deployment out ("all traffic on one version, easy rollback" went with it).
    # 12 since gen-1.22: "no downtime", "in batches" and "takes a long time" beside "full capacity, no second fleet"
    # only ruled out All at once, which full capacity rules out.
    count, share = multi_clue_share(result)
    assert count >= 12 and share >= 0.12


def test_full_capacity_never_rules_out_a_policy_that_launches_a_full_new_set(result):
    # Immutable and traffic splitting keep full capacity in service too (they add a whole set):
    # "full capacity stays in service" must never be the clue that rules them out.
    assert any({"attribute": "capacity", "value": "kept"} in q["clues"] for q in result.questions)
    for question in result.questions:
        if question["type"] != "scenario":
            continue
        clues = {(c["attribute"], c["value"]) for c in question["clues"]}
        if ("capacity", "kept") not in clues:
            continue
        for option in question["options"]:
            if option["text"] in ("Immutable", "Traffic splitting"):
                assert not option["correct"]
                assert "full capacity stays in service" not in option["explanation"]["en"], question["stem"]["en"]


def test_the_cost_aware_full_capacity_scenario_picks_rolling_with_additional_batch(result):
    # "no downtime" is not needed: All at once does not keep full capacity either (gen-1.22)
    wanted = {("capacity", "kept"), ("new_instances", "not_full_set")}
    question = next(q for q in result.questions
                    if q["type"] == "scenario" and {(c["attribute"], c["value"]) for c in q["clues"]} == wanted)
    assert [o["text"] for o in question["options"] if o["correct"]] == ["Rolling with additional batch"]
    assert {"All at once", "Rolling", "Immutable"} <= {o["text"] for o in question["options"]}


def test_the_questions_cover_every_topic_the_foundation_issue_names(result):
    topics = {q["topic"] for q in result.questions}
    assert REQUIRED_TOPICS <= topics
    assert len(topics) >= 12


def test_scenario_comparison_and_numeric_stems_read_in_three_languages(result):
    for question in result.questions:
        if question["type"] in ("scenario", "comparison", "numeric"):
            assert question["languages"] == ["ja", "ko", "en"]
            assert all(question["stem"][lang].strip() for lang in ("ja", "ko", "en"))


def test_definition_and_statement_questions_stay_in_the_language_of_their_note(result):
    # Their options are note lines (choose two) or quote the note: a reader of another language could not
    # read them.
    checked = set()
    for question in result.questions:
        if question["type"] in ("definition_to_term", "term_to_definition", "choose_n"):
            assert len(question["languages"]) == 1
            assert set(question["stem"]) == set(question["languages"])
            checked.add((question["type"], question["languages"][0]))
    assert {("choose_n", "ja"), ("choose_n", "ko"), ("definition_to_term", "ko")} <= checked


def test_every_scenario_question_has_exactly_one_option_that_satisfies_all_its_clues(result):
    # ("exactly two" for a choose-two scenario)
    scenarios = [q for q in result.questions if q["type"] == "scenario"]
    assert scenarios and any(q["choose"] == 2 for q in scenarios)
    for question in scenarios:
        table = result.tables[question["family"]]
        clues = [(c["attribute"], c["value"]) for c in question["clues"]]
        members = question["_members"]
        fitting = [o for o in question["options"] if fits(table, members[o["key"]], clues)]
        assert len(fitting) == question["choose"] and all(o["correct"] for o in fitting), question["stem"]["en"]
        # the keys' clues are stated by the notes (a requirement by a value the notes state), not the reference
        for option in fitting:
            key = members[option["key"]]
            assert all(table.cells[(key, a)].origin == "note" and table.satisfies(key, a, v) is True
                       for a, v in clues)
        # every distractor is known (notes or reference) to break at least one clue
        distractors = [members[o["key"]] for o in question["options"] if not o["correct"]]
        for member in distractors:
            assert any(table.satisfies(member, a, v) is False for a, v in clues), (member, question["stem"]["en"])
        # every clue is necessary: drop it and some shown distractor would satisfy the rest
        for clue in clues:
            rest = [c for c in clues if c != clue]
            assert any(fits(table, d, rest) for d in distractors), (clue, question["stem"]["en"])
        assert necessary(table, clues, distractors)
        # no family member left out of the options is known, or arguably, to satisfy every clue
        hidden = [m for m in table.family.members if m not in members.values()]
        assert not any(may_also_fit(table, m, clues) for m in hidden), question["stem"]["en"]


def scenario_distractors(result):
    """``(question, option, table, clues, member)`` for every distractor of every scenario."""
    for question in (q for q in result.questions if q["type"] == "scenario"):
        table = result.tables[question["family"]]
        clues = [(c["attribute"], c["value"]) for c in question["clues"]]
        for option in question["options"]:
            if not option["correct"]:
                yield question, option, table, clues, question["_members"][option["key"]]


def test_each_scenario_distractor_explanation_names_the_clue_it_breaks_with_its_evidence(result):
    from quiz.generation.builders import explained_clue
    from quiz.generation.lexicon import load_lexicon

    lexicon = load_lexicon()
    for question, option, table, clues, member in scenario_distractors(result):
        broken = explained_clue(table, member, clues)
        assert table.satisfies(member, *broken) is False and broken in clues
        cell = table.cells[(member, broken[0])]
        for lang in ("ja", "ko", "en"):
            text = option["explanation"][lang]
            assert lexicon.observe(*broken, lang) in text
            if cell.origin == "note":
                from quiz.generation.templates import LINE, note_place

                claim = cell.claims[0]
                assert note_place(claim) in text and LINE[lang].format(line=claim.line) in text
            else:
                assert cell.url in text  # the reference fact, with its documentation URL


def test_every_question_links_to_the_note_lines_it_came_from(result):
    lines = {seed.name: seed.read_text(encoding="utf-8").splitlines() for seed in SEEDS}
    for question in result.questions:
        assert question["sources"]
        for source in question["sources"]:
            line = lines[source["file"]][source["line_start"] - 1]
            assert norm(source["quote"].split(": ", 1)[-1].split(" › ")[-1])[:12] in norm(line)


def test_immutable_with_url_swap_is_corrected_and_never_asked(result):
    corrected = [c for c in result.corrections if "URL Swap" in c["claim"]]
    assert corrected and "blue/green" in corrected[0]["correction"]["en"]
    assert corrected[0]["reference_url"].startswith("https://docs.aws.amazon.com/elasticbeanstalk/")
    for question in result.questions:
        assert "urlswap" not in norm(all_text(question))


def test_rolling_with_additional_batch_under_blue_green_is_corrected(result):
    issue = next(i for i in result.issues if i["member"] == "rolling-additional-batch")
    assert issue["kind"] == "contradiction" and issue["attribute"] == "environment_swap"


def test_google_cloud_draining_text_never_becomes_an_ecs_answer(result):
    assert any("NEG" in c["claim"] for c in result.corrections)
    for question in result.questions:
        text = all_text(question)
        assert "NEG" not in text and "インスタンス グループ" not in text and "VM が" not in text


def test_lambda_async_retries_is_asked_with_two_as_the_key(result):
    question = next(q for q in result.questions if q["clues"][0]["attribute"] == "lambda-async-retries")
    assert [o["text"] for o in question["options"] if o["correct"]] == ["2"]
    assert any("２回" in s["quote"] for s in question["sources"])  # read from full-width digits
    wrong = {o["text"] for o in question["options"] if not o["correct"]}
    assert "2" not in wrong and len(wrong) >= 3


def test_every_option_is_explained_in_every_language_of_its_question(result):
    for question in result.questions:
        for option in question["options"]:
            assert all(option["explanation"].get(lang) for lang in question["languages"])


def test_generation_on_the_seeds_takes_well_under_two_seconds():
    sections = sections_from_paths(SEEDS)
    generate(sections)  # warm the lexicon and reference caches
    started = time.perf_counter()
    generate(sections)
    assert time.perf_counter() - started < 1.0


from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quiz.generation.claims import SectionInput  # noqa: E402
from quiz.generation.validator import validate  # noqa: E402

PIECES = ["- Rolling (ローリング): 既存インスタンスを利用してデプロイ", "  - ダウンタイム発生しない", "  - キャパシティが一時的に減る",
          "- Immutable: 新規インスタンスへのデプロイ", "  - ダウンタイムが発生する", "## デプロイポリシー", "1. 빅뱅 배포",
          "- 한 번에 업데이트", "非同期呼び出し：自動で２回までリトライ", "セーフガード：1000で制限", "```", "All at once", "",
          "- packages: yumでインストール", "  - 最も迅速にデプロイできる。", "### Bule/Green", "- URL Swap で切替"]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=12), min_size=1, max_size=4))
def test_generation_on_arbitrary_notes_never_fails_and_emits_only_valid_questions(files):
    sections = [SectionInput(id=i + 1, file=f"f{i}.md", heading_path="デプロイポリシー", language="ja",
                             markdown="\n".join(lines), line_start=1) for i, lines in enumerate(files)]
    result = generate(sections)
    for question in result.questions:
        assert validate(question, result.tables.get(question["family"])) == []
        for source in question["sources"]:
            assert 1 <= source["line_start"] <= 12


def test_a_note_with_a_wrong_number_is_corrected_and_not_asked():
    wrong = SectionInput(id=7, file="wrong.md", heading_path="Lamdba › リトライ", language="ja",
                         markdown="非同期呼び出し：自動で３回まで遅延を含んでリトライされ、その後破棄", line_start=3)
    result = generate([wrong])
    assert not [q for q in result.questions if q["type"] == "numeric"]
    correction = next(c for c in result.corrections if c["file"] == "wrong.md")
    assert "twice" in correction["correction"]["en"] and "2 回" in correction["correction"]["ja"]
    assert correction["reference_url"].startswith("https://docs.aws.amazon.com/lambda/")


def test_a_line_with_a_wrong_number_is_not_used_by_any_other_question_either():
    notes = sections_from_paths(SEEDS)
    wrong = SectionInput(id=999, file="wrong.md", heading_path="Lamdba › リトライ", language="ja",
                         markdown="非同期呼び出し：自動で３回まで遅延を含んでリトライされ、その後破棄", line_start=3)
    result = generate([*notes, wrong])
    for question in result.questions:
        assert all(source["file"] != "wrong.md" for source in question["sources"]), question["type"]


def test_a_definition_that_names_its_own_term_twice_is_neither_asked_nor_offered(result):
    # 000: "環境: 環境に応じて構築されるインフラ環境" reads "［？］に応じて構築されるインフラ［？］" once masked
    from quiz.generation.templates import MASK

    for question in result.questions:
        if question["type"] not in ("definition_to_term", "term_to_definition"):
            continue
        texts = [*question["stem"].values(), *(o["text"] for o in question["options"])]
        assert all(text.count(MASK) < 2 for text in texts), texts
    assert any(q["type"] == "definition_to_term" and q["topic"] == "elastic-beanstalk" for q in result.questions)


def test_deploying_to_new_instances_is_never_offered_as_false_about_rolling_with_additional_batch(result):
    # It adds a batch of new instances: "新規インスタンスへのデプロイ" is not false of it.
    table = result.tables["eb-deployment-policies"]
    assert table.satisfies("rolling-additional-batch", "new_instances", "full_set") is None
    assert table.satisfies("rolling", "new_instances", "full_set") is False
    for question in result.questions:
        if question["type"] == "choose_n" and "Rolling with additional batch" in "".join(question["stem"].values()):
            assert "新規インスタンスへのデプロイ" not in [o["text"] for o in question["options"]]


def test_a_false_statement_says_where_the_fact_that_refutes_it_comes_from(result):
    # Traffic splitting's capacity comes from the AWS documentation, not from a note: its explanation
    # must not say "the notes say".
    checked = {"note": 0, "reference": 0}
    for question in result.questions:
        if question["type"] != "choose_n":
            continue
        for option in question["options"]:
            if option["correct"]:
                continue
            explanation = option["explanation"]["en"]
            origin = "reference" if "(AWS documentation: " in explanation else "note"
            assert explanation.startswith("False: this statement describes "), explanation
            # the source is named once: "(AWS documentation: <page> <url>)" or ", as the notes say (note ...)"
            assert (", as the notes say (" in explanation) == (origin == "note"), explanation
            checked[origin] += 1
    assert checked["note"] and checked["reference"]


def test_a_definition_question_never_offers_a_distractor_its_definition_also_describes(result):
    from quiz.generation.builders import could_fit

    checked = 0
    for question in result.questions:
        if question["type"] != "definition_to_term":
            continue
        table = result.tables[question["family"]]
        quote = table.lexicon.respell(question["sources"][0]["quote"])  # the wording the stem shows
        for option in question["options"]:
            member = question["_members"].get(option["key"])  # None: a curated neighbour (tested below)
            if not option["correct"] and member is not None:
                assert not could_fit(table, member, quote), (quote, option["text"])
                checked += 1
    assert checked
    # Immutable's "uses new instances and never updates the existing ones" is true of Traffic splitting too
    immutable = [q for q in result.questions if q["type"] == "definition_to_term"
                 and any(o["correct"] and o["text"] == "Immutable" for o in q["options"])]
    assert immutable and all("Traffic splitting" not in [o["text"] for o in q["options"]] for q in immutable)
    # "the instances stay, the new code is applied" describes a big-bang release as much as a rolling one
    for question in result.questions:
        if question["type"] == "definition_to_term" and "インスタンスは現行" in "".join(question["stem"].values()):
            assert "Big bang" not in [o["text"] for o in question["options"]]


def test_a_term_question_never_offers_another_definition_that_also_describes_the_term(result):
    from quiz.generation.builders import could_fit

    checked = 0
    for question in result.questions:
        if question["type"] != "term_to_definition":
            continue
        table = result.tables[question["family"]]
        answer = next(question["_members"][o["key"]] for o in question["options"] if o["correct"])
        for source in question["sources"][1:]:  # the wrong options' definitions
            assert not could_fit(table, answer, source["quote"]), (answer, source["quote"])
            checked += 1
    assert checked


def test_a_misconception_in_the_notes_is_corrected_and_asked_nowhere_but_its_neighbours_still_are(result):
    # 004: "webアプリケーション（sqsd）が動作" (sqsd is the daemon that feeds the application, not a web app)
    assert any("sqsd" in c["claim"] and "daemon" in c["correction"]["en"] for c in result.corrections)
    quoted = [s["quote"] for q in result.questions for s in q["sources"]]
    assert not any("（sqsd）" in quote for quote in quoted)
    # only that line is set aside: the worker environment keeps its other definitions ("SQS＋AutoScaling")
    assert any("SQS＋AutoScaling" in quote or "SQS+AutoScaling" in quote for quote in quoted)


def test_a_corrected_line_backs_no_other_clue(result):
    # 003 L16 "새 버전과 이전 버전이 공존하기 때문에 쉽게 롤 백" is corrected (rollback): it is no evidence for
    # "old and new versions coexist" either
    for question in result.questions:
        for option in question["options"]:
            assert "쉽게 롤 백" not in option["explanation"].get("en", ""), question["stem"]


def test_a_misspelling_the_lexicon_lists_is_corrected_where_a_question_shows_the_note(result):
    from quiz.generation.lexicon import load_lexicon

    spellings = load_lexicon().spellings
    assert ("VisibkityTimeout", "VisibilityTimeout") in spellings
    shown = "\n".join(part for q in result.questions
                      for part in [*q["stem"].values(), *(option["text"] for option in q["options"])])
    for note, _ in spellings:
        assert note not in shown, note
    assert "VisibilityTimeout" in shown and "新しいリビジョンコードを新しいインスタンスに反映させインスタンスごと入れ替える" in shown
    assert "새 버전으로 점진적으로" in shown
    # the explanation still quotes the note as written, and the question keeps the identity of its note wording
    question = next(q for q in result.questions if q["type"] == "definition_to_term"
                    and "VisibilityTimeout" in "".join(q["stem"].values()))
    assert "VisibkityTimeout" in "".join(o["explanation"]["ja"] for o in question["options"] if o["correct"])
    written = "すべてキューに帰りVisibkityTimeoutが過ぎれば処理され成功されたら削除、新しいメッセージはブロックされない"
    assert question["clues"] == [{"attribute": "definition",
                                  "value": hashlib.sha256(norm(written).encode()).hexdigest()[:16]}]


def test_respell_replaces_the_longest_listed_misspelling_first():
    from quiz.generation.lexicon import Lexicon

    lexicon = Lexicon({"spellings": [{"note": "ab", "shown": "X"}, {"note": "abc", "shown": "Y"}]})
    assert lexicon.respell("abcd ab") == "Yd X"
    assert Lexicon({}).respell("abc") == "abc"


# --- gen-1.7: what an answerability review of the bank found -------------------------------------------


def test_a_term_question_never_mixes_a_list_of_names_with_descriptions(result):
    from quiz.generation.builders import fragment

    assert fragment("DynamoDB、Kinesis") and fragment("ELB＋AutoScaling") and not fragment("指定した場所にファイルを作成")
    asked = [q for q in result.questions if q["type"] == "term_to_definition"]
    assert asked
    for question in asked:
        assert not any(fragment(o["text"]) for o in question["options"]), question["stem"]


def test_where_members_are_defined_aspect_by_aspect_a_term_questions_options_share_the_keys_heading(result):
    """Lambda's invocations are defined once per heading (what each returns, how each retries): a term question's
    options are lines of one heading, or it is not asked."""
    for question in (q for q in result.questions if q["type"] == "term_to_definition"
                     and q["family"] == "lambda-invocation"):
        headings = {source["heading_path"] for source in question["sources"]}
        assert len(headings) == 1, question["stem"]


def test_words_that_describe_another_member_too_keep_it_out_of_a_definition_question(result):
    from quiz.generation.builders import could_fit

    table = result.tables["eb-deployment-policies"]
    # "deploys using the existing instances": a policy adding one batch to them does that as well
    assert could_fit(table, "rolling-additional-batch", "既存インスタンスを利用してデプロイするポリシー。")
    assert not could_fit(table, "immutable", "既存インスタンスを利用してデプロイするポリシー。")
    for question in result.questions:
        stem = "".join(question["stem"].values())
        if question["type"] == "definition_to_term" and "「既存インスタンスを利用して" in stem:
            assert "Rolling with additional batch" not in [o["text"] for o in question["options"]]


def test_a_member_given_away_by_a_word_of_its_own_is_masked_or_not_asked(result):
    for question in result.questions:
        stem = "".join(question["stem"].values())
        key = next(o["text"] for o in question["options"] if o["correct"])
        if question["type"] == "definition_to_term" and key == "Traffic splitting":
            assert "トラフィック" not in stem and "［？］" in stem
        if question["type"] == "definition_to_term" and key == "Queue polling":
            assert "キュー" not in stem
        if question["type"] == "term_to_definition" and "Traffic splitting" in stem:
            assert "トラフィック" not in key


def test_a_number_the_stem_would_give_away_is_checked_but_not_asked(result):
    assert not [q for q in result.questions if q["type"] == "numeric" and q["clues"][0]["attribute"] ==
                "lambda-routing-config"]
    wrong = SectionInput(id=8, file="alias.md", heading_path="Lambda › エイリアス", language="ja",
                         markdown="routing-config: トラフィックを 80:10 で振り分ける", line_start=2)
    corrected = generate([wrong])
    assert any(c["file"] == "alias.md" for c in corrected.corrections)


def test_a_distractor_that_breaks_several_clues_is_explained_by_one_the_notes_state(result):
    checked = 0
    for question, option, table, clues, member in scenario_distractors(result):
        broken = [(a, v) for a, v in clues if table.satisfies(member, a, v) is False]
        from_notes = [c for c in broken if table.cells[(member, c[0])].origin == "note"]
        if from_notes and len(broken) > 1:
            assert "docs.aws.amazon.com" not in option["explanation"]["en"], (question["stem"]["en"], member)
            checked += 1
    assert checked  # the seeds have such distractors: the rule is exercised


def test_a_grab_bag_members_definition_question_offers_its_curated_neighbours(result):
    """In a family of unrelated services (MSK beside DeletionPolicy: Retain) the wrong options of a definition
    question are the member's ``neighbours``, concepts of the same area, each explained by what the AWS
    documentation says it is (not drawn from the family)."""
    from quiz.generation.reference import load_reference

    family = load_reference().families["aws-services"]
    asked = {}
    for question in result.questions:
        if question["type"] != "definition_to_term" or question["family"] != "aws-services":
            continue
        answer = next(o for o in question["options"] if o["correct"])
        member = next(m for m in family.members.values() if m.name == answer["text"])
        assert member.neighbours, member.id  # every grab-bag member that is asked has curated neighbours
        names = {m: (family.members.get(m) or family.neighbours[m]).name for m in member.neighbours}
        wrong = [o for o in question["options"] if not o["correct"]]
        assert len(wrong) >= 3 and {o["text"] for o in wrong} <= set(names.values()), (member.id, wrong)
        for option in wrong:
            # each is explained by what the notes or the AWS documentation say it is, never only "another service"
            (language,) = question["languages"]
            assert "https://docs.aws.amazon.com/" in option["explanation"][language] or any(
                word in option["explanation"][language] for word in ("ノート「", '노트 "', 'note "')), option
            neighbour = family.neighbours.get(next(m for m, n in names.items() if n == option["text"]))
            if neighbour is not None:
                (language,) = question["languages"]
                explanation = option["explanation"][language]
                assert neighbour.url in explanation and answer["text"] in explanation
                assert neighbour.is_[language].rstrip("。. ") in explanation
        asked[member.id] = question
    assert {"msk", "x-ray", "xray-daemon", "appsync", "api-gateway", "s3-transfer-acceleration",
            "route53-failover", "retain-policy"} <= set(asked)
    # nor is one asked "What is it?" with random definitions of unrelated services as options
    assert not [q for q in result.questions if q["type"] == "term_to_definition" and q["family"] == "aws-services"]
    # the neighbours are what an exam would offer: X-Ray's tracing beside CloudTrail's audit trail
    assert "AWS CloudTrail" in [o["text"] for o in asked["x-ray"]["options"]]


def test_s3_as_a_place_for_rarely_accessed_files_is_corrected_and_not_asked(result):
    line = "あまり変更がなくアクセスも多くないもの"
    assert any(line in c["claim"] and "S3 Standard" in c["correction"]["en"] for c in result.corrections)
    assert not [q for q in result.questions if line in all_text(q)]


def test_a_term_written_in_katakana_is_masked_in_its_definition_and_never_a_term_questions_key(result):
    katakana = {"packages": "パッケージ", "files": "ファイル", "users/groups": "ユーザー", "Resources": "リソース"}
    masked = 0
    for question in result.questions:
        key = next(o for o in question["options"] if o["correct"])
        if question["type"] == "definition_to_term" and key["text"] in katakana:
            assert katakana[key["text"]] not in question["stem"]["ja"] and "［？］" in question["stem"]["ja"]
            masked += 1
        if question["type"] == "term_to_definition":
            for term, word in katakana.items():
                if f"「{term}」" in question["stem"].get("ja", ""):
                    assert word not in key["text"], key["text"]
    # "yum や rpm を利用した［？］のインストール": a term -> definition would quote it unmasked. 2 since gen-1.22 (users/groups
    # and Resources left a modifier and a verb beside the mask); 1 since gen-1.33 (files' mask was what "を作成" makes)
    assert masked >= 1


def test_a_distractor_with_two_values_is_said_to_do_both(result):
    """CLB works at layer 4 and at layer 7: ruled out of "layer 3", its explanation says what it does instead
    (both), as for a distractor with one value, not only that it does not match. In English the words both traits
    begin with are said once (gen-1.13)."""
    explained = [o["explanation"]["en"] for q in result.questions if q["type"] == "scenario"
                 for o in q["options"] if not o["correct"] and o["text"].startswith("Classic Load Balancer")
                 and "layer 3" in o["explanation"]["en"]]
    assert explained and all("It is known to operate at layers 4 and 7, so it does not match " in e for e in explained)


def test_the_strategies_003_numbers_are_sections_whose_term_questions_still_offer_each_other(result):
    """003 writes its strategies as numbered parts of "Deployment(배포)", each now a section of its own: a term
    question's options are still the other strategies' lines, which answer under the same heading."""
    asked = {q["topic"]: q for q in result.questions
             if q["type"] == "term_to_definition" and q["family"] == "deployment-strategies"}
    assert set(asked) == {"big-bang-deployment", "rolling-deployment", "blue-green-deployment"}
    big_bang = asked["big-bang-deployment"]
    assert big_bang["sources"][0]["heading_path"] == "Deployment(배포) › 1. 빅뱅 배포"
    assert {s["heading_path"] for s in big_bang["sources"][1:]} == {
        "Deployment(배포) › 2. 롤링 배포 (단계적 배포)", "Deployment(배포) › 3. Blue-green, Red-black, A/B 배포",
        "Deployment(배포) › 4. 카나리아(canary) 배포"}


def test_a_choose_two_question_never_shows_two_statements_of_one_fact(result):
    # 003's Big bang once had the keys "애플리케이션의 전체 또는 대부분을 한 번에 업데이트" and "버전1에서 버전 2로
    # 한꺼번에 바꾸는 케이스": both say "all at once", so picking both needed no knowledge of either.
    checked = 0
    for question in result.questions:
        if question["type"] != "choose_n":
            continue
        keys = [(clue["attribute"], clue["value"]) for clue in question["clues"]]
        assert len(set(keys)) == len(keys), question["clues"]
        facts = [question["_statements"][option["key"]] for option in question["options"]]
        assert len(set(facts)) == len(facts), [option["text"] for option in question["options"]]
        checked += 1
    assert checked == 11
    # its other two pairs (each with "시스템을 일시 중지하고 전체를 다 바꾸는 것") stay: no fourth line to pair up
    strategies = [q for q in result.questions if q["type"] == "choose_n" and q["family"] == "deployment-strategies"]
    assert len(strategies) == 2


def test_a_pair_of_statements_of_one_fact_gives_way_to_another_true_statement():
    from quiz.generation.sources import sections_from_text

    notes = ("# EB\n## デプロイポリシー\n- デプロイポリシー:\n  - Rolling：\n    - ダウンタイム発生しない\n"
             "    - ダウンタイムなし\n    - キャパシティが一時的に減る\n    - 新旧アプリケーションが混在する時間がある\n"
             "  - All at once：\n    - 最も迅速\n    - 最も迅速にデプロイできる\n"
             "  - Rolling with additional batch：\n    - キャパシティを維持したままデプロイする\n"
             "    - 既存と新規インスタンスへのデプロイ\n")
    questions = [q for q in generate(sections_from_text("rolling.md", notes, first_id=1)).questions
                 if q["type"] == "choose_n" and q["stem"]["ja"].startswith("「Rolling」")]
    keys = [sorted(o["text"] for o in q["options"] if o["correct"]) for q in questions]
    # the first pair (two lines saying "no downtime") is skipped and the next pair asked instead: three
    # questions
    assert len(questions) == 3 and ["ダウンタイムなし", "ダウンタイム発生しない"] not in keys, keys
    for question in questions:  # All at once's two lines saying "fastest" are one distractor at most
        shown = [o["text"] for o in question["options"]]
        assert not {"最も迅速", "最も迅速にデプロイできる"} <= set(shown), shown


# gen-1.22: an expert review of the seed bank.
def test_capacity_dropping_never_singles_rolling_out_without_a_clue_all_at_once_breaks(result):
    # All at once takes every instance out of service: its capacity drops too. "Capacity drops temporarily" alone
    # had two right answers (All at once was not offered); beside "in batches" or "no downtime" it is sound.
    questions = [q for q in result.questions if q["type"] == "scenario" and q["family"] == "eb-deployment-policies"
                 and {"attribute": "capacity", "value": "reduced"} in q["clues"]]
    assert questions
    for question in questions:
        clues = {(c["attribute"], c["value"]) for c in question["clues"]}
        assert clues & {("batches", "yes"), ("downtime", "no")}, question["stem"]["en"]


def test_full_capacity_needs_no_other_clue_to_rule_all_at_once_out(result):
    # "no downtime", "in batches", "takes a long time" beside full capacity only ruled out All at once, whose
    # capacity was unknown: paraphrases of one question, each clue set shown as if every clue mattered.
    for question in result.questions:
        clues = {(c["attribute"], c["value"]) for c in question["clues"]}
        if question["type"] != "scenario" or ("capacity", "kept") not in clues:
            continue
        assert clues == {("capacity", "kept"), ("new_instances", "not_full_set")}, question["stem"]["en"]
        all_at_once = next(o for o in question["options"] if o["text"] == "All at once")
        assert "full capacity stays in service" in all_at_once["explanation"]["en"]


def test_a_masked_definition_says_more_than_a_modifier_and_a_verb(result):
    # "任意の［？］を作成" (users/groups) is also files ("指定した場所にファイルを作成"); "追加の［？］を定義" hides the
    # only word that says what is defined.
    masked = [q for q in result.questions if q["type"] == "definition_to_term"
              and "［？］" in next(iter(q["stem"].values()))]
    assert masked
    for question in masked:
        definition = next(iter(question["stem"].values())).split("\n", 1)[1]
        assert len(re.sub(r"[\W_]", "", definition.replace("［？］", ""))) >= 8, definition


def test_a_definition_whose_mask_is_what_its_closing_verb_makes_is_not_asked(result):
    # "指定した場所に［？］を作成" (files) offered sources, which unpacks an archive "指定した場所に": it makes files
    # too, and what the line is about is hidden (expert review, sixteenth session)
    stems = [next(iter(q["stem"].values())) for q in result.questions if q["type"] == "definition_to_term"]
    assert not [s for s in stems if "［？］を作成" in s]
    assert B.MADE_BY_LAST_VERB.search("指定した場所に［？］を作成") and B.MADE_BY_LAST_VERB.search("임의 ［？］ 생성")
    assert B.MADE_BY_LAST_VERB.search("creates the ［？］")
    assert not B.MADE_BY_LAST_VERB.search("［？］を作成してからデプロイする")
    started = time.perf_counter()  # linear on a long run of spaces
    for text in ("［？］" + " " * 20000 + "x", "creates" + " " * 20000, "［？］を" + " " * 20000 + "作"):
        B.MADE_BY_LAST_VERB.search(text)
    assert time.perf_counter() - started < 0.5


def test_a_distractor_defined_only_in_another_language_is_said_what_it_is_in_the_questions(result):
    # AppSync's Japanese question offered API Gateway with "ノートには別の説明があります" and a Korean line
    appsync = [q for q in result.questions if q["type"] == "definition_to_term"
               and any(o["text"] == "AWS AppSync" and o["correct"] for o in q["options"]) and "ja" in q["stem"]]
    assert appsync
    gateway = next(o for o in appsync[0]["options"] if o["text"] == "Amazon API Gateway")["explanation"]["ja"]
    assert "WebSocket の API を作成" in gateway and "docs.aws.amazon.com/apigateway" in gateway
    assert "参考：ノート「Deployment(배포)" in gateway and "別の説明があります" not in gateway


def test_a_distractor_of_a_definition_question_is_said_what_it_is(result):
    # "Exceptions：Lambda の用語の一つですが、この説明は Context object のものです。" taught nothing about it
    unknown = [option["text"] for q in result.questions if q["type"] == "definition_to_term"
               for option in q["options"] if not option["correct"]
               and any("の一つですが" in e or "중 하나이지만" in e or ": another " in e for e in option["explanation"].values())]
    assert unknown == []


def test_commands_before_the_deployment_is_not_told_apart_from_container_commands_by_itself(result):
    # container_commands run after the new version is extracted and before it is deployed: "デプロイ処理前に実行すべき
    # コマンド" (commands' line in 004) is true of them too, so neither key is the wrong side of it.
    line = "デプロイ処理前に実行すべきコマンドやスクリプトを指定"
    asked = [q for q in result.questions if q["type"] == "definition_to_term" and line in q["stem"].get("ja", "")]
    assert [[o["text"] for o in q["options"] if o["correct"]] for q in asked] == [["commands"]]
    assert "container_commands" not in [o["text"] for o in asked[0]["options"]]
    offered = [q for q in result.questions if q["type"] == "term_to_definition"
               and q["stem"].get("ja") == "「container_commands」の説明として正しいものはどれですか？"]
    assert len(offered) == 1 and line not in [o["text"] for o in offered[0]["options"]]
