"""Upload refusals on the instructor pages state a size and its limit readably in each interface language
("big.md が大きすぎます：1.5 MB（上限は 1.0 MB）。", not "1572864 バイト（上限は 1 MB）"), and write nothing."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quiz.instructor.models import AuditLog
from quiz.models import Question
from studynotes.models import NoteFile, NoteImage, Section

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TOO_LARGE = {
    "ja": "{name} が大きすぎます：{size}（上限は {limit}）。",
    "ko": "{name} 파일이 너무 큽니다: {size}(한도는 {limit}).",
    "en": "{name} is too large: {size}, the limit is {limit}.",
}
MEMBER_TOO_LARGE = {
    "ja": "ファイルが大きすぎます：1.5 MB（上限は 1.0 MB）",
    "ko": "파일이 너무 큽니다: 1.5 MB(한도는 1.0 MB)",
    "en": "file is too large: 1.5 MB, the limit is 1.0 MB",
}
LANGUAGES = ["ja", "ko", "en"]


def post(client, url, data, language):
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200  # the form again, with the refusal
    return response.content.decode()


def counts():
    return NoteFile.objects.count(), Section.objects.count(), NoteImage.objects.count()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_note_over_the_limit_is_refused_in_megabytes_on_the_notes_page(instructor_client, settings, language):
    settings.NOTE_MAX_BYTES = MB
    before = counts()
    html = post(instructor_client, reverse("instructor:notes"),
                {"files": [SimpleUploadedFile("big.md", b"a" * (MB * 3 // 2))]}, language)
    assert TOO_LARGE[language].format(name="big.md", size="1.5 MB", limit="1.0 MB") in html
    assert counts() == before


@pytest.mark.parametrize("language,sizes", [
    ("ja", ("1,048,577 バイト", "1,048,576 バイト")), ("ko", ("1,048,577바이트", "1,048,576바이트")),
    ("en", ("1,048,577 bytes", "1,048,576 bytes")),
])
def test_one_byte_over_is_told_in_grouped_bytes_not_as_two_equal_sizes(instructor_client, settings, language, sizes):
    settings.NOTE_MAX_BYTES = MB
    html = post(instructor_client, reverse("instructor:notes"),
                {"files": [SimpleUploadedFile("big.md", b"a" * (MB + 1))]}, language)
    assert TOO_LARGE[language].format(name="big.md", size=sizes[0], limit=sizes[1]) in html
    assert not NoteFile.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_archive_member_over_its_limit_is_refused_readably_and_the_rest_imports(instructor_client, settings,
                                                                                   language):
    settings.NOTE_MAX_BYTES = MB
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.md", os.urandom(MB * 3 // 2))  # random: no zip bomb
        archive.writestr("small.md", "# Small\n\nA small note.\n")
    html = post(instructor_client, reverse("instructor:notes"),
                {"files": [SimpleUploadedFile("notes.zip", buffer.getvalue())]}, language)
    assert MEMBER_TOO_LARGE[language] in html
    assert list(NoteFile.objects.values_list("name", flat=True)) == ["small.md"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_version_over_the_limit_is_refused_readably_on_the_note_page(instructor_client, make, settings,
                                                                           language):
    settings.NOTE_MAX_BYTES = MB
    note_file = make.note_file(name="week1.md")
    html = post(instructor_client, reverse("instructor:note_detail", args=[note_file.pk]),
                {"file": SimpleUploadedFile("week1.md", b"a" * (MB * 3 // 2))}, language)
    assert TOO_LARGE[language].format(name="week1.md", size="1.5 MB", limit="1.0 MB") in html
    note_file.refresh_from_db()
    assert note_file.byte_size == 10 and not note_file.sections.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_bank_over_the_limit_is_refused_readably(instructor_client, make, monkeypatch, language):
    from quiz.instructor import forms

    make.question()
    monkeypatch.setattr(forms, "BANK_MAX_BYTES", MB)
    html = post(instructor_client, reverse("instructor:bank_import"),
                {"file": SimpleUploadedFile("bank.json", b" " * (MB * 3 // 2), "application/json")}, language)
    assert TOO_LARGE[language].format(name="bank.json", size="1.5 MB", limit="1.0 MB") in html
    assert Question.objects.get().version == 1 and not AuditLog.objects.exists()
