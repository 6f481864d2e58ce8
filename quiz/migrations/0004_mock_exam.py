"""The default "Mock exam": 65 questions, 130 minutes, pass mark 720, drawn from live questions.

Empty ``rules`` means: blueprint weights spread evenly over the domains that have questions.
"""

from django.db import migrations


def create_mock_exam(apps, schema_editor):
    Quiz = apps.get_model("quiz", "Quiz")
    Quiz.objects.get_or_create(
        slug="mock-exam",
        defaults={
            "title": "Mock exam",
            "description": "65 questions in 130 minutes, drawn by domain like the certification exam.",
            "mode": "exam",
            "rules": {},
            "time_limit_minutes": 130,
            "question_count": 65,
            "pass_mark": 720,
            "shuffle": True,
            "only_approved": False,
            "published": True,
        },
    )


def remove_mock_exam(apps, schema_editor):
    apps.get_model("quiz", "Quiz").objects.filter(slug="mock-exam", attempts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("quiz", "0003_quiz_attempt_item_problem_report")]

    operations = [migrations.RunPython(create_mock_exam, remove_mock_exam)]
