"""Cards and logs of questions that moved to another topic before they were kept in sync
(``reviews.follow_topic_changes``) take their question's topic and domain again."""

from django.db import migrations
from django.db.models import F, OuterRef, Q, Subquery


def resync(apps, schema_editor):
    Question = apps.get_model("quiz", "Question")
    for name in ("ReviewCard", "ReviewLog"):
        model = apps.get_model("progress", name)
        current = Question.objects.filter(pk=OuterRef("question_id"))
        (model.objects.filter(~Q(topic_id=F("question__topic_id")) | ~Q(domain=F("question__topic__domain")))
         .update(topic_id=Subquery(current.values("topic_id")[:1]),
                 domain=Subquery(current.values("topic__domain")[:1])))


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0005_reviewcard_last_recalled"),
        ("quiz", "0010_question_key_corrected_version"),
    ]

    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
