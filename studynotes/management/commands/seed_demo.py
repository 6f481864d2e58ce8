"""Create the demo accounts ``learner`` and ``instructor`` (password ``kumo-demo``), the short mock exam, and the
instructor's demo class with the learner, a practice set and an exam assigned (``quiz.instructor.demo``).
Never in production."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from studynotes.management.database import database_errors
from studynotes.roles import instructor_group

DEMO_PASSWORD = "kumo-demo"
DEMO_ACCOUNTS = [
    # username, instructor?
    ("learner", False),
    ("instructor", True),
]


class Command(BaseCommand):
    help = (
        "Create or refresh the demo accounts 'learner' and 'instructor' with the password "
        f"'{DEMO_PASSWORD}' (the instructor in the instructors group). Idempotent; refuses "
        "to run under production settings. Also creates the short mock exam (20 questions, 40 minutes) "
        "if it is missing, and the instructor's 'Demo class' with the learner in it and a practice set and an exam "
        "built from the generated questions (approving the drafts they ask) assigned to it, due a week later: "
        "whatever of these is missing."
    )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "seed_demo creates accounts with a public password; it never runs in production."
            )
        User = get_user_model()
        with database_errors(), transaction.atomic():
            group = instructor_group()
            for username, is_instructor in DEMO_ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username, defaults={"email": f"{username}@example.com"}
                )
                if created or not user.check_password(DEMO_PASSWORD) or not user.is_active:
                    user.set_password(DEMO_PASSWORD)
                    user.is_active = True
                    user.save()
                if is_instructor:
                    user.groups.add(group)
                else:
                    user.groups.remove(group)
                role = "instructor" if is_instructor else "learner"
                state = "created" if created else "ready"
                self.stdout.write(f"{state:8} {username:12} password: {DEMO_PASSWORD}  role: {role}")
            # the quiz app owns exams; the demo offers a short one beside the 65-question mock exam
            from quiz.attempts import short_mock_exam

            short_mock_exam()
            from quiz.instructor.demo import seed_class

            users = {username: User.objects.get(username=username) for username, _is_instructor in DEMO_ACCOUNTS}
            for line in seed_class(users["instructor"], users["learner"]):
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo accounts ready: log in at /accounts/login/"))
