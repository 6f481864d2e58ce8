"""The demo class ``seed_demo`` sets up for the demo accounts: the instructor's "Demo class" with the learner in it,
a practice set and a timed exam built from the generated questions, both assigned to the class, due a week later.

Every step goes through what the instructor screens use (``ClassroomForm``, ``AddLearnerForm``, ``QuizForm``,
``AssignmentForm``, the review queue's ``bank.set_status``) and writes the audit entry the screen writes, as the
demo instructor. What exists already is left as it is: running it again changes nothing, an instructor's edits and
the learner's attempts included; only what is missing (a deleted assignment, the learner after leaving the class)
is made again."""

from datetime import timedelta
from itertools import zip_longest

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from quiz.models import Mode, Question, Quiz
from quiz.selection import kept_apart, overlap_keys
from studynotes.models import Language

from . import bank
from .forms import AddLearnerForm, AssignmentForm, ClassroomForm, QuizForm
from .models import DEMO_CLASS, Assignment, AuditLog, Classroom, Membership


DEMO_QUESTIONS = 10
DEMO_DUE_IN = timedelta(days=7)
DEMO_QUIZZES = [  # slug, title, description, mode, time limit (minutes)
    ("demo-practice-set", gettext_noop("Demo practice set"),
     gettext_noop("Ten questions from the notes, with the answer and explanation after each one."),
     Mode.PRACTICE, None),
    ("demo-exam", gettext_noop("Demo exam"),
     gettext_noop("Ten questions in 20 minutes, graded when you submit."), Mode.EXAM, 20),
]


def seed_class(instructor, learner, now=None):
    """Create what is missing of the demo class, its quizzes and assignments; returns the lines to print."""
    now = now or timezone.now()
    lines = []
    classroom = _classroom(instructor, lines)
    _membership(classroom, instructor, learner, lines)
    quizzes = _quizzes(instructor, lines)
    due = timezone.localtime(now + DEMO_DUE_IN).replace(second=0, microsecond=0)
    for quiz in quizzes:
        _assignment(classroom, quiz, instructor, due, lines)
    return lines


def _line(state, what, text):
    return f"{state:8} {what:12} {text}"


def _refused(form):
    return "; ".join(str(error) for errors in form.errors.values() for error in errors)


def _classroom(instructor, lines):
    classroom = Classroom.objects.filter(owner=instructor).named(DEMO_CLASS).first()
    state = "ready"
    if classroom is None:
        form = ClassroomForm({"name": DEMO_CLASS}, owner=instructor)
        form.is_valid()  # the name is free: no class of the instructor's has it
        form.instance.owner = instructor
        classroom = form.save()
        AuditLog.record(instructor, "create", classroom)
        state = "created"
    lines.append(_line(state, "class", f"{classroom.name} (join code {classroom.join_code}), owner "
                                       f"{instructor.get_username()}, {classroom.get_absolute_url()}"))
    return classroom


def _membership(classroom, instructor, learner, lines):
    name = learner.get_username()
    if classroom.memberships.current().filter(learner=learner).exists():
        lines.append(_line("ready", "member", f"{name} in {classroom.name}"))
        return
    form = AddLearnerForm({"username": name})
    if not form.is_valid():
        lines.append(_line("skipped", "member", f"{name}: {_refused(form)}"))
        return
    Membership.objects.create(classroom=classroom, learner=form.learner, added_by=instructor)
    AuditLog.record(instructor, "add_learner", classroom, details={"learner": name})
    lines.append(_line("created", "member", f"{name} in {classroom.name}"))


def spread_question_ids():
    """The live questions' ids, one topic after another (by domain and name) in turn, so that the first ten cover
    as many topics as the bank has; those written in every interface language first (a learner reading English
    or Korean would otherwise get many in Japanese). Within each of those two groups, a question that asks what
    an earlier one asks (``selection.overlap_keys``: a topic's second Blue/Green scenario, a second "which
    .ebextensions key" over the same keys) moves after the others, as a random draw would leave it out, even if
    that leaves a topic to the exam's ten (Blue/Green's scenarios offer Big bang's options)."""
    every = set(Language.values)
    by_topic = ({}, {})
    overlap = {}
    for pk, topic_id, languages, family, clues, options, stem, kind in (
            Question.objects.live().order_by("topic__domain", "topic__name", "topic_id", "pk")
            .values_list("pk", "topic_id", "languages", "family", "clues", "options", "stem", "type")):
        by_topic[not every <= set(languages)].setdefault(topic_id, []).append(pk)
        overlap[pk] = overlap_keys(family, clues, options, stem, kind)
    used = set()
    return [pk for topics in by_topic
            for pk in kept_apart([pk for turn in zip_longest(*topics.values()) for pk in turn if pk is not None],
                                 overlap, used)]


