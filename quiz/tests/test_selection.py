import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.selection import (blueprint_counts, draw, draw_with_topics, language_first_counts,
                            select_question_ids)


def test_blueprint_counts_follow_the_weights():
    weights = {"a": 30, "b": 26, "c": 24, "d": 20}
    counts = blueprint_counts(weights, 65, {"a": 100, "b": 100, "c": 100, "d": 100})
    assert sum(counts.values()) == 65
    # shares 19.5, 16.9, 15.6, 13.0: floors take 63, the two largest remainders (b, c) get the rest
    assert counts == {"a": 19, "b": 17, "c": 16, "d": 13}


def test_a_short_domain_gives_its_share_to_the_others():
    counts = blueprint_counts({"a": 50, "b": 50}, 10, {"a": 2, "b": 100})
    assert counts == {"a": 2, "b": 8}


def test_never_more_than_the_pool_holds():
    counts = blueprint_counts({"a": 1, "b": 1}, 65, {"a": 3, "b": 4})
    assert counts == {"a": 3, "b": 4}


def test_domains_without_weight_or_questions_get_nothing():
    counts = blueprint_counts({"a": 1, "b": 0, "c": 5}, 6, {"a": 10, "b": 10})
    assert counts == {"a": 6}


def test_language_first_counts_fill_from_the_domains_that_have_the_language_before_other_languages():
    weights = {"a": 1, "b": 1, "c": 1, "d": 1}
    available = {"a": 20, "b": 4, "c": 5, "d": 5}
    # c and d have nothing in the language: a and b give all 10, b as much as it has
    only_a_and_b = {"a": 20, "b": 4, "c": 0, "d": 0}
    assert language_first_counts(weights, 10, available, only_a_and_b) == {"a": 6, "b": 4}
    # the language has 6 in all: the other 4 are spread over what is left (b has none), by the same weights
    counts = language_first_counts(weights, 10, available, {"a": 2, "b": 4, "c": 0, "d": 0})
    assert counts == {"a": 2 + 2, "b": 4, "c": 1, "d": 1}
    # enough in every domain: the even spread of blueprint_counts
    assert language_first_counts(weights, 8, available, available) == blueprint_counts(weights, 8, available)


def test_draw_prefers_unseen_questions():
    pool = {"a": [1, 2, 3, 4, 5, 6]}
    for seed in range(20):
        chosen = draw(pool, {"a": 3}, seen={1, 2, 3}, rng=random.Random(seed))
        assert sorted(chosen) == [4, 5, 6]


def test_draw_falls_back_to_seen_questions_when_unseen_run_out():
    chosen = draw({"a": [1, 2, 3]}, {"a": 3}, seen={1, 2}, rng=random.Random(1))
    assert sorted(chosen) == [1, 2, 3]


def test_select_question_ids_uses_live_questions_by_domain_and_prefers_unseen(make, learner):
    from quiz.attempts import start_practice

    compute = make.topic(domain="compute")
    storage = make.topic(domain="storage")
    qs_compute = [make.question(compute, status="draft") for _ in range(4)]
    qs_storage = [make.question(storage) for _ in range(4)]
    make.question(compute, status="retired")
    start_practice(learner, qs_compute[:2], "en")

    ids = select_question_ids(learner, count=4, rules={"weights": {"compute": 1, "storage": 1}},
                              rng=random.Random(3))
    assert len(ids) == 4
    assert set(ids) & {q.pk for q in qs_compute} == {qs_compute[2].pk, qs_compute[3].pk}
    assert len(set(ids) & {q.pk for q in qs_storage}) == 2


def test_select_question_ids_with_only_approved_skips_drafts(make, learner):
    topic = make.topic()
    approved = make.question(topic)
    make.question(topic, status="draft")
    assert select_question_ids(learner, count=5, only_approved=True) == [approved.pk]


def test_exact_domain_counts_win_over_weights(make, learner):
    compute = make.topic(domain="compute")
    storage = make.topic(domain="storage")
    for _ in range(3):
        make.question(compute)
        make.question(storage)
    ids = select_question_ids(learner, count=65, rules={"domains": {"storage": 2}})
    assert len(ids) == 2


DOMAINS = st.sampled_from(["compute", "storage", "networking", "dns", "security"])


@given(st.dictionaries(DOMAINS, st.integers(min_value=0, max_value=40)),
       st.dictionaries(DOMAINS, st.integers(min_value=0, max_value=50)),
       st.integers(min_value=0, max_value=80))
