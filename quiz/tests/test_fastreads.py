"""quiz.fastreads: the written-out reads give what their ORM querysets give."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quiz import attempts, fastreads
from quiz.models import Attempt, AttemptItem, Mode, Quiz


@pytest.fixture
def attempt(make, learner):
    quiz = Quiz.objects.create(slug="fr", title="FR", mode=Mode.EXAM, question_count=3, time_limit_minutes=30,
                               only_approved=False)
    for _ in range(3):
        make.question()
    attempt, _ = attempts.start_exam(learner, quiz, "ja")
    item = attempt.items.get(position=1)
    item.chosen, item.answered_at, item.flagged = [item.options[0]["key"]], timezone.now(), True
    item.save()
    return Attempt.objects.get(pk=attempt.pk)


def _fields(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_the_attempt_and_its_item_come_back_as_the_orm_loads_them(attempt, learner):
    orm = AttemptItem.objects.select_related("attempt").get(attempt__uid=attempt.uid, attempt__user=learner,
                                                            position=1)
    with CaptureQueriesContext(connection) as queries:
        found_attempt, found_item = fastreads.attempt_and_item(attempt.uid, learner.pk, 1)
    assert len(queries) == 1
    assert _fields(found_item) == _fields(orm)
    assert _fields(found_attempt) == _fields(orm.attempt)
    assert found_item.attempt is found_attempt
    assert isinstance(found_item.options, list) and isinstance(found_attempt.deadline, type(timezone.now()))
    assert found_item._state.adding is False and found_attempt._state.db == "default"


def test_another_users_attempt_or_a_missing_position_is_none(attempt, other_learner, learner):
    assert fastreads.attempt_and_item(attempt.uid, other_learner.pk, 0) is None
    assert fastreads.attempt_and_item(attempt.uid, learner.pk, 3) is None


def test_the_navigator_rows_say_answered_and_flagged_in_order(attempt):
    assert fastreads.navigator_rows(attempt.pk) == [(0, False, False, False), (1, True, True, False),
                                                    (2, False, False, False)]


def test_the_navigator_rows_say_which_items_are_partly_answered(attempt):
    # one option of a "choose two" is kept but counts as unanswered: not answered, and not untouched either
    attempt.items.filter(position=2).update(choose=2, chosen=["A"], answered_at=None)
    assert fastreads.navigator_rows(attempt.pk)[2] == (2, False, False, True)


def test_the_lock_reads_the_state_and_deadline_as_stored(attempt):
    deadline = timezone.now() + timedelta(minutes=7)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline, state=Attempt.State.SUBMITTED)
    with transaction.atomic():
        assert fastreads.lock_state(attempt.pk) == (Attempt.State.SUBMITTED, deadline)
        with pytest.raises(Attempt.DoesNotExist):
            fastreads.lock_state(attempt.pk + 1000)


def test_an_attempt_without_deadline_reads_none(attempt):
    Attempt.objects.filter(pk=attempt.pk).update(deadline=None)
    with transaction.atomic():
        assert fastreads.lock_state(attempt.pk) == (Attempt.State.IN_PROGRESS, None)


def test_a_review_card_and_its_questions_topic_come_back_as_the_orm_loads_them(attempt, learner, other_learner):
    from quiz.models import Question
    from quiz.progress.models import ReviewCard
    from quiz.progress.reviews import record_answer

    item = attempt.items.get(position=1)
    item.correct = True
    record_answer(item, now=timezone.now())
    card = ReviewCard.objects.get(user=learner, question_id=item.question_id)
    topic = tuple(Question.objects.filter(pk=item.question_id).values_list("topic_id", "topic__domain").get())
    loaded, *loaded_topic = fastreads.card_and_topic(learner.pk, item.question_id)
    assert _fields(loaded) == _fields(card)
    assert tuple(loaded_topic) == topic
    assert fastreads.card_and_topic(other_learner.pk, item.question_id) == (None, *topic)  # no card yet
    with pytest.raises(Question.DoesNotExist):
        fastreads.card_and_topic(learner.pk, item.question_id + 10_000)


def test_the_practice_read_is_the_attempt_and_item_read_with_the_card_and_topic_read(attempt, learner,
                                                                                    other_learner):
    from quiz.progress.reviews import record_answer

    item = attempt.items.get(position=1)
    for answered in (False, True):
        if answered:
            item.chosen, item.correct, item.answered_at = ["A"], True, timezone.now()
            item.save()
            record_answer(item, now=timezone.now())
        plain_attempt, plain_item = fastreads.attempt_and_item(attempt.uid, learner.pk, 1)
        read_attempt, read_item, prior = fastreads.practice_attempt_and_item(attempt.uid, learner.pk, 1)
        assert _fields(read_attempt) == _fields(plain_attempt) and _fields(read_item) == _fields(plain_item)
        card, *topic = fastreads.card_and_topic(learner.pk, item.question_id)
        assert (card is None) is (not answered) and (prior[0] is None) is (not answered)
        if card is not None:
            assert _fields(prior[0]) == _fields(card)
        assert list(prior[1:]) == topic
    cited = {source["section"] for source in item.sources if source.get("section")}
    assert read_item.section_files == fastreads.section_files(cited)
    if cited:  # a section retired since: no longer linked
        from studynotes.models import Section

        Section.objects.filter(pk__in=cited).update(retired=True)
        assert fastreads.practice_attempt_and_item(attempt.uid, learner.pk, 1)[1].section_files == {}
    assert fastreads.practice_attempt_and_item(attempt.uid, other_learner.pk, 1) is None
    assert fastreads.practice_attempt_and_item(attempt.uid, learner.pk, 99) is None


def test_a_row_update_stores_what_the_orm_update_stores(attempt):
    item = attempt.items.get(position=0)
    twin = attempt.items.get(position=2)
    when = timezone.now()
    assert fastreads.update_row(AttemptItem, item.pk, {"chosen": ["B", "A"], "answered_at": when, "flagged": True}) == 1
    AttemptItem.objects.filter(pk=twin.pk).update(chosen=["B", "A"], answered_at=when, flagged=True)
    item.refresh_from_db()
    twin.refresh_from_db()
    assert (item.chosen, item.answered_at, item.flagged) == (twin.chosen, twin.answered_at, twin.flagged)
    assert (item.chosen, item.answered_at, item.flagged) == (["B", "A"], when, True)
    assert fastreads.update_row(AttemptItem, item.pk, {"answered_at": None}) == 1
    assert AttemptItem.objects.get(pk=item.pk).answered_at is None
    assert fastreads.update_row(Attempt, attempt.pk + 1000, {"position": 2}) == 0


def test_an_update_while_null_leaves_a_row_whose_field_is_set(attempt):
    answered = attempt.items.get(position=1)  # answered by the fixture
    open_item = attempt.items.get(position=0)
    when = timezone.now()
    assert fastreads.update_row(AttemptItem, answered.pk, {"chosen": ["Z"]}, while_null="answered_at") == 0
    assert fastreads.update_row(AttemptItem, open_item.pk, {"chosen": ["B"], "answered_at": when},
                                while_null="answered_at") == 1
    assert AttemptItem.objects.get(pk=answered.pk).chosen != ["Z"]
    assert AttemptItem.objects.get(pk=open_item.pk).answered_at == when


def test_section_files_map_sections_to_their_files(make):
    first, second = make.section(), make.section()
    assert fastreads.section_files([first.pk, second.pk, first.pk, 999999]) == {
        first.pk: (first.note_file_id, first.language), second.pk: (second.note_file_id, second.language)}
    assert fastreads.section_files([]) == {}
    second.retired = True
    second.save()
    third = make.section()
    third.note_file.retired = True
    third.note_file.save()
    # no longer on the site: nothing to link to
    assert fastreads.section_files([first.pk, second.pk, third.pk]) == {first.pk: (first.note_file_id, first.language)}


def test_a_row_update_with_an_expected_version_misses_a_changed_row(attempt, learner):
    assert fastreads.update_row(Attempt, attempt.pk, {"position": 2}, expect={"position": 1}) == 0
    assert fastreads.update_row(Attempt, attempt.pk, {"position": 2}, expect={"position": 0}) == 1
    assert Attempt.objects.get(pk=attempt.pk).position == 2


@pytest.mark.django_db(transaction=True)
def test_reads_work_from_another_thread_after_this_one(make, learner):
    import threading

    from django.db import connections

    quiz = Quiz.objects.create(slug="thr", title="T", mode=Mode.EXAM, question_count=1, only_approved=False)
    make.question()
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    assert fastreads.attempt_and_item(attempt.uid, learner.pk, 0) is not None
    found = []

    def other_thread():
        try:
            found.append(fastreads.attempt_and_item(attempt.uid, learner.pk, 0))
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert found and found[0][1].attempt_id == attempt.pk


def test_the_request_user_comes_back_as_the_orm_loads_it_with_the_group_flag(learner, instructor):
    from django.contrib.auth import get_user_model

    from studynotes.roles import INSTRUCTOR_GROUP

    for user, flag in ((learner, False), (instructor, True)):
        loaded = fastreads.user_in_group(user.pk, INSTRUCTOR_GROUP)
        assert _fields(loaded) == _fields(get_user_model().objects.get(pk=user.pk))
        assert loaded.in_instructor_group is flag
    assert fastreads.user_in_group(instructor.pk + 1000, INSTRUCTOR_GROUP) is None


def test_item_results_are_the_orms_domain_and_correct_in_order(attempt):
    items = list(attempt.items.all())
    items[0].correct, items[1].correct = True, False
    AttemptItem.objects.bulk_update(items, ["correct"])
    with CaptureQueriesContext(connection) as queries:
        found = fastreads.item_results(attempt.pk)
    assert len(queries) == 1
    assert found == [(item.domain, item.correct) for item in attempt.items.all()] == [
        (items[0].domain, True), (items[1].domain, False), (items[2].domain, None)]


def test_grading_a_practice_set_stores_what_the_orm_grading_computes(make, learner):
    from quiz import scoring

    questions = [make.question() for _ in range(4)]
    attempt = attempts.start_practice(learner, questions, "ja")
    now = timezone.now()
    for item, right in zip(attempt.items.all()[:3], (True, False, True)):
        keys = sorted(item.correct_keys) if right else sorted(
            {o["key"] for o in item.options} - set(item.correct_keys))[:item.choose]
        item.chosen, item.correct, item.answered_at = keys, right, now
        item.save()
    expected = scoring.grade(((i.domain, i.correct) for i in attempt.items.all()), attempt.pass_mark)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        attempts.grade(locked, now=now)
    assert len(queries) == 3  # the lock, the items' results, the attempt's update
    stored = Attempt.objects.get(pk=attempt.pk)
    assert _fields(stored) == _fields(locked)
    assert (stored.raw_score, stored.item_count, stored.scaled_score, stored.passed) == (
        expected.correct, expected.total, expected.scaled, expected.passed) == (2, 4, expected.scaled, False)
    assert stored.state == Attempt.State.SUBMITTED and stored.submitted_at == now
    with transaction.atomic():
        attempts.grade(Attempt.objects.select_for_update().get(pk=attempt.pk), now=now)  # graded once only
    assert _fields(Attempt.objects.get(pk=attempt.pk)) == _fields(stored)
