"""The curated reference in fixtures/reference.yaml: well formed, cited, read in three languages."""

from quiz.generation.reference import REFERENCE_PATH, load_reference

LANGUAGES = {"ja", "ko", "en"}


def test_every_family_has_members_and_stem_phrases_in_three_languages():
    reference = load_reference(REFERENCE_PATH)
    assert {"eb-deployment-policies", "deployment-strategies", "elb-types", "lambda-invocation"} <= set(
        reference.families)
    for family in reference.families.values():
        assert len(family.members) >= 4, family.id
        for phrases in (family.name, family.context, family.ask):
            assert set(phrases) == LANGUAGES, family.id


def test_every_fact_and_number_cites_an_aws_documentation_page():
    reference = load_reference(REFERENCE_PATH)
    for family in reference.families.values():
        for (member, attribute), (url, _title) in family.fact_source.items():
            assert member in family.members, (family.id, member)
            assert url.startswith(("https://docs.aws.amazon.com/", "https://aws.amazon.com/")), url
        for attribute, correction in family.corrections.items():
            assert LANGUAGES <= set(correction) and correction["url"].startswith("https://docs.aws.amazon.com/")
    for number in reference.numbers:
        assert number.url.startswith("https://docs.aws.amazon.com/")
        assert set(number.stem) == LANGUAGES and set(number.explain) == LANGUAGES
        assert set(number.label) == LANGUAGES, number.id  # how instructor screens name it
        assert len(number.wrong) >= 3
        for wrong in number.wrong:
            assert int(wrong["value"]) != number.value and set(wrong["why"]) == LANGUAGES


def test_the_reference_holds_the_facts_the_notes_get_wrong_or_must_get_right():
    reference = load_reference(REFERENCE_PATH)
    policies = reference.families["eb-deployment-policies"]
    assert policies.facts[("immutable", "environment_swap")] == {"no"}
    assert policies.facts[("rolling-additional-batch", "environment_swap")] == {"no"}
    numbers = {n.id: n.value for n in reference.numbers}
    assert numbers["lambda-async-retries"] == 2
    assert numbers["lambda-concurrency-default"] == 1000
    assert numbers["lambda-throttle-status"] == 429
    assert numbers["ecs-spot-notice"] == 2
    assert reference.foreign_marker("エンドポイントがゾーンネットワークエンドポイントグループ（NEG）から削除")


def test_a_group_phrase_names_several_members_only_under_its_heading():
    from quiz.generation.claims import SectionInput
    from quiz.generation.pipeline import generate

    line = "それ以外は秒間呼び出し回数＊平均実行時間（秒）"
    under = SectionInput(id=1, file="a.md", heading_path="Lamdba › 同時実行数", language="ja", markdown=line)
    elsewhere = SectionInput(id=2, file="b.md", heading_path="Lamdba › イベントソース", language="ja", markdown=line)

    table = generate([under]).tables["lambda-invocation"]
    for member in ("sync", "async"):
        cell = table.cells[(member, "concurrency")]
        assert cell.origin == "note" and cell.values == {"rate_x_duration"}
    assert table.cells[("poll-stream", "concurrency")].origin == "reference"  # not named by the phrase

    table = generate([elsewhere]).tables["lambda-invocation"]
    assert table.cells[("sync", "concurrency")].origin == "reference"  # only the reference, not the line


def test_every_neighbour_says_what_it_is_in_three_languages_and_cites_an_aws_page():
    reference = load_reference(REFERENCE_PATH)
    assert reference.neighbours
    named = set()
    for family in reference.families.values():
        for member in family.members.values():
            assert member.id not in member.neighbours and len(set(member.neighbours)) == len(member.neighbours)
            named |= set(member.neighbours)
    assert set(reference.neighbours) <= named  # none unused
    described = [m for family in reference.families.values() for m in family.members.values() if m.url]
    assert described  # a member the notes may not define, said of it where it is offered as a neighbour
    for neighbour in [*reference.neighbours.values(), *described]:
        said = dict(neighbour.is_)
        assert set(said) == LANGUAGES and all(said.values()), neighbour.id
        assert neighbour.url.startswith(("https://docs.aws.amazon.com/", "https://aws.amazon.com/")), neighbour.id
        assert neighbour.title
    for neighbour in reference.neighbours.values():
        # a neighbour is never also a member somewhere: it is only ever a wrong option
        assert not neighbour.normalised_aliases & set(reference.alias_index), neighbour.id


def test_a_member_naming_an_unknown_neighbour_is_refused(tmp_path):
    import pytest

    path = tmp_path / "reference.yaml"
    path.write_text(
        "families:\n  f:\n    members:\n      - {id: a, name: A, aliases: [], neighbours: [nowhere]}\n",
        encoding="utf-8")
    with pytest.raises(ValueError, match="nowhere"):
        load_reference(path)
