"""Images in notes: Pillow checks, EXIF stripping, thumbnails once, zips, link resolution."""

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from PIL import Image
from django.utils import translation

from studynotes import images
from studynotes.importer import NoteImportError, import_file, import_paths, import_upload
from studynotes.models import NoteFile, NoteImage, Section


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever another test left active on this thread."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture(fmt="PNG", size=(64, 32), color=(200, 30, 30), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 39.0, 0.0), 3: "E", 4: (139.0, 44.0, 0.0)}  # GPS IFD
    return exif


def make_zip(entries, *, link=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def stored_files(media):
    return sorted(p.relative_to(media).as_posix() for p in Path(media).rglob("*") if p.is_file())


def nothing_written(media):
    return not NoteImage.objects.exists() and not NoteFile.objects.exists() and not stored_files(media)


# --- link forms resolve ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "link",
    [
        "images/a.png",
        "./images/a.png",
        "notes/images/a.png",
        r"C:\Users\MIN\AppData\Roaming\Typora\typora-user-images\a.png",
        "/home/min/notes/images/a.png",
        "https://github.com/u/r/raw/main/images/a.png?raw=true",
        "images/A.PNG",
        "<images/a b.png>",
        "images/a%20b.png",
        "html",
    ],
    ids=["relative", "dot-relative", "from-root", "windows", "unix-absolute", "url", "case", "angle-brackets",
         "percent-encoded", "html-img"],
)
def test_each_link_form_resolves_to_the_uploaded_image(link):
    image_name = "a b.png" if " " in link or "%20" in link else "a.png"
    markup = '<img src="images/a.png" alt="diagram">' if link == "html" else f"![diagram]({link})"
    note = f"# Lambda\n{markup}\n".encode()
    results = import_upload([("notes/lambda.md", note), (f"notes/images/{image_name}", picture())])
    assert all(r.ok for r in results)
    section = Section.objects.get()
    image = NoteImage.objects.get()
    assert f'src="{image.thumb_url(480)}"' in section.html
    assert 'alt="diagram"' in section.html and 'loading="lazy"' in section.html
    assert 'width="64" height="32"' in section.html
    assert list(section.images.all()) == [image]
    assert next(r for r in results if r.kind == "note").unresolved_images == []


@pytest.mark.django_db
def test_path_match_wins_over_a_file_name_match():
    red, blue = picture(color=(255, 0, 0)), picture(color=(0, 0, 255))
    import_upload([("n/note.md", b"# x\n![](b/a.png)\n"), ("n/a/a.png", red), ("n/b/a.png", blue)])
    blue_image = NoteImage.objects.get(sha256=__import__("hashlib").sha256(blue).hexdigest())
    assert blue_image.thumb_url(480) in Section.objects.get().html


@pytest.mark.django_db
def test_an_image_without_alt_text_gets_its_file_name_as_alt():
    import_upload([("note.md", b"# x\n![](shot.png)\n"), ("shot.png", picture())])
    assert 'alt="shot.png"' in Section.objects.get().html


@pytest.mark.django_db
def test_an_unknown_link_stays_a_placeholder_and_is_reported():
    results = import_upload([("note.md", b"# x\n![](missing.png)\n![](https://e.example/r.png)\n")])
    assert results[0].unresolved_images == ["missing.png", "https://e.example/r.png"]
    html = Section.objects.get().html
    assert "image not available" in html and "Remote image (not loaded)" in html and "<img" not in html


@pytest.mark.django_db
def test_reimporting_with_the_missing_image_fills_it_without_touching_anything_else():
    note = b"# A\n![](missing.png)\n# B\nunrelated\n"
    import_upload([("note.md", note)])
    before = dict(Section.objects.values_list("heading_path", "id"))
    untouched = Section.objects.get(heading_path="B").html
    results = import_upload([("note.md", note), ("missing.png", picture())])
    result = next(r for r in results if r.kind == "note")
    assert (result.created, result.updated, result.unchanged, result.unresolved_images) == (0, 1, 1, [])
    assert dict(Section.objects.values_list("heading_path", "id")) == before
    assert "<img" in Section.objects.get(heading_path="A").html
    assert Section.objects.get(heading_path="B").html == untouched


