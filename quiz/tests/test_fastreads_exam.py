"""quiz.fastreads' exam reads: the fields ``.only(EXAM_ITEM_FIELDS)`` gives; the lock that counts answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quiz import fastreads
from quiz.models import Attempt, AttemptItem

from .test_fastreads import attempt  # noqa: F401  (fixture)



def test_the_exam_item_and_its_attempt_come_back_with_only_the_panels_fields(attempt, learner):
    orm = AttemptItem.objects.only(*fastreads.EXAM_ITEM_FIELDS).get(attempt=attempt, position=1)
    with CaptureQueriesContext(connection) as queries:
        found_attempt, found_item = fastreads.exam_attempt_and_item(attempt.uid, learner.pk, 1)
        assert found_item.get_deferred_fields() == orm.get_deferred_fields() != set()
        assert "sources" in found_item.get_deferred_fields()
        assert {name: getattr(found_item, name) for name in fastreads.EXAM_ITEM_FIELDS} == {
            name: getattr(orm, name) for name in fastreads.EXAM_ITEM_FIELDS}
        assert found_item.attempt is found_attempt and found_attempt.pk == attempt.pk
        assert found_attempt.deadline == attempt.deadline and found_attempt.uid == attempt.uid
    assert len(queries) == 1
    assert found_item.answered_at is not None and found_item.flagged is True and isinstance(found_item.options, list)


def test_the_narrow_reads_find_nothing_for_another_user_or_a_missing_position(attempt, learner, other_learner):
    assert fastreads.exam_attempt_and_item(attempt.uid, other_learner.pk, 0) is None
    assert fastreads.exam_attempt_and_item(attempt.uid, learner.pk, 3) is None
    assert fastreads.exam_item_at(attempt, 7) is None


def test_an_exam_item_by_position_has_the_orms_values(attempt):
    item = fastreads.exam_item_at(attempt, 2)
    orm = attempt.items.get(position=2)
    assert {name: getattr(item, name) for name in fastreads.EXAM_ITEM_FIELDS} == {
        name: getattr(orm, name) for name in fastreads.EXAM_ITEM_FIELDS}
    assert item.attempt is attempt


def test_the_counting_lock_reads_the_state_deadline_and_the_other_answered_items(attempt):
    answered = attempt.items.get(position=1)  # the fixture's answered item
    other = attempt.items.get(position=0)
    assert fastreads.lock_state_counting(attempt.pk, other.pk) == (attempt.state, attempt.deadline, 1)
    assert fastreads.lock_state_counting(attempt.pk, answered.pk) == (attempt.state, attempt.deadline, 0)
    with pytest.raises(Attempt.DoesNotExist):
        fastreads.lock_state_counting(attempt.pk + 1000, other.pk)


def test_the_navigator_read_with_the_item_is_the_navigators_own_read(attempt, learner):
    from django.utils import timezone

    items = list(attempt.items.order_by("position"))
    AttemptItem.objects.filter(pk=items[0].pk).update(answered_at=timezone.now(), chosen=["A"])
    AttemptItem.objects.filter(pk=items[1].pk).update(flagged=True, answered_at=None, chosen=[])
    AttemptItem.objects.filter(pk=items[-1].pk).update(answered_at=timezone.now(), chosen=["B"], flagged=True)
    read_attempt, _item = fastreads.exam_attempt_and_item(attempt.uid, learner.pk, 1)
    assert read_attempt.navigator == fastreads.navigator_rows(attempt.pk)
    assert read_attempt.navigator[0][1:] == (True, False, False)
    assert read_attempt.navigator[1][1:] == (False, True, False)
    assert read_attempt.navigator[-1][1:] == (True, True, False)
    AttemptItem.objects.filter(pk=items[1].pk).update(choose=2, chosen=["A"])  # one of two: partly answered
    read_attempt, _item = fastreads.exam_attempt_and_item(attempt.uid, learner.pk, 1)
    assert read_attempt.navigator == fastreads.navigator_rows(attempt.pk)
    assert read_attempt.navigator[1][1:] == (False, True, True)
    assert [position for position, *_ in read_attempt.navigator] == list(range(len(items)))
