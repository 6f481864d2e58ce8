"""ReviewCard.last_recalled: whether the card's last review recalled the answer (not Again), filled for the
existing cards from their latest review log."""

from django.db import migrations, models
from django.db.models import Case, OuterRef, Subquery, Value, When


def fill_from_logs(apps, schema_editor):
    ReviewCard = apps.get_model("progress", "ReviewCard")
    ReviewLog = apps.get_model("progress", "ReviewLog")
    latest = (
        ReviewLog.objects.filter(card_id=OuterRef("pk"))
        .order_by("-reviewed_at", "-id")
        .annotate(recalled=Case(When(rating=1, then=Value(False)), default=Value(True),
                                output_field=models.BooleanField()))
        .values("recalled")[:1]
    )
    ReviewCard.objects.using(schema_editor.connection.alias).update(last_recalled=Subquery(latest))


class Migration(migrations.Migration):

    dependencies = [
        ("progress", "0004_user_indexes_covered_by_composites"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcard",
            name="last_recalled",
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.RunPython(fill_from_logs, migrations.RunPython.noop),
    ]
