"""quiz.fastreads' written-out inserts and deletes store what the ORM stores."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quiz import fastreads
from quiz.progress.models import ReviewCard, ReviewLog


def _fields(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields if field.attname != "id"}


def _card(make, learner, question=None):
    question = question or make.question()
    return ReviewCard(user=learner, question=question, topic=question.topic, domain=question.topic.domain,
                      state={"step": 1}, due=timezone.now(), stability=1.5, reps=1, last_review=timezone.now())


def test_an_inserted_instance_reads_back_as_the_orm_saves_it(make, learner, django_assert_num_queries):
    written, saved = _card(make, learner), _card(make, learner)
    with django_assert_num_queries(1):
        pk = fastreads.insert_instance(written)
    saved.save(force_insert=True)
    assert pk == written.pk and written._state.adding is False
    read, orm = ReviewCard.objects.get(pk=pk), ReviewCard.objects.get(pk=saved.pk)
    assert read.created_at is not None and read.updated_at is not None
    skip = {"question_id", "topic_id", "domain", "created_at", "updated_at", "due", "last_review"}
    assert {k: v for k, v in _fields(read).items() if k not in skip} == {
        k: v for k, v in _fields(orm).items() if k not in skip}


def test_a_conflicting_insert_is_skipped_and_writes_nothing(make, learner):
    question = make.question()
    first = _card(make, learner, question)
    fastreads.insert_instance(first)
    second = _card(make, learner, question)
    second.reps = 7
    assert fastreads.insert_instance(second, skip_conflict=True) is None
    assert second.pk is None and second._state.adding is True
    assert list(ReviewCard.objects.values_list("pk", "reps")) == [(first.pk, 1)]


def test_without_skip_a_conflicting_insert_raises(make, learner):
    question = make.question()
    fastreads.insert_instance(_card(make, learner, question))
    try:
        with transaction.atomic():
            fastreads.insert_instance(_card(make, learner, question))
    except IntegrityError:
        pass
    else:
        raise AssertionError("the unique constraint was not enforced")
    assert ReviewCard.objects.count() == 1


def test_inserted_values_read_back_and_a_deleted_row_is_gone(make, learner):
    card = _card(make, learner)
    card.save()
    now = timezone.now()
    values = {"user_id": learner.pk, "card_id": card.pk, "question_id": card.question_id,
              "topic_id": card.topic_id, "domain": card.domain, "attempt_item_id": None, "mode": "practice",
              "rating": 3, "correct": True, "was_due": False, "reviewed_at": now, "stability": 2.5, "due": now}
    pk = fastreads.insert_values(ReviewLog, values, skip_conflict=True)
    log = ReviewLog.objects.get(pk=pk)
    assert {name: getattr(log, name) for name in values} == values
    assert fastreads.delete_row(ReviewLog, pk) == 1
    assert not ReviewLog.objects.filter(pk=pk).exists()
    assert fastreads.delete_row(ReviewLog, pk) == 0


@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
def test_values_are_prepared_for_save_as_their_fields_prepare_them(db):
    from datetime import datetime, timezone as dt_timezone

    from django.db import connection
    from django.utils import timezone

    from quiz.fastreads import prepare_for_save
    from quiz.models import AttemptItem
    from quiz.progress.models import ReviewCard, ReviewLog

    now = timezone.now()
    samples = [None, True, False, 0, 1, 2.5, 3, "", "x", "2026-01-02 03:04:05", now, now.replace(tzinfo=None),
               datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt_timezone.utc), ["a", "b"], {"k": 1}]
    fields = [f for model in (ReviewCard, ReviewLog, AttemptItem) for f in model._meta.concrete_fields]
    checked = 0
    for field in fields:
        for value in samples:
            try:
                expected = field.get_db_prep_save(value, connection)
            except Exception:  # a value the field refuses: not a case callers have
                continue
            (got,) = prepare_for_save([field], [value], connection)
            # same type and value (psycopg's Jsonb wrapper compares by identity: compare what it wraps)
            assert (type(got), getattr(got, "obj", got)) == (type(expected), getattr(expected, "obj", expected)), (
                field, value)
            checked += 1
    assert checked > 100
