from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.db.models import Max


def give_idle_deadlines(apps, schema_editor):
    """Exams without a time limit in progress: ended after their last activity known (the start or the last whole
    answer) plus the idle days, so one left long ago is graded the next time anything touches it."""
    Attempt = apps.get_model("quiz", "Attempt")
    idle = timedelta(days=settings.QUIZ_IDLE_EXAM_DAYS)
    open_untimed = (Attempt.objects.filter(state="in_progress", mode="exam", deadline__isnull=True)
                    .annotate(last_answer=Max("items__answered_at")))
    for attempt in open_untimed:
        last = max(filter(None, [attempt.started_at, attempt.last_answer]))
        Attempt.objects.filter(pk=attempt.pk).update(ends_when_idle=True, deadline=last + idle)


def drop_idle_deadlines(apps, schema_editor):
    """Back to before the field: an exam in progress without a time limit has no deadline (one kept would be shown
    as a countdown of days and end it as a timed exam)."""
    Attempt = apps.get_model("quiz", "Attempt")
    Attempt.objects.filter(state="in_progress", ends_when_idle=True).update(deadline=None)


class Migration(migrations.Migration):

    dependencies = [
        ('quiz', '0017_generationrun'),
    ]

    operations = [
        migrations.AddField(
            model_name='attempt',
            name='ends_when_idle',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(give_idle_deadlines, drop_idle_deadlines),
    ]
