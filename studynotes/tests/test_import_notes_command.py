"""manage.py import_notes PATH [PATH ...]"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from studynotes import notices
from studynotes.models import NoteFile, Section


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever another test left active on this thread."""
    with translation.override("en"):
        yield


SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_notes", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_imports_a_folder_and_prints_each_files_result():
    out, _ = run(SEEDS)
    for path in SEEDS.iterdir():
        assert f"{path.name}: ok (utf-8)" in out
    assert "5 note files imported, 0 failed" in out
    assert NoteFile.objects.count() == 5 and Section.objects.exists()


@pytest.mark.django_db
def test_it_names_each_section_kept_under_a_renamed_heading(tmp_path):
    note = tmp_path / "eb.md"
    note.write_text("# EB\n## Rolling\n- ダウンタイム発生しない\n", encoding="utf-8")
    run(note)
    note.write_text("# EB\n## Rolling (ローリング)\n- ダウンタイム発生しない\n", encoding="utf-8")
    out, _ = run(note)
    assert "eb.md: ok (utf-8) sections=2 created=0 updated=1 " in out and " renamed=1" in out
    assert "    kept under a new heading: EB › Rolling → EB › Rolling (ローリング)\n" in out


@pytest.mark.django_db
def test_running_it_twice_reports_everything_unchanged():
    run(SEEDS)
    out, _ = run(SEEDS)
    assert "sections created=0 updated=0 retired=0" in out


@pytest.mark.django_db
def test_it_lists_unresolved_images():
    out, _ = run(SEEDS / "003_6b61433879e3e902.txt")
    assert "unresolved image: C:\\Users\\MIN\\AppData\\Roaming\\Typora" in out


@pytest.mark.django_db
def test_it_exits_non_zero_when_a_file_fails_but_imports_the_good_ones(tmp_path):
    (tmp_path / "good.md").write_text("# Lambda\nok", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\x00\x01binary")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files failed to import"):
        call_command("import_notes", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "bad.md: FAILED: binary file (contains NUL bytes)" in err.getvalue()
    assert list(NoteFile.objects.values_list("name", flat=True)) == ["good.md"]


@pytest.mark.django_db
def test_it_fails_for_a_missing_path(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "nope.md")
    assert not NoteFile.objects.exists()


@pytest.mark.django_db
def test_it_fails_when_a_folder_holds_no_notes(tmp_path):
    with pytest.raises(CommandError, match="No note files found"):
        run(tmp_path)


@pytest.mark.django_db
def test_it_fails_when_a_zip_holds_no_note_or_image(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "papers.zip", "w") as archive:
        archive.writestr("slides.pdf", b"%PDF-1.4")
    with pytest.raises(CommandError, match="^No note files found in the given paths"):
        run(tmp_path / "papers.zip")
    assert not NoteFile.objects.exists()


@pytest.mark.django_db
def test_a_zips_failed_entry_is_counted_among_the_files_it_holds_not_with_the_archive(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "notes.zip", "w") as archive:
        archive.writestr("good.md", "# Lambda\nok")
        archive.writestr("also.md", "# S3\nok")
        archive.writestr("bad.md", b"\x00\x01binary")
    out = io.StringIO()
    with pytest.raises(CommandError, match="^1 of 3 files failed to import"):
        call_command("import_notes", str(tmp_path / "notes.zip"), stdout=out, stderr=io.StringIO())
    assert "2 note files imported, 1 failed" in out.getvalue()


@pytest.mark.django_db
def test_a_database_error_on_one_file_is_that_files_result_and_the_others_still_import(tmp_path, monkeypatch):
    from django.db import OperationalError

    from studynotes import importer

    for name in ("f1", "f2", "f3", "f4"):
        (tmp_path / f"{name}.md").write_text(f"# Lambda\n{name} notes", encoding="utf-8")
    write = importer._write

    def locked_on_f3(name, *args):
        write(name, *args)
        if name == "f3.md":
            raise OperationalError("database is locked")

    monkeypatch.setattr(importer, "_write", locked_on_f3)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 4 files failed to import"):
        call_command("import_notes", str(tmp_path), stdout=out, stderr=err)
    assert ("f3.md: FAILED: the database refused it, nothing of this file was written: database is locked"
            in err.getvalue())
    assert "3 note files imported, 1 failed" in out.getvalue()
    assert sorted(NoteFile.objects.values_list("name", flat=True)) == ["f1.md", "f2.md", "f4.md"]


@pytest.mark.django_db
def test_running_it_again_still_lists_the_images_that_are_missing():
    first, _ = run(SEEDS / "003_6b61433879e3e902.txt")
    again, _ = run(SEEDS / "003_6b61433879e3e902.txt")
    assert "unchanged=7" in again and "unresolved_images=4" in again
    assert [line for line in again.splitlines() if "unresolved image" in line] == [
        line for line in first.splitlines() if "unresolved image" in line
    ]


@pytest.mark.django_db
def test_a_path_that_is_neither_file_nor_folder_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)  # reading a named pipe would wait for a writer forever
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files failed to import"):
        call_command("import_notes", str(fifo), stdout=io.StringIO(), stderr=err)
    assert f"{fifo}: FAILED: not a regular file or folder" in err.getvalue()
    assert not NoteFile.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_with_readable_sizes(tmp_path, settings):
    settings.NOTE_MAX_BYTES = 1024 * 1024
    (tmp_path / "big.md").write_bytes(b"a" * (1024 * 1024 * 3 // 2))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files failed to import"):
        call_command("import_notes", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "big.md: FAILED: file is too large: 1.5 MB, the limit is 1.0 MB" in err.getvalue()
    assert not NoteFile.objects.exists()


@pytest.mark.django_db
def test_it_says_when_each_documentation_notice_was_checked_and_warns_when_one_is_old(tmp_path, monkeypatch):
    import datetime

    from django.utils import timezone

    (tmp_path / "a.md").write_text("# X-Ray\n\nトレース\n", encoding="utf-8")
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 28))
    out, err = run(tmp_path)
    assert "Documentation notice on x-ray (X-Ray SDK and daemon end of support timeline) last checked: 2026-11-27 " \
           "(1 days ago); review by 2027-02-25" in out and "WARNING" not in err

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2027, 2, 1))
    monkeypatch.setattr(notices, "STALE_AFTER_DAYS", 30)  # a notice checked long ago, before its review date
    out, err = run(tmp_path)
    assert "WARNING: the documentation notice on x-ray (X-Ray SDK and daemon end of support timeline) was checked " \
           "66 days ago" in err
