"""Upload limits, end to end through the instructor's upload page: size, type, images, archives.

Each refused upload gets a message naming the reason, and nothing is written.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from studynotes.models import NoteFile, Section

UPLOAD_URL = "/instructor/notes/"


@pytest.fixture
def counts(db):
    from studynotes.models import NoteImage

    def current():
        return NoteFile.objects.count(), Section.objects.count(), NoteImage.objects.count()

    return current


def upload(client, *files):
    return client.post(UPLOAD_URL, {"files": list(files)})


def png(width, height, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_note_over_the_size_limit_is_refused_before_it_is_read(instructor_client, counts, settings):
    settings.NOTE_MAX_BYTES = 1000
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("big.md", b"# Big\n\n" + b"x" * 2000))
    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert counts() == before


def test_a_file_of_another_type_is_refused(instructor_client, counts):
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00" * 50))
    assert response.status_code == 200
    body = response.content.decode()
    assert "tool.exe is not a note" in body
    assert counts() == before
    assert not NoteFile.objects.filter(name="tool.exe").exists()


def test_a_binary_file_named_like_a_note_is_refused(instructor_client, counts):
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("notes.md", bytes(range(256)) * 40))
    assert response.status_code == 200
    assert counts() == before


def test_an_image_decompression_bomb_is_refused(instructor_client, counts):
    bomb = png(8000, 8000, mode="1")  # 64 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("bomb.png", bomb, content_type="image/png"))
    assert response.status_code == 200
    assert "decompression bomb" in response.content.decode()
    assert counts() == before


def test_an_svg_with_a_script_is_not_accepted_as_an_image(instructor_client, counts):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__xss=1</script></svg>'
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("x.svg", svg, content_type="image/svg+xml"))
    assert response.status_code == 200
    assert "x.svg is not a note" in response.content.decode()
    assert counts() == before


def test_a_file_pretending_to_be_a_png_is_refused(instructor_client, counts):
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("fake.png", b"<html><script>1</script></html>"))
    assert response.status_code == 200
    assert "not an image" in response.content.decode()
    assert counts() == before


def test_a_zip_bomb_is_refused(instructor_client, counts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.md", b"# a\n" + b"0" * 30_000_000)  # compresses over a thousandfold
    before = counts()
    response = upload(instructor_client, SimpleUploadedFile("notes.zip", buffer.getvalue()))
    assert response.status_code == 200
    assert counts() == before


def test_a_good_note_and_image_still_import(instructor_client, counts):
    """The limits above are not refusing everything."""
    before = counts()
    note = SimpleUploadedFile("ok.md", "# OK\n\n## Amazon S3\n\n- オブジェクトストレージ\n".encode())
    picture = SimpleUploadedFile("ok.png", png(20, 10))
    response = upload(instructor_client, note, picture)
    assert response.status_code == 200
    after = counts()
    assert after[0] == before[0] + 1 and after[2] == before[2] + 1


def test_a_learner_cannot_upload_notes(learner_client, counts):
    before = counts()
    response = upload(learner_client, SimpleUploadedFile("ok.md", b"# OK\n\n## S3\n\n- x\n"))
    assert response.status_code == 403
    assert counts() == before


def test_request_bodies_are_capped_in_settings(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.NOTE_MAX_BYTES <= 5 * 1024 * 1024
