"""Search: a topic's name in one script finds the sections written in its translations; okurigana variants."""

import pytest

from studynotes import linking

GLOSSARY = """
version: 1
topics:
  - slug: blue-green
    name: Blue/Green deployment
    aliases:
      en: [Blue/Green]
      ja: [ブルーグリーン]
      ko: [블루그린]
  - slug: policies
    name: Deployment policies
    aliases:
      en: [Immutable]
      ja: [デプロイポリシー]
      ko: [배포 정책]
    translations: [デプロイポリシー, 배포 정책]
words:
  - [切り替え, 切替え, 切替]
  - [書き込み, 書込み, 書込]
"""


@pytest.fixture
def glossary(tmp_path, monkeypatch):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.setattr(linking, "GLOSSARY_PATH", path)
    return path


@pytest.fixture
def translated(make, glossary):
    def add(translations):
        path = glossary
        path.write_text(GLOSSARY.replace("      ko: [블루그린]\n", f"      ko: [블루그린]\n    translations: {translations}\n"),
                        encoding="utf-8")
        topic = make.topic(slug="blue-green", name="Blue/Green deployment",
                           aliases=[("Blue/Green", "en"), ("ブルーグリーン", "ja"), ("블루그린", "ko")])
        return {
            "ja": make.section(heading="デプロイ", markdown="ブルーグリーンで切り戻しが速い", topics=[topic]),
            "ko": make.section(language="ko", heading="배포", markdown="블루그린 배포는 환경을 두 개 둔다", topics=[topic]),
            "en": make.section(language="en", heading="Deploy", markdown="Blue/Green swaps the URL", topics=[topic]),
        }
    return add


def _live(client, q):
    return client.get("/search/", {"q": q}, headers={"HX-Request": "true"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["ブルーグリーン", "블루그린", "blue/green"])
def test_a_topic_name_in_one_script_finds_the_sections_in_its_translations_highlighted(
        client, translated, q, django_assert_num_queries):
    sections = translated("[Blue/Green, ブルーグリーン, 블루그린]")
    with django_assert_num_queries(5):  # as many as any query: the translations come from the topic index
        html = client.get("/search/", {"q": q}).content.decode()
    live = _live(client, q)
    for results in (html.split('class="topic-matches"')[-1], live):
        for section in sections.values():
            assert section.get_absolute_url() in results
        assert "<mark>ブルーグリーン</mark>" in results and "<mark>블루그린</mark>" in results
        assert "<mark>Blue/Green</mark>" in results


@pytest.mark.django_db
def test_aliases_not_marked_as_translations_are_not_searched_for_each_other(client, translated):
    sections = translated("[]")
    html = client.get("/search/", {"q": "ブルーグリーン"}).content.decode().split('class="topic-matches"')[-1]
    assert sections["ja"].get_absolute_url() in html
    assert sections["ko"].get_absolute_url() not in html and sections["en"].get_absolute_url() not in html


@pytest.mark.django_db
def test_a_topics_translation_does_not_find_the_sections_of_its_kind_aliases(client, make, glossary):
    topic = make.topic(slug="policies", name="Deployment policies",
                       aliases=[("Immutable", "en"), ("デプロイポリシー", "ja"), ("배포 정책", "ko")])
    policy = make.section(language="ko", heading="배포 정책", markdown="네 가지가 있다", topics=[topic])
    kind = make.section(language="en", heading="Immutable", markdown="new instances", topics=[topic])
    html = client.get("/search/", {"q": "デプロイポリシー"}).content.decode().split('class="topic-matches"')[-1]
    assert policy.get_absolute_url() in html and kind.get_absolute_url() not in html


def test_a_translation_with_a_context_rule_is_refused(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY.replace("      ko: [블루그린]\n", "      ko: [블루그린]\n    translations: [Blue/Green]\n"
                                     "    context:\n      - aliases: [Blue/Green]\n        not_before: [x]\n"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="context rule"):
        linking.load_glossary(path)


@pytest.mark.django_db
def test_an_okurigana_variant_of_two_characters_is_found_in_the_text_on_the_full_page_and_in_headings_live(
        client, make, glossary, django_assert_num_queries):
    text = make.section(markdown="既存環境と新環境の切替、DNS で行う", topics=[make.topic()])
    heading = make.section(heading="DNS切替", markdown="手順", topics=[make.topic()])
    written = make.section(markdown="環境を切り替えて戻す", topics=[make.topic()])
    with django_assert_num_queries(5):
        html = client.get("/search/", {"q": "切り替え"}).content.decode()
    for section in (text, heading, written):
        assert section.get_absolute_url() in html
    assert "<mark>切替</mark>" in html and "<mark>切り替え</mark>" in html
    live = _live(client, "切り替え")
    # live, the two characters are not looked for in every section's text (a scan at each keystroke)
    assert heading.get_absolute_url() in live and written.get_absolute_url() in live
    assert text.get_absolute_url() not in live


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["書き込み", "書込み"])
def test_a_word_with_okurigana_still_finds_its_own_spelling_in_the_text_live(client, make, glossary, q):
    written = make.section(markdown="DynamoDB への書き込みは整合性が強い", topics=[make.topic()])
    short = make.section(heading="書込", markdown="キャパシティ", topics=[make.topic()])
    live = _live(client, q)
    assert written.get_absolute_url() in live and short.get_absolute_url() in live
    assert "<mark>書き込み</mark>" in live
