"""What the quiz engine and the dashboard ask the instructor app.

- ``extra_minutes(user, quiz)``: extra exam minutes for this learner on this
  quiz (the largest arrangement among the classes it is assigned to). The
  quiz engine adds it to the attempt deadline.
- ``extra_minutes_by_quiz(user, quizzes)``: ``extra_minutes`` for many quizzes in one query.
- ``assignments_by_quiz(user, quizzes)``: which of them the user's classes assign, with the extra time, the soonest
  due date and a class's name, in one query (the exam list).
- ``review_allowed(user, quiz, now)``: may the learner see the answers of a
  submitted attempt? True unless every class assigning the quiz to them keeps
  reviews closed (after the due date, or never). Quizzes not assigned to the
  learner are not restricted.
- ``open_for_review(attempts, now)``: ``review_allowed`` for many attempts in one query (the
  attempts whose answers their learner may see at ``now``).
- ``is_assigned(user, quiz)``: is the quiz assigned to a class the user is in (the start page of an unpublished
  quiz says "not open" to them, 404 to anyone else)?
- ``due_at(user, quiz)``: the soonest due date of the quiz's assignments to the user's classes (start page).
- ``assignments_for(user)``: the learner's assignments, soonest due first, each with
  ``finished`` (a finished attempt exists).
- ``take_added_notices(user, now)``: the classes an instructor added the learner to since their last dashboard
  ("<instructor> added you to <class>"), marked seen.

All of them but the review rules read the classes the learner is in now: a class they left no longer
gives them extra time or assignments. The review rules (``review_allowed``, ``open_for_review``) also
read the classes they left: leaving does not open the answers of an exam the class keeps closed.
"""

from django.db.models import Exists, F, OuterRef, Q

from .models import Assignment, Membership, class_name_shown


def extra_minutes(user, quiz):
    if quiz is None:
        return 0
    return extra_minutes_by_quiz(user, [quiz]).get(quiz.pk, 0)


def extra_minutes_by_quiz(user, quizzes):
    """``{quiz id: extra_minutes(user, quiz)}`` for those of ``quizzes`` that give ``user`` extra time (one query)."""
    return {quiz_id: minutes for quiz_id, (minutes, _due, _name) in assignments_by_quiz(user, quizzes).items()
            if minutes}


def assignments_by_quiz(user, quizzes):
    """``{quiz id: (extra minutes, soonest due date or None, a class's name)}`` for those of ``quizzes`` the user's
    current classes assign (one query: the exam list says which are assigned, by whom and when they are due, beside
    the time each gives)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    rows = (Membership.objects.current().filter(learner=user, classroom__assignments__quiz__in=quizzes)
            .order_by("classroom__assignments__quiz", F("classroom__assignments__due_at").asc(nulls_last=True),
                      "classroom__name")
            .values_list("classroom__assignments__quiz", "extra_minutes", "classroom__assignments__due_at",
                         "classroom__name"))
    found = {}
    for quiz_id, minutes, due, name in rows:  # the soonest due first: the class named is the one it is due in
        if quiz_id in found:
            found[quiz_id] = (max(found[quiz_id][0], minutes or 0), *found[quiz_id][1:])
        else:
            found[quiz_id] = (minutes or 0, due, class_name_shown(name))
    return found


def is_assigned(user, quiz):
    if quiz is None or not getattr(user, "is_authenticated", False):
        return False
    return Assignment.objects.filter(quiz=quiz, classroom__memberships__learner=user,
                                     classroom__memberships__left_at__isnull=True).exists()


def due_at(user, quiz):
    """The soonest due date the user's classes now give ``quiz``, or None (not assigned, or no due date)."""
    if quiz is None or not getattr(user, "is_authenticated", False):
        return None
    return (Assignment.objects.filter(quiz=quiz, classroom__memberships__learner=user,
                                      classroom__memberships__left_at__isnull=True, due_at__isnull=False)
            .order_by("due_at").values_list("due_at", flat=True).first())


def review_allowed(user, quiz, now):
    if quiz is None or not getattr(user, "is_authenticated", False):
        return True
    assignments = list(Assignment.objects.filter(quiz=quiz, classroom__memberships__learner=user))
    if not assignments:
        return True
    return any(assignment.review_open(now) for assignment in assignments)


def review_opens_at(user, quiz, now):
    """When the review of ``quiz``, closed to ``user`` at ``now`` (``review_allowed`` is False), opens: the first
    due date still to come of the learner's classes that open it after the due date; None when none ever does."""
    return (Assignment.objects.filter(quiz=quiz, classroom__memberships__learner=user,
                                      review_opens=Assignment.ReviewOpens.AFTER_DUE, due_at__gt=now)
            .order_by("due_at").values_list("due_at", flat=True).first())


def review_open_q(now):
    """``Assignment.review_open(now)`` as a filter."""
    opens = Assignment.ReviewOpens
    return Q(review_opens=opens.IMMEDIATELY) | (Q(review_opens=opens.AFTER_DUE)
                                                 & (Q(due_at__isnull=True) | Q(due_at__lte=now)))


def open_for_review(attempts, now):
    """The attempts of the queryset ``attempts`` whose review is open at ``now`` (``review_allowed`` for each,
    in the same query): no quiz, a quiz no class of the learner assigns, or one class keeps it open."""
    assigned = Assignment.objects.filter(quiz=OuterRef("quiz"), classroom__memberships__learner=OuterRef("user"))
    return attempts.filter(Q(quiz__isnull=True) | ~Exists(assigned) | Exists(assigned.filter(review_open_q(now))))


def assignments_for(user):
    """One query; each assignment carries ``finished``: the learner has a finished attempt at its quiz."""
    from quiz.models import Attempt

    if not getattr(user, "is_authenticated", False):
        return []
    finished = Attempt.objects.filter(user=user, quiz=OuterRef("quiz")).exclude(state=Attempt.State.IN_PROGRESS)
    return list(
        Assignment.objects.filter(classroom__memberships__learner=user,
                                  classroom__memberships__left_at__isnull=True)
        .select_related("quiz", "classroom")
        .annotate(finished=Exists(finished))
        .order_by(F("due_at").asc(nulls_last=True), "id")  # soonest due first, none due last on every database
        .distinct()
    )


def take_added_notices(user, now):
    """The learner's current memberships an instructor made by user name and the learner was not told of yet,
    with the class and the instructor; marked seen at ``now`` (two queries; the dashboard asks only when
    ``dashboard.freshness`` counted one)."""
    notices = list(Membership.objects.current()
                   .filter(learner=user, added_by__isnull=False, seen_at__isnull=True)
                   .select_related("classroom", "added_by").order_by("joined_at", "id"))
    if notices:
        Membership.objects.filter(pk__in=[m.pk for m in notices]).update(seen_at=now)
    return notices
