"""Topic page: ja and ko sections side by side, source and line span, corrections, related topics."""

import pytest

from studynotes.models import NoteCorrection

pytestmark = pytest.mark.django_db


def test_topic_page_shows_japanese_and_korean_sections_in_their_own_columns(client, make):
    topic = make.topic(slug="blue-green", name="Blue/Green deployment")
    ja = make.section(language="ja", heading="ブルーグリーン", markdown="環境を入れ替える", topics=[topic])
    ko = make.section(language="ko", heading="블루그린", markdown="환경을 교체한다", topics=[topic])

    response = client.get("/topics/blue-green/")

    assert response.status_code == 200
    assert response.context["ja_sections"] == [ja]
    assert response.context["ko_sections"] == [ko]
    html = response.content.decode()
    assert 'id="col-ja"' in html and 'id="col-ko"' in html
    assert "環境を入れ替える" in html and "환경을 교체한다" in html


def test_each_section_names_its_source_file_line_span_and_language(client, make):
    topic = make.topic(slug="canary")
    section = make.section(language="ko", heading="카나리아", topics=[topic])

    html = client.get("/topics/canary/").content.decode()

    assert section.note_file.name in html
    assert f'href="/files/{section.note_file_id}/#s{section.pk}"' in html
    assert "lines 1–3" in html
    assert "Korean" in html
    assert 'lang="ko"' in html


def test_active_corrections_are_shown_on_their_section_and_inactive_ones_are_not(client, make):
    topic = make.topic(slug="eb")
    section = make.section(topics=[topic])
    NoteCorrection.objects.create(
        section=section,
        key="a",
        claim="Immutable は一度にすべて",
        correction={"en": "Immutable launches new instances."},
        reference_url="https://docs.aws.amazon.com/elasticbeanstalk/",
        reference_title="EB deployment policies",
    )
    NoteCorrection.objects.create(
        section=section,
        key="b",
        claim="old claim",
        correction={"en": "Withdrawn."},
        reference_url="https://example.com/",
        active=False,
    )

    html = client.get("/topics/eb/").content.decode()

    assert "the AWS documentation says otherwise" in html
    assert "<del>Immutable は一度にすべて</del>" in html
    assert "Immutable launches new instances." in html
    assert 'href="https://docs.aws.amazon.com/elasticbeanstalk/"' in html
    assert "EB deployment policies" in html
    assert "Withdrawn." not in html


def test_two_claims_the_same_documentation_contradicts_share_one_correction(client, make):
    topic = make.topic(slug="eb")
    section = make.section(topics=[topic])
    for key, claim in (("a", "Bule/Green › Rolling with additional batch"), ("b", "Immutable：(URL Swap)による切替")):
        NoteCorrection.objects.create(
            section=section, key=key, claim=claim,
            correction={"en": "Every deployment policy deploys within the same environment."},
            reference_url="https://docs.aws.amazon.com/elasticbeanstalk/", reference_title="EB deployment policies")
    for url in ("/topics/eb/", section.note_file.get_absolute_url()):
        html = client.get(url).content.decode()
        assert html.count("Every deployment policy deploys within the same environment.") == 1, url
        assert html.count('class="correction"') == 1
        assert "<del>Bule/Green › Rolling with additional batch</del>" in html
        assert "<del>Immutable：(URL Swap)による切替</del>" in html


def test_a_corrected_line_is_marked_on_the_topic_page_and_linked_both_ways(client, make):
    from studynotes.rendering import render_markdown

    topic = make.topic(slug="nlb")
    section = make.section(topics=[topic], markdown="| LB | UDP |\n|---|---|\n| ALB | ○ |\n| NLB | × |")
    section.html, section.line_start, section.line_end = render_markdown(section.markdown), 10, 14
    section.save()
    correction = NoteCorrection.objects.create(
        section=section, key="udp", claim="NLB — UDP：×", correction={"en": "NLB supports UDP."},
        reference_url="https://docs.aws.amazon.com/elasticloadbalancing/", line_start=14, line_end=14)

    html = client.get("/topics/nlb/").content.decode()

    assert (f'<tr>\n<td><a class="corrected-label" id="corrected-{correction.pk}" href="#correction-{correction.pk}" '
            'lang="en">Corrected below</a> NLB</td>') in html
    assert f'<blockquote id="correction-{correction.pk}" lang="ja">' in html
    assert f'<a class="correction-back" href="#corrected-{correction.pk}" lang="en">Back to the line</a>' in html


ABOUT = ("<p class=\"about-page\">This page gathers the learners' notes on this topic from every language, shown as "
         "written (not translated).")
