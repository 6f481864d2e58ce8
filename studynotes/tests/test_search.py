"""Search: ja/ko/en substrings, short-query fallback, hostile input, grouping, highlighting."""

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from studynotes.search import group_by_topic, highlight, parse_query, search_sections


@pytest.fixture
def notes(make):
    eb = make.topic(slug="eb", name="Elastic Beanstalk")
    ecs = make.topic(slug="ecs", name="ECS")
    canary = make.topic(slug="canary", name="Canary")
    return {
        "immutable": make.section(
            language="ja",
            heading="デプロイポリシー",
            markdown="Immutable (イミュータブル): 新規インスタンスを利用してデプロイする",
            topics=[eb],
        ),
        "drain": make.section(
            language="ja",
            heading="ECS Spot",
            markdown="スポットインスタンスのドレインを有効にする",
            topics=[ecs],
        ),
        "canary": make.section(
            language="ko",
            heading="카나리아 배포",
            markdown="트래픽의 10%를 새 버전으로 보낸다",
            topics=[canary],
        ),
        "throttle": make.section(
            language="en",
            heading="API Gateway limits",
            markdown="Clients get 429 Too Many Requests when throttled",
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, key",
    [
        ("ドレイン", "drain"),  # katakana inside a longer word
        ("ドレ", "drain"),  # two characters: LIKE fallback
        ("카나리아", "canary"),
        ("카나", "canary"),
        ("Immutable", "immutable"),
        ("immut", "immutable"),  # partial English word, any case
        ("429", "throttle"),
        ("gateway", "throttle"),  # heading path is searched too
        ("デプロイ Immutable", "immutable"),  # every term must match
    ],
)
def test_search_finds_partial_words_in_every_language(notes, query, key):
    assert [s.pk for s in search_sections(query)] == [notes[key].pk]


@pytest.mark.django_db
def test_search_needs_every_term_to_match(notes):
    assert search_sections("ドレイン Immutable") == []


@pytest.mark.django_db
def test_search_never_shows_retired_sections_or_files(notes):
    notes["drain"].retired = True
    notes["drain"].save()
    notes["canary"].note_file.retired = True
    notes["canary"].note_file.save()

    assert search_sections("ドレイン") == []
    assert search_sections("카나리아") == []


@pytest.mark.django_db
def test_search_index_follows_updates_and_deletes(make):
    section = make.section(markdown="最初の本文")
    assert search_sections("最初の") == [section]

    section.text = "書き換えた本文"
    section.save()
    assert search_sections("最初の") == []
    assert search_sections("書き換え") == [section]

    section.delete()
    assert search_sections("書き換え") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "%",
        "%%%",
        "_",
        "___",
        "'",
        '"',
        '"\'"',
        "' OR 1=1 --",
        'a"b',
        "NEAR(a b)",
        "*",
        "a AND",
        "(",
        "\\",
        "x" * 10_000,
        "あ" * 10_000,
        "%_" * 5_000,
        "\x00",
        "🙂🙂🙂",
    ],
)
def test_hostile_queries_give_a_list_never_an_error(notes, query):
    assert isinstance(search_sections(query), list)


@pytest.mark.django_db
def test_percent_and_underscore_are_matched_literally(notes):
    assert [s.pk for s in search_sections("10%")] == [notes["canary"].pk]
    assert search_sections("1_%") == []