@pytest.mark.django_db
def test_an_image_stored_earlier_resolves_when_the_note_comes_later():
    import_upload([("diagram.png", picture())])
    result = import_file("note.md", b"# x\n![](C:\\Users\\me\\diagram.png)\n")
    assert result.unresolved_images == [] and "<img" in Section.objects.get().html


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_and_nothing_is_written(media):
    buffer = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(buffer, "PNG")
    with pytest.raises(NoteImportError, match="^decompression bomb refused: 10,000×5,000 = 50,000,000 pixels"):
        images.store_image("bomb.png", buffer.getvalue())
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_strip_too_tall_for_a_webp_thumbnail_is_refused_and_nothing_is_written(media):
    # 10×17,000 is far under the pixel limit, but WebP (the thumbnails) allows 16,383 pixels a side;
    # the property test below found it as a damaged GIF header.
    buffer = io.BytesIO()
    Image.new("P", (10, 17_000)).save(buffer, "GIF")
    with pytest.raises(NoteImportError, match="10×17,000 pixels: a side may be at most 16,383 pixels"):
        images.store_image("strip.gif", buffer.getvalue())
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_truncated_png_is_refused(media):
    noisy = io.BytesIO()
    Image.effect_noise((300, 300), 50).convert("RGB").save(noisy, "PNG")
    with pytest.raises(NoteImportError, match=r"^damaged or truncated image \("):
        images.store_image("cut.png", noisy.getvalue()[: len(noisy.getvalue()) // 2])
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_text_file_named_png_is_refused(media):
    with pytest.raises(NoteImportError, match=r"^not an image \(Pillow cannot identify it\)$"):
        images.store_image("fake.png", b"# I am markdown\n")
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_disallowed_format_is_refused(media):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "BMP")
    with pytest.raises(NoteImportError, match="^image format BMP is not allowed"):
        images.store_image("x.png", buffer.getvalue())
    assert nothing_written(media)


@pytest.mark.django_db
def test_an_oversized_image_file_is_refused(media, monkeypatch):
    monkeypatch.setattr(images, "IMAGE_MAX_BYTES", 100)
    with pytest.raises(NoteImportError, match="^image is too large"):
        images.store_image("big.png", picture(size=(200, 200)) + b"\0" * 200)
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_zip_with_a_parent_path_is_refused_and_nothing_is_written(media):
    archive = make_zip([("note.md", b"# x\n![](a.png)"), ("a.png", picture()), ("../evil.md", b"# evil")])
    results = import_upload([("notes.zip", archive)])
    assert [(r.kind, r.ok, r.reason) for r in results] == [
        ("archive", False, "archive entry escapes the archive: ../evil.md")
    ]
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_zip_with_an_absolute_path_or_a_link_is_refused(media):
    with pytest.raises(NoteImportError, match="escapes the archive"):
        images.read_zip(make_zip([("/etc/cron.d/x.md", b"# x")]))
    with pytest.raises(NoteImportError, match="^archive contains a link: notes/link.md$"):
        images.read_zip(make_zip([("note.md", b"# x")], link="notes/link.md"))
    assert nothing_written(media)


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_and_nothing_is_written(media):
    archive = make_zip([("note.md", b"# x"), ("huge.txt", b"\0" * (20 * 1024 * 1024))])
    results = import_upload([("bomb.zip", archive)])
    assert results[0].ok is False and results[0].reason.startswith("zip bomb refused: huge.txt expands")
    assert nothing_written(media)


@pytest.mark.django_db
def test_an_archive_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(images, "ZIP_MAX_BYTES", 10)
    with pytest.raises(NoteImportError, match="^archive is too large"):
        images.read_zip(make_zip([("note.md", b"# x")]))


@pytest.mark.django_db
def test_a_broken_zip_is_refused():
    with pytest.raises(NoteImportError, match="^not a valid zip archive$"):
        images.read_zip(b"PK\x03\x04 not really")


def test_only_note_and_image_files_are_taken_from_a_zip():
    archive = make_zip([
        ("folder/note.md", b"# x"), ("folder/img/a.png", b"png"), ("folder/run.exe", b"MZ"),
        ("__MACOSX/folder/._note.md", b"junk"), ("folder/.hidden.md", b"# h"),
    ])
    assert [name for name, _ in images.read_zip(archive)] == ["folder/note.md", "folder/img/a.png"]


@pytest.mark.django_db
def test_a_zip_of_a_note_folder_imports_the_note_with_its_pictures():
    archive = make_zip([("lesson/note.md", b"# Lambda\n![one](img/1.png) ![two](img/2.jpg)\n"),
                        ("lesson/img/1.png", picture()), ("lesson/img/2.jpg", picture("JPEG", color=(0, 90, 0)))])
    results = import_upload([("lesson.zip", archive)])
    assert [(r.kind, r.ok) for r in results] == [("archive", True), ("image", True), ("image", True), ("note", True)]
    assert Section.objects.get().html.count("<img") == 2
    assert NoteFile.objects.get().name == "lesson/note.md"


@pytest.mark.django_db
def test_import_paths_takes_folders_with_images_and_zips(tmp_path):
    folder = tmp_path / "notes"
    (folder / "img").mkdir(parents=True)
    (folder / "a.md").write_bytes(b"# A\n![](img/p.png)\n")
    (folder / "img" / "p.png").write_bytes(picture())
    (tmp_path / "b.zip").write_bytes(make_zip([("b.md", b"# B\n![](q.png)"), ("q.png", picture(color=(9, 9, 9)))]))
    results = import_paths([folder, tmp_path / "b.zip"])
    assert all(r.ok for r in results)
    assert Section.objects.filter(html__contains="<img").count() == 2


# --- cleaning and storage ----------------------------------------------------------------


@pytest.mark.django_db
def test_exif_and_location_are_gone_from_served_files_and_orientation_is_applied(media):
    image = images.store_image("photo.jpg", picture("JPEG", size=(80, 40), exif=exif_with_gps_and_rotation()))
    assert (image.width, image.height) == (40, 80)  # rotated upright
    served = [Path(media) / p for p in stored_files(media)]
    assert len(served) == 3
    for path in served:
        data = path.read_bytes()
        assert b"SecretCam" not in data and b"Exif" not in data
        with Image.open(path) as opened:
            assert not opened.getexif()
            assert opened.size[1] >= opened.size[0]


@pytest.mark.django_db
def test_png_text_chunks_are_stripped(media):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "SecretAuthor")
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (1, 2, 3, 128)).save(buffer, "PNG", pnginfo=info)
    images.store_image("t.png", buffer.getvalue())
    assert all(b"SecretAuthor" not in (Path(media) / p).read_bytes() for p in stored_files(media))