ABOUT_CORRECTED = ("Lines marked “Corrected below” were checked against the AWS documentation: the correction is at "
                   "the end of their section.")


def test_the_topic_page_says_its_notes_are_the_learners_own_untranslated_and_what_a_corrected_line_is(client, make):
    # An English reader met "Japanese notes" and "Korean notes" columns with nothing saying what they were
    make.section(topics=[make.topic(slug="alb-about")], markdown="ALB は HTTP を扱う")
    plain = client.get("/topics/alb-about/").content.decode()
    assert ABOUT in plain and ABOUT_CORRECTED not in plain  # no line marked: no word of marks
    section = make.section(topics=[make.topic(slug="nlb-about")], markdown="NLB は UDP 非対応")
    NoteCorrection.objects.create(section=section, key="udp", claim="NLB は UDP 非対応", correction={"en": "It does."},
                                  reference_url="https://docs.aws.amazon.com/elasticloadbalancing/", line_start=3)
    marked = client.get("/topics/nlb-about/").content.decode()
    assert marked.count('class="corrected-label"') == 1
    assert f"{ABOUT} {ABOUT_CORRECTED}</p>" in marked
    make.topic(slug="empty-about")
    assert "about-page" not in client.get("/topics/empty-about/").content.decode()  # no notes: nothing to explain