def test_blueprint_counts_fill_the_exam_as_far_as_the_weighted_pool_allows(weights, available, total):
    counts = blueprint_counts(weights, total, available)
    weighted_pool = sum(n for d, n in available.items() if weights.get(d))
    assert sum(counts.values()) == min(total, weighted_pool)
    for domain, n in counts.items():
        assert 0 < n <= available[domain] and weights.get(domain)


def test_draw_puts_the_attempts_language_before_unseen_questions():
    chosen = draw({"a": [1, 2, 3, 4]}, {"a": 3}, seen={1}, rng=random.Random(0), preferred={1, 2})
    assert sorted(chosen) == [1, 2, 3] or sorted(chosen) == [1, 2, 4]


def test_questions_in_the_language_come_first_and_others_fill_the_exam(make, learner):
    topic = make.topic()
    korean = []
    for _ in range(2):
        question = make.question(topic)
        question.languages = ["ko"]
        question.save()
        korean.append(question.pk)
    english = [make.question(topic).pk for _ in range(5)]
    ids = select_question_ids(learner, count=4, language="ko", rng=random.Random(2))
    assert len(ids) == 4
    assert set(korean) <= set(ids)
    assert len(set(ids) & set(english)) == 2


def test_topic_counts_are_drawn_first_unseen_first_and_domain_counts_fill_the_rest_without_duplicates():
    topic_pool = {"t1": [1, 2, 3, 4], "t2": [10, 11]}
    domain_pool = {"a": [1, 2, 3, 4, 5, 6], "b": [10, 11, 12]}
    for seed in range(30):
        chosen = draw_with_topics(topic_pool, {"t1": 2, "t2": 2}, domain_pool, {"a": 2, "b": 1},
                                  seen={1, 2}, rng=random.Random(seed))
        assert len(chosen) == len(set(chosen)) == 7
        # t1 gives its two unseen questions, t2 both of its own; a then takes its unseen rest, b what t2 left
        assert sorted(chosen) == [3, 4, 5, 6, 10, 11, 12]


def test_domain_counts_after_topic_draws_see_only_what_is_left():
    offered = []

    def counts(available):
        offered.append(available)
        return {"a": available["a"], "b": available["b"]}

    chosen = draw_with_topics({"t": [1, 2]}, {"t": 2}, {"a": [1, 2, 3], "b": [4]}, counts,
                              seen=set(), rng=random.Random(4))
    assert offered == [{"a": 1, "b": 1}]
    assert sorted(chosen) == [1, 2, 3, 4]


def test_select_question_ids_honours_topic_counts_then_domain_counts(make, learner):
    from quiz.attempts import start_practice

    vpc = make.topic(domain="networking")
    other_networking = make.topic(domain="networking")
    storage = make.topic(domain="storage")
    in_vpc = [make.question(vpc) for _ in range(4)]
    in_other = [make.question(other_networking) for _ in range(3)]
    in_storage = [make.question(storage) for _ in range(3)]
    start_practice(learner, in_vpc[:2], "en")

    rules = {"topic_counts": {vpc.slug: 2}, "domains": {"networking": 3, "storage": 1}}
    ids = select_question_ids(learner, count=65, rules=rules, rng=random.Random(5))
    assert len(ids) == len(set(ids)) == 6
    assert {in_vpc[2].pk, in_vpc[3].pk} <= set(ids)  # the topic's unseen ones come first
    assert len(set(ids) & {q.pk for q in in_storage}) == 1
    # networking's three come from what the topic draw left: the other topic and the seen vpc questions
    assert len(set(ids) & {q.pk for q in in_vpc + in_other}) == 5


def test_topic_counts_alone_spread_the_rest_of_the_count_and_are_ignored_with_a_fixed_list(make, learner):
    vpc = make.topic(domain="networking")
    storage = make.topic(domain="storage")
    in_vpc = [make.question(vpc).pk for _ in range(3)]
    in_storage = [make.question(storage).pk for _ in range(3)]
    ids = select_question_ids(learner, count=4, rules={"topic_counts": {vpc.slug: 3}}, rng=random.Random(1))
    assert len(ids) == 4 and set(in_vpc) <= set(ids) and len(set(ids) & set(in_storage)) == 1

    fixed = select_question_ids(learner, count=2, rules={"topic_counts": {vpc.slug: 3}},
                                fixed_ids=in_storage[:2], rng=random.Random(1))
    assert sorted(fixed) == sorted(in_storage[:2])



