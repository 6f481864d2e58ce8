"""The validator on hand-made good and bad questions; each bad one fails for its own reason."""

import copy

import pytest

from quiz.generation.families import Cell, Table
from quiz.generation.reference import Family, Member
from quiz.generation.validator import validate


def policies_table():
    """The worked example of docs (GENERATION.md): unknown cells simply absent."""
    family = Family(id="eb", topic="eb", topic_name="EB", domain="deployment", name={}, context={}, ask={},
                    anchors=())
    for member_id, name, aliases in [
        ("aao", "All at once", ["一度にすべて"]), ("rolling", "Rolling", ["ローリング"]),
        ("rwab", "Rolling with additional batch", []), ("immutable", "Immutable", ["イミュータブル"]),
        ("ts", "Traffic splitting", []),
    ]:
        family.members[member_id] = Member(member_id, name, tuple(aliases))
    table = Table(family)
    rows = {
        "aao": {"downtime": "yes", "new": "none", "speed": "fastest"},
        "rolling": {"downtime": "no", "capacity": "reduced", "new": "none"},
        "rwab": {"downtime": "no", "capacity": "kept", "new": "extra_batch"},
        "immutable": {"downtime": "no", "capacity": "increased", "new": "full_set"},
        "ts": {"new": "full_set"},
    }
    for member, attributes in rows.items():
        for attribute, value in attributes.items():
            table.cells[(member, attribute)] = Cell(frozenset({value}), "note")
    return table


def option(key, text, correct, member=None):
    return {"key": key, "text": text, "correct": correct,
            "explanation": {"ja": f"{text} の説明", "ko": f"{text} 설명", "en": f"why {text}"}}


def good_question():
    return {
        "type": "scenario",
        "languages": ["ja", "ko", "en"],
        "stem": {"ja": "ダウンタイムは発生せず、新しいインスタンスは起動しない。",
                 "ko": "다운타임 없음, 새 인스턴스 없음.",
                 "en": "No downtime, no new instances."},
        "options": [option("A", "Rolling", True), option("B", "All at once", False),
                    option("C", "Immutable", False), option("D", "Rolling with additional batch", False),
                    option("E", "Traffic splitting", False)],
        "choose": 1,
        "clues": [{"attribute": "downtime", "value": "no"}, {"attribute": "new", "value": "none"}],
        "sources": [{"file": "000.txt", "heading_path": "CloudTech Study › 141", "line_start": 24, "line_end": 24,
                     "quote": "ダウンタイム発生しない"}],
        "_members": {"A": "rolling", "B": "aao", "C": "immutable", "D": "rwab", "E": "ts"},
        "_aliases": {"A": ["rolling", "ローリング"], "B": ["allatonce", "一度にすべて"], "C": ["immutable"],
                     "D": ["rollingwithadditionalbatch"], "E": ["trafficsplitting"]},
    }


def test_a_good_scenario_question_passes():
    assert validate(good_question(), policies_table()) == []


def test_unknown_is_not_false_so_a_clue_on_an_unknown_value_does_not_rule_out():
    question = good_question()
    question["clues"] = [{"attribute": "capacity", "value": "reduced"}, {"attribute": "downtime", "value": "no"}]
    # Traffic splitting's capacity and downtime are unknown: it might fit too.
    assert validate(question, policies_table()) == ["not_exactly_one_fits"]


def bad(change):
    question = good_question()
    change(question)
    return validate(question, policies_table())


@pytest.mark.parametrize("change, reason", [
    (lambda q: q["options"].__setitem__(slice(2, None), []), "too_few_distractors"),
    (lambda q: q["options"][1].__setitem__("correct", True), "wrong_number_of_keys"),
    (lambda q: q["options"][2].__setitem__("text", "Rolling"), "duplicate_options"),
    (lambda q: q["_aliases"].__setitem__("C", ["immutable", "ローリング"]), "distractor_is_alias"),
    (lambda q: q["stem"].__setitem__("ja", "ローリングで、ダウンタイムは許容できない。"), "stem_contains_answer"),
    (lambda q: q["stem"].__setitem__("en", "Unlike Immutable, no downtime."), "stem_names_option"),
    (lambda q: q["options"][0].__setitem__("text", "Rolling — the policy that keeps every instance and never "
                                                    "adds capacity while deploying batch by batch"),
     "length_tell"),
    (lambda q: q["options"][3]["explanation"].pop("ko"), "missing_explanation"),
    (lambda q: q.__setitem__("sources", []), "no_source"),
    (lambda q: q.__setitem__("clues", []), "no_clues"),
    (lambda q: q["stem"].__setitem__("ko", ""), "missing_stem"),
    (lambda q: q["_members"].__setitem__("A", "aao"), "not_exactly_one_fits"),
    # {downtime, new} already rules out every distractor: a third clue is not needed
    (lambda q: q["clues"].append({"attribute": "capacity", "value": "reduced"}), "clue_not_needed"),
])
def test_a_bad_question_is_rejected_for_its_reason(change, reason):
    assert reason in bad(change)