@pytest.mark.django_db
def test_thumbnails_are_made_once_per_image_and_the_same_bytes_are_stored_once(media):
    data = picture(size=(1200, 600))
    first = images.store_image("a.png", data)
    files = stored_files(media)
    second = images.store_image("copy-of-a.png", data)
    assert first.pk == second.pk and NoteImage.objects.count() == 1
    assert stored_files(media) == files
    sha = first.sha256
    assert files == sorted([f"note-images/{sha[:2]}/{sha}.png", f"note-images/{sha[:2]}/{sha}-480.webp",
                            f"note-images/{sha[:2]}/{sha}-960.webp"])
    assert first.thumbnails["480"]["width"] == 480 and first.thumbnails["960"]["height"] == 480
    with Image.open(Path(media) / first.thumbnails["960"]["path"]) as thumb:
        assert thumb.format == "WEBP" and thumb.size == (960, 480)


@pytest.mark.django_db
def test_gif_and_webp_are_accepted():
    assert images.store_image("a.gif", picture("GIF")).format == "gif"
    assert images.store_image("a.webp", picture("WEBP", color=(3, 3, 3))).format == "webp"


@pytest.mark.django_db
def test_a_bad_image_in_an_upload_is_reported_and_the_note_still_imports():
    results = import_upload([("note.md", b"# x\n![](fake.png)\n"), ("fake.png", b"not an image")])
    by_kind = {r.kind: r for r in results}
    assert by_kind["image"].ok is False and by_kind["image"].reason.startswith("not an image")
    assert by_kind["note"].ok and by_kind["note"].unresolved_images == ["fake.png"]


@pytest.mark.django_db
def test_stored_images_are_served_with_a_long_cache(client):
    image = images.store_image("a.png", picture())
    response = client.get(image.thumb_url(480))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/note-images/../../settings.py").status_code == 404


@pytest.mark.django_db
def test_figures_for_gives_each_sections_pictures_in_one_query(django_assert_num_queries):
    import_upload([("n.md", b"# A\n![](a.png)\n# B\n![](b.png) ![](a.png)\n# C\nnone\n"),
                   ("a.png", picture()), ("b.png", picture(color=(1, 1, 1)))])
    sections = {s.heading: s for s in Section.objects.all()}
    with django_assert_num_queries(1):  # the section-image links with their images
        figures = images.figures_for(sections.values())
    assert [i.name for i in figures[sections["A"].pk]] == ["a.png"]
    assert sorted(i.name for i in figures[sections["B"].pk]) == ["a.png", "b.png"]
    assert sections["C"].pk not in figures


@pytest.mark.django_db
def test_the_figure_template_renders_a_lazy_sized_thumbnail_linking_to_the_full_picture():
    from django.template.loader import render_to_string

    image = images.store_image("chart.png", picture(size=(1000, 500)))
    html = render_to_string("studynotes/_figure.html", {"image": image})
    assert f'href="{image.url}"' in html and f'src="{image.thumb_url(480)}"' in html
    assert 'width="480" height="240"' in html and 'alt="chart.png"' in html and 'loading="lazy"' in html