def test_a_topic_short_of_its_count_gives_what_it_has_and_other_topics_do_not_fill_it(make):
    from quiz.selection import drawable_count

    xray = make.topic(slug="x-ray", domain="observability")
    storage = make.topic(slug="s3", domain="storage")
    in_xray = {make.question(xray).pk for _ in range(2)}
    in_storage = {make.question(storage).pk for _ in range(6)}
    # the builder's count is the topic counts' sum: the topic's shortfall is not more of the count to spread
    ids = select_question_ids(None, count=5, rules={"topic_counts": {"x-ray": 5}}, rng=random.Random(1))
    assert set(ids) == in_xray
    assert drawable_count(5, {"topic_counts": {"x-ray": 5}}, {"x-ray": ("observability", 2), "s3": ("storage", 6)}) == 2
    # a count above the topic counts is still spread over the rest
    ids = select_question_ids(None, count=7, rules={"topic_counts": {"x-ray": 5}}, rng=random.Random(1))
    assert set(ids) >= in_xray and len(set(ids) & in_storage) == 2

# --- a set does not ask the same thing twice -------------------------------------------------------


def test_overlap_keys_name_a_definitions_mirror_and_the_answer_in_its_family():
    from quiz.selection import overlap_keys

    options = [{"text": "Immutable", "correct": True}, {"text": "Rolling", "correct": False}]
    keys = overlap_keys("eb-deployment-policies", [{"attribute": "definition", "value": "abc"}], options)
    assert keys == (("mirror", "abc"), ("answer", "eb-deployment-policies", ("Immutable",)))
    two = [{"text": "B", "correct": True}, {"text": "A", "correct": True}, {"text": "C", "correct": False}]
    assert overlap_keys("f", [{"attribute": "downtime", "value": "no"}], two) == (("answer", "f", ("A", "B")),)
    assert overlap_keys("", [], options) == ()


def test_draw_keeps_a_definitions_mirror_and_a_repeated_answer_out_while_others_are_left():
    overlap = {1: (("mirror", "d1"), ("answer", "f", ("X",))), 2: (("mirror", "d1"), ("answer", "f", ("def 1",))),
               3: (("answer", "f", ("X",)),), 4: (("answer", "f", ("Y",)),), 5: (("answer", "f", ("Z",)),)}
    for seed in range(40):
        chosen = set(draw({"a": [1, 2, 3, 4, 5]}, {"a": 3}, seen=set(), rng=random.Random(seed), overlap=overlap))
        assert len(chosen) == 3
        assert not {1, 2} <= chosen and not {1, 3} <= chosen
    # with four of five asked, one repeat is unavoidable: a repeated answer, never the mirror
    for seed in range(40):
        chosen = set(draw({"a": [1, 2, 3, 4, 5]}, {"a": 4}, seen=set(), rng=random.Random(seed), overlap=overlap))
        assert not {1, 2} <= chosen
    # only when nothing else is left does a mirror come in
    assert sorted(draw({"a": [1, 2, 3]}, {"a": 3}, seen=set(), rng=random.Random(0), overlap=overlap)) == [1, 2, 3]


def test_unseen_questions_still_come_before_a_different_answer_but_a_seen_one_before_a_mirror():
    overlap = {1: (("answer", "f", ("X",)),), 2: (("answer", "f", ("X",)),), 3: (("answer", "f", ("Y",)),),
               10: (("mirror", "d"),), 11: (("mirror", "d"),), 12: ()}
    for seed in range(40):
        # 3 is seen: the unseen 1 and 2 come first although they share their answer
        assert sorted(draw({"a": [1, 2, 3]}, {"a": 2}, seen={3}, rng=random.Random(seed), overlap=overlap)) == [1, 2]
        # 12 is seen, 10 and 11 mirror each other: the seen 12 comes before the second half of the pair
        chosen = set(draw({"a": [10, 11, 12]}, {"a": 2}, seen={12}, rng=random.Random(seed), overlap=overlap))
        assert 12 in chosen and len(chosen & {10, 11}) == 1


def test_topic_draws_and_domain_draws_share_what_is_already_asked():
    overlap = {1: (("mirror", "d"),), 2: (("mirror", "d"),), 3: ()}
    for seed in range(20):
        chosen = draw_with_topics({"t": [1]}, {"t": 1}, {"a": [2, 3]}, {"a": 1}, seen=set(),
                                  rng=random.Random(seed), overlap=overlap)
        assert sorted(chosen) == [1, 3]


