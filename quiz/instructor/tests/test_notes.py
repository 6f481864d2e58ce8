"""Uploading note files from the browser: the import report, refusals, re-import and retiring."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quiz.instructor.models import AuditLog
from studynotes.models import NoteFile, Section

NOTE = "# Deployment notes\n\n## Blue/green deployment\n\nTwo environments; switch traffic at once.\n\n## Canary\n\nA few users first.\n"


def upload(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text, "text/markdown")


def test_uploading_two_files_imports_both_and_shows_each_report(instructor_client):
    response = instructor_client.post(
        reverse("instructor:notes"), {"files": [upload("deploy.md", NOTE), upload("other.md", "## Only\n\nBody\n")]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "deploy.md" in html and "other.md" in html
    assert set(NoteFile.objects.values_list("name", flat=True)) == {"deploy.md", "other.md"}
    assert Section.objects.filter(note_file__name="deploy.md").count() >= 2
    assert AuditLog.objects.filter(action="import").count() == 2


def test_a_binary_file_is_refused_with_its_reason_and_writes_nothing(instructor_client):
    response = instructor_client.post(reverse("instructor:notes"), {"files": [upload("photo.md", b"%PDF-1.4\x00\x01")]})
    assert response.status_code == 200
    assert "Refused" in response.content.decode()
    assert not NoteFile.objects.exists()
    assert not Section.objects.exists()
    assert AuditLog.objects.get().action == "import_refused"


def test_posting_no_file_shows_a_message_and_writes_nothing(instructor_client):
    response = instructor_client.post(reverse("instructor:notes"), {})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode() or "Choose at least one file" in response.content.decode()
    assert not NoteFile.objects.exists()


def test_reimporting_a_file_updates_its_sections(instructor_client):
    instructor_client.post(reverse("instructor:notes"), {"files": [upload("deploy.md", NOTE)]})
    note_file = NoteFile.objects.get()
    changed = NOTE + "\n## Rolling\n\nBatch by batch.\n"
    response = instructor_client.post(reverse("instructor:note_detail", args=[note_file.pk]),
                                      {"file": upload("deploy.md", changed)})
    assert response.status_code == 200
    assert note_file.sections.filter(retired=False, heading__icontains="Rolling").exists()


def test_reimporting_under_another_name_is_refused(instructor_client):
    instructor_client.post(reverse("instructor:notes"), {"files": [upload("deploy.md", NOTE)]})
    note_file = NoteFile.objects.get()
    response = instructor_client.post(reverse("instructor:note_detail", args=[note_file.pk]),
                                      {"file": upload("other.md", NOTE)})
    assert "Choose a file named deploy.md" in response.content.decode()
    assert NoteFile.objects.count() == 1


def test_a_note_imported_from_a_subfolder_is_reimported_from_its_page_under_its_full_name(instructor_client):
    from studynotes.importer import import_upload

    # "a.md" at the top level too: the page re-imports the note it shows, not the one named like the upload
    import_upload([("sub/a.md", NOTE.encode()), ("a.md", b"# Other notes\n\n## Canary\n\nSomething else.\n")])
    note_file = NoteFile.objects.get(name="sub/a.md")
    canary = note_file.sections.get(heading="Canary")
    page = instructor_client.get(reverse("instructor:note_detail", args=[note_file.pk])).content.decode()
    assert "Choose the new version of this file, named a.md: it replaces sub/a.md." in page
    changed = NOTE.replace("A few users first.", "A few users first, then everyone.") + "\n## Rolling\n\nB.\n"
    response = instructor_client.post(reverse("instructor:note_detail", args=[note_file.pk]),
                                      {"file": upload("a.md", changed)})  # a browser sends the base name
    assert response.status_code == 200
    assert "Choose a file named" not in response.content.decode()
    assert sorted(NoteFile.objects.values_list("name", flat=True)) == ["a.md", "sub/a.md"]
    note_file.refresh_from_db()
    assert note_file.sections.filter(retired=False, heading="Rolling").exists()
    canary.refresh_from_db()  # the same row, updated in place: its questions and learners' history stay
    assert "then everyone" in canary.markdown and not canary.retired
    other = NoteFile.objects.get(name="a.md").sections.get(heading="Canary")
    assert other.markdown == "Something else."
    assert AuditLog.objects.get(action="import").object_label == "sub/a.md"


def test_a_subfolder_note_refuses_an_upload_with_another_base_name_and_writes_nothing(instructor_client):
    from studynotes.importer import import_upload

    import_upload([("sub/a.md", NOTE.encode())])
    note_file = NoteFile.objects.get()
    before = list(Section.objects.values_list("pk", "markdown", "retired"))
    for name in ("b.md", "sub_a.md", "A.md"):
        response = instructor_client.post(reverse("instructor:note_detail", args=[note_file.pk]),
                                          {"file": upload(name, NOTE + "\n## New\n\nText.\n")})
        assert response.status_code == 200
        assert "Choose a file named a.md." in response.content.decode(), name
    assert list(NoteFile.objects.values_list("name", flat=True)) == ["sub/a.md"]
    assert list(Section.objects.values_list("pk", "markdown", "retired")) == before
    assert not AuditLog.objects.exists()


def test_the_reimport_form_asks_for_the_base_name_and_escapes_it(make):
    from quiz.instructor.forms import ReimportForm

    form = ReimportForm(note_file=make.note_file("週報/<i>x.md"))
    assert form.base_name == "<i>x.md"
    html = str(form)
    assert "named &lt;i&gt;x.md: it replaces 週報/&lt;i&gt;x.md." in html
    assert "<i>x" not in html
    assert "it replaces" not in str(ReimportForm(note_file=make.note_file("top.md")))
    bound = ReimportForm({}, {"file": upload("x.md", NOTE)}, note_file=make.note_file("sub/y.md"))
    assert not bound.is_valid() and bound.errors.as_data()["file"][0].code == "other_name"


def test_retiring_a_file_hides_it_and_is_audited(instructor_client, make):
    note_file = make.note_file("old.md")
    response = instructor_client.post(reverse("instructor:note_retire", args=[note_file.pk]), {"retired": "1"})
    assert response.status_code == 302
    note_file.refresh_from_db()
    assert note_file.retired
    assert AuditLog.objects.get().action == "retire"
    instructor_client.post(reverse("instructor:note_retire", args=[note_file.pk]), {"retired": "0"})
    note_file.refresh_from_db()
    assert not note_file.retired


@pytest.mark.parametrize("object_type", ["\x00", "x" * 3000, "membership"])
def test_the_audit_log_ignores_a_type_it_does_not_list_and_never_queries_with_it(instructor_client, make,
                                                                                 object_type):
    note_file = make.note_file("old.md")
    instructor_client.post(reverse("instructor:note_retire", args=[note_file.pk]), {"retired": "1"})
    with CaptureQueriesContext(connection) as queries:
        response = instructor_client.get(reverse("instructor:audit"), {"type": object_type})
    assert response.status_code == 200
    assert "old.md" in response.content.decode()  # the filter is dropped: every entry is listed
    assert not any(object_type in query["sql"] for query in queries.captured_queries)


def test_the_notes_list_runs_a_constant_number_of_queries(instructor_client, make, constant_queries):
    for _ in range(3):
        make.section(note_file=make.note_file())
    # own: note files with section counts
    constant_queries(lambda: instructor_client.get(reverse("instructor:notes")),
                     lambda: [make.section(note_file=make.note_file()) for _ in range(5)], own=1)


def test_the_generate_button_turns_uploaded_notes_into_draft_questions(instructor_client):
    from conftest import SEED_NOTES
    from quiz.models import Question

    note = sorted(SEED_NOTES.glob("*.txt"))[0]
    instructor_client.post(reverse("instructor:notes"), {"files": [upload(note.name, note.read_bytes())]})
    response = instructor_client.post(reverse("instructor:generate"), follow=True)
    created = Question.objects.filter(status="draft").count()
    assert created > 0
    assert f"{created} new" in response.content.decode()
    assert AuditLog.objects.filter(action="generate").get().details["created"] == created


def test_a_zip_of_a_note_and_its_image_is_imported_with_a_row_for_each(instructor_client):
    import io
    import zipfile

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("notes/diagram.md", "# Diagram\n\n## Blue/green\n\n![layout](img/layout.png)\n")
        zf.writestr("notes/img/layout.png", picture.getvalue())
    response = instructor_client.post(reverse("instructor:notes"),
                                      {"files": [upload("bundle.zip", archive.getvalue())]})
    html = response.content.decode()
    assert "diagram.md" in html and "bundle.zip" in html
    assert NoteFile.objects.filter(name__endswith="diagram.md").exists()


def test_bad_files_in_a_batch_are_refused_one_by_one_and_the_good_ones_are_imported(instructor_client):
    response = instructor_client.post(reverse("instructor:notes"), {"files": [
        upload("slides.pdf", b"%PDF-1.4"), upload("empty.md", b""), upload("deploy.md", NOTE),
        upload("binary.md", b"\x00\x01\x02"), upload("other.md", "## Only\n\nBody\n"),
    ]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "slides.pdf is not a note" in html and "empty.md is empty." in html
    assert set(NoteFile.objects.values_list("name", flat=True)) == {"deploy.md", "other.md"}
    refused = set(AuditLog.objects.filter(action="import_refused").values_list("object_label", flat=True))
    assert refused == {"slides.pdf", "empty.md", "binary.md"}
    assert AuditLog.objects.filter(action="import").count() == 2


def test_a_renamed_copy_of_an_imported_file_is_imported_with_a_warning(instructor_client):
    instructor_client.post(reverse("instructor:notes"), {"files": [upload("deploy.md", NOTE)]})
    response = instructor_client.post(reverse("instructor:notes"), {"files": [upload("deploy-renamed.md", NOTE)]})
    html = response.content.decode()
    assert "the same sections are in deploy.md. A renamed file?" in html
    assert NoteFile.objects.count() == 2  # imported all the same: the instructor decides which name stays
    other = instructor_client.post(reverse("instructor:notes"), {"files": [upload("other.md", "## Only\n\nBody\n")]})
    assert "the same sections are in" not in other.content.decode()


def test_the_generation_message_links_to_the_drafts_of_that_run_alone(instructor_client, make):
    from datetime import timedelta

    from django.utils import timezone

    from conftest import SEED_NOTES
    from quiz.models import Question

    older = make.question(status="draft")  # a draft from before, from another bank (the run leaves it alone)
    Question.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=1),
                                                generator_version="")
    note = sorted(SEED_NOTES.glob("*.txt"))[0]
    instructor_client.post(reverse("instructor:notes"), {"files": [upload(note.name, note.read_bytes())]})
    html = instructor_client.post(reverse("instructor:generate"), follow=True).content.decode()
    made = Question.objects.filter(status="draft").exclude(pk=older.pk)
    entry = AuditLog.objects.get(action="generate")
    link = f'{reverse("instructor:review")}?run={entry.pk}'
    assert f'<a href="{link}">Review the {made.count()} drafts this run made or changed</a>' in html
    queue = instructor_client.get(link).content.decode()
    assert f'id="q{older.pk}"' not in queue and queue.count('class="review-item"') == min(made.count(), 20)
    assert f"Showing the {made.count()} drafts new or changed since the generation run of" in queue
    assert f"{made.count() + 1} drafts wait for review." in queue  # the count is still of every draft
    # running it again changes nothing: no draft to link to
    html = instructor_client.post(reverse("instructor:generate"), follow=True).content.decode()
    assert "0 new" in html and "this run made or changed" not in html


def test_the_generate_button_of_an_older_release_says_so_and_generates_nothing(instructor_client):
    from conftest import SEED_NOTES
    from quiz.models import GenerationRun, Question

    note = sorted(SEED_NOTES.glob("*.txt"))[0]
    instructor_client.post(reverse("instructor:notes"), {"files": [upload(note.name, note.read_bytes())]})
    GenerationRun.objects.create(version="gen-99.0")
    response = instructor_client.post(reverse("instructor:generate"), follow=True)
    assert response.status_code == 200
    assert "gen-99.0" in response.content.decode()
    assert not Question.objects.exists() and not AuditLog.objects.filter(action="generate").exists()


def test_the_upload_form_states_the_limits_a_file_is_refused_by(instructor_client, settings):
    settings.NOTE_MAX_LINES = 12_345
    page = instructor_client.get("/instructor/notes/").content.decode()
    assert "A note may have up to 5.0 MB and 12,345 lines, an image up to 10.0 MB." in page
    page = instructor_client.get("/instructor/notes/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "12,345줄까지" in page
