"""Attempt.answered_count: a practice set's answered items, counted on the attempt's row by each answer
(``quiz.pgwrites.answer_practice``). Existing attempts get the count of their answered items."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def count_answered(apps, schema_editor):
    Attempt = apps.get_model("quiz", "Attempt")
    AttemptItem = apps.get_model("quiz", "AttemptItem")
    answered = (AttemptItem.objects.filter(attempt=OuterRef("pk"), answered_at__isnull=False)
                .order_by().values("attempt").annotate(n=Count("pk")).values("n"))
    Attempt.objects.filter(Q(mode="practice")).update(answered_count=Coalesce(Subquery(answered), 0))


class Migration(migrations.Migration):

    dependencies = [
        ('quiz', '0011_attempt_reviews_withheld'),
    ]

    operations = [
        migrations.AddField(
            model_name='attempt',
            name='answered_count',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_answered, migrations.RunPython.noop),
    ]