def test_a_practice_set_from_generated_questions_never_asks_one_definition_both_ways(db):
    from pathlib import Path

    from quiz.generation.pipeline import run
    from quiz.models import Question
    from quiz.selection import overlap_keys
    from studynotes.importer import import_file

    seeds = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
    import_file("004_e9cc76d6e1cfad47.txt", (seeds / "004_e9cc76d6e1cfad47.txt").read_bytes())
    run()
    questions = list(Question.objects.live().filter(topic__slug="ebextensions"))
    keys = {q.pk: overlap_keys(q.family, q.clues, q.options) for q in questions}
    mirrors = {k for ks in keys.values() for k in ks if k[0] == "mirror"}
    pairs = sum(1 for m in mirrors if sum(m in ks for ks in keys.values()) == 2)
    assert pairs >= 3  # the topic's definitions are asked both ways: the pool has mirror pairs
    for seed in range(20):
        ids = select_question_ids(None, count=len(mirrors), rules={"topics": ["ebextensions"]},
                                  rng=random.Random(seed))
        assert len(ids) == len(mirrors)
        asked = [k for qid in ids for k in keys[qid]]
        assert len(asked) == len(set(asked)), "two questions of the set ask the same thing"


def test_a_members_number_and_a_question_it_answers_are_kept_apart_while_others_are_left():
    from quiz.selection import overlap_keys

    # "how many times does Lambda retry an asynchronous invocation?" and "failed events are retried up to twice,
    # then discarded: which invocation?" give each other away (the reference's number of the async member)
    retries = overlap_keys("lambda-invocation", [{"attribute": "lambda-async-retries", "value": "2"}],
                           [{"text": "2", "correct": True}, {"text": "3", "correct": False}], kind="numeric")
    assert ("answer", "lambda-invocation", ("Asynchronous invocation",)) in retries
    options = [{"text": "Asynchronous invocation", "correct": True}, {"text": "Stream polling", "correct": False}]
    overlap = {1: retries,
               2: overlap_keys("lambda-invocation", [{"attribute": "on_failure", "value": "retry_then_discard"}],
                               options, kind="scenario"),
               3: overlap_keys("lambda-invocation", [{"attribute": "concurrency", "value": "shards"}],
                               [{"text": "Stream polling", "correct": True}], kind="scenario"),
               4: overlap_keys("elb-types", [], [{"text": "NLB", "correct": True}], kind="scenario")}
    for seed in range(30):
        chosen = set(draw({"a": [1, 2, 3, 4]}, {"a": 3}, seen=set(), rng=random.Random(seed), overlap=overlap))
        assert not {1, 2} <= chosen
    # a number of another family's member, or one the reference does not know, stands apart from it
    assert overlap_keys("elb-types", [{"attribute": "lambda-async-retries", "value": "2"}],
                        [{"text": "2", "correct": True}], kind="numeric") == (
        ("answer", "elb-types", ("2",)), ("options", "elb-types", "numeric", ("2",)))
    assert len(overlap_keys("lambda-invocation", [{"attribute": "unknown", "value": "2"}],
                            [{"text": "2", "correct": True}], kind="numeric")) == 2


def test_questions_worded_alike_are_kept_apart_while_others_are_left():
    from quiz.selection import overlap_keys

    same = {"ko": "'Big bang'에 대해 노트 내용으로 옳은 설명을 2개 고르십시오."}
    overlap = {1: overlap_keys("f", [], [{"text": "a", "correct": True}], same),
               2: overlap_keys("f", [], [{"text": "b", "correct": True}], same),
               3: overlap_keys("f", [], [{"text": "c", "correct": True}], {"ko": "다른 질문"}),
               4: overlap_keys("f", [], [{"text": "d", "correct": True}], {"ko": "또 다른 질문"})}
    for seed in range(30):
        chosen = set(draw({"a": [1, 2, 3, 4]}, {"a": 3}, seen=set(), rng=random.Random(seed), overlap=overlap))
        assert not {1, 2} <= chosen


