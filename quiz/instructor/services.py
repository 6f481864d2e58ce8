"""What the quiz engine and the dashboard ask the instructor app.

- ``extra_minutes(user, quiz)``: extra exam minutes for this learner on this
  quiz (the largest arrangement among the classes it is assigned to). The
  quiz engine adds it to the attempt deadline.
- ``review_allowed(user, quiz, now)``: may the learner see the answers of a
  submitted attempt? True unless every class assigning the quiz to them keeps
  reviews closed (after the due date, or never). Quizzes not assigned to the
  learner are not restricted.
- ``assignments_for(user)``: the learner's assignments, soonest due first, each with
  ``finished`` (a finished attempt exists).
"""

from django.db.models import Exists, Max, OuterRef

from .models import Assignment, Membership


def extra_minutes(user, quiz):
    if quiz is None or not getattr(user, "is_authenticated", False):
        return 0
    result = Membership.objects.filter(learner=user, classroom__assignments__quiz=quiz).aggregate(
        most=Max("extra_minutes")
    )
    return result["most"] or 0


def review_allowed(user, quiz, now):
    if quiz is None or not getattr(user, "is_authenticated", False):
        return True
    assignments = list(Assignment.objects.filter(quiz=quiz, classroom__memberships__learner=user))
    if not assignments:
        return True
    return any(assignment.review_open(now) for assignment in assignments)


def assignments_for(user):
    """One query; each assignment carries ``finished``: the learner has a finished attempt at its quiz."""
    from quiz.models import Attempt

    if not getattr(user, "is_authenticated", False):
        return []
    finished = Attempt.objects.filter(user=user, quiz=OuterRef("quiz")).exclude(state=Attempt.State.IN_PROGRESS)
    return list(
        Assignment.objects.filter(classroom__memberships__learner=user)
        .select_related("quiz", "classroom")
        .annotate(finished=Exists(finished))
        .order_by("due_at", "id")
        .distinct()
    )