def test_a_comparison_needs_every_other_option_known_to_have_the_trait():
    question = copy.deepcopy(good_question())
    question.update(type="comparison", clues=[{"attribute": "downtime", "value": "no", "negated": True}])
    question["options"] = [option("A", "All at once", True), option("B", "Rolling", False),
                           option("C", "Immutable", False), option("D", "Rolling with additional batch", False)]
    question["_members"] = {"A": "aao", "B": "rolling", "C": "immutable", "D": "rwab"}
    question["_aliases"] = {"A": ["allatonce"], "B": ["rolling"], "C": ["immutable"], "D": ["rwab"]}
    question["stem"] = {"ja": "ダウンタイムが発生しないものに当てはまらないのは？", "ko": "해당하지 않는 것은?",
                        "en": "Which does NOT avoid downtime?"}
    assert validate(question, policies_table()) == []
    question["options"][3] = option("D", "Traffic splitting", False)  # its downtime is unknown
    question["_members"]["D"] = "ts"
    assert validate(question, policies_table()) == ["not_exactly_one_fits"]


def test_a_scenario_whose_clues_a_member_not_offered_is_known_to_satisfy_is_rejected():
    table = policies_table()
    table.family.members["twin"] = Member("twin", "Rolling twin", ())
    for attribute, value in {"downtime": "no", "new": "none"}.items():
        table.cells[("twin", attribute)] = Cell(frozenset({value}), "reference")
    # the options still have exactly one fit, but the situation does not single Rolling out
    assert validate(good_question(), table) == ["not_singled_out"]


def test_a_choose_two_scenario_passes_only_when_exactly_its_two_keys_fit():
    question = good_question()
    question["choose"] = 2
    question["clues"] = [{"attribute": "new", "value": "none"}]  # Rolling and All at once
    question["options"][1]["correct"] = True  # All at once
    assert validate(question, policies_table()) == []
    # with All at once not marked correct, a fitting option is a distractor
    question["options"][1]["correct"] = False
    question["options"][2]["correct"] = True  # Immutable launches a full set: it does not fit
    assert "not_exactly_one_fits" in validate(question, policies_table())


def definition_question(kind, stem, key, distractors, term=()):
    options = [option("A", key, True)] + [option(chr(66 + i), text, False) for i, text in enumerate(distractors)]
    question = {
        "type": kind, "family": "policies", "languages": ["ja"], "choose": 1, "stem": {"ja": stem},
        "options": [{**o, "explanation": {"ja": o["explanation"]["ja"]}} for o in options],
        "clues": [{"attribute": "definition", "value": "x"}], "_aliases": {}, "_term": tuple(term),
        "sources": [{"file": "001.txt", "line_start": 3, "section": 1}],
    }
    return question


def test_a_definition_whose_word_names_the_answer_is_a_word_tell():
    names = ["Amazon S3", "Amazon S3 Transfer Acceleration", "Retain ポリシー (DeletionPolicy Retain)"]
    told = definition_question("definition_to_term", "次の説明に当てはまるものはどれですか？「UDPでX-RaySDKから受信」",
                               "X-Ray デーモン (X-Ray daemon)", names)
    assert validate(told) == ["word_tell"]
    masked = definition_question("definition_to_term", "次の説明に当てはまるものはどれですか？「UDPで［？］SDKから受信」",
                                 "X-Ray デーモン (X-Ray daemon)", names)
    assert validate(masked) == []
    # a word every option shares tells nothing
    shared = definition_question("definition_to_term", "次の説明に当てはまるものはどれですか？「Amazon のストレージ」",
                                 "Amazon EFS", names)
    assert validate(shared) == []


