"""The clue-set search (quiz.generation.scenarios) on small hand-made attribute tables."""

from quiz.generation.families import Cell, Table
from quiz.generation.reference import Family, Member
from quiz.generation.scenarios import clue_sets, fits, necessary


def table_of(rows, origin="note"):
    """rows: {member: {attribute: value}}; a missing attribute is unknown."""
    family = Family(id="f", topic="f", topic_name="F", domain="general", name={}, context={}, ask={}, anchors=())
    for member in rows:
        family.members[member] = Member(member, member.upper(), ())
    table = Table(family)
    for member, attributes in rows.items():
        for attribute, value in attributes.items():
            table.cells[(member, attribute)] = Cell(frozenset({value}), origin)
    return table


ROWS = {
    "a": {"x": "1", "y": "1", "z": "1"},
    "b": {"x": "2", "y": "1"},  # breaks x only
    "c": {"x": "1", "y": "2"},  # breaks y only
    "d": {"x": "2", "y": "2", "z": "2"},  # breaks everything
    "e": {},  # unknown on every attribute
}


def test_two_clues_are_found_when_each_is_the_only_one_ruling_out_some_distractor():
    found = clue_sets(table_of(ROWS), "a")
    assert found == [((("x", "1"), ("y", "1")), ["b", "c", "d"])]


def test_a_member_unknown_on_every_clue_is_never_offered_as_an_option():
    table = table_of(ROWS)
    for member in ROWS:
        for clues, distractors in clue_sets(table, member):
            assert "e" not in distractors
            # unknown is not false: e might fit any clue set
            assert fits(table, "e", clues)


def test_every_found_clue_set_has_exactly_one_fitting_option_and_only_necessary_clues():
    table = table_of(ROWS)
    for member in ROWS:
        for clues, distractors in clue_sets(table, member):
            assert fits(table, member, clues)
            assert not any(fits(table, d, clues) for d in distractors)
            assert necessary(table, clues, distractors)
            assert len(distractors) >= 3


def test_a_clue_that_rules_out_nobody_alone_makes_the_set_not_minimal():
    # {x, y, z}: z rules out only d, which x and y already rule out.
    assert not necessary(table_of(ROWS), [("x", "1"), ("y", "1"), ("z", "1")], ["b", "c", "d"])


def test_a_third_clue_is_used_when_a_member_known_to_match_two_clues_must_be_ruled_out():
    rows = {**ROWS, "g": {"x": "1", "y": "1", "z": "2"}}  # matches a on x and y, differs on z
    found = dict(clue_sets(table_of(rows), "a"))
    # {x, y} no longer singles a out of the family: g is known to satisfy both
    assert (("x", "1"), ("y", "1")) not in found
    assert found[(("x", "1"), ("y", "1"), ("z", "1"))] == ["b", "c", "d", "g"]


def test_every_clue_set_is_enumerated_not_only_the_smallest():
    rows = {
        "a": {"x": "1", "y": "1", "w": "1"},
        "b": {"x": "2", "y": "1", "w": "1"},
        "c": {"x": "1", "y": "2", "w": "2"},
        "d": {"x": "2", "y": "2", "w": "2"},
    }
    found = [clues for clues, _ in clue_sets(table_of(rows), "a")]
    # {x, y} and {x, w} both qualify; {y, w} does not (b is ruled out by neither)
    assert (("w", "1"), ("x", "1")) in found and (("x", "1"), ("y", "1")) in found
    assert (("w", "1"), ("y", "1")) not in found


def test_the_largest_distractor_subset_is_preferred_up_to_the_limit():
    rows = {"a": {"x": "1", "y": "1"}, "b": {"x": "2", "y": "1"}, "c": {"x": "1", "y": "2"},
            "d": {"x": "2", "y": "2"}, "h": {"x": "3", "y": "3"}, "i": {"x": "2", "y": "3"}}
    (clues, distractors), = clue_sets(table_of(rows), "a")
    assert len(distractors) == 4 and {"b", "c"} <= set(distractors)
    (clues, distractors), = clue_sets(table_of(rows), "a", max_distractors=5)
    assert len(distractors) == 5


def test_clues_come_only_from_values_the_notes_state():
    table = table_of(ROWS, origin="reference")
    assert clue_sets(table, "a") == []


def test_a_wider_requirement_is_used_only_where_the_answers_own_value_would_not_do():
    from quiz.generation.lexicon import Lexicon

    lexicon = Lexicon({"attributes": {
        "cap": {"values": {"kept": {"phrases": ["k"], "satisfied_by": ["kept", "up"]}, "up": {"phrases": ["u"]},
                           "down": {"phrases": ["d"]}}},
        "new": {"values": {"none": {"phrases": ["n"]}, "batch": {"phrases": ["b"]}, "full": {"phrases": ["f"]},
                           "not_full": {"satisfied_by": ["none", "batch"]}}},
    }})
    rows = {
        "batch_policy": {"cap": "kept", "new": "batch"},
        "rolling": {"cap": "down", "new": "none"},
        "immutable": {"cap": "up", "new": "full"},
        "splitting": {"cap": "up", "new": "full"},
    }
    table = table_of(rows)
    table.lexicon = lexicon
    found = dict(clue_sets(table, "batch_policy"))
    # "full capacity" holds for immutable too, so it needs "no complete second set" beside it;
    # with its own value ("one extra batch") the capacity clue would rule out nobody more.
    assert found[(("cap", "kept"), ("new", "not_full"))] == ["rolling", "immutable", "splitting"]
    assert (("new", "batch"),) in found
    assert not any(("new", "not_full") in clues and len(clues) == 1 for clues in found)
    assert table.satisfies("immutable", "cap", "kept") is True


def test_a_choose_two_scenario_needs_a_clue_set_exactly_two_members_meet():
    from quiz.generation.scenarios import group_clue_sets

    rows = {
        "a": {"x": "1", "y": "1"},
        "b": {"x": "1", "y": "1"},  # a and b cannot be told apart: a pair
        "c": {"x": "2", "y": "1"},  # breaks x only
        "d": {"x": "1", "y": "2"},  # breaks y only
        "e": {"x": "2", "y": "2"},
    }
    found = {(answers, clues): distractors for answers, clues, distractors in group_clue_sets(table_of(rows))}
    assert found[(("a", "b"), (("x", "1"), ("y", "1")))] == ["c", "d", "e"]
    # {x} alone: d meets it too (three answers), so it is not a choose-two scenario
    assert (("a", "b"), (("x", "1"),)) not in found
    for (answers, clues), distractors in found.items():
        table = table_of(rows)
        assert all(fits(table, m, clues) for m in answers)
        assert not any(fits(table, d, clues) for d in distractors)
        assert necessary(table, clues, distractors)