@pytest.mark.django_db
@pytest.mark.parametrize("count,rules", [
    (10, {}),
    (3, {}),
    (10, {"topics": ["vpc", "s3"]}),
    (10, {"domains": {"networking": 4, "storage": 5}}),
    (9, {"topic_counts": {"vpc": 2, "dns": 5}}),
    (12, {"topic_counts": {"vpc": 3}, "domains": {"storage": 6, "security": 1}}),
    (8, {"topic_counts": {"s3": 1}, "topics": ["vpc"]}),
    (7, {"weights": {"networking": 3, "storage": 1}}),
])
def test_drawable_count_is_how_many_the_draw_gives(make, count, rules):
    from quiz.selection import drawable_count

    sizes = {"vpc": ("networking", 3), "dns": ("networking", 2), "s3": ("storage", 4)}
    for slug, (domain, n) in sizes.items():
        topic = make.topic(slug=slug, domain=domain)
        for _ in range(n):
            make.question(topic)
    drawn = select_question_ids(None, count=count, rules=rules)
    assert drawable_count(count, rules, sizes) == len(drawn) == len(set(drawn))


def twin(make, question, *, same_answer):
    """Another question of ``question``'s topic, family and type offering its options: with ``same_answer`` the
    same point asked with another clue (a second Blue/Green scenario), else another member over the same options
    (a second "which .ebextensions key")."""
    other = make.question(question.topic)
    other.options = [dict(option, correct=option["correct"] if same_answer else i == len(question.options) - 1)
                     for i, option in enumerate(question.options)]
    other.save()
    return other


def test_overlap_keys_with_a_type_name_the_options_offered():
    from quiz.selection import overlap_keys

    options = [{"text": "packages", "correct": True}, {"text": "files", "correct": False}]
    assert overlap_keys("ebextensions-keys", [], options, kind="scenario") == (
        ("answer", "ebextensions-keys", ("packages",)),
        ("options", "ebextensions-keys", "scenario", ("files", "packages")),
    )


def test_a_shared_answer_waits_behind_shared_options_and_a_mirror_behind_both():
    overlap = {1: (("mirror", "d"), ("answer", "f", ("X",)), ("options", "f", "t", ("X", "Y"))),
               2: (("options", "f", "t", ("X", "Y")),), 3: (("answer", "f", ("X",)),), 4: (("mirror", "d"),)}
    for seed in range(10):
        used = set(overlap[1])  # question 1 is asked: 2 shares its options, 3 its answer, 4 its mirror
        assert draw({"a": [2, 3, 4]}, {"a": 1}, set(), random.Random(seed), overlap=overlap, used=set(used)) == [2]
        assert draw({"a": [3, 4]}, {"a": 1}, set(), random.Random(seed), overlap=overlap, used=set(used)) == [3]


@pytest.mark.parametrize("same_answer", [True, False])
def test_a_quiz_never_asks_two_questions_on_one_point_while_the_bank_has_others(make, same_answer):
    topic = make.topic()
    first = make.question(topic)
    second = twin(make, first, same_answer=same_answer)
    others = [make.question(make.topic()) for _ in range(4)]
    for seed in range(30):
        ids = select_question_ids(None, count=5, rng=random.Random(seed))
        assert len(ids) == 5 and not {first.pk, second.pk} <= set(ids)
    # with too few others, both are asked rather than a shorter quiz
    ids = select_question_ids(None, count=6, rng=random.Random(0))
    assert sorted(ids) == sorted([first.pk, second.pk] + [q.pk for q in others])


def test_a_draw_reads_the_overlap_keys_of_the_questions_it_comes_to_not_the_whole_bank(make):
    from quiz.selection import question_pool

    topic = make.topic()
    for _ in range(120):
        make.question(topic)
    pool, _in_language, overlap = question_pool()
    chosen = draw(pool, {topic.domain: 5}, set(), random.Random(0), overlap=overlap)
    assert len(chosen) == 5
    # decoding every candidate's options, clues and stem was most of a mock exam's draw
    assert set(chosen) <= set(overlap) and len(overlap) < 120


def test_questions_on_one_point_are_kept_apart_when_the_draw_reads_their_keys_in_several_chunks(make):
    topic = make.topic()
    first = make.question(topic)
    same = {first.pk} | {twin(make, first, same_answer=True).pk for _ in range(59)}
    for _ in range(40):
        make.question(topic)
    for seed in range(5):  # the 40 others are spread over 100 ids: more than the first read
        ids = select_question_ids(None, count=41, rng=random.Random(seed))
        assert len(ids) == 41 and len(same & set(ids)) == 1
