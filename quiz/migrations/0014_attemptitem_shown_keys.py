"""AttemptItem.shown_keys: the right options an item was first shown with, so an exam's result can say that an
instructor corrected the key during the exam. Items of attempts in progress take the key they have now (what
they were shown, as far as anyone can tell); finished ones keep None: not known, no note."""

from django.db import migrations, models
from django.db.models import F


def keys_as_shown(apps, schema_editor):
    AttemptItem = apps.get_model("quiz", "AttemptItem")
    AttemptItem.objects.filter(attempt__state="in_progress").update(shown_keys=F("correct_keys"))


class Migration(migrations.Migration):

    dependencies = [
        ('quiz', '0013_review_and_weakest_titles_untranslated'),
    ]

    operations = [
        migrations.AddField(
            model_name='attemptitem',
            name='shown_keys',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(keys_as_shown, migrations.RunPython.noop),
    ]