def test_correction_is_shown_in_the_interface_language_when_available(client, make):
    topic = make.topic(slug="eb-ja")
    section = make.section(topics=[topic])
    NoteCorrection.objects.create(
        section=section,
        key="a",
        claim="x",
        correction={"en": "In English.", "ja": "日本語で。"},
        reference_url="https://docs.aws.amazon.com/",
    )

    html = client.get("/topics/eb-ja/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "日本語で。" in html
    assert "In English." not in html


def test_related_topics_are_those_sharing_sections_most_shared_first(client, make):
    topic = make.topic(slug="deploy")
    often = make.topic(name="Often together")
    once = make.topic(name="Once together")
    unrelated = make.topic(name="Unrelated")
    make.section(topics=[topic, often, once])
    make.section(topics=[topic, often])
    make.section(topics=[unrelated])

    response = client.get("/topics/deploy/")

    assert [(t.name, t.shared) for t in response.context["related"]] == [
        ("Often together", 2),
        ("Once together", 1),
    ]


def test_retired_sections_do_not_show(client, make):
    topic = make.topic(slug="r")
    section = make.section(markdown="retired text", topics=[topic])
    section.retired = True
    section.save()

    assert "retired text" not in client.get("/topics/r/").content.decode()


def test_breadcrumbs_lead_home_through_the_domain(client, make):
    make.section(topics=[make.topic(slug="lambda", name="Lambda", domain="compute")])

    html = client.get("/topics/lambda/").content.decode()

    assert 'aria-label="Breadcrumb"' in html
    assert 'href="/#domain-compute"' in html
    ja = client.get("/topics/lambda/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert 'aria-label="パンくずリスト"' in ja  # in the interface language, as every other label


def test_topic_page_has_the_block_for_topic_actions(client, make):
    make.section(topics=[make.topic(slug="t")])
    assert 'class="topic-actions"' in client.get("/topics/t/").content.decode()


def test_unknown_topic_is_404_with_the_custom_page(client, db):
    response = client.get("/topics/no-such-topic/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_bad_slug_characters_are_404_not_500(client, db):
    assert client.get("/topics/%E3%81%82%27%22/").status_code == 404


def test_topic_query_count_does_not_grow_with_sections(client, make, django_assert_num_queries, settings):
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    topic = make.topic(slug="many")

    def add(n):
        for i in range(n):
            other = make.topic()
            section = make.section(language="ja" if i % 2 else "ko", topics=[topic, other])
            NoteCorrection.objects.create(
                section=section,
                key="k",
                claim="c",
                correction={"en": "e"},
                reference_url="https://docs.aws.amazon.com/",
                line_start=3,  # the section's one line ("本文", file line 3): marked, its Markdown read with it
            )

    add(2)
    # Rendering (a cache miss): topic, its aliases, sections with files, their active corrections (and their
    # sections' Markdown), related topics, whether it has questions
    with django_assert_num_queries(6):
        client.get("/topics/many/")
    add(15)
    cache.clear()
    with django_assert_num_queries(6):
        response = client.get("/topics/many/")
    assert response.context["section_count"] == 17
    assert response.content.decode().count('class="corrected-label"') == 17
    with django_assert_num_queries(0):  # from the cache, with its note on the marked lines
        assert "were checked against the AWS documentation" in client.get("/topics/many/").content.decode()


def test_a_busy_topic_is_shown_in_pages_of_sections(client, make, django_assert_num_queries, monkeypatch, settings):
    from studynotes import views

    monkeypatch.setattr(views, "TOPIC_SECTIONS_PER_PAGE", 4)
    topic = make.topic(slug="busy")
    for i in range(10):
        make.section(language="ja" if i % 2 else "ko", topics=[topic], heading=f"Busy {i:02d}")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    # topic, aliases, one page of sections, their corrections, related topics, the count, whether it has questions
    with django_assert_num_queries(7):
        first = client.get("/topics/busy/")
    # 5 sections in each language, 4 a page: pages of 4 + 4, then 1 + 1
    assert first.context["section_count"] == 10 and first.context["pages"] == 2
    assert len(first.context["ja_sections"]) == len(first.context["ko_sections"]) == 4
    body = first.content.decode()
    assert 'href="?page=2"' in body and "Page 1 of 2" in body and 'rel="prev"' not in body
    last = client.get("/topics/busy/?page=2")
    assert len(last.context["ja_sections"]) == len(last.context["ko_sections"]) == 1
    assert 'href="?page=1" rel="prev"' in last.content.decode() and 'rel="next"' not in last.content.decode()
    assert client.get("/topics/busy/?page=3").status_code == 404


def test_each_page_of_a_busy_topic_keeps_both_languages_side_by_side(client, make, django_assert_num_queries,
                                                                       settings):
    # the view's own cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    topic = make.topic(slug="class-notes")
    # The class's Japanese file sorts first and has more than a page; the Korean one fewer than a page.
    ja_file, ko_file = make.note_file(name="a-ja.md"), make.note_file(name="b-ko.md")
    ja = [make.section(note_file=ja_file, language="ja", topics=[topic], order=i) for i in range(35)]
    ko = [make.section(note_file=ko_file, language="ko", topics=[topic], order=i) for i in range(5)]

    with django_assert_num_queries(7):  # as any topic of more than one page
        first = client.get("/topics/class-notes/", HTTP_ACCEPT_LANGUAGE="en")
    assert first.context["ja_sections"] == ja[:30] and first.context["ko_sections"] == ko
    html = first.content.decode()
    assert "Page 1 of 2" in html and "Japanese 1–30 of 35 · Korean 1–5 of 5" in html
    assert f'href="/files/{ko_file.pk}/#s{ko[0].pk}"' in html

    with django_assert_num_queries(7):
        second = client.get("/topics/class-notes/?page=2", HTTP_ACCEPT_LANGUAGE="en")
    assert second.context["ja_sections"] == ja[30:] and second.context["ko_sections"] == []
    html = second.content.decode()
    assert "Page 2 of 2" in html and "Japanese 31–35 of 35 · Korean: none on this page (5 in all)" in html
    assert f'href="/files/{ja_file.pk}/#s{ja[34].pk}"' in html
    korean = html.split('id="col-ko"')[1].split("</section>")[0]
    assert "The Korean notes on this topic end on page 1." in korean and 'href="?page=1"' in korean
    assert "No Korean notes on this topic yet." not in korean


def test_a_page_past_the_end_is_404_and_a_bad_page_number_is_the_first_page(client, make):
    topic = make.topic(slug="short")
    make.section(topics=[topic])
    assert client.get("/topics/short/?page=2").status_code == 404
    response = client.get("/topics/short/?page=abc")
    assert response.status_code == 200 and response.context["page"] == 1
    assert "pager" not in response.content.decode()


def test_the_topic_page_is_titled_in_the_interface_language_with_the_english_name_beside(client, make):
    topic = make.topic(slug="canary", name="Canary deployment", names={"ja": "カナリアデプロイ"})
    make.section(topics=[topic])
    ja = client.get("/topics/canary/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    en = client.get("/topics/canary/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>カナリアデプロイ</h1>" in ja and '<span lang="en">Canary deployment</span>' in ja
    assert "<title>カナリアデプロイ" in ja
    assert "<h1>Canary deployment</h1>" in en and "カナリアデプロイ" not in en


def test_a_topic_without_questions_says_so_instead_of_offering_practice(client, make, django_user_model):
    from quiz.models import Question

    empty, full = make.topic(slug="empty-topic"), make.topic(slug="full-topic")
    make.section(topics=[empty, full])
    user = django_user_model.objects.create_user("reader", password="pw-12345-long")
    client.force_login(user)
    assert "Practise this topic" not in client.get("/topics/empty-topic/").content.decode()
    assert "no questions to practise here yet" in client.get("/topics/empty-topic/").content.decode()
    Question.objects.create(topic=full, type="definition_to_term", stem={"en": "Which?"}, options=[],
                            languages=["en"], identity="t-full-1", status=Question.Status.DRAFT)
    assert "Practise this topic" in client.get("/topics/full-topic/").content.decode()


def test_a_page_number_beyond_any_offset_answers_404_not_500(client, make):
    make.section(topics=[make.topic(slug="paged", name="Paged")])
    response = client.get("/topics/paged/", {"page": "9" * 25})
    assert response.status_code == 404


def test_each_group_of_aliases_is_marked_with_its_language_and_labelled_in_the_interfaces(client, make):
    topic = make.topic(slug="bg-alias", name="Blue/Green", aliases=[("ブルーグリーン", "ja"), ("블루그린", "ko")])
    make.section(language="ja", topics=[topic])
    html = client.get("/topics/bg-alias/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    aliases = html.split('class="aliases"')[1].split("</p>")[0]
    assert '<span class="lang-badge">Japanese</span> <span lang="ja">ブルーグリーン</span>' in aliases
    assert '<span class="lang-badge">Korean</span> <span lang="ko">블루그린</span>' in aliases


def test_the_glossarys_misspellings_link_sections_but_are_not_among_the_topics_names(client):
    from studynotes.importer import import_file

    import_file("n.md", "# CloudwatchLogs\nログを確認する\n# Dynamo DB\nテーブル\n".encode())

    for slug, typo, spelling in [("cloudwatch", "CloudwatchLogs", "CloudWatch Logs"),
                                 ("dynamodb", "Dynamo DB", "DynamoDB")]:
        response = client.get(f"/topics/{slug}/")
        names = response.content.decode().split('class="aliases"')[1].split("</p>")[0]
        assert spelling in names and typo not in names, slug
        assert [s.heading for s in response.context["ja_sections"]] == [typo]


def test_a_one_line_section_says_its_line_not_a_span_from_it_to_itself(client, make):
    from studynotes.models import Section

    topic = make.topic(slug="lambda")
    section = make.section(language="ja", heading="Lambda", topics=[topic])
    Section.objects.filter(pk=section.pk).update(line_start=7, line_end=7)

    assert "line 7<" in client.get("/topics/lambda/").content.decode()
    for language, said in [("ja", "7 行目"), ("ko", "7행")]:
        html = client.get(f"/files/{section.note_file_id}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert said in html and "7–7" not in html and "7〜7" not in html and "7~7" not in html


def test_image_placeholders_follow_the_interface_language_on_each_cached_page(client, make):
    from django.utils import translation

    from studynotes.models import Section
    from studynotes.rendering import render_markdown

    topic = make.topic(slug="diagram", name="Diagram")
    section = make.section(language="ja", markdown="図", topics=[topic])
    with translation.override("ja"):  # as the importer renders a Japanese note
        Section.objects.filter(pk=section.pk).update(html=render_markdown("![図](https://e.example/a.png)"))
    for _ in range(2):  # a miss, then the page from the cache of each language
        ko = client.get("/topics/diagram/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        ja = client.get("/topics/diagram/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
        assert '<span class="image-label" lang="ko">원격 이미지(불러오지 않음)</span>' in ko and "リモート" not in ko
        assert '<span class="image-label">リモート画像（読み込みません）</span>' in ja


def test_a_japanese_page_lists_aliases_with_the_japanese_separator_and_counts_lines_as_lines(client, make):
    # "ブルーグリーン, B/G" and "3〜46 行" read as English inside Japanese text
    topic = make.topic(slug="bg-sep", name="Blue/Green", aliases=[("ブルーグリーン", "ja"), ("B/G", "ja"),
                                                                 ("블루그린", "ko"), ("블루/그린", "ko")])
    make.section(language="ja", topics=[topic])
    pages = {lang: client.get("/topics/bg-sep/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
             for lang in ("ja", "ko", "en")}
    assert '<span lang="ja">B/G、ブルーグリーン</span>' in pages["ja"]
    assert '<span lang="ja">B/G, ブルーグリーン</span>' in pages["ko"]
    assert '<span lang="ko">블루/그린, 블루그린</span>' in pages["en"]
    assert "1〜3 行目" in pages["ja"] and "1~3행" in pages["ko"] and "lines 1–3" in pages["en"]
    # a count and its unit stay on one line (app.css: .count)
    assert '<span class="count">1 セクション</span>' in pages["ja"]
