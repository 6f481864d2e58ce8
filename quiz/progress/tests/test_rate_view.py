"""/progress/rate/<item>/: Hard/Good/Easy after practice feedback."""

from fsrs import Rating

from quiz.progress.models import ReviewCard, ReviewLog


def test_rating_a_right_practice_answer_easy_replaces_good_and_pushes_the_card_later(learner, learner_client, make,
                                                                                    answering):
    item = answering.answer(learner, make.question(), correct=True)
    due_before = ReviewCard.objects.get().due
    response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "easy"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'aria-pressed="true">Easy' in response.content.decode()
    assert ReviewLog.objects.get().rating == Rating.Easy
    assert ReviewCard.objects.get().due > due_before
    item.refresh_from_db()
    assert item.rating == Rating.Easy


def test_without_htmx_it_redirects_back_to_the_question(learner, learner_client, make, answering):
    item = answering.answer(learner, make.question(), correct=True)
    response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "hard"})
    assert response.status_code == 302
    assert response["Location"] == f"/quiz/practice/{item.attempt.uid}/1/"
    assert ReviewLog.objects.get().rating == Rating.Hard


def test_a_wrong_answer_cannot_be_rated_easy_and_nothing_changes(learner, learner_client, make, answering):
    item = answering.answer(learner, make.question(), correct=False)
    before = ReviewCard.objects.values("due", "stability").get()
    response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "easy"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert ReviewLog.objects.get().rating == Rating.Again
    assert ReviewCard.objects.values("due", "stability").get() == before


def test_an_exam_item_cannot_be_rated(learner, learner_client, make, answering):
    item = answering.answer(learner, make.question(), correct=True, mode="exam")
    # not a practice item: not found (it used to redirect to a practice page that does not exist, also a 404,
    # with the message lost on the way)
    for headers in ({}, {"HX-Request": "true"}):
        response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "easy"}, headers=headers)
        assert response.status_code == 404
    assert ReviewLog.objects.get().rating == Rating.Good


def test_an_unknown_rating_is_refused_with_a_message(learner, learner_client, make, answering):
    item = answering.answer(learner, make.question(), correct=True)
    response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "again"}, headers={"HX-Request": "true"})
    assert "Choose Hard, Good or Easy." in response.content.decode()
    assert ReviewLog.objects.get().rating == Rating.Good


def test_another_learners_item_is_a_404(other_learner, learner_client, make, answering):
    item = answering.answer(other_learner, make.question(), correct=True)
    assert learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "easy"}).status_code == 404
    assert ReviewLog.objects.get().rating == Rating.Good


def test_the_rating_form_appears_only_for_a_right_answer(learner, make, answering):
    from django.template.loader import render_to_string

    right = answering.answer(learner, make.question(), correct=True)
    wrong = answering.answer(learner, make.question(), correct=False)
    assert f'action="/progress/rate/{right.pk}/"' in render_to_string("progress/_rate.html", {"item": right})
    assert "rate-form" not in render_to_string("progress/_rate.html", {"item": wrong})


def test_rating_runs_the_same_number_of_queries_however_often_the_question_was_seen(
        learner, learner_client, make, answering, django_assert_num_queries):
    from datetime import timedelta

    from .conftest import NOW

    counts = []
    for seen_before in (0, 4):
        question = make.question()
        for d in range(seen_before):
            answering.answer(learner, question, correct=True, when=NOW - timedelta(days=30 - 5 * d))
        item = answering.answer(learner, question, correct=True, when=NOW)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "easy"},
                                           headers={"HX-Request": "true"})
        assert response.status_code == 200
        counts.append(len(queries))
    # session with its user, item with its attempt, savepoint, card (locked), the item's log, log rating,
    # item rating, the card's logs, card update, logs bulk update, savepoint release
    assert counts == [11, 11]
    with django_assert_num_queries(11):
        learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "hard"}, headers={"HX-Request": "true"})


def test_saved_is_announced_only_after_the_learner_rates(learner, learner_client, make, answering):
    item = answering.answer(learner, make.question(), correct=True)
    page = learner_client.get(f"/quiz/practice/{item.attempt.uid}/1/").content.decode()
    assert 'class="rate-form"' in page and "Saved." not in page  # Good is the default, not the learner's choice
    response = learner_client.post(f"/progress/rate/{item.pk}/", {"rating": "hard"}, headers={"HX-Request": "true"})
    assert "Saved." in response.content.decode()
