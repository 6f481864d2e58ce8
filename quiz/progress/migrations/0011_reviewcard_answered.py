"""ReviewCard.answered: whether the learner has answered the question at least once; False for the existing cards
whose only reviews are exam items left unanswered (reviewed as Again at grading, ``reviews.uses_cap``)."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def fill_from_logs(apps, schema_editor):
    ReviewCard = apps.get_model("progress", "ReviewCard")
    ReviewLog = apps.get_model("progress", "ReviewLog")
    answers = ReviewLog.objects.filter(card_id=OuterRef("pk")).exclude(
        mode="exam", attempt_item__isnull=False, attempt_item__answered_at__isnull=True)
    ReviewCard.objects.using(schema_editor.connection.alias).exclude(Exists(answers)).update(answered=False)


class Migration(migrations.Migration):

    dependencies = [
        ("progress", "0010_reviews_protect_question_topic"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcard",
            name="answered",
            field=models.BooleanField(db_default=True, default=True),
        ),
        migrations.RunPython(fill_from_logs, migrations.RunPython.noop),
    ]
