"""Source-file page: the whole file, an anchor per section."""

import pytest

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
    assert '<span class="image-label" lang="ko">이미지를 사용할 수 없음</span> <span class="image-alt">b.png' in ko
    assert "リモート画像" not in ko and "画像がありません" not in ko
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="image-label" lang="en">Remote image (not loaded)</span>' in en
    ja = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()  # the note's language: no lang needed
    assert '<span class="image-label">リモート画像（読み込みません）</span>' in ja
