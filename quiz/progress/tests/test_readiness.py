"""Readiness: pure estimate, blueprint weights and verdicts."""

import pytest

from quiz.progress import readiness
from quiz.progress.mastery import DomainMastery, TopicMastery


def domain(name, total, recall, seen=None):
    topic = TopicMastery(1, name, name, name, total, seen=seen if seen is not None else total, recall=recall)
    return DomainMastery(name, name.title(), [topic])


def test_the_pass_mark_720_needs_68_9_percent_of_questions_right():
    assert readiness.pass_fraction(720) == pytest.approx(620 / 900)


def test_an_unseen_domain_is_estimated_at_the_guessing_rate():
    result = readiness.readiness([domain("dns", 10, 0.0, seen=0)])
    assert result.estimate == pytest.approx(0.25)
    assert result.scaled == 100 + round(900 * 0.25)


def test_with_no_answers_there_is_no_verdict_but_how_many_questions_to_answer():
    result = readiness.readiness([domain("dns", 10, 0.0, seen=0), domain("storage", 3, 0.0, seen=0)])
    assert result.verdict == readiness.Verdict.NOT_ENOUGH  # not "Not yet: 25%"
    # five in a domain, or all of a smaller one's
    assert [d.needed for d in result.domains] == [5, 3] and result.needed == 8


def test_two_right_answers_are_not_enough_evidence_for_a_verdict():
    rows = [domain("dns", 10, 2.0, seen=2), domain("storage", 10, 0.0, seen=0)]
    result = readiness.readiness(rows)
    assert result.verdict == readiness.Verdict.NOT_ENOUGH
    assert [d.needed for d in result.domains] == [3, 5] and result.needed == 8


def test_a_verdict_once_every_domain_the_exam_draws_from_has_enough_answers():
    rows = [domain("dns", 10, 5.0, seen=5), domain("storage", 3, 3.0, seen=3), domain("security", 10, 0.0, seen=0)]
    result = readiness.readiness(rows, {"dns": 50, "storage": 50})  # the exam asks no security question
    assert [d.needed for d in result.domains] == [0, 0, 0]
    assert result.verdict == readiness.Verdict.LIKELY_PASS
    assert readiness.readiness(rows).verdict == readiness.Verdict.NOT_ENOUGH  # even weights: security too


def test_perfect_recall_everywhere_is_a_likely_pass():
    result = readiness.readiness([domain("dns", 10, 10.0), domain("storage", 5, 5.0)])
    assert result.estimate == pytest.approx(1.0)
    assert result.verdict == readiness.Verdict.LIKELY_PASS


def test_domains_are_weighted_as_the_blueprint_says_not_by_question_count():
    rows = [domain("dns", 100, 100.0), domain("storage", 10, 0.0, seen=0)]
    even = readiness.readiness(rows)
    assert even.estimate == pytest.approx((1.0 + 0.25) / 2)
    weighted = readiness.readiness(rows, {"dns": 30, "storage": 70, "security": 50})
    assert weighted.estimate == pytest.approx(0.3 * 1.0 + 0.7 * 0.25)
    assert [d.weight_percent for d in weighted.domains] == [30, 70]


def test_the_weights_shown_add_up_to_100():
    rows = [domain("dns", 10, 5.0), domain("storage", 10, 5.0), domain("security", 10, 5.0)]
    result = readiness.readiness(rows, {"dns": 16.6, "storage": 16.6, "security": 66.8})
    assert [d.weight_percent for d in result.domains] == [17, 16, 67]  # rounded one by one: 17 + 17 + 67 = 101
    assert [d.weight_percent for d in readiness.readiness(rows).domains] == [34, 33, 33]  # not 99
    assert readiness.whole_percents({}) == {}
    assert readiness.whole_percents({"dns": 0.0, "storage": 0.0}) == {"dns": 0, "storage": 0}


def test_a_domain_with_too_few_questions_weighs_what_the_exam_draws_from_it():
    # a 65-question mock exam over these two domains asks 64 DNS questions and the one storage question
    rows = [domain("dns", 100, 100.0), domain("storage", 1, 0.0, seen=0)]
    result = readiness.readiness(rows, question_count=65)
    assert [d.weight for d in result.domains] == pytest.approx([64 / 65, 1 / 65])
    assert [d.weight_percent for d in result.domains] == [98, 2]  # not 50 / 50
    assert result.estimate == pytest.approx((64 * 1.0 + 1 * 0.25) / 65)
    weighted = readiness.readiness(rows, {"dns": 30, "storage": 70}, question_count=65)
    assert [d.weight for d in weighted.domains] == pytest.approx([64 / 65, 1 / 65])
    # a short exam has room for both blueprints' shares
    assert readiness.readiness(rows, question_count=2).domains[0].weight == pytest.approx(0.5)


def test_a_blueprint_naming_no_domain_with_questions_falls_back_to_even_weights():
    assert readiness.blueprint_weights({"security": 100}, ["dns", "storage"]) == {"dns": 0.5, "storage": 0.5}
    assert readiness.blueprint_weights({}, []) == {}


def test_unreadable_weights_are_ignored_not_fatal():
    assert readiness.blueprint_weights({"dns": "lots", "storage": None}, ["dns", "storage"]) == {
        "dns": 0.5, "storage": 0.5}
    assert readiness.blueprint_weights({"dns": "30", "storage": 10}, ["dns", "storage"]) == {
        "dns": 0.75, "storage": 0.25}
    assert readiness.blueprint_weights(["dns"], ["dns"]) == {"dns": 1.0}


@pytest.mark.parametrize(
    "estimate, verdict",
    [(0.80, "likely_pass"), (0.739, "likely_pass"), (0.70, "borderline"), (0.65, "borderline"),
     (0.638, "not_yet"), (0.2, "not_yet")],
)
def test_the_verdict_has_a_five_point_band_around_the_pass_line(estimate, verdict):
    assert readiness.verdict_for(estimate, 720) == verdict


def test_a_question_is_guessed_at_its_own_chance_not_always_one_in_four():
    rows = [domain("dns", 10, 0.0, seen=0)]
    rows[0].topics[0].guess = 5 * 0.25 + 5 * 0.1  # five "one of four", five "two of five" questions
    assert readiness.readiness(rows).estimate == pytest.approx(0.175)
    rows[0].topics[0].recall, rows[0].topics[0].seen = 10.0, 10
    assert readiness.readiness(rows).estimate == pytest.approx(1.0)  # remembered: no guessing needed
