"""Item statistics against values worked out by hand."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.instructor.itemstats import (
    FLAG_CHECK_KEY,
    FLAG_DISTRACTOR,
    FLAG_LOW_DISCRIMINATION,
    FLAG_TOO_EASY,
    FLAG_TOO_HARD,
    MIN_RESPONSES_FLAGS,
    Response,
    analyse_item,
    point_biserial,
    upper_lower_discrimination,
)

# Ten attempts with totals 10..1; attempts 1, 2, 4, 6 and 9 got the item right (key B).
CORRECT = {1, 2, 4, 6, 9}
WRONG_CHOICE = {3: "A", 5: "C", 7: "A", 8: "A", 10: "D"}


def ten_responses():
    return [
        Response(
            attempt=i,
            total=11 - i,
            correct=i in CORRECT,
            chosen=("B",) if i in CORRECT else (WRONG_CHOICE[i],),
            seconds=10 * i,
        )
        for i in range(1, 11)
    ]


def test_facility_is_the_share_of_correct_responses():
    assert analyse_item(ten_responses(), ["B"], "ABCD").facility == 0.5


def test_upper_lower_discrimination_compares_the_top_and_bottom_27_percent():
    # round(0.27 * 10) = 3: upper = totals 10, 9, 8 (2 right), lower = totals 3, 2, 1 (1 right).
    assert upper_lower_discrimination(ten_responses()) == pytest.approx(2 / 3 - 1 / 3)


def pearson(xs, ys):
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def test_point_biserial_is_the_corrected_item_total_correlation():
    # four learners, three questions (1 = right): the statistic is about question 0
    scores = [[1, 1, 1], [1, 0, 1], [0, 1, 1], [0, 0, 0]]
    responses = [Response(attempt=i, total=sum(row), correct=bool(row[0])) for i, row in enumerate(scores)]
    item = [row[0] for row in scores]
    rest = [sum(row[1:]) for row in scores]  # 2, 1, 2, 0: the total without question 0
    assert point_biserial(responses) == pytest.approx(pearson(item, rest))
    # by hand: M1 = 1.5, M0 = 1, population sd of (2, 1, 2, 0) = sqrt(11/16), p = q = 1/2
    assert point_biserial(responses) == pytest.approx((1.5 - 1) / math.sqrt(11 / 16) * 0.5)
    # the uncorrected figure, the item in the total it is correlated with, is higher
    assert pearson(item, [sum(row) for row in scores]) > point_biserial(responses) + 0.2


def test_point_biserial_reads_the_rest_score_given_with_the_response():
    # totals on another scale (shares of items right): the rest is passed, not worked out from the total
    responses = [Response(attempt=1, total=1.0, correct=True, rest=1.0),
                 Response(attempt=2, total=0.5, correct=True, rest=0.0),
                 Response(attempt=3, total=0.5, correct=False, rest=1.0),
                 Response(attempt=4, total=0.0, correct=False, rest=0.0)]
    assert point_biserial(responses) == pytest.approx(pearson([1, 1, 0, 0], [1, 0, 1, 0]))  # 0: unrelated


def test_point_biserial_matches_the_hand_computed_value():
    # rest scores (total less the item's point): right 9, 8, 6, 4, 1, wrong 8, 6, 4, 3, 1
    right, wrong = [9, 8, 6, 4, 1], [8, 6, 4, 3, 1]
    mean = sum(right + wrong) / 10
    sd = math.sqrt(sum((x - mean) ** 2 for x in right + wrong) / 10)
    expected = (sum(right) / 5 - sum(wrong) / 5) / sd * 0.5
    assert point_biserial(ten_responses()) == pytest.approx(expected)
    assert point_biserial(ten_responses()) == pytest.approx(pearson([i in CORRECT for i in range(1, 11)],
                                                                    [r.total - r.correct for r in ten_responses()]))


def test_option_counts_and_mean_time_are_tallied():
    stats = analyse_item(ten_responses(), ["B"], "ABCD")
    assert stats.option_counts == {"A": 3, "B": 5, "C": 1, "D": 1}
    assert stats.distractor_counts == {"A": 3, "C": 1, "D": 1}
    assert stats.mean_seconds == 55


def test_a_healthy_item_is_not_flagged():
    stats = analyse_item(ten_responses(), ["B"], "ABCD")
    assert stats.flags == ()
    assert not stats.flagged


def test_an_item_whose_distractor_beats_the_key_is_flagged():
    responses = [
        Response(attempt=1, total=4, correct=True, chosen=("A",)),
        Response(attempt=2, total=3, correct=False, chosen=("B",)),
        Response(attempt=3, total=2, correct=False, chosen=("B",)),
        Response(attempt=4, total=1, correct=False, chosen=("B",)),
    ]
    stats = analyse_item(responses, ["A"], "ABC")
    assert stats.facility == 0.25
    # group of round(1.08) = 1: the top place shared by attempts 1 (right) and 2 (wrong), both 3 on the rest;
    # bottom wrong
    assert stats.discrimination == 0.5
    assert stats.flags == ()  # 4 responses: too few to flag
    twice = responses + [Response(attempt=r.attempt + 4, total=r.total, correct=r.correct, chosen=r.chosen)
                         for r in responses]
    assert analyse_item(twice, ["A"], "ABC").flags == (FLAG_DISTRACTOR,)  # the same figures from 8


def test_an_item_everyone_gets_right_is_too_easy_and_does_not_discriminate():
    responses = [Response(attempt=i, total=i, correct=True, chosen=("A",)) for i in range(20)]
    stats = analyse_item(responses, ["A"], "AB")
    assert stats.facility == 1.0
    assert stats.discrimination == 0
    assert stats.point_biserial is None
    assert stats.flags == (FLAG_LOW_DISCRIMINATION, FLAG_TOO_EASY)


def test_an_item_almost_nobody_gets_right_is_too_hard():
    responses = [Response(attempt=i, total=i, correct=(i == 9), chosen=("A",) if i == 9 else ("B",)) for i in range(10)]
    stats = analyse_item(responses, ["A"], "AB")
    assert stats.facility == pytest.approx(0.1)
    assert FLAG_TOO_HARD in stats.flags
    assert FLAG_DISTRACTOR in stats.flags


def test_several_keys_flag_a_distractor_chosen_more_than_the_least_chosen_key():
    responses = [  # three times over: flags wait for 8 responses
        Response(attempt=(i, 1), total=2, correct=True, chosen=("A", "B")) for i in range(3)
    ] + [
        Response(attempt=(i, 2), total=1, correct=False, chosen=("A", "C")) for i in range(3)
    ] + [
        Response(attempt=(i, 3), total=0, correct=False, chosen=("A", "C")) for i in range(3)
    ]
    stats = analyse_item(responses, ["A", "B"], "ABC")
    assert stats.option_counts == {"A": 9, "B": 3, "C": 6}
    assert FLAG_DISTRACTOR in stats.flags


def mis_keyed(n=8, key="A"):
    """``n`` attempts, best first: the two best chose C, the rest got the item "right" with ``key``."""
    return [Response(attempt=i, total=n - i, correct=i >= 2, chosen=("C",) if i < 2 else (key,)) for i in range(n)]


def test_a_distractor_most_of_the_top_group_chose_asks_to_check_the_key():
    stats = analyse_item(mis_keyed(), ["A"], "ABCD")
    assert stats.flags[0] == FLAG_CHECK_KEY and stats.suspect_keys == ("C",)


def test_a_wrong_key_cannot_hide_by_lifting_the_learners_it_marked_right():
    # (choice, score on the other questions): graded with key A, the two best on the other questions chose C;
    # A's point lifts the totals of 2 and 3 to theirs, so by totals the top group could be 2 and 3, both "right"
    rows = [("C", 6), ("C", 6), ("A", 5), ("A", 5), ("A", 3), ("B", 2), ("A", 0), ("A", 0)]
    responses = [Response(attempt=i, total=rest + (key == "A"), correct=key == "A", chosen=(key,))
                 for i, (key, rest) in enumerate(rows)]
    stats = analyse_item(responses, ["A"], "ABCD")
    assert stats.flags[0] == FLAG_CHECK_KEY and stats.suspect_keys == ("C",)
    assert stats.discrimination == 0 - 1  # top 2 by the other questions (C, C): none right; bottom 2: both


def test_the_key_check_does_not_depend_on_who_started_first():
    # the four best on the other questions are tied, two chose C and two A: whichever two were first, the top
    # group is half C, half A; C is no majority of it, but the bottom group (all right) still asks for a check
    rows = [("C", 5), ("C", 5), ("A", 5), ("A", 5), ("A", 3), ("B", 2), ("A", 0), ("A", 0)]
    for order in (rows, rows[2:4] + rows[:2] + rows[4:]):
        responses = [Response(attempt=i, total=rest + (key == "A"), correct=key == "A", chosen=(key,))
                     for i, (key, rest) in enumerate(order)]
        stats = analyse_item(responses, ["A"], "ABCD")
        assert stats.flags[0] == FLAG_CHECK_KEY and stats.suspect_keys == ()
        assert stats.discrimination == 0.5 - 1  # top 2 places shared by the four at 5 (two right): 1/2


def test_the_key_check_waits_for_enough_responses():
    assert MIN_RESPONSES_FLAGS == 8  # documented in docs/INSTRUCTOR.md and on the page
    stats = analyse_item(mis_keyed(7), ["A"], "ABCD")
    assert FLAG_CHECK_KEY not in stats.flags and stats.suspect_keys == ()


def test_the_top_group_wrong_more_often_than_the_bottom_asks_to_check_the_key_without_a_suspect():
    # the two best split over B and C (no option most of them chose), the two lowest both chose the key
    chosen = ["B", "C", "A", "B", "A", "D", "A", "A"]
    responses = [Response(attempt=i, total=8 - i, correct=key == "A", chosen=(key,)) for i, key in enumerate(chosen)]
    stats = analyse_item(responses, ["A"], "ABCD")
    assert FLAG_CHECK_KEY in stats.flags and stats.suspect_keys == ()


def test_a_hard_question_whose_weak_learners_like_a_distractor_is_not_called_mis_keyed():
    # the best three right, the five others chose C: C beats the key overall, not in the top group
    responses = [Response(attempt=i, total=8 - i, correct=i < 3, chosen=("A",) if i < 3 else ("C",))
                 for i in range(8)]
    stats = analyse_item(responses, ["A"], "ABCD")
    assert FLAG_DISTRACTOR in stats.flags and FLAG_CHECK_KEY not in stats.flags


def test_a_choose_two_key_check_compares_a_distractor_with_the_least_chosen_key():
    responses = [Response(attempt=i, total=8 - i, correct=i >= 2, chosen=("A", "C") if i < 2 else ("A", "B"))
                 for i in range(8)]
    stats = analyse_item(responses, ["A", "B"], "ABCDE")
    assert FLAG_CHECK_KEY in stats.flags and stats.suspect_keys == ("C",)


def test_the_key_check_reads_the_choices_against_the_key_now():
    # graded with the old key A (the best two wrong), corrected since to C: nothing left to check
    stats = analyse_item(mis_keyed(), ["C"], "ABCD")
    assert FLAG_CHECK_KEY not in stats.flags and stats.suspect_keys == ()


def test_no_flag_is_raised_before_enough_responses():
    # one learner wrong, or right, on a question: nothing worth an orange row yet
    for correct in (True, False):
        response = Response(attempt=1, total=correct, correct=correct, chosen=("A",) if correct else ("B",))
        assert analyse_item([response], ["A"], "AB").flags == ()
    # seven who all chose a distractor: still waiting; the eighth makes the item too hard, a distractor's
    wrong = [Response(attempt=i, total=i, correct=False, chosen=("B" if i % 2 else "C",))
             for i in range(MIN_RESPONSES_FLAGS)]
    assert analyse_item(wrong[:-1], ["A"], "ABC").flags == ()
    flags = analyse_item(wrong, ["A"], "ABC").flags
    assert flags == (FLAG_LOW_DISCRIMINATION, FLAG_TOO_HARD, FLAG_DISTRACTOR)


def test_no_responses_give_no_numbers_and_no_flags():
    stats = analyse_item([], ["A"], "AB")
    assert (stats.n, stats.facility, stats.discrimination, stats.point_biserial) == (0, None, None, None)
    assert stats.flags == ()


def test_equal_rest_scores_have_no_point_biserial():
    responses = [Response(attempt=i, total=5 + (i % 2 == 0), correct=i % 2 == 0) for i in range(4)]
    assert point_biserial(responses) is None

responses_strategy = st.lists(
    st.tuples(st.integers(0, 65), st.booleans(), st.sampled_from("ABCD")), min_size=0, max_size=60
).map(lambda rows: [Response(attempt=i, total=total, correct=ok, chosen=("A",) if ok else (key,))
                    for i, (total, ok, key) in enumerate(rows)])


@given(responses_strategy)
def test_statistics_stay_within_their_ranges_for_any_responses(responses):
    stats = analyse_item(responses, ["A"], "ABCD")
    assert stats.n == len(responses)
    if responses:
        assert 0 <= stats.facility <= 1
    if stats.discrimination is not None:
        assert -1 <= stats.discrimination <= 1
    if stats.point_biserial is not None:
        assert -1 - 1e-9 <= stats.point_biserial <= 1 + 1e-9
    assert sum(stats.option_counts.values()) == len(responses)


@pytest.mark.parametrize(("n", "size"), [(10, 3), (50, 14), (150, 41), (250, 68), (350, 95), (2, 1), (100, 27)])
def test_the_upper_and_lower_groups_are_27_percent_rounded_half_up(n, size):
    from quiz.instructor.itemstats import group_size

    assert group_size(0.27, n) == size  # round() would give 40 for 150 and 94 for 350 (half to even)


def test_an_earlier_versions_option_is_neither_key_nor_distractor():
    # "A@1": the key as version 1 worded it, chosen by the best four; A, the key now, by the others
    responses = [Response(attempt=i, total=0, correct=True, chosen=("A@1",) if i < 4 else ("A",), rest=1 - i / 10)
                 for i in range(8)]
    stats = analyse_item(responses, ["A"], ["A", "B", "C", "D", "A@1"], ["A@1"])
    assert stats.option_counts["A@1"] == 4 and "A@1" not in stats.distractor_counts
    assert stats.flags == (FLAG_LOW_DISCRIMINATION, FLAG_TOO_EASY) and stats.suspect_keys == ()  # no key check


def test_a_tie_across_the_group_boundary_is_shared_not_broken_by_attempt_order():
    # four attempts with the same rest score: nothing tells the top from the bottom, so the item does not
    # discriminate; ranked by attempt id, the first (right) would be "top" and the last (wrong) "bottom": 1.0
    responses = [Response(attempt=i, total=0.5, correct=i < 2, rest=0.5) for i in range(4)]
    assert upper_lower_discrimination(responses) == 0
    # top 2 of 6: rest 1 (right), then one place shared by two at .75 (one right): (1 + 1/2) / 2 = .75;
    # bottom 2: rest 0 (wrong), then one place shared by the two at .25 (both wrong) ... = 0: .75 - 0
    rows = [(1, True), (.75, True), (.75, False), (.25, False), (.25, False), (0, False)]
    responses = [Response(attempt=i, total=rest, correct=ok, rest=rest) for i, (rest, ok) in enumerate(rows)]
    assert upper_lower_discrimination(responses) == pytest.approx(0.75)


def test_shared_places_are_summed_exactly_a_key_everyone_chose_is_not_called_wrong():
    # all eight right; top 2: rest 2, then one place shared by the three at 1 (a third each: 1 + 3 * 1/3,
    # in floats 1.9999999999999998); bottom 2: two places shared by the four at 0 (4 * 1/2 = 2.0). Equal.
    responses = [Response(attempt=i, total=0, correct=True, chosen=("A",), rest=rest)
                 for i, rest in enumerate([2, 1, 1, 1, 0, 0, 0, 0])]
    stats = analyse_item(responses, ["A"], ["A", "B", "C", "D"])
    assert FLAG_CHECK_KEY not in stats.flags
    assert stats.discrimination == 0