@pytest.mark.django_db
def test_search_page_without_javascript_shows_grouped_highlighted_results(client, notes):
    response = client.get("/search/", {"q": "ドレイン"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert '<a href="/topics/ecs/">ECS</a>' in html
    assert "<mark>ドレイン</mark>" in html
    assert f'href="/files/{notes["drain"].note_file_id}/#s{notes["drain"].pk}"' in html


@pytest.mark.django_db
def test_htmx_search_returns_only_the_results_fragment(client, notes):
    response = client.get("/search/", {"q": "카나리아"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<mark>카나리아</mark>" in html


@pytest.mark.django_db
def test_htmx_search_with_an_empty_query_clears_the_results(client, notes):
    response = client.get("/search/", {"q": "  "}, HTTP_HX_REQUEST="true")
    # nothing but the plain search page's title, which htmx moves into the tab's (on /search/)
    assert response.content.decode().strip() == "<title>Search · Kumo Study</title>"


@pytest.mark.django_db
def test_htmx_search_starts_with_the_title_of_the_page_at_its_address_escaped(client, notes):
    html = client.get("/search/", {"q": "<b>"}, HTTP_HX_REQUEST="true").content.decode()
    page = client.get("/search/", {"q": "<b>"}).content.decode()
    assert html.startswith("<title>Search: &lt;b&gt; · Kumo Study</title>")
    assert "<title>Search: &lt;b&gt; · Kumo Study</title>" in page


@pytest.mark.django_db
def test_search_page_escapes_the_query_and_the_note_text(client, make):
    make.section(markdown="<script>alert(1)</script> payload")

    html = client.get("/search/", {"q": "<script>"}).content.decode()

    assert "<script>alert(1)" not in html
    assert "<mark>&lt;script&gt;</mark>alert(1)" in html


@pytest.mark.django_db
def test_search_page_with_a_10000_character_query_is_fine(client, notes):
    assert client.get("/search/", {"q": "%" * 10_000}).status_code == 200


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(client, make, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            make.section(markdown="ローリングデプロイ", topics=[make.topic(), make.topic()])

    add(2)
    # matching sections with their files, their topic links, topic aliases; topics and aliases for the topic
    # names that match
    with django_assert_num_queries(5):
        client.get("/search/", {"q": "ローリング"})
    add(20)
    with django_assert_num_queries(5):
        response = client.get("/search/", {"q": "ローリング"})
    assert response.context["hit_count"] == 22


@pytest.mark.sqlite_only  # FTS5 is the SQLite index
@pytest.mark.django_db
def test_sqlite_search_uses_the_fts5_trigram_index(make, django_assert_num_queries):
    make.section(markdown="トラフィック分割", topics=[make.topic()])
    with django_assert_num_queries(3) as ctx:
        search_sections("トラフィック")
    assert "studynotes_section_fts MATCH" in ctx.captured_queries[0]["sql"]


def test_parse_query_splits_on_whitespace_dedupes_and_caps():
    assert parse_query("  Blue  green　ブルー blue ") == ["Blue", "green", "ブルー"]
    assert parse_query("") == []
    assert parse_query(None) == []
    assert len(parse_query(" ".join(f"t{i}" for i in range(50)))) == 6
    assert all(len(t) <= 100 for t in parse_query("x" * 10_000))


def test_a_query_too_long_is_cut_at_a_space_not_inside_a_word():
    # cut at 400 characters, "lambda " 80 times left "l" as a second term: every L of the page highlighted
    assert parse_query("lambda " * 80) == ["lambda"]
    assert parse_query("ローリング " * 70 + "デプロイ") == ["ローリング"]  # not "ローリン" too
    assert parse_query("x" * 10_000) == ["x" * 100]  # one word with no space: cut where it must be


def test_highlight_escapes_first_then_marks():
    assert highlight("a <b> & <B>", ["<b>"]) == "a <mark>&lt;b&gt;</mark> &amp; <mark>&lt;B&gt;</mark>"


def test_highlight_merges_overlapping_matches():
    assert highlight("ローリングデプロイ", ["ローリング", "リングデ"]) == "<mark>ローリングデ</mark>プロイ"


def test_highlight_with_width_cuts_an_excerpt_around_the_first_match():
    text = "前" * 100 + "ドレイン" + "後" * 100
    excerpt = highlight(text, ["ドレイン"], width=30)
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "<mark>ドレイン</mark>" in excerpt
    assert len(excerpt.replace("<mark>", "").replace("</mark>", "")) <= 32


@given(text=st.text(max_size=300), terms=st.lists(st.text(min_size=1, max_size=5), max_size=3))
@settings(max_examples=200, deadline=None)
def test_highlight_never_lets_markup_through(text, terms):
    out = str(highlight(text, terms))
    stripped = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


class FakeTopic:
    def __init__(self, pk, name, aliases=()):
        self.pk, self.name, self.alias_texts = pk, name, list(aliases)


class FakeSection:
    def __init__(self, pk, links):
        self.pk, self.heading_path, self.text, self.topic_links = pk, f"h{pk}", "some text", links


def groups_of(groups):
    return [(g.topic and g.topic.name, [h.section.pk for h in g.hits]) for g in groups]


def test_group_by_topic_lists_each_section_once_under_the_topic_the_query_names():
    ecs = FakeTopic(1, "ECS")
    draining = FakeTopic(2, "ECS Spot draining", aliases=["ドレイン"])
    s3 = FakeTopic(3, "S3")
    sections = [FakeSection(1, [(ecs, "body"), (draining, "body"), (s3, "body")])]

    groups = group_by_topic(sections, ["ドレイン"])

    assert groups_of(groups) == [("ECS Spot draining", [1])]
    assert [t.name for t in groups[0].hits[0].other_topics] == ["ECS", "S3"]


def test_group_by_topic_lists_a_section_under_the_topic_that_more_of_the_query_names():
    ecs = FakeTopic(1, "Amazon ECS", aliases=["ECS"])
    draining = FakeTopic(2, "ECS Spot Instance draining", aliases=["DRAINING", "ドレイン"])
    # the ECS topic links more sections, and comes first by name
    sections = [FakeSection(1, [(ecs, "body"), (draining, "body")]), FakeSection(2, [(ecs, "body")])]

    assert groups_of(group_by_topic(sections, ["ecs", "draining"]))[0] == ("ECS Spot Instance draining", [1])
    assert groups_of(group_by_topic(sections, ["ecs"])) == [("Amazon ECS", [1, 2])]


def test_group_by_topic_prefers_heading_links_then_the_most_shared_topic_and_puts_loose_sections_last():
    a, b, c = FakeTopic(1, "A"), FakeTopic(2, "B"), FakeTopic(3, "C")
    sections = [
        FakeSection(1, [(a, "body"), (b, "body")]),
        FakeSection(2, [(b, "body")]),
        FakeSection(3, []),
        FakeSection(4, [(b, "body"), (c, "heading")]),
    ]

    groups = group_by_topic(sections, ["text"])

    assert groups_of(groups) == [("B", [1, 2]), ("C", [4]), (None, [3])]


@pytest.mark.django_db
@given(query=st.text(max_size=200))
@settings(max_examples=60, deadline=None)
def test_search_accepts_arbitrary_text(query):
    assert isinstance(search_sections(query), list)


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%00%00", "q[]=x", "q=%FF%FE", "q=" + "%25" * 3000])
def test_undecodable_or_odd_query_strings_answer_200(client, raw):
    assert client.get("/search/?" + raw).status_code == 200


@pytest.mark.postgresql_only  # pg_trgm is the PostgreSQL index
@pytest.mark.django_db
def test_postgresql_has_trigram_gin_indexes_on_heading_and_text():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'studynotes_section'")
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
    for name in ("studynotes_section_text_trgm", "studynotes_section_heading_trgm"):
        assert "gin_trgm_ops" in indexes[name]


@pytest.mark.sqlite_only  # SQLite triggers
@pytest.mark.django_db
def test_lost_sqlite_triggers_are_restored_and_the_index_rebuilt(make):
    from studynotes.search import SQLITE_TRIGGERS, ensure_search_index

    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    section = make.section(markdown="トリガーなしで追加")  # not indexed: the triggers are gone
    assert search_sections("トリガー") == []

    assert ensure_search_index() is True

    assert search_sections("トリガー") == [section]
    assert ensure_search_index() is False  # idempotent


@pytest.mark.django_db
def test_search_says_when_it_shows_only_the_first_results(client, make):
    note_file = make.note_file()
    for _ in range(51):
        make.section(note_file=note_file, markdown="ローリングデプロイ")

    response = client.get("/search/", {"q": "ローリング"})

    assert response.context["hit_count"] == 50
    assert "Showing the first 50 sections" in response.content.decode()
    assert "More than 50 matching sections" in response.content.decode()  # not "50 matching sections"
    assert "50 matching sections" not in response.content.decode().replace("More than 50 matching", "")


@pytest.mark.django_db
def test_search_with_exactly_fifty_hits_counts_them_all(client, make):
    note_file = make.note_file()
    for _ in range(50):
        make.section(note_file=note_file, markdown="ローリングデプロイ")

    html = client.get("/search/", {"q": "ローリング"}).content.decode()

    assert "50 matching sections" in html
    assert "More than" not in html and "Showing the first" not in html


@pytest.mark.django_db
def test_sections_whose_heading_matches_come_first(make):
    note_file = make.note_file(name="a.md")
    in_body = make.section(note_file=note_file, heading="概要", markdown="X-Ray でトレースする", order=1)
    in_heading = make.section(note_file=make.note_file(name="z.md"), heading="X-Ray", markdown="トレース", order=1)

    assert search_sections("x-ray") == [in_heading, in_body]


@pytest.mark.postgresql_only  # pg_trgm is the PostgreSQL index
@pytest.mark.django_db
def test_postgresql_icontains_can_use_the_trigram_indexes(make):
    from studynotes.models import Section

    make.section(markdown="ドレイン")
    with connection.cursor() as cursor:
        # Tiny tables: make the planner show what it could use instead of a sequential scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")

    def plan(**lookup):
        return Section.objects.filter(**lookup).order_by().values("pk").explain()

    assert "studynotes_section_text_trgm" in plan(text__icontains="ドレイン")
    assert "studynotes_section_heading_trgm" in plan(heading_path__icontains="ドレイン")


# --- The live results under the search box (htmx): short, and cached per content stamp and language. ---


def _live(client, q, **extra):
    response = client.get("/search/", {"q": q}, HTTP_HX_REQUEST="true", **extra)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_live_results_show_the_first_ten_with_a_link_to_all_of_them(client, make):
    note_file = make.note_file()
    for _ in range(12):
        make.section(note_file=note_file, markdown="ローリングデプロイ &more")
    html = _live(client, "ローリング &more")
    assert html.count('class="result"') == 10
    assert "Showing the first 10 sections." in html
    # the count line (which a screen reader hears) does not call the first ten all there is: the page has 12
    assert "More than 10 matching sections" in html
    assert "10 matching sections" not in html.replace("More than 10", "")
    assert 'href="/search/?q=%E3%83%AD%E3%83%BC%E3%83%AA%E3%83%B3%E3%82%B0%20%26more">See all results</a>' in html
    page = client.get("/search/", {"q": "ローリング &more"}).content.decode()
    assert page.count('class="result"') == 12 and "See all results" not in page


@pytest.mark.django_db
def test_live_results_with_ten_or_fewer_hits_have_no_see_all_link(client, notes):
    html = _live(client, "ドレイン")
    assert html.count('class="result"') == 1 and "See all results" not in html


@pytest.mark.django_db
def test_a_repeated_live_query_is_one_cache_read_and_new_notes_show_at_once(client, make, django_assert_num_queries):
    make.section(markdown="キャッシュされる結果")
    first = _live(client, "キャッシュ")
    with django_assert_num_queries(1):  # the content stamp and the fragment, in one cache read
        assert _live(client, "キャッシュ") == first
    make.section(markdown="キャッシュの後で追加")  # written like an import: the stamp moves
    html = _live(client, "キャッシュ")
    assert "キャッシュの後で追加" in html.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.django_db
def test_live_results_query_count_does_not_grow_with_results(client, make, django_assert_num_queries, settings):
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    shown = []
    for n in (2, 20):
        for _ in range(n):
            make.section(markdown="ブルーグリーン", topics=[make.topic(), make.topic()])
        cache.clear()
        # sections whose heading matches (none), then whose text does, with their files; topic links, aliases;
        # topics and aliases for the topic names that match
        with django_assert_num_queries(6):
            shown.append(_live(client, "ブルー").count('class="result"'))
    assert shown == [2, 10]


@pytest.mark.django_db
def test_live_results_are_cached_per_interface_language(client, make):
    make.section(markdown="言語ごとのキャッシュ")  # a section with no topic: listed under "Other notes"
    assert "Other notes" in _live(client, "言語ごと", HTTP_ACCEPT_LANGUAGE="en")
    assert "その他のノート" in _live(client, "言語ごと", HTTP_ACCEPT_LANGUAGE="ja")
    assert "Other notes" in _live(client, "言語ごと", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_long_or_many_word_live_queries_are_answered_but_not_cached(client, make, django_assert_num_queries):
    from studynotes import pagecache

    make.section(markdown="ローリングデプロイ" + "いろは" * 15 + " で 容量 を 保つ 方法で", topics=[make.topic()])
    long_query = "ローリングデプロイ" + "いろは" * 11  # 42 characters, one term
    many_terms = "ローリング デプロイ いろは 方法で"  # four words
    for q in (long_query, many_terms):
        _live(client, q)
        # searched again (headings, text, links, aliases) after reading the content stamp, which names the
        # topic index built for the first (the misspellings of a topic a term names): no fragment read or write
        with django_assert_num_queries(5):
            _live(client, q)
    assert "方法で" in _live(client, many_terms).replace("<mark>", "").replace("</mark>", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM kumo_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert [key for key in keys if ":notes:" in key] == [":1:" + pagecache.STAMP_KEY]


@pytest.mark.django_db
def test_live_results_list_heading_matches_first_and_search_the_text_only_from_three_characters(client, make):
    from studynotes.search import live_sections, search_sections

    note_file = make.note_file(name="a.md")
    in_text = make.section(note_file=note_file, heading="概要", markdown="ECS のタスク定義", order=1)
    in_heading = make.section(note_file=make.note_file(name="z.md"), heading="ECS タスク", markdown="本文", order=1)
    sections, searched_text = live_sections("タスク", limit=11)
    assert searched_text and sections == search_sections("タスク") == [in_heading, in_text]
    sections, searched_text = live_sections("EC", limit=11)
    assert not searched_text and sections == [in_heading]  # two characters: headings only
    html = _live(client, "EC")
    assert "Headings only: type three or more characters" in html and html.count('class="result"') == 1
    assert "Headings only" not in _live(client, "ECS")


@pytest.mark.django_db
def test_live_results_skip_the_text_search_when_headings_fill_the_list(make, django_assert_num_queries):
    from studynotes.search import live_sections

    note_file = make.note_file()
    for n in range(12):
        make.section(note_file=note_file, heading=f"Fargate {n}", markdown="Fargate", order=n)
    with django_assert_num_queries(2):  # headings, topic links (no topics: no aliases); the text is not searched
        sections, searched_text = live_sections("Fargate", limit=11)
    assert len(sections) == 11 and searched_text


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["Route 53", "컨텍스트 객체"])
def test_live_results_search_the_text_when_one_term_has_three_characters(client, make, q):
    # as on the page, the trigram index serves the longer term and narrows the rows the short one is looked for in
    from studynotes.search import live_sections

    section = make.section(heading="概要", language="ko", markdown="Route 53 장애 조치, 컨텍스트 객체를 핸들러에 전달")
    sections, searched_text = live_sections(q, limit=11)
    assert searched_text and sections == search_sections(q) == [section]
    html = _live(client, q)
    assert "1 matching section" in html and "Headings only" not in html


@pytest.mark.django_db
def test_live_results_that_searched_the_headings_only_do_not_say_nothing_matches(client, make):
    # "롤링" (two syllables) is in a note's text: the page finds it, so live results must not say nothing does
    make.section(heading="Deployment", language="ko", markdown="롤링 배포 (단계적 배포)")
    assert "1 matching section" in client.get("/search/", {"q": "롤링"}).content.decode()
    html = _live(client, "롤링")
    assert "Nothing matches" not in html and "No note section has" not in html
    assert "No heading has “롤링”." in html and "Headings only" in html
    assert 'href="/search/?q=%EB%A1%A4%EB%A7%81">See all results</a>' in html


@pytest.mark.django_db
def test_a_topic_name_or_alias_finds_the_topic_though_no_note_writes_it(client, make):
    from studynotes.models import TopicAlias

    topic = make.topic(slug="bg", name="Blue/Green deployment", names={"ja": "ブルー/グリーンデプロイ", "ko": "블루/그린 배포"})
    TopicAlias.objects.create(topic=topic, text="블루그린", language="ko")
    make.section(markdown="새 환경으로 전환한다", topics=[topic])
    for q in ("블루/그린", "블루그린", "ブルー", "blue green"):
        html = client.get("/search/", {"q": q}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        assert '<a href="/topics/bg/">블루/그린 배포</a>' in html.split('class="topic-matches"')[1], q
    live = client.get("/search/", {"q": "블루"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'class="topic-matches"' in live
    assert 'class="topic-matches"' not in client.get("/search/", {"q": "zzzz"}).content.decode()


@pytest.mark.django_db
def test_a_topic_with_no_notes_is_no_search_result_and_a_matched_topic_is_not_called_nothing(client, make):
    make.topic(slug="vpc", name="Amazon VPC")  # no section: its page says there is nothing to read
    bg = make.topic(slug="bg2", name="Blue/Green deployment", names={"ja": "ブルー/グリーンデプロイ"})
    make.section(markdown="新しい環境に切り替える", topics=[bg])
    html = client.get("/search/", {"q": "VPC"}).content.decode()
    assert "/topics/vpc/" not in html
    html = client.get("/search/", {"q": "ブルー"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/topics/bg2/" in html and "Nothing matches" not in html
    assert "No note section has “ブルー” in its words; the topics above are about it." in html


@pytest.mark.django_db
def test_a_topic_name_is_matched_across_its_spaces_only_from_the_start_of_a_word(client, make):
    from studynotes.search import matching_topics

    elb = make.topic(slug="elb", name="Elastic Load Balancing", aliases=[("ALB", "en")])
    policies = make.topic(
        slug="policies", name="Deployment policies", aliases=[("Rolling with additional batch", "en")]
    )
    route53 = make.topic(slug="route-53", name="Amazon Route 53")
    make.section(markdown="本文", topics=[elb, policies, route53])
    assert matching_topics(["ALB"]) == [elb]  # not "additionAL Batch"
    assert matching_topics(["route53"]) == [route53]
    assert matching_topics(["additionalbatch"]) == matching_topics(["batch"]) == [policies]
    html = client.get("/search/", {"q": "alb"}).content.decode()
    assert "/topics/elb/" in html and "/topics/policies/" not in html


@pytest.mark.django_db
def test_the_topic_a_query_names_in_full_comes_first(make):
    from studynotes.search import matching_topics

    ebextensions = make.topic(slug="ebextensions", name=".ebextensions configuration files")
    beanstalk = make.topic(slug="eb", name="Elastic Beanstalk", aliases=[("EB", "en")])
    route53 = make.topic(slug="route-53", name="Amazon Route 53", aliases=[("Route 53", "en")])
    dns = make.topic(slug="dns", name="Route 53 DNS")
    make.section(markdown="本文", topics=[ebextensions, beanstalk, route53, dns])
    assert matching_topics(["EB"]) == [beanstalk, ebextensions]  # a name match, but not what "EB" stands for
    assert matching_topics(["Route", "53"]) == [route53, dns]  # shorter, but not the name the query spells


@pytest.mark.django_db
def test_a_full_width_query_searches_as_its_half_width_letters(client, make):
    make.section(heading="Amazon S3", markdown="オブジェクトストレージ S3 のバケット")
    html = client.get("/search/", {"q": "ｓ３"}).content.decode()
    assert "1 matching section" in html and "バケット" in html


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["自動で２回まで", "自動で2回まで", "デッドレターキュー（DLQ", "ＥＣ２", "EC2"])
def test_text_pasted_or_typed_in_either_width_finds_a_note_written_in_full_width(client, make, q):
    # Japanese notes write "２回", "（" and "：" full-width: a query copied from the note, or typed by an IME,
    # must find it, and so must the same letters typed half-width.
    make.section(heading="デッドレターキュー（DLQ)", markdown="非同期呼び出し：自動で２回までリトライ、ＥＣ２ も")
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        html = client.get("/search/", {"q": q}, **headers).content.decode()
        assert "1 matching section" in html and "<mark>" in html, (q, headers)


def test_a_term_matches_as_typed_in_its_nfkc_form_and_in_full_width():
    from studynotes.search import variants

    assert variants("２回") == ["２回", "2回"]
    assert variants("EC2") == ["EC2", "ＥＣ２"]
    assert variants("ｽﾎﾟｯﾄ") == ["ｽﾎﾟｯﾄ", "スポット"]
    assert variants("배포") == ["배포"]
    assert str(highlight("自動で２回まで", ["2回"])) == "自動で<mark>２回</mark>まで"


def test_parse_query_takes_a_quoted_phrase_as_one_term_without_its_quotes():
    assert parse_query('"Elastic Beanstalk"') == ["Elastic Beanstalk"]
    assert parse_query("「自動 ドレイン」 ECS") == ["自動 ドレイン", "ECS"]
    assert parse_query("“Elastic  Beanstalk” deploy ＂Blue/Green＂ 『ECS Spot』") == [
        "Elastic Beanstalk", "deploy", "Blue/Green", "ECS Spot"]
    assert parse_query('"open ended') == ["open ended"]  # a quote left open runs to the end
    assert parse_query('x』y Beanstalk"') == ["x", "y", "Beanstalk"]  # a stray mark is no part of a term
    assert parse_query('"" 「」') == []


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"Elastic Beanstalk"', "「Elastic Beanstalk」", "＂Elastic Beanstalk＂",
                               "“elastic beanstalk”", "『Elastic Beanstalk』", '"Elastic Beanstalk'])
def test_a_quoted_query_finds_its_words_side_by_side(client, make, q, django_assert_num_queries):
    eb = make.topic(slug="eb", name="Elastic Beanstalk")
    together = make.section(heading="デプロイ", markdown="Elastic Beanstalk の環境を作る", topics=[eb])
    apart = make.section(heading="Beanstalk", markdown="Elastic Load Balancing と組み合わせる", topics=[eb])
    assert {s.pk for s in search_sections("Elastic Beanstalk")} == {together.pk, apart.pk}
    assert [s.pk for s in search_sections(q)] == [together.pk]  # a phrase: the words next to each other
    with django_assert_num_queries(5):  # as many as an unquoted query
        html = client.get("/search/", {"q": q}).content.decode()
    assert "1 matching section" in html and "<mark>Elastic Beanstalk</mark>" in html
    live = client.get("/search/", {"q": q}, HTTP_HX_REQUEST="true").content.decode()
    assert "<mark>Elastic Beanstalk</mark>" in live and "Elastic Load Balancing" not in live


@pytest.mark.django_db
def test_a_ligature_pasted_from_a_pdf_finds_the_plain_letters(client, make):
    # "conﬁguration" (U+FB01) casefolds to "configuration": its NFKC spelling was dropped as a duplicate of the
    # typed one, though neither the trigram index nor LIKE folds the ligature (the view's NFKC used to find it)
    from studynotes.search import variants

    assert "config" in variants("conﬁg")
    section = make.section(heading="Auto Scaling", markdown="Launch configuration と起動テンプレート")
    assert [s.pk for s in search_sections("conﬁguration")] == [section.pk]
    fine = make.section(heading="Fine-tuning", markdown="")
    # short: the LIKE fallback, where a word starts ("EB" is not found in "Web": test_search_precision.py)
    assert [s.pk for s in search_sections("ﬁ")] == [fine.pk]
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        html = client.get("/search/", {"q": "conﬁguration"}, **headers).content.decode()
        assert "<mark>configuration</mark>" in html, headers


@pytest.mark.django_db
def test_the_glossary_takes_the_korean_learners_spellings_of_draining(client, make):
    # A Korean learner types 드레인 (drain) as often as 드레이닝 (draining); the notes write ドレイン in Japanese.
    from studynotes.linking import sync_glossary
    from studynotes.models import Topic

    sync_glossary()
    topic = Topic.objects.get(slug="ecs-spot-draining")
    make.section(markdown="スポットインスタンスが自動的に「ドレイン」状態に設定されます", topics=[topic])
    for q in ("드레인", "드레이닝", "ドレイン"):
        html = client.get("/search/", {"q": q}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        assert 'class="topic-matches"' in html, q
        assert '<a href="/topics/ecs-spot-draining/">ECS 스팟 인스턴스 드레이닝</a>' in html.split('class="topic-matches"')[1], q


@pytest.mark.django_db
@pytest.mark.parametrize("q, slug", [("R53", "route-53"), ("r53", "route-53"), ("エックスレイ", "x-ray")])
def test_the_glossary_takes_the_learners_short_and_katakana_names_of_services(client, make, q, slug):
    # No note writes them, but learners type them: the page points to the topic rather than saying nothing matches.
    from studynotes.linking import sync_glossary
    from studynotes.models import Topic

    sync_glossary()
    make.section(markdown="Route 53 と X-Ray", topics=list(Topic.objects.filter(slug__in=["route-53", "x-ray"])))
    html = client.get("/search/", {"q": q}).content.decode()
    assert 'class="topic-matches"' in html
    assert f'href="/topics/{slug}/"' in html.split('class="topic-matches"')[1].split("</p>")[0]


@pytest.mark.django_db
def test_the_topics_label_of_the_results_is_one_message_with_its_colon(client, make):
    # as on the file page: a catalogue writing "：" is followed, not a colon the template adds
    from django.utils.translation import trans_real

    make.section(markdown="ブルーグリーンで切り替える", topics=[make.topic(name="Blue/Green", names={"ja": "ブルー/グリーン"})])
    catalog = trans_real.translation("ja")._catalog
    saved = catalog["Topics:"]
    catalog["Topics:"] = "トピック："
    try:
        html = client.get("/search/", {"q": "ブルー"}, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    finally:
        catalog["Topics:"] = saved
    assert '<p class="topic-matches">トピック：<a ' in html  # no space after the full-width colon



def test_parse_query_takes_commas_and_a_final_question_mark_as_the_sentences_not_the_terms():
    assert parse_query("ELB, S3") == parse_query("ELB,S3") == ["ELB", "S3"]
    assert parse_query("Lambda、リトライ") == parse_query("Lambda，リトライ") == ["Lambda", "リトライ"]
    assert parse_query("lambda? S3。 ELBって何？") == ["lambda", "S3", "ELBって何"]
    assert parse_query("1,000 .ebextensions ELB(ALB)") == ["1,000", ".ebextensions", "ELB(ALB)"]
    assert parse_query('"ELB, S3?" 、 ?') == ["ELB, S3?"]  # a quoted phrase is searched as written


def test_a_word_typed_in_hiragana_also_matches_in_katakana():
    from studynotes.search import variants

    assert variants("どれいん") == ["どれいん", "ドレイン"]
    assert variants("いみゅーたぶる") == ["いみゅーたぶる", "イミュータブル"]
    assert variants("ドレイン") == ["ドレイン"]
    assert variants("S3を追加") == ["S3を追加", "Ｓ３を追加"]  # mixed with kanji or Latin: written as meant
    assert str(highlight("自動ドレイン", ["どれいん"])) == "自動<mark>ドレイン</mark>"


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["ELB, S3", "ELB、S3", "s3?", "どれいん", "すぽっと どれいん"])
def test_learners_punctuation_and_unconverted_hiragana_find_the_section(client, make, q):
    section = make.section(
        language="ja", heading="ELB と S3", markdown="スポットインスタンスのドレインを有効にする"
    )
    assert [s.pk for s in search_sections(q)] == [section.pk]
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        html = client.get("/search/", {"q": q}, **headers).content.decode()
        assert section.get_absolute_url() in html and "<mark>" in html, headers


@pytest.mark.django_db
def test_a_topic_whose_name_the_query_types_in_hiragana_is_found(client, make):
    from studynotes.search import matching_topics

    lam = make.topic(slug="lambda", name="AWS Lambda", aliases=[("ラムダ", "ja")])
    make.section(markdown="本文", topics=[lam])
    assert matching_topics(["らむだ"]) == matching_topics(["ラムダ"]) == [lam]
    html = client.get("/search/", {"q": "らむだ"}).content.decode()
    assert 'class="topic-matches"' in html and "/topics/lambda/" in html.split('class="topic-matches"')[1]


@pytest.fixture
def misspelt(make):
    # the glossary lists the notes' own misspellings as hidden aliases ("Lamdba", ".ebextentions")
    from studynotes.models import TopicAlias

    lam = make.topic(slug="lambda", name="AWS Lambda", aliases=[("Lambda", "en"), ("ラムダ", "ja")])
    ebx = make.topic(slug="ebextensions", name=".ebextensions configuration files",
                     aliases=[(".ebextensions", "en"), ("ebextensions", "en")])
    policies = make.topic(slug="deployment-policies", name="Deployment policies",
                          aliases=[("Immutable", "en")])
    TopicAlias.objects.create(topic=lam, text="Lamdba", language="en", shown=False)
    TopicAlias.objects.create(topic=ebx, text=".ebextentions", language="en", shown=False)
    return {
        "lamdba": make.section(heading="Lamdba", markdown="非同期呼び出しは自動で２回までリトライされる", topics=[lam]),
        "ebextentions": make.section(heading=".ebextentions", markdown="設定ファイルを置くフォルダ", topics=[ebx]),
        "immutable": make.section(heading="Immutable", markdown="新しいインスタンスで入れ替える", topics=[policies]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("q, key, mark", [
    ("Lambda リトライ", "lamdba", "Lamdba"),
    ("らむだ、リトライ", "lamdba", "Lamdba"),  # the topic's Japanese alias, typed in hiragana, names it too
    ("Lambda 非同期 自動で リトライ", "lamdba", "Lamdba"),  # four words: live results not cached, found all the same
    ("ebextensions", "ebextentions", ".ebextentions"),
    (".EBEXTENSIONS", "ebextentions", ".ebextentions"),
])
def test_a_term_naming_a_topic_also_finds_the_notes_misspelling_of_it(client, misspelt, q, key, mark,
                                                                     django_assert_num_queries):
    section = misspelt[key]
    with django_assert_num_queries(5):  # as many as any query: the topic index also gives the misspellings
        html = client.get("/search/", {"q": q}).content.decode()
    results = html.split('class="topic-matches"')[-1]
    assert section.get_absolute_url() in results and f"<mark>{mark}</mark>" in results
    live = _live(client, q)
    assert section.get_absolute_url() in live and f"<mark>{mark}</mark>" in live


@pytest.mark.django_db
def test_only_the_misspellings_of_a_topic_the_query_names_in_full_are_searched(client, misspelt):
    from studynotes.search import topic_index

    index = topic_index()
    assert search_sections("Lamb", index=index) == []  # a part of the name names no topic
    assert search_sections("Lambda リトライ") == []  # without the index: as typed only
    # the deployment policies' other aliases name kinds of them, not spellings: "Immutable" is not searched
    assert search_sections('"Deployment policies"', index=index) == []
    html = client.get("/search/", {"q": "Deployment policies"}).content.decode()
    assert misspelt["immutable"].get_absolute_url() not in html and "<mark>Immutable" not in html
    assert misspelt["immutable"].get_absolute_url() not in _live(client, '"Deployment policies"')


@pytest.mark.django_db
def test_a_misspelling_the_term_finds_anyway_is_not_looked_up_again(make):
    from studynotes.models import TopicAlias
    from studynotes.search import topic_index, variants, with_misspellings

    cloudwatch = make.topic(slug="cloudwatch-typos", name="Amazon CloudWatch", aliases=[("CloudWatch", "en")])  # no glossary slug: no translations
    for typo in ("Cloudwatch", "CloudwatchLogs", "Cloud Watch"):
        TopicAlias.objects.create(topic=cloudwatch, text=typo, language="en", shown=False)
    make.section(markdown="Cloud Watch のメトリクス", topics=[cloudwatch])
    [term] = with_misspellings(["CloudWatch"], topic_index())
    assert variants(term) == ["CloudWatch", "ＣｌｏｕｄＷａｔｃｈ", "Cloud Watch"]


@pytest.mark.django_db
@pytest.mark.parametrize("q, key, typo, spelling", [
    ("Lamdba", "lamdba", "Lamdba", "Lambda"),
    ("lamdba リトライ", "lamdba", "Lamdba", "Lambda"),
    ("ＬＡＭＤＢＡ", "lamdba", "Lamdba", "Lambda"),
    (".ebextentions", "ebextentions", ".ebextentions", "ebextensions"),
    ("ebextentions", "ebextentions", "ebextentions", "ebextensions"),  # the file's dot left out
])
def test_a_term_that_is_a_misspelling_also_finds_the_right_spelling(client, misspelt, make, q, key, typo,
                                                                    spelling, django_assert_num_queries):
    from studynotes.models import Topic

    topic = Topic.objects.get(slug={"lamdba": "lambda", "ebextentions": "ebextensions"}[key])
    right = make.section(heading=f"{spelling} の再試行", markdown=f"{spelling} は失敗したイベントをリトライする",
                         topics=[topic])
    with django_assert_num_queries(5):  # as many as any query: the topic index also gives the right spellings
        html = client.get("/search/", {"q": q}).content.decode()
    results = html.split('class="topic-matches"')[-1]
    live = _live(client, q)
    for found in (results, live):
        assert right.get_absolute_url() in found and f"<mark>{spelling}</mark>" in found
        assert misspelt[key].get_absolute_url() in found and f"<mark>{typo}</mark>" in found
        assert misspelt["immutable"].get_absolute_url() not in found


@pytest.mark.django_db
def test_a_misspelling_finds_the_topics_names_and_close_aliases_not_its_kinds(client, make):
    from studynotes.models import TopicAlias
    from studynotes.search import topic_index, variants, with_misspellings

    blue_green = make.topic(slug="blue-green-deployment", name="Blue/Green deployment",
                            names={"ja": "ブルー/グリーンデプロイ"}, aliases=[("Blue/Green", "en"), ("Red/Black", "en")])
    policies = make.topic(slug="deployment-policies", name="Deployment policies",
                          aliases=[("deployment policy", "en"), ("Immutable", "en"), ("All at once", "en")])
    TopicAlias.objects.create(topic=blue_green, text="Bule/Green", language="en", shown=False)
    TopicAlias.objects.create(topic=policies, text="Deployment polices", language="en", shown=False)
    typo = make.section(heading="Bule/Green", markdown="インスタンス事入れ替える", topics=[blue_green])
    right = make.section(heading="Blue/Green の切替", markdown="Route53 で切り替える", topics=[blue_green])
    in_japanese = make.section(heading="切替", markdown="ブルー/グリーンデプロイで切り替える", topics=[blue_green])
    red_black = make.section(heading="Red/Black", markdown="赤と黒", topics=[blue_green])
    kind = make.section(heading="Immutable", markdown="Deployment policies の一つ", topics=[policies])
    other_kind = make.section(heading="All at once", markdown="一度にすべて", topics=[policies])
    index = topic_index()
    assert search_sections("Bule/Green", index=index) == [typo, right, in_japanese]
    for html in (client.get("/search/", {"q": "Bule/Green"}).content.decode(), _live(client, "Bule/Green")):
        assert right.get_absolute_url() in html and in_japanese.get_absolute_url() in html
        assert "<mark>Blue/Green</mark>" in html and "<mark>ブルー/グリーンデプロイ</mark>" in html
        assert red_black.get_absolute_url() not in html  # an alias, but not what "Bule/Green" misspells
    # the deployment policies' name and the alias close to the misspelling; never the kinds of policy
    [term] = with_misspellings(["Deployment polices"], index)
    assert variants(term)[-2:] == ["deployment policy", "Deployment policies"]
    assert search_sections('"Deployment polices"', index=index) == [kind]  # its text writes the name
    html = client.get("/search/", {"q": '"deployment polices"'}).content.decode()
    assert other_kind.get_absolute_url() not in html and "<mark>Immutable" not in html


@pytest.mark.django_db
def test_a_term_that_is_no_misspelling_is_searched_as_before(misspelt):
    from studynotes.search import Term, topic_index, variants, with_misspellings

    index = topic_index()
    typed = ["Lamdb", "Lamdba関数", "Immutable", "リトライ"]  # part of a misspelling, more than one, other words
    terms = with_misspellings(typed, index)
    assert not any(isinstance(term, Term) for term in terms)
    assert [variants(term) for term in terms] == [variants(term) for term in typed]
    assert search_sections("Lamdb", index=index) == [misspelt["lamdba"]]


@pytest.mark.django_db
def test_several_words_no_section_has_together_are_offered_one_at_a_time_with_the_topics_they_name(client, make):
    # "lambda retry": the notes say リトライ, so no section has both words; the page was a bare "Nothing matches"
    lam = make.topic(slug="lambda", name="AWS Lambda")
    make.section(heading="Lambda › リトライ", markdown="非同期呼び出し：自動で２回までリトライ", topics=[lam])
    for html in (client.get("/search/", {"q": "lambda retry"}).content.decode(), _live(client, "lambda retry")):
        assert "Nothing matches" not in html
        assert "No note section has all the words of “lambda retry”." in html
        assert '<a href="/search/?q=lambda">lambda</a> · <a href="/search/?q=retry">retry</a>' in html
        assert '<a href="/topics/lambda/">AWS Lambda</a>' in html.split("Topics named by one of the words:")[1]
    # one word, or words that match together: no such offer
    assert "one word at a time" not in client.get("/search/", {"q": "zzzz"}).content.decode()
    assert "one word at a time" not in client.get("/search/", {"q": "lambda リトライ"}).content.decode()
    html = client.get("/search/", {"q": "zzzz yyyy"}).content.decode()
    assert "one word at a time" in html and "Topics named by one of the words" not in html


@pytest.mark.django_db
def test_a_one_word_query_that_finds_nothing_offers_the_topics_it_misspells(client, make, django_assert_num_queries):
    # "lamda" said only "Nothing matches": no note writes it, and no topic name contains it
    lam = make.topic(slug="lambda", name="AWS Lambda", aliases=[("Lambda", "en")])
    make.section(heading="Lambda › リトライ", markdown="自動で２回までリトライ", topics=[lam])
    make.section(heading="Lake", markdown="データレイク", topics=[make.topic(slug="lake", name="Lake Formation")])
    with django_assert_num_queries(3):  # the sections and the topic index: the offer needs no query of its own
        page = client.get("/search/", {"q": "lamda"}).content.decode()
    for html in (page, _live(client, "lamda")):
        assert "Nothing matches “lamda”." in html
        offer = html.split("Did you mean:")[1].split("</p>")[0]
        assert '<a href="/topics/lambda/">AWS Lambda</a>' in offer and "/topics/lake/" not in offer
    # found something, several words or too short a word to guess from: no offer
    for q in ("lambda", "lamda retry", "lamd", "zzzz"):
        assert "Did you mean" not in client.get("/search/", {"q": q}).content.decode()


def test_the_topics_a_search_names_are_listed_in_the_languages_punctuation(client, make):
    # "トピック： Lambda, ラムダ関数": a space after the full-width colon and an English comma
    for name in ("Lambda Alpha", "Lambda Beta"):
        make.section(heading=name, markdown="本文", topics=[make.topic(name=name)])
    pages = {lang: client.get("/search/?q=Lambda", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
             for lang in ("ja", "ko", "en")}
    matches = {lang: html.split('class="topic-matches">')[1].split("</p>")[0] for lang, html in pages.items()}
    assert matches["ja"].startswith("トピック：<a ") and "</a>、<a " in matches["ja"]
    assert matches["ko"].startswith("토픽:\n") and "</a>, <a " in matches["ko"]  # the line break: a space
    assert matches["en"].startswith("Topics:\n") and "</a>, <a " in matches["en"]


@pytest.mark.django_db
def test_the_live_results_see_all_link_follows_a_japanese_full_stop_without_a_space(client, make):
    # 「…表示しています。 すべての結果を見る」: the line break before the link rendered as a space in Japanese
    note_file = make.note_file()
    for _ in range(12):
        make.section(note_file=note_file, markdown="ローリングデプロイ")
    make.section(note_file=make.note_file(name="z.md"), heading="EC 概要", markdown="本文")

    def paragraph(html, css):
        return html.split(f'<p class="{css}"><small>')[1].split("</small></p>")[0]

    ja = {"result-more": _live(client, "ローリング", HTTP_ACCEPT_LANGUAGE="ja"),
          "muted": _live(client, "EC", HTTP_ACCEPT_LANGUAGE="ja")}
    assert paragraph(ja["result-more"], "result-more").startswith("最初の 10 セクションを表示しています。<a ")
    headings_only = paragraph(ja["muted"], "muted")
    assert headings_only.startswith("見出しのみ：3 文字以上入力すると、ノートの本文も検索します。<a ")
    en = _live(client, "ローリング", HTTP_ACCEPT_LANGUAGE="en")
    assert paragraph(en, "result-more").startswith("Showing the first 10 sections.\n    <a ")  # a space


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["DLQ", "SQS"])
def test_a_misspelling_of_one_alias_is_not_searched_with_the_topics_other_names(client, make, q):
    from studynotes.models import TopicAlias

    sqs = make.topic(slug="sqs", name="Amazon SQS", aliases=[("SQS", "en"), ("DLQ", "en"), ("VisibilityTimeout", "en")])
    TopicAlias.objects.create(topic=sqs, text="VisibkityTimeout", language="en", shown=False)
    timeout = make.section(heading="リトライ", markdown="VisibkityTimeout を関数のタイムアウトより長くする", topics=[sqs])
    dlq = make.section(heading="デッドレターキュー（DLQ)", markdown="SQS キューに失敗したイベントを送る", topics=[sqs])

    # the queue's other names do not mean its visibility timeout
    for html in (client.get("/search/", {"q": q}).content.decode(), _live(client, q)):
        assert dlq.get_absolute_url() in html
        assert timeout.get_absolute_url() not in html and "VisibkityTimeout" not in html
    # the alias it misspells still finds it
    html = client.get("/search/", {"q": "VisibilityTimeout"}).content.decode()
    assert timeout.get_absolute_url() in html and "<mark>VisibkityTimeout</mark>" in html
