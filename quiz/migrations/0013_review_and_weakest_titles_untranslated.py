"""Review and weakest-topics practice sets were stored with their title translated into the language the set
was started in ("復習", "복습"), so the quiz index showed it in that language whatever the interface's. They are
stored as the English msgid now (``Attempt.display_title`` translates it); existing sets get it too."""

from django.db import migrations

TITLES = {"review": "Review", "weakest": "My weakest topics"}


def untranslate_titles(apps, schema_editor):
    Attempt = apps.get_model("quiz", "Attempt")
    for origin, title in TITLES.items():
        Attempt.objects.filter(origin=origin).exclude(title=title).update(title=title)


class Migration(migrations.Migration):

    dependencies = [
        ('quiz', '0012_attempt_answered_count'),
    ]

    operations = [
        migrations.RunPython(untranslate_titles, migrations.RunPython.noop),
    ]