@pytest.mark.django_db
def test_a_picture_removed_from_a_note_is_unlinked_from_its_section():
    import_upload([("n.md", b"# A\n![](a.png)\n"), ("a.png", picture())])
    import_upload([("n.md", b"# A\nno picture any more\n")])
    assert not Section.objects.get().images.exists()
    assert NoteImage.objects.count() == 1  # the stored picture itself is kept


@pytest.mark.django_db
def test_an_identical_reimport_skips_rendering_unless_a_new_picture_could_resolve(monkeypatch):
    from studynotes import rendering

    import_file("n.md", b"# A\n![](later.png)\n")
    calls = []
    real_render = rendering.render
    monkeypatch.setattr(rendering, "render", lambda *a, **k: calls.append(a) or real_render(*a, **k))
    assert import_file("n.md", b"# A\n![](later.png)\n").unchanged == 1
    assert calls == []  # nothing new to show: not even parsed
    images.store_image("later.png", picture())
    result = import_file("n.md", b"# A\n![](later.png)\n")
    assert calls and result.updated == 1 and result.unresolved_images == []


def test_japanese_names_from_a_windows_zip_tool_are_read_correctly():
    names = ["ノート/構成図.png", "ノート/メモ.md"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, name in enumerate(names):  # ASCII stand-ins of the same length, swapped for CP932 bytes below
            archive.writestr(f"{i}" * len(name.encode("cp932")), b"x")
    data = buffer.getvalue()
    for i, name in enumerate(names):  # what such a tool writes: CP932 names, no UTF-8 flag
        data = data.replace(f"{i}".encode() * len(name.encode("cp932")), name.encode("cp932"))
    assert [name for name, _ in images.read_zip(data)] == names


IMAGE_HEADERS = [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"BM"]


@pytest.mark.django_db
@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from(IMAGE_HEADERS), body=st.binary(max_size=300))
def test_arbitrary_image_bytes_are_stored_or_refused_with_note_import_error(header, body):
    try:
        images.store_image("fuzz.png", header + body)
    except NoteImportError as exc:
        assert str(exc) and "\n" not in str(exc)


@hsettings(max_examples=80, deadline=None)
@given(header=st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06"]), body=st.binary(max_size=300))
def test_arbitrary_zip_bytes_are_read_or_refused_with_note_import_error(header, body):
    try:
        images.read_zip(header + body)
    except NoteImportError as exc:
        assert str(exc)


@pytest.mark.django_db
@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]), cut=st.floats(0.05, 1.0),
       flips=st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), max_size=4))
def test_damaged_real_images_are_stored_or_refused_with_note_import_error(fmt, cut, flips):
    data = bytearray(picture(fmt, size=(40, 30)))
    for where, value in flips:
        data[int(where * len(data))] = value
    try:
        images.store_image(f"x.{fmt.lower()}", bytes(data[: max(1, int(cut * len(data)))]))
    except NoteImportError as exc:
        assert str(exc) and "\n" not in str(exc)


@pytest.mark.django_db
def test_an_oversized_entry_in_a_zip_is_refused_alone_and_the_rest_imports(monkeypatch):
    monkeypatch.setattr(images, "IMAGE_MAX_BYTES", 1000)
    archive = make_zip([("note.md", b"# x\n![](big.png) ![](small.png)\n"),
                        ("big.png", picture(size=(600, 600)) + b"\0" * 2000), ("small.png", picture(size=(8, 8)))])
    results = {r.name: r for r in import_upload([("n.zip", archive)])}
    assert results["big.png"].ok is False and results["big.png"].reason.startswith("file is too large:")
    assert results["small.png"].ok and results["note.md"].ok
    assert results["note.md"].unresolved_images == ["big.png"]


@pytest.mark.django_db
def test_an_oversized_note_in_a_zip_states_the_limit_as_the_importer_does(settings):
    settings.NOTE_MAX_BYTES = 100
    archive = make_zip([("big.md", b"# B\n" + b"a" * 200), ("small.md", b"# S\nsmall note\n")])
    results = {r.name: r for r in import_upload([("n.zip", archive)])}
    assert results["big.md"].reason == "file is too large: 204 bytes, the limit is 100 bytes"
    assert results["small.md"].ok
    settings.NOTE_MAX_BYTES = 1024 * 1024
    body = bytes(random.Random(0).choices(b"abcdefgh \n", k=1024 * 1024))  # no zip bomb
    archive = make_zip([("big.md", b"# B\n" + body)])
    results = {r.name: r for r in import_upload([("n.zip", archive)])}
    assert results["big.md"].reason == "file is too large: 1,048,580 bytes, the limit is 1,048,576 bytes"
