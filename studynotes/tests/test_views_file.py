"""Source-file page: the whole file, an anchor per section."""

import re
from datetime import datetime, timezone

import pytest

from studynotes.models import NoteFile

pytestmark = pytest.mark.django_db


def test_file_page_renders_every_active_section_in_order_with_its_anchor(client, make):
    note_file = make.note_file(name="deploy-notes.md")
    second = make.section(note_file=note_file, markdown="後の節", order=2)
    first = make.section(note_file=note_file, markdown="最初の節", order=1)
    retired = make.section(note_file=note_file, markdown="消えた節", order=3)
    retired.retired = True
    retired.save()

    response = client.get(f"/files/{note_file.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(f'id="{first.anchor}"') < html.index(f'id="{second.anchor}"')
    assert "最初の節" in html and "後の節" in html
    assert "消えた節" not in html
    assert first.get_absolute_url() == f"/files/{note_file.pk}/#{first.anchor}"


def test_file_page_links_each_section_to_its_topics(client, make):
    topic = make.topic(slug="x-ray", name="X-Ray")
    section = make.section(topics=[topic])

    html = client.get(f"/files/{section.note_file_id}/").content.decode()

    assert 'href="/topics/x-ray/"' in html


def test_retired_file_is_404(client, make):
    note_file = make.note_file()
    note_file.retired = True
    note_file.save()

    assert client.get(f"/files/{note_file.pk}/").status_code == 404


def test_unknown_file_id_is_404(client, db):
    assert client.get("/files/999999/").status_code == 404
    assert client.get("/files/abc/").status_code == 404


def test_file_query_count_does_not_grow_with_sections(client, make, django_assert_num_queries):
    note_file = make.note_file()

    def add(n):
        for _ in range(n):
            make.section(note_file=note_file, topics=[make.topic()])

    add(2)
    with django_assert_num_queries(4):  # file, sections, their topics, their active corrections
        client.get(f"/files/{note_file.pk}/")
    add(10)
    with django_assert_num_queries(4):
        client.get(f"/files/{note_file.pk}/")


@pytest.mark.parametrize("pk", ["99999999999999999999999999", "9223372036854775808"])
def test_a_file_id_beyond_the_integer_range_is_404_not_500(client, pk):
    assert client.get(f"/files/{pk}/").status_code == 404


def test_image_placeholders_in_a_note_speak_the_readers_language(client, settings, tmp_path):
    from studynotes.importer import import_upload
    from studynotes.models import NoteFile

    settings.MEDIA_ROOT = tmp_path / "media"
    note = "# 構成\n構成図です。\n![構成図](https://e.example/a.png)\n![](C:\\notes\\b.png)\n"
    import_upload([("deploy.md", note.encode())])
    url = f"/files/{NoteFile.objects.get().pk}/"
    ko = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ('<span class="image-placeholder image-remote"><span class="image-label" lang="ko">원격 이미지(불러오지 않음)'
            '</span> <a href="https://e.example/a.png" rel="noopener noreferrer nofollow">構成図</a>') in ko
    assert '<span class="image-label" lang="ko">이미지 없음</span> <span class="image-alt">b.png' in ko
    assert "リモート画像" not in ko and "画像がありません" not in ko
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="image-label" lang="en">Remote image (not loaded)</span>' in en
    ja = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()  # the note's language: no lang needed
    assert '<span class="image-label">リモート画像（読み込みません）</span>' in ja


# --- a source link's cited lines, and the way back to the question ------------------------------------------


def cited_section(make, note_file=None):
    """A section of a list, its Markdown on file lines 20 to 22."""
    from studynotes.rendering import render_markdown

    markdown = "- 一つ目の行\n- 引用される行\n- 三つ目の行"
    section = make.section(note_file=note_file, markdown=markdown)
    section.html, section.line_start, section.line_end = render_markdown(markdown), 19, 22
    section.save()
    return section


def test_a_source_link_marks_and_anchors_the_cited_lines(client, make):
    section = cited_section(make)

    html = client.get(f"/files/{section.note_file_id}/", {"hl": f"{section.pk}:21"}).content.decode()

    cited = re.findall(r'<li class="cited" id="cited"><span class="cited-label" lang="en">Cited in the question</span> '
                       r'(\S+)<', html)
    assert cited == ["引用される行"]  # the link's #cited lands here, said in words and not by colour alone
    assert html.count("cited-label") == 1 and "<li>一つ目の行</li>" in html


def test_a_cited_line_not_found_marks_the_whole_section(client, make):
    section = cited_section(make)

    html = client.get(f"/files/{section.note_file_id}/", {"hl": f"{section.pk}:90"}).content.decode()

    assert '<div class="note-body cited" id="cited" lang="ja"><span class="cited-label" lang="en">' in html


@pytest.mark.parametrize("hl_line", [21, 90])  # a line found, and one not found (the whole section)
def test_the_cited_label_is_marked_in_the_readers_language_inside_the_notes(client, make, hl_line):
    """The label sits in the note's lang="ja": unmarked, a screen reader reads the Korean words in Japanese."""
    section = cited_section(make)
    client.cookies["django_language"] = "ko"

    html = client.get(f"/files/{section.note_file_id}/", {"hl": f"{section.pk}:{hl_line}"}).content.decode()

    assert html.count('<span class="cited-label" lang="ko">문제에서 인용한 부분</span>') == 1


def test_another_sections_or_a_bad_hl_marks_nothing(client, make):
    section = cited_section(make)
    for hl in (f"{section.pk + 1000}:21", "abc", f"{section.pk}:21-x"):
        html = client.get(f"/files/{section.note_file_id}/", {"hl": hl}).content.decode()
        assert "cited" not in html.split("</header>", 1)[1]


def test_a_source_link_adds_no_query(client, make, learner, django_assert_num_queries, settings):
    from studynotes import citing

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own

    section = cited_section(make)
    client.force_login(learner)
    back = citing.back_token(learner.pk, "/quiz/practice/x/1/")
    url = f"/files/{section.note_file_id}/"
    # the session with its user (one join); file, sections, their topics, their active corrections
    with django_assert_num_queries(5):
        client.get(url)
    with django_assert_num_queries(5):
        html = client.get(url, {"hl": f"{section.pk}:21", "back": back}).content
    assert b'id="cited"' in html and b"Back to the question" in html


def test_where_the_lines_are_is_found_once_per_section_until_the_notes_change(client, make, monkeypatch):
    from studynotes import citing, rendering
    from studynotes.pagecache import bump_content_stamp
    from studynotes.rendering import render_markdown

    rendered = []

    def counting(text, *args, **kwargs):
        rendered.append(text)
        return rendering.markdown_to_html(text, *args, **kwargs)

    monkeypatch.setattr(citing, "markdown_to_html", counting)
    section = cited_section(make)
    url = f"/files/{section.note_file_id}/"
    assert b'id="cited">' in client.get(url, {"hl": f"{section.pk}:21"}).content
    assert rendered  # each Markdown line rendered alone, to find it in the HTML

    # before, every source link rendered each line of the section again (20 ms for a section of 330 lines)
    rendered.clear()
    html = client.get(url, {"hl": f"{section.pk}:22"}).content.decode()
    assert rendered == [] and '<li class="cited" id="cited">' in html and "三つ目の行" in html.split('id="cited"')[1]

    # the notes change (an import bumps the stamp): found again in the new text
    section.markdown = "- 新しい行\n- 一つ目の行\n- 引用される行\n- 三つ目の行"
    section.html, section.line_end = render_markdown(section.markdown), 23  # lines 20 to 23 now
    section.save()
    bump_content_stamp()
    html = client.get(url, {"hl": f"{section.pk}:22"}).content.decode()
    assert rendered and re.findall(r'id="cited"><span class="cited-label" lang="en">[^<]*</span> (\S+)<', html) == [
        "引用される行"]


def test_a_learners_source_link_leads_back_to_their_question(client, make, learner, other_learner):
    from studynotes import citing

    section = cited_section(make)
    url = f"/files/{section.note_file_id}/"
    query = {"hl": f"{section.pk}:21", "back": citing.back_token(learner.pk, "/quiz/practice/x/1/")}

    client.force_login(learner)
    html = client.get(url, query).content.decode()
    back_link = '<p class="back-to-question"><a href="/quiz/practice/x/1/">Back to the question</a></p>'
    assert html.count(back_link) == 2  # under the title, and under the cited section

    client.force_login(other_learner)  # the same link, shared: no way into someone else's answers
    assert "Back to the question" not in client.get(url, query).content.decode()
    client.logout()
    assert "Back to the question" not in client.get(url, query).content.decode()


def test_learners_see_the_notes_title_not_its_file_name(client, make, instructor):
    note_file = make.note_file(name="004_e9cc76d6e1cfad47.txt")
    note_file.title = "Lambda のまとめ"
    note_file.save()
    make.section(note_file=note_file)

    html = client.get(f"/files/{note_file.pk}/").content.decode()
    assert "<title>Lambda のまとめ" in html and "<h1>Lambda のまとめ</h1>" in html
    assert "004_e9cc76d6e1cfad47" not in html

    client.force_login(instructor)  # instructors manage files by name
    html = client.get(f"/files/{note_file.pk}/").content.decode()
    assert '<span class="file-name">004_e9cc76d6e1cfad47.txt</span>' in html


def test_the_import_time_is_written_as_elsewhere_in_the_readers_time_zone(learner_client, make):
    note_file = make.note_file()
    NoteFile.objects.filter(pk=note_file.pk).update(imported_at=datetime(2026, 11, 27, 22, 44, tzinfo=timezone.utc))
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    html = learner_client.get(f"/files/{note_file.pk}/").content.decode()
    # it was "11/27/2026 10:44 p.m.": the locale's short format, with no zone, unlike the other pages' times
    assert '<time datetime="2026-11-28T07:44:00+09:00">imported 2026-11-28 07:44</time>' in html
    assert "<small>Times are in Asia/Tokyo.</small>" in html


def test_a_file_without_a_title_is_shown_by_its_name(client, make):
    section = make.section(note_file=make.note_file(name="plain.md"))
    assert "<h1>plain.md</h1>" in client.get(f"/files/{section.note_file_id}/").content.decode()


# --- corrections: the corrected line marked, linked to its correction and back ----------------------------


def correct(section, line, claim="引用される行", key="k", text="AWS says otherwise.", line_end=None):
    from studynotes.models import NoteCorrection

    return NoteCorrection.objects.create(
        section=section, key=key, claim=claim, correction={"en": text}, reference_url="https://docs.aws.amazon.com/",
        reference_title="AWS page", line_start=line, line_end=line_end or line)


def test_a_corrected_line_is_marked_with_a_link_to_its_correction_which_links_back(client, make):
    section = cited_section(make)
    correction = correct(section, 21)

    html = client.get(f"/files/{section.note_file_id}/").content.decode()

    assert (f'<li>一つ目の行</li>\n<li><a class="corrected-label" id="corrected-{correction.pk}" '
            f'href="#correction-{correction.pk}" lang="en">Corrected below</a> 引用される行</li>') in html
    assert (f'<blockquote id="correction-{correction.pk}" lang="ja"><span class="sr-only" lang="en">Your note says: '
            f'</span><del>引用される行</del> <a class="correction-back" href="#corrected-{correction.pk}" lang="en">'
            "Back to the line</a></blockquote>") in html
    assert html.count("corrected-label") == 1


def test_a_correction_without_lines_or_with_lines_outside_its_section_keeps_the_box_alone(client, make):
    section = cited_section(make)  # lines 20 to 22
    old = correct(section, None, key="old")  # written before lines were kept
    stale = correct(section, 40, key="stale", claim="stale")

    html = client.get(f"/files/{section.note_file_id}/").content.decode()

    assert "corrected-label" not in html and "correction-back" not in html
    for correction in (old, stale):
        assert f'<blockquote id="correction-{correction.pk}" lang="ja"><span class="sr-only" lang="en">' in html


def test_the_quote_tells_screen_readers_it_is_the_learners_note_in_their_language(client, make):
    section = cited_section(make)
    correct(section, 21)
    client.cookies["django_language"] = "ko"

    html = client.get(f"/files/{section.note_file_id}/").content.decode()

    assert re.search(r'<span class="sr-only" lang="ko">[^<]+</span><del>引用される行</del>', html)


def test_several_corrections_of_a_section_are_one_box_with_an_entry_each(client, make):
    section = cited_section(make)
    first = correct(section, 20, key="a", claim="一つ目の行", text="First.")
    second = correct(section, 22, key="b", claim="三つ目の行", text="Third.")

    html = client.get(f"/files/{section.note_file_id}/").content.decode()

    assert html.count('<aside class="correction"') == 1 and 'aria-label="Corrections"' in html
    box = html.split('<ul class="correction-list">', 1)[1].split("</ul>", 1)[0]
    entries = box.split("<li>")[1:]
    assert len(entries) == 2
    for correction, text, entry in ((first, "First.", entries[0]), (second, "Third.", entries[1])):
        assert f'id="correction-{correction.pk}"' in entry and f'href="#corrected-{correction.pk}"' in entry
        assert text in entry and 'href="https://docs.aws.amazon.com/"' in entry
        assert f'id="corrected-{correction.pk}" href="#correction-{correction.pk}"' in html


def test_one_correction_is_no_list(client, make):
    section = cited_section(make)
    correct(section, 21)
    html = client.get(f"/files/{section.note_file_id}/").content.decode()
    assert 'aria-label="Correction"' in html and "correction-list" not in html


def test_a_cited_and_corrected_line_carries_both_labels(client, make):
    section = cited_section(make)
    correction = correct(section, 21)

    html = client.get(f"/files/{section.note_file_id}/", {"hl": f"{section.pk}:21"}).content.decode()

    assert ('<li class="cited" id="cited"><span class="cited-label" lang="en">Cited in the question</span> '
            f'<a class="corrected-label" id="corrected-{correction.pk}" href="#correction-{correction.pk}" lang="en">'
            "Corrected below</a> 引用される行</li>") in html


def test_one_line_of_a_paragraph_written_on_several_lines_is_marked_where_it_is(client, make):
    from studynotes.rendering import render_markdown

    section = make.section(markdown="一行目\n二行目は誤り\n三行目")
    section.html, section.line_start, section.line_end = render_markdown(section.markdown), 9, 12
    section.save()
    correction = correct(section, 11, claim="二行目は誤り")

    html = client.get(f"/files/{section.note_file_id}/").content.decode()

    assert re.search(rf'一行目<br ?/?>\s*<a class="corrected-label" id="corrected-{correction.pk}"[^>]*>Corrected below'
                     r"</a> 二行目は誤り<br", html)


def test_marking_corrected_lines_adds_no_query(client, make, django_assert_num_queries):
    note_file = make.note_file()
    for n in range(3):
        correct(cited_section(make, note_file=note_file), 21, key=f"k{n}")
    with django_assert_num_queries(4):  # file, sections, their topics, their active corrections (with the lines)
        html = client.get(f"/files/{note_file.pk}/").content.decode()
    assert html.count('class="corrected-label"') == 3
