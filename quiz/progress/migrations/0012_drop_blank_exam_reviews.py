"""Reviews stored before an exam item left blank made none (each was an Again at grading) follow that rule: their
logs go, the cards left with no log go, the others are replayed from the logs of answers
(``reviews.drop_blank_exam_reviews``, shared with ``rebuild_review_cards``). Attempts and scores stay as they are."""

from django.db import migrations


def drop_blank_exam_reviews(apps, schema_editor):
    # The shared function, not a frozen copy: it replays with the current scheduler, as rebuild_review_cards does,
    # and takes the historical models, using none of their methods.
    from quiz.progress.reviews import drop_blank_exam_reviews

    drop_blank_exam_reviews(apps.get_model("progress", "ReviewCard"), apps.get_model("progress", "ReviewLog"),
                            using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("progress", "0011_reviewcard_answered"),
    ]

    # the old Again reviews are not worth restoring: going back leaves the data as the new rule made it
    operations = [migrations.RunPython(drop_blank_exam_reviews, migrations.RunPython.noop)]
