"""Sizes and pixel counts in import refusals, as each interface language writes them: grouped digits and
Django's units, a size in its limit's unit ("6.2 MB, the limit is 5.0 MB"), not "6501234 バイト（上限は 5 MB）"."""

import io
import os
import struct
import zipfile
import zlib

import pytest
from django.utils import translation
from PIL import Image

from studynotes import images
from studynotes.importer import NoteImportError, import_upload
from studynotes.models import NoteFile, NoteImage
from studynotes.sizes import file_size, size_and_limit

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def nothing_written():
    return not NoteImage.objects.exists() and not NoteFile.objects.exists()


def refusal(language, call, *args):
    with translation.override(language), pytest.raises(NoteImportError) as refused:
        call(*args)
    return str(refused.value)


def png(width, height, mode="1"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def png_header(width, height):
    """A PNG claiming ``width``×``height`` with no pixel data: all Pillow reads before its own bomb check."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def zip_of(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("language,over,equal_looking", [
    ("ja", ("6.2 MB", "5.0 MB"), ("5,242,881 バイト", "5,242,880 バイト")),
    ("ko", ("6.2 MB", "5.0 MB"), ("5,242,881바이트", "5,242,880바이트")),
    ("en", ("6.2 MB", "5.0 MB"), ("5,242,881 bytes", "5,242,880 bytes")),
])
def test_a_size_and_its_limit_share_a_unit_and_fall_back_to_grouped_bytes(language, over, equal_looking):
    with translation.override(language):
        assert tuple(size_and_limit(6_500_000, 5 * MB).values()) == over
        # one byte over would read "5.0 MB, the limit is 5.0 MB"
        assert tuple(size_and_limit(5 * MB + 1, 5 * MB).values()) == equal_looking
        assert size_and_limit(1600 * MB, 50 * MB)["size"] == "1,600.0 MB"  # the limit's unit, not GB
        assert file_size(200 * MB) == "200.0 MB"


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [
    ("ja", "解凍爆弾のため拒否しました：8,000×6,000＝48,000,000 ピクセル（上限は 40,000,000 ピクセル）"),
    ("ko", "압축 폭탄이라 거부했습니다: 8,000×6,000=48,000,000픽셀(한도는 40,000,000픽셀)"),
    ("en", "decompression bomb refused: 8,000×6,000 = 48,000,000 pixels, the limit is 40,000,000 pixels"),
])
def test_a_decompression_bomb_names_its_pixels_and_the_limit_grouped(language, message):
    assert refusal(language, images.store_image, "bomb.png", png(8000, 6000)) == message
    assert nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [
    ("ja", "解凍爆弾のため拒否しました：40,000,000 ピクセルを超えています"),
    ("ko", "압축 폭탄이라 거부했습니다: 40,000,000픽셀을 넘습니다"),
    ("en", "decompression bomb refused: more than 40,000,000 pixels"),
])
def test_an_image_pillow_itself_refuses_as_a_bomb_is_refused_as_one_not_as_invalid(language, message):
    # 200,000,000 pixels: over twice Pillow's MAX_IMAGE_PIXELS, so Image.open raises before our own check
    assert refusal(language, images.store_image, "huge.png", png_header(20_000, 10_000)) == message
    assert nothing_written()


@pytest.mark.django_db
def test_a_bomb_under_pillows_own_refusal_is_refused_without_pillows_warning(recwarn):
    # 144,000,000 pixels: over Pillow's MAX_IMAGE_PIXELS (a warning printed beside the refusal), under twice it
    assert "144,000,000 pixels" in refusal("en", images.store_image, "big.png", png_header(12_000, 12_000))
    assert not [w for w in recwarn if issubclass(w.category, Image.DecompressionBombWarning)]
    assert nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [
    ("ja", "画像が 10×17,000 ピクセルです：1 辺は最大 16,383 ピクセルまでです"),
    ("ko", "이미지가 10×17,000픽셀입니다: 한 변은 최대 16,383픽셀까지입니다"),
    ("en", "image is 10×17,000 pixels: a side may be at most 16,383 pixels"),
])
def test_a_side_over_the_limit_is_named_with_grouped_digits(language, message):
    assert refusal(language, images.store_image, "strip.png", png(10, 17_000)) == message


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [
    ("ja", "画像が大きすぎます：1.5 MB（上限は 1.0 MB）"),
    ("ko", "이미지가 너무 큽니다: 1.5 MB(한도는 1.0 MB)"),
    ("en", "image is too large: 1.5 MB, the limit is 1.0 MB"),
])
def test_an_image_over_its_size_limit_states_both_in_megabytes(language, message, monkeypatch):
    monkeypatch.setattr(images, "IMAGE_MAX_BYTES", MB)
    assert refusal(language, images.store_image, "big.png", png(8, 8) + bytes(MB // 2 * 3)) == message
    assert nothing_written()


@pytest.mark.parametrize("language,too_large,unpacks,entries", [
    ("ja", "アーカイブが大きすぎます：1.5 MB（上限は 1.0 MB）", "アーカイブを展開すると上限（1.0 MB）を超えます",
     "アーカイブの項目が多すぎます（1,001 件、上限は 1,000 件）"),
    ("ko", "압축 파일이 너무 큽니다: 1.5 MB(한도는 1.0 MB)", "압축을 풀면 한도(1.0 MB)를 넘습니다",
     "압축 파일의 항목이 너무 많습니다(1,001개, 한도는 1,000개)"),
    ("en", "archive is too large: 1.5 MB, the limit is 1.0 MB", "archive unpacks to more than 1.0 MB",
     "archive has too many entries (1,001, the limit is 1,000)"),
])
def test_an_archive_over_a_limit_states_it_readably(language, too_large, unpacks, entries, monkeypatch):
    monkeypatch.setattr(images, "ZIP_MAX_BYTES", MB)
    assert refusal(language, images.read_zip, zip_of([("n.md", os.urandom(MB + MB // 2))])) == too_large
    monkeypatch.setattr(images, "ZIP_MAX_UNCOMPRESSED", MB)
    assert refusal(language, images.read_zip, zip_of([("a.md", b"a" * 600_000), ("b.md", b"b" * 600_000)])) == unpacks
    monkeypatch.setattr(images, "ZIP_MAX_ENTRIES", 1000)
    assert refusal(language, images.read_zip, zip_of([(f"{n}.md", b"#") for n in range(1001)])) == entries


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [
    ("ja", "ファイルが大きすぎます：1.5 MB（上限は 1.0 MB）"),
    ("ko", "파일이 너무 큽니다: 1.5 MB(한도는 1.0 MB)"),
    ("en", "file is too large: 1.5 MB, the limit is 1.0 MB"),
])
def test_an_archive_member_over_its_own_limit_is_refused_alone_in_the_limits_unit(language, message, settings):
    settings.NOTE_MAX_BYTES = MB
    archive = zip_of([("big.md", os.urandom(MB + MB // 2)), ("small.md", b"# S\nsmall note\n")])
    with translation.override(language):
        results = {r.name: r for r in import_upload([("n.zip", archive)])}
    assert results["big.md"].ok is False and results["big.md"].reason == message
    assert results["small.md"].ok and list(NoteFile.objects.values_list("name", flat=True)) == ["small.md"]


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [
    ("ja", "保存しました（1,200×10 ピクセル）"), ("ko", "저장했습니다(1,200×10픽셀)"), ("en", "stored, 1,200×10 pixels"),
])
def test_a_stored_image_names_its_pixels_grouped(language, message):
    with translation.override(language):
        (result,) = import_upload([("wide.png", png(1200, 10, mode="RGB"))])
    assert result.ok and result.reason == message
