import random

from hypothesis import given
from hypothesis import strategies as st

from quiz.selection import blueprint_counts, draw, draw_with_topics, select_question_ids


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
