from django.db import migrations, models


def fill_titles(apps, schema_editor):
    """Files imported before: their first heading (as the importer's ``note_title``), else their text's first
    line; the next import keeps it up to date."""
    from django.utils.text import Truncator

    NoteFile = apps.get_model("studynotes", "NoteFile")
    Section = apps.get_model("studynotes", "Section")
    for note_file in NoteFile.objects.filter(title="").iterator():
        sections = list(Section.objects.filter(note_file=note_file, retired=False).order_by("order")
                        .values_list("heading", "text"))
        title = next((heading.strip() for heading, _text in sections if heading.strip()), "")
        if not title:
            title = next((Truncator(line.strip()).chars(80) for _heading, text in sections
                          for line in text.split("\n") if line.strip()), "")
        if title:
            NoteFile.objects.filter(pk=note_file.pk).update(title=title[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("studynotes", "0011_topic_card"),
    ]

    operations = [
        migrations.AddField(
            model_name="notefile",
            name="title",
            field=models.CharField(blank=True, db_default="", max_length=200),
        ),
        migrations.RunPython(fill_titles, migrations.RunPython.noop),
    ]