def _quizzes(instructor, lines):
    """The demo quizzes, those missing built; [] when there are none and no question to build them from. A
    quiz of a demo slug that the demo instructor did not create is another's: left alone, nothing built."""
    existing, taken = {}, {}
    slugs = [slug for slug, *_rest in DEMO_QUIZZES]
    for quiz in Quiz.objects.filter(slug__in=slugs).select_related("created_by"):
        (existing if quiz.created_by_id == instructor.pk else taken)[quiz.slug] = quiz
    missing = [entry for entry in DEMO_QUIZZES if entry[0] not in existing and entry[0] not in taken]
    ids = spread_question_ids() if missing else []
    if missing and not ids:
        lines.append(_line("skipped", "quizzes", "no questions yet: run manage.py generate_questions, "
                                                 "then seed_demo again"))
    # the practice set asks the first ten, the exam the next ten; a bank of fewer than twenty lends the exam some
    # of the practice set's (ten each while there are ten)
    exam_from = max(0, min(DEMO_QUESTIONS, len(ids) - DEMO_QUESTIONS))
    chosen = {slug: ids[exam_from:exam_from + DEMO_QUESTIONS] if mode == Mode.EXAM else ids[:DEMO_QUESTIONS]
              for slug, _title, _description, mode, _minutes in missing}
    quizzes = []
    for slug, title, description, mode, minutes in DEMO_QUIZZES:
        if slug in taken:  # building it would break the unique slug; assigning it, hand out another's quiz
            other = taken[slug]
            creator = other.created_by.get_username() if other.created_by else "a deleted account"
            why = (f"slug {slug} is taken by “{other.title}” (created by {creator}, not "
                   f"{instructor.get_username()}): left alone, not assigned")
            lines.append(_line("skipped", "quiz", f"{title}: {why}"))
            continue
        quiz = existing.get(slug)
        state = "ready"
        if quiz is None and chosen.get(slug):
            quiz = _build_quiz(instructor, slug, title, description, mode, minutes, chosen[slug], lines)
            state = "created"
        if quiz is not None:
            timed = f", {quiz.time_limit_minutes} minutes" if quiz.time_limit_minutes and quiz.mode == Mode.EXAM else ""
            lines.append(_line(state, "quiz", f"{quiz.title}: {quiz.mode}, {quiz.question_count} "
                                              f"questions{timed}, {quiz.get_absolute_url()}"))
            quizzes.append(quiz)
    return quizzes


def _build_quiz(instructor, slug, title, description, mode, minutes, question_ids, lines):
    """The quiz builder's form, as an instructor fills it in (``views.quiz_edit``); None if it refuses.

    The builder's default, "approved questions only", takes approved questions alone (QuizForm refuses drafts
    on a fixed list): the drafts asked are approved first, as the review queue's button does, in the same
    transaction, so that a refusal leaves them drafts."""
    with transaction.atomic():
        approved = bank.set_status(instructor, Question.objects.filter(pk__in=question_ids,
                                                                       status=Question.Status.DRAFT),
                                   Question.Status.APPROVED, "approve")
        form = QuizForm({
            "title": title, "description": description, "mode": mode, "language": "",
            "question_count": len(question_ids), "time_limit_minutes": minutes or "", "pass_mark": 720,
            "attempts_allowed": "", "opens_at": "", "closes_at": "", "shuffle": True, "only_approved": True,
            "published": True, "questions": question_ids,
        }, instance=Quiz(slug=slug, created_by=instructor))  # the slug given: seed_demo finds it again by it
        if not form.is_valid():
            transaction.set_rollback(True)
            lines.append(_line("skipped", "quiz", f"{title}: {_refused(form)}"))
            return None
        quiz = form.save()
        AuditLog.record(instructor, "create", quiz,
                        details={"rules": quiz.rules, "question_count": quiz.question_count})
    if approved:
        lines.append(_line("approved", "questions", f"{approved} drafts {title} asks (as "
                                                    f"{instructor.get_username()}; the other drafts wait in "
                                                    "the review queue)"))
    return quiz


def _assignment(classroom, quiz, instructor, due, lines):
    assignment = Assignment.objects.filter(classroom=classroom, quiz=quiz).first()
    state = "ready"
    if assignment is None:
        form = AssignmentForm({"quiz": quiz.pk, "due_at": due, "review_opens": Assignment.ReviewOpens.IMMEDIATELY},
                              classroom=classroom)
        if not form.is_valid():  # an instructor unpublished or closed the quiz since
            lines.append(_line("skipped", "assignment", f"{quiz.title} to {classroom.name}: {_refused(form)}"))
            return
        form.instance.classroom = classroom
        form.instance.created_by = instructor
        assignment = form.save()
        AuditLog.record(instructor, "assign", classroom, details=assignment.audit_details(assignment=assignment.pk))
        state = "created"
    when = (f"due {timezone.localtime(assignment.due_at):%Y-%m-%d %H:%M} {timezone.get_current_timezone_name()}"
            if assignment.due_at else "no due date")
    lines.append(_line(state, "assignment", f"{quiz.title} to {classroom.name}, {when}, results "
                                            f"{assignment.get_absolute_url()}"))
