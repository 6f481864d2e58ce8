"""Home page: domains, topics with section counts per language, excerpts."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_topics_by_domain_with_counts_per_language(client, make):
    topic = make.topic(name="Blue/Green deployment", domain="deployment")
    make.section(language="ja", markdown="ブルーグリーンデプロイ", topics=[topic])
    make.section(language="ja", markdown="新しい環境", topics=[topic])
    make.section(language="ko", markdown="블루그린 배포", topics=[topic])
    make.topic(name="Route 53 failover", domain="dns")
    make.section(language="ko", markdown="장애 조치", topics=[make.topic(name="Route 53", domain="dns")])

    response = client.get("/")

    assert response.status_code == 200
    domains = response.context["domains"]
    assert [d["value"] for d in domains] == ["deployment", "dns"]
    [bluegreen] = domains[0]["topics"]
    assert (bluegreen.ja, bluegreen.ko, bluegreen.en, bluegreen.total) == (2, 1, 0, 3)
    # the first section by file name and place (the factory's file names decide which one)
    languages = {"ブルーグリーンデプロイ": "ja", "新しい環境": "ja", "블루그린 배포": "ko"}
    assert languages[bluegreen.excerpt] == bluegreen.excerpt_lang
    html = response.content.decode()
    assert "Blue/Green deployment" in html
    assert 'href="/topics/' in html
    # an excerpt of a note is marked with its note's language, for screen readers and CJK glyphs
    assert f'<p class="excerpt note-text" lang="{bluegreen.excerpt_lang}">{bluegreen.excerpt}</p>' in html
    assert '<p class="excerpt note-text" lang="ko">장애 조치</p>' in html


def test_home_hides_topics_without_active_sections(client, make):
    empty = make.topic(name="Nothing yet")
    retired_only = make.topic(name="Only retired")
    section = make.section(topics=[retired_only])
    section.retired = True
    section.save()
    make.section(topics=[make.topic(name="Visible")])

    html = client.get("/").content.decode()

    assert "Visible" in html
    assert empty.name not in html
    assert retired_only.name not in html


def test_home_ignores_sections_of_retired_files(client, make):
    topic = make.topic(name="Retired file topic")
    section = make.section(topics=[topic])
    section.note_file.retired = True
    section.note_file.save()

    assert "Retired file topic" not in client.get("/").content.decode()


def test_home_says_when_nothing_is_imported(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "import_notes" in response.content.decode()


@pytest.fixture
def own_cache(settings):
    """The view's own cache (the database cache's reads and writes would count as queries)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_home_query_count_does_not_grow_with_topics_and_sections(client, make, django_assert_num_queries,
                                                                 own_cache):
    def add(n):
        for i in range(n):
            topic = make.topic(domain=["deployment", "dns", "compute"][i % 3])
            make.section(language="ja", topics=[topic])
            make.section(language="ko", topics=[topic])

    add(2)
    with django_assert_num_queries(1):  # topics with counts and first excerpt, one annotated query
        client.get("/")
    add(20)
    with django_assert_num_queries(1):
        response = client.get("/")
    assert sum(len(d["topics"]) for d in response.context["domains"]) == 22


