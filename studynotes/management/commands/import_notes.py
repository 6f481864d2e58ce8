from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from studynotes import notices
from studynotes.importer import import_paths
from studynotes.management.database import database_errors
from studynotes.models import NoteFile


class Command(BaseCommand):
    help = (
        "Import note files (Markdown/text in UTF-8, UTF-16/32, Shift_JIS/CP932, EUC-JP or EUC-KR/CP949), "
        "folders of them and zips, together with their images. Prints each file's result; exits non-zero if "
        "any failed. Re-importing unchanged files changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, folders or .zip archives.")

    def handle(self, *args, paths, **options):
        with database_errors():  # a database not migrated or not there: one line, not one failure per file
            NoteFile.objects.exists()
        with database_errors():  # each file's own database error is its result; this is for the rest
            results = import_paths(paths)
        failed = [r for r in results if not r.ok]
        for result in results:
            stream = self.stderr if not result.ok else self.stdout
            stream.write(result.summary())
            for paths in result.renamed:
                self.stdout.write(f"    kept under a new heading: {paths}")
            for src in result.unresolved_images:
                self.stdout.write(f"    unresolved image: {src}")
        notes = [r for r in results if r.kind == "note" and r.ok]
        self.stdout.write(
            f"{len(notes)} note files imported, {len(failed)} failed; "
            f"sections created={sum(r.created for r in notes)} updated={sum(r.updated for r in notes)} "
            f"retired={sum(r.retired for r in notes)}"
        )
        lines, warnings = notices.ages(notices.load_notices(), timezone.localdate())
        for line in lines:
            self.stdout.write(line)
        for warning in warnings:
            self.stderr.write(warning)
        # an archive that opened is not one of the files (its entries are): "1 of 5" said 4 above
        files = [r for r in results if r.kind != "archive" or not r.ok]
        if not files:  # an empty folder, or a zip holding no note or image
            raise CommandError("No note files found in the given paths.")
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} files failed to import.")
