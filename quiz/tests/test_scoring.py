import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import scoring


def test_none_right_scales_to_100_and_all_right_to_1000():
    assert scoring.scale(0, 65) == 100
    assert scoring.scale(65, 65) == 1000


def test_scaling_is_linear_and_rounds_down():
    assert scoring.scale(1, 2) == 550
    assert scoring.scale(1, 3) == 400  # 100 + 300
    assert scoring.scale(2, 3) == 700  # 100 + 600


def test_the_pass_mark_720_needs_45_of_65():
    assert scoring.scale(45, 65) == 723
    assert scoring.scale(44, 65) == 709
    assert scoring.has_passed(scoring.scale(45, 65))
    assert not scoring.has_passed(scoring.scale(44, 65))


def test_the_right_answers_a_pass_takes_are_the_fewest_whose_scaled_score_passes():
    assert scoring.right_to_pass(65, 720) == 45
    assert scoring.right_to_pass(20, 720) == 14  # 13 of 20 is 685, 14 is 730
    assert scoring.right_to_pass(20, 1000) == 20
    assert scoring.right_to_pass(20, 100) == 0


@given(st.integers(min_value=1, max_value=300), st.integers(min_value=100, max_value=1000))
def test_the_right_answers_a_pass_takes_pass_and_one_fewer_fails(total, pass_mark):
    needed = scoring.right_to_pass(total, pass_mark)
    assert 0 <= needed <= total and scoring.has_passed(scoring.scale(needed, total), pass_mark)
    assert needed == 0 or not scoring.has_passed(scoring.scale(needed - 1, total), pass_mark)


def test_exactly_the_pass_mark_passes():
    assert scoring.has_passed(720, 720)
    assert not scoring.has_passed(719, 720)


def test_an_empty_attempt_scores_the_minimum():
    assert scoring.scale(0, 0) == 100


def test_a_raw_score_above_the_total_is_refused():
    with pytest.raises(ValueError):
        scoring.scale(5, 4)


def test_single_answer_is_right_only_with_the_key():
    assert scoring.is_correct(["B"], ["B"])
    assert not scoring.is_correct(["A"], ["B"])
    assert not scoring.is_correct([], ["B"])


def test_multiple_response_is_all_or_nothing():
    assert scoring.is_correct(["C", "A"], ["A", "C"])
    assert not scoring.is_correct(["A"], ["A", "C"])  # partly right scores zero
    assert not scoring.is_correct(["A", "B"], ["A", "C"])
    assert not scoring.is_correct(["A", "C", "D"], ["A", "C"])
    assert not scoring.is_correct(["A", "A"], ["A", "C"])


def test_raw_score_counts_only_right_answers():
    assert scoring.raw_score([True, False, None, True]) == 2


def test_domain_breakdown_gives_percentages_per_domain_largest_first():
    pairs = [("compute", True), ("compute", False), ("storage", True), ("compute", True), ("dns", None)]
    rows = scoring.domain_breakdown(pairs)
    assert [(r.domain, r.correct, r.total, r.percent) for r in rows] == [
        ("compute", 2, 3, 67), ("dns", 0, 1, 0), ("storage", 1, 1, 100),
    ]


@pytest.mark.parametrize(("correct", "total", "shown"), [(1, 6, 17), (1, 8, 13), (5, 8, 63), (2, 3, 67), (1, 3, 33),
                                                          (0, 4, 0), (4, 4, 100), (1, 200, 1), (1, 201, 0), (0, 0, 0)])
def test_percent_rounds_halves_up_as_the_instructor_pages_do(correct, total, shown):
    """One rule on every page: 1 of 6 right is 17 % (not 16 %, rounded down), 5 of 8 is 63 % (not 62 %, halves
    to even)."""
    assert scoring.percent(correct, total) == shown


def test_grade_puts_raw_scaled_pass_and_domains_together():
    pairs = [("compute", True)] * 3 + [("storage", False)]
    result = scoring.grade(pairs, pass_mark=700)
    assert (result.correct, result.total, result.scaled, result.passed) == (3, 4, 775, True)
    assert result.percent == 75
    assert {d.domain: d.percent for d in result.domains} == {"compute": 100, "storage": 0}
    assert not scoring.grade(pairs, pass_mark=800).passed



@given(st.integers(min_value=1, max_value=500).flatmap(
    lambda total: st.tuples(st.just(total), st.integers(min_value=0, max_value=total))))
def test_scaled_scores_stay_between_100_and_1000_and_grow_with_the_raw_score(pair):
    total, correct = pair
    scaled = scoring.scale(correct, total)
    assert 100 <= scaled <= 1000
    if correct < total:
        assert scoring.scale(correct + 1, total) >= scaled


@given(st.lists(st.sampled_from("ABCDE"), max_size=5), st.sets(st.sampled_from("ABCDE"), min_size=1, max_size=3))
def test_an_answer_is_right_only_when_it_is_exactly_the_key(chosen, key):
    assert scoring.is_correct(chosen, sorted(key)) == (sorted(chosen) == sorted(key))