def test_home_speaks_the_language_asked_for(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="ja">' in html


def test_home_shows_the_topic_name_in_the_interface_language_when_the_glossary_has_it(client, make):
    topic = make.topic(name="Canary deployment", names={"ja": "カナリアデプロイ", "ko": "카나리아 배포"},
                       aliases=[("カナリア", "ja"), ("카나리아", "ko"), ("canary", "en")])
    make.section(topics=[topic])

    ja = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    ko = client.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # the interface language's name leads the card, the English name under it
    assert '<span lang="ja">カナリアデプロイ</span></a></h3>' in ja
    assert '<p class="canonical-name" lang="en">Canary deployment</p>' in ja
    assert '<span lang="ko">카나리아 배포</span></a></h3>' in ko
    assert 'class="canonical-name"' not in en and ">Canary deployment</a></h3>" in en


def test_an_alias_is_never_shown_as_the_topics_name(client, make):
    # "イミュータブル" is one of the policies, not the name of the topic about all of them
    topic = make.topic(name="Elastic Beanstalk deployment policies", aliases=[("イミュータブル", "ja")])
    make.section(topics=[topic])
    ja = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "イミュータブル" not in ja and 'class="canonical-name"' not in ja


def test_home_query_count_is_the_same_in_japanese(client, make, django_assert_num_queries, own_cache):
    for _ in range(5):
        make.section(topics=[make.topic(aliases=[("別名", "ja")])])
    with django_assert_num_queries(1):
        client.get("/", HTTP_ACCEPT_LANGUAGE="ja")


def test_the_cards_come_from_the_cache_until_the_notes_change(client, make, django_assert_num_queries, own_cache):
    topic = make.topic(name="Amazon S3", domain="storage")
    make.section(language="ja", topics=[topic])
    client.get("/", HTTP_ACCEPT_LANGUAGE="ja")  # renders and stores the cards of the Japanese interface

    # before, every visit ran the cards' query (about 20 ms on the bench's notes)
    with django_assert_num_queries(0):
        cached = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "Amazon S3" in cached.content.decode()
    with django_assert_num_queries(1):  # another interface language: cards of its own
        client.get("/", HTTP_ACCEPT_LANGUAGE="ko")

    make.section(language="ko", topics=[make.topic(name="Amazon EFS", domain="storage")])  # an import bumps the stamp
    with django_assert_num_queries(1):
        fresh = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "Amazon EFS" in fresh.content.decode()


def test_a_first_visit_says_what_the_site_is_for_and_how_to_start(client, make):
    make.section(topics=[make.topic(name="Amazon S3", domain="storage")])

    html = client.get("/").content.decode()

    assert "Kumo Study helps you prepare for AWS certification" in html
    assert '<a href="/accounts/signup/?next=/quiz/practice/" role="button">Sign up to practise</a>' in html
    assert 'href="/accounts/login/" role="button"' in html
    assert '<a href="#domain-storage">Or browse the topics below</a>' in html


def test_the_demo_accounts_are_named_only_when_running_locally(client, make, settings):
    make.section(topics=[make.topic()])
    settings.DEBUG = False
    assert "kumo-demo" not in client.get("/").content.decode()

    settings.DEBUG = True
    html = client.get("/").content.decode()
    assert "log in as <code>learner</code> or <code>instructor</code> with the password <code>kumo-demo</code>" in html


def test_a_learner_who_is_logged_in_is_not_asked_to_sign_up(learner_client, make):
    make.section(topics=[make.topic()])
    assert "data-intro" not in learner_client.get("/").content.decode()


OVERVIEW_NOTE = """# デプロイ
## 概要
Elastic Beanstalk ではローリング、ブルーグリーン、カナリアのデプロイが選べる。
## ローリングデプロイ
インスタンスを数台ずつ順に更新していく方式。
## ブルーグリーンデプロイ
新しい環境を別に用意し、切り替える方式。
## テンプレート
環境はテンプレートで作る。スタックの削除にも注意。CloudFormation は DeletionPolicy でリソースを残せる。
"""


def test_each_card_shows_the_section_most_about_its_topic_not_a_shared_overview(client, django_assert_num_queries,
                                                                               own_cache):
    from studynotes.importer import import_upload

    import_upload([("deploy.md", OVERVIEW_NOTE.encode())])

    with django_assert_num_queries(1):
        response = client.get("/")
    cards = {t.slug: t for d in response.context["domains"] for t in d["topics"]}
    # before, every card took the first section linked, the overview all three share
    assert cards["rolling-deployment"].excerpt == "インスタンスを数台ずつ順に更新していく方式。"
    assert cards["blue-green-deployment"].excerpt == "新しい環境を別に用意し、切り替える方式。"
    # a mention late in a section: the excerpt starts at its sentence
    assert cards["cloudformation"].excerpt == "CloudFormation は DeletionPolicy でリソースを残せる。"
    assert cards["cloudformation"].excerpt_lang == "ja"
    # the overview is the only section of these two: they share it
    assert cards["elastic-beanstalk"].excerpt.startswith("Elastic Beanstalk では")


def test_a_card_whose_section_is_retired_shows_the_first_active_section_until_cards_are_chosen_again(client):
    from studynotes.importer import import_upload
    from studynotes.models import Section, Topic

    import_upload([("deploy.md", OVERVIEW_NOTE.encode())])
    Section.objects.filter(heading="ローリングデプロイ").update(retired=True)
    assert Topic.objects.get(slug="rolling-deployment").card_section.retired

    cards = {t.slug: t for d in client.get("/").context["domains"] for t in d["topics"]}
    assert cards["rolling-deployment"].excerpt.startswith("Elastic Beanstalk では")


CANARY_JA = """# デプロイ
## カナリアデプロイ
新しい版を一部の利用者にだけ先に出す方式。
"""
CANARY_KO = """# 배포
## 카나리아 배포
새 버전을 일부 사용자에게만 먼저 배포하는 방식.
"""


def cards_in(client, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    return {t.slug: t for d in response.context["domains"] for t in d["topics"]}


def test_a_card_shows_the_notes_in_the_interface_language_when_the_topic_has_some(client, django_assert_num_queries,
                                                                                 own_cache):
    from studynotes.importer import import_upload

    import_upload([("a-deploy.md", (OVERVIEW_NOTE + CANARY_JA).encode()), ("b-deploy.md", CANARY_KO.encode())])

    with django_assert_num_queries(1):  # the same one query in every interface language
        ko = cards_in(client, "ko")
    # before, a Korean learner read the Japanese excerpt although Korean notes exist
    assert (ko["canary-deployment"].excerpt, ko["canary-deployment"].excerpt_lang) == (
        "새 버전을 일부 사용자에게만 먼저 배포하는 방식.", "ko")
    ja = cards_in(client, "ja")
    assert (ja["canary-deployment"].excerpt, ja["canary-deployment"].excerpt_lang) == (
        "新しい版を一部の利用者にだけ先に出す方式。", "ja")
    # no Korean notes on rolling deployments: the Korean interface shows the Japanese card
    assert (ko["rolling-deployment"].excerpt, ko["rolling-deployment"].excerpt_lang) == (
        "インスタンスを数台ずつ順に更新していく方式。", "ja")
    # English keeps the card chosen among all sections (here the Japanese one: its file comes first)
    en = cards_in(client, "en")
    assert en["canary-deployment"].excerpt == ja["canary-deployment"].excerpt


def test_a_card_in_the_interface_language_whose_section_is_retired_gives_way_to_the_other_language(client):
    from studynotes.importer import import_upload
    from studynotes.models import Section

    import_upload([("a-deploy.md", CANARY_JA.encode()), ("b-deploy.md", CANARY_KO.encode())])
    Section.objects.filter(heading="카나리아 배포").update(retired=True)  # not chosen again yet

    assert cards_in(client, "ko")["canary-deployment"].excerpt_lang == "ja"


def test_linking_topics_again_chooses_the_cards_of_each_language(client):
    from studynotes.importer import import_upload
    from studynotes.linking import link_topics
    from studynotes.models import Topic

    import_upload([("a-deploy.md", CANARY_JA.encode()), ("b-deploy.md", CANARY_KO.encode())])
    Topic.objects.update(card_section=None, card_excerpt="", card_section_ja=None, card_excerpt_ja="",
                         card_section_ko=None, card_excerpt_ko="")  # as after deploying migration 0013

    link_topics()

    canary = Topic.objects.get(slug="canary-deployment")
    assert (canary.card_section_ja.language, canary.card_section_ko.language) == ("ja", "ko")
    assert canary.card_excerpt_ko == "새 버전을 일부 사용자에게만 먼저 배포하는 방식."
    assert canary.card_section == canary.card_section_ja  # the card chosen among all: the first file's


def test_cards_chosen_again_show_on_the_cached_home_page(client, make, own_cache):
    """``link_topics`` after a deploy fills the cards without changing a link: the cached page must not keep the old."""
    from studynotes.cards import refresh_topic_cards
    from studynotes.models import Topic

    topic = make.topic(name="Amazon S3", domain="storage")
    make.section(language="ja", heading="概要", markdown="いろいろなサービス：EC2、Amazon S3 など。", topics=[topic])
    make.section(language="ja", heading="Amazon S3", markdown="Amazon S3 はオブジェクトストレージ。", topics=[topic])
    Topic.objects.update(card_section=None, card_excerpt="", card_section_ja=None, card_excerpt_ja="",
                         card_section_ko=None, card_excerpt_ko="")  # as a database before the cards' migration
    before = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()  # cached: the first section's text
    assert "オブジェクトストレージ" not in before
    assert refresh_topic_cards()  # as `link_topics` does when no link changed (so nothing else moved the stamp)
    assert Topic.objects.get(pk=topic.pk).card_section_ja_id is not None
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "オブジェクトストレージ" in html