def test_a_definition_that_points_at_a_shown_distractor_is_rejected():
    names = ["Amazon Kinesis Data Streams", "Amazon MQ", "Amazon SQS"]
    question = definition_question("definition_to_term", "ノートで次のように説明されているものはどれですか？"
                                   "「フルマネージドの RabbitMQ ブローカー」", "Amazon MSK", names)
    question["_pointers"] = {"Amazon MQ": ["activemq", "rabbitmq"]}  # words of Amazon MQ's AWS description
    assert validate(question) == ["definition_points_to_distractor"]
    question["stem"]["ja"] = "ノートで次のように説明されているものはどれですか？「フルマネージドの Apache Kafka」"
    assert validate(question) == []


def test_a_right_definition_using_a_word_of_the_term_is_a_word_tell():
    distractors = ["CloudWatch Logs にログを書き込み、後から検索できる", "ランタイムに関する情報にハンドラー内部からアクセスできる",
                   "呼び出し時に JSON 形式のイベントデータが渡される"]
    told = definition_question("term_to_definition", "「Lambda Layer」の説明として正しいものはどれですか？",
                               "ライブラリを Layer としてアップロードし、複数の関数で再利用できる", distractors,
                               term=("Lambda Layer",))
    assert validate(told) == ["word_tell"]
    fine = definition_question("term_to_definition", "「Lambda Layer」の説明として正しいものはどれですか？",
                               "ライブラリをまとめてアップロードし、複数の関数で再利用できる", distractors,
                               term=("Lambda Layer",))
    assert validate(fine) == []


def test_a_member_that_arguably_fits_every_clue_keeps_a_scenario_from_singling_out_its_answer():
    table = policies_table()
    table.family.members["twin"] = Member("twin", "Rolling twin", ())
    table.cells[("twin", "downtime")] = Cell(frozenset({"no"}), "reference")
    table.cells[("twin", "new")] = Cell(frozenset({"some"}), "reference")
    # "some" is arguable for the statement "none are launched": the twin may be a second right answer
    table.lexicon = type("Arguable", (), {"truth": staticmethod(
        lambda attribute, value, known: None if "some" in known else value in known)})()
    assert validate(good_question(), table) == ["not_singled_out"]
    # a member whose value is merely unknown does not count (unknown is not true)
    del table.cells[("twin", "new")]
    assert validate(good_question(), table) == []


def statements_question():
    texts = [("ダウンタイム発生しない", True, ("downtime", "no")), ("キャパシティが一時的に減る", True, ("capacity", "reduced")),
             ("最も迅速にデプロイできる", False, ("speed", "fastest")),
             ("キャパシティを維持したままデプロイする", False, ("capacity", "kept")),
             ("既存と新規インスタンスへのデプロイ", False, ("new_instances", "extra_batch"))]
    question = copy.deepcopy(good_question())
    question.update(type="choose_n", choose=2, languages=["ja"], _members={}, _aliases={},
                    stem={"ja": "「Rolling」について正しい記述を 2 つ選んでください。"},
                    clues=[{"attribute": "downtime", "value": "no"}, {"attribute": "capacity", "value": "reduced"}])
    question["options"] = [option(key, text, correct) for key, (text, correct, _) in zip("ABCDE", texts)]
    question["_statements"] = {key: fact for key, (_, _, fact) in zip("ABCDE", texts)}
    return question


def test_a_choose_two_question_whose_statements_state_one_fact_twice_is_rejected():
    question = statements_question()
    assert validate(question) == []
    # a key that says "no downtime" again, in other words
    question["options"][1]["text"], question["_statements"]["B"] = "ダウンタイムなし", ("downtime", "no")
    assert validate(question) == ["repeated_statement"]
    # a distractor that repeats another: "fastest" twice
    question = statements_question()
    question["options"][3]["text"], question["_statements"]["D"] = "最も迅速", ("speed", "fastest")
    assert validate(question) == ["repeated_statement"]
    # with no value to go by, one wording inside another's is one fact
    question = statements_question()
    question.pop("_statements")
    assert validate(question) == []
    question["options"][2]["text"] = "ダウンタイム発生しない。"
    assert "repeated_statement" in validate(question)
