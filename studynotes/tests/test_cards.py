"""The home page's topic cards (studynotes.cards): the section most about each topic, an excerpt where it says so."""

import pytest

from studynotes.cards import BODY, HEADING, UNDER_HEADING, Candidate, choose_sections, excerpt_at


def candidate(topic, section, named=BODY, topics=1, length=100, place=()):
    return Candidate(topic, section, named, topics, length, place)


def test_a_section_whose_own_heading_names_the_topic_wins_over_an_overview_listed_first():
    chosen = choose_sections([candidate(1, 10, BODY, topics=8, place=("a.md", 1)),
                              candidate(1, 11, UNDER_HEADING, topics=1, place=("b.md", 1)),
                              candidate(1, 12, HEADING, topics=3, place=("b.md", 2))])
    assert chosen == {1: 12}


def test_among_mentions_the_section_linked_to_the_fewest_topics_wins():
    assert choose_sections([candidate(1, 10, topics=6, place=("a.md", 1)),
                            candidate(1, 11, topics=2, place=("z.md", 9))]) == {1: 11}


def test_an_empty_or_very_short_text_is_taken_only_when_nothing_longer_is_there():
    assert choose_sections([candidate(1, 10, HEADING, length=0), candidate(1, 11, HEADING, length=13),
                            candidate(1, 12, UNDER_HEADING, length=53)]) == {1: 12}
    assert choose_sections([candidate(2, 20, HEADING, length=0)]) == {2: 20}


def test_no_two_cards_share_a_section_while_a_topic_has_another():
    # six deployment topics all mention one Elastic Beanstalk overview; each has a section of its own too
    overview = [candidate(topic, 99, HEADING, topics=8, place=("a.md", 0)) for topic in range(1, 7)]
    own = [candidate(topic, 100 + topic, BODY, topics=2, place=("b.md", topic)) for topic in range(2, 7)]
    chosen = choose_sections(overview + own)
    # topic 1 has only the overview, so it keeps it; every other topic takes its own section
    assert chosen == {1: 99, 2: 102, 3: 103, 4: 104, 5: 105, 6: 106}


def test_a_topic_whose_every_section_is_taken_shares_its_best_one():
    # topic 1 (one section) chooses first; topic 2 then takes its other section, though more topics share it
    assert choose_sections([candidate(2, 10), candidate(2, 11, topics=5), candidate(1, 10)]) == {1: 10, 2: 11}
    assert choose_sections([candidate(1, 10), candidate(2, 10)]) == {1: 10, 2: 10}


@pytest.mark.parametrize("text, word, expected", [
    ("ストアドプロシージャの説明。CloudFormation はテンプレートで作る。", "CloudFormation", "CloudFormation はテンプレートで作る。"),
    ("Overview line\nUse SQS for queues. It scales.", "SQS", "Use SQS for queues. It scales."),
    ("SQS first", "SQS", "SQS first"),
    ("x" * 200 + " and then SQS appears", "SQS", "…SQS appears"),
])
def test_an_excerpt_starts_at_the_sentence_or_line_of_the_first_mention(text, word, expected):
    assert excerpt_at(text, text.index(word)) == expected


def test_an_excerpt_without_a_mention_starts_at_the_beginning_and_is_cut():
    assert excerpt_at("abc" * 200, None, length=10) == "abcabcabca"


@pytest.mark.django_db
def test_a_section_retired_between_the_reads_gives_no_card_and_no_error(make, monkeypatch):
    from studynotes.cards import refresh_topic_cards
    from studynotes.models import SectionQuerySet, Topic

    topic = make.topic(slug="lam-card", name="AWS Lambda")
    kept = make.section(heading="AWS Lambda", markdown="AWS Lambda runs code.", topics=[topic])
    gone = make.section(heading="Lambda retries", markdown="AWS Lambda retries twice.", topics=[topic])
    active = SectionQuerySet.active
    # an import retires ``gone`` after the links were read and before the sections are
    monkeypatch.setattr(SectionQuerySet, "active", lambda self: active(self).exclude(pk=gone.pk))
    refresh_topic_cards()
    assert Topic.objects.get(pk=topic.pk).card_section_id == kept.pk


def test_each_note_language_has_its_own_card_and_its_own_rule_against_sharing():
    from studynotes.cards import choose_cards

    def lang(topic, section, language, **kwargs):
        return Candidate(topic, section, kwargs.get("named", BODY), kwargs.get("topics", 1), 100,
                         kwargs.get("place", ()), language)

    chosen = choose_cards([
        lang(1, 10, "ja", named=HEADING), lang(1, 20, "ko", named=BODY, topics=3),
        # topic 2: its best Japanese section is topic 1's; its Korean one is its own
        lang(2, 10, "ja", named=HEADING), lang(2, 11, "ja", topics=2), lang(2, 21, "ko"),
        lang(3, 30, "en", named=HEADING),  # English notes only: no card of either language
    ])
    assert chosen[""] == {1: 10, 2: 21, 3: 30}  # among all sections, as before (the English interface's)
    assert chosen["ja"] == {1: 10, 2: 11}  # topic 2 does not take topic 1's Japanese card: it has another
    assert chosen["ko"] == {1: 20, 2: 21}  # topic 1's Korean card, though topic 2's card among all shows it
    # a topic whose only Japanese section another Japanese card shows shares it
    assert choose_cards([lang(1, 10, "ja"), lang(2, 10, "ja"), lang(2, 40, "ko")])["ja"] == {1: 10, 2: 10}
