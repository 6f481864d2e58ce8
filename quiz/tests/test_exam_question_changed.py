"""An exam choice is stored only against the question version the learner's page showed.

An instructor's edit or a bank import reaches the items of exams in progress (``refresh_open_items``): an
option can go, and the letters after it name other options. A letter picked on a page rendered before that
would be stored against options it was not picked from; such a save stores nothing and asks the question
again, whether the page was out of date when it was posted (its ``version`` field) or the edit landed while
the save was being checked (the write is conditional on the version read).
"""

import re

import pytest
from django.db import transaction

from quiz import attempts
from quiz.models import Question

from .test_views_exam import HX, exam, item_url, started  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

CHANGED = "An instructor changed this question while you were answering it. Read it again, then answer."


def _first_single(attempt):
    return attempt.items.filter(choose=1).order_by("position").first()


def _drop_option(item, instructor):
    """An instructor's edit removing the option the item shows under B: C's option moves up to B."""
    from quiz.instructor.bank import save_version

    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=item.question_id)
        old_keys = question.correct_keys()
        gone = item.options[1]["key"]
        question.options = [option for option in question.options if option["key"] != gone]
        question.version += 1
        save_version(question, old_keys, instructor)
    return item.options[1]["text"], item.options[2]["text"]


def label_and_key(item, label):
    return item.options["ABCDEFGHIJ".index(label)]["key"]


def _version(html):
    return re.search(r'<input type="hidden" name="version" value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("action", ["save", "next"])
@pytest.mark.parametrize("htmx", [True, False])
def test_a_choice_from_a_page_showing_an_older_version_stores_nothing_and_shows_the_question_again(
        started, learner_client, instructor, action, htmx):
    item = _first_single(started)
    page = learner_client.get(item_url(started, item.number), **HX).content.decode()
    assert _version(page) == "1"
    picked, now_under_b = _drop_option(item, instructor)

    response = learner_client.post(item_url(started, item.number),
                                   {"choice": "B", "action": action, "shown": "", "version": "1"},
                                   **(HX if htmx else {}))
    assert response.status_code == 200
    html = response.content.decode()
    assert CHANGED in html
    # the question as it is now: B is another option, and the form carries the new version
    assert picked not in html and now_under_b in html and _version(html) == "2"
    item.refresh_from_db()
    started.refresh_from_db()
    assert item.chosen == [] and item.answered_at is None
    assert started.position == item.position

    # answered again from the page now shown, the choice is stored
    learner_client.post(item_url(started, item.number), {"choice": "B", "shown": "", "version": "2"}, **HX)
    item.refresh_from_db()
    assert item.chosen == [item.options[1]["key"]] and item.options[1]["text"] == now_under_b


def test_a_choice_from_a_page_showing_the_current_version_is_stored(started, learner_client):
    item = _first_single(started)
    page = learner_client.get(item_url(started, item.number), **HX).content.decode()
    response = learner_client.post(item_url(started, item.number),
                                   {"choice": "B", "action": "next", "shown": "", "version": _version(page)})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.chosen == [label_and_key(item, "B")] and item.answered_at is not None


def test_a_page_from_before_the_version_field_saves_as_it_arrives(started, learner_client, instructor):
    item = _first_single(started)
    _drop_option(item, instructor)
    item.refresh_from_db()
    response = learner_client.post(item_url(started, item.number),
                                   {"choice": "B", "action": "next", "shown": ""})  # no version
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.chosen == [label_and_key(item, "B")]


@pytest.mark.parametrize("action", ["next", "prev", "flag", "review"])
def test_buttons_on_an_older_version_of_the_page_still_work_when_the_choice_is_untouched(
        started, learner_client, instructor, action):
    item = started.items.filter(choose=1).order_by("-position").first()  # the last one: "prev" exists
    learner_client.post(item_url(started, item.number), {"choice": "A"}, **HX)
    stale = learner_client.get(item_url(started, item.number), **HX).content.decode()
    _drop_option(item, instructor)  # B goes; A stays A
    assert re.search(r'<input type="hidden" name="shown" value="([^"]*)"', stale).group(1) == "A"
    response = learner_client.post(item_url(started, item.number),
                                   {"choice": "A", "action": action, "shown": "A", "version": "1"}, **HX)
    assert response.status_code == 200 and CHANGED not in response.content.decode()
    item.refresh_from_db()
    assert item.chosen == [label_and_key(item, "A")] and item.answered_at is not None
    assert item.flagged is (action == "flag")


def _edit_meanwhile(monkeypatch, instructor):
    """An instructor's edit lands after this request checked the choice against the item it read, before the
    write."""
    checked = attempts.exam_answer_changes

    def check_then_edit(attempt, item, *args, **kwargs):
        changes = checked(attempt, item, *args, **kwargs)
        _drop_option(item, instructor)
        return changes

    monkeypatch.setattr(attempts, "exam_answer_changes", check_then_edit)


@pytest.mark.parametrize("action", ["save", "next"])  # a save takes the counting path, a Next the plain one
@pytest.mark.parametrize("htmx", [True, False])
def test_a_choice_checked_just_before_an_instructors_edit_is_not_stored(started, learner_client, instructor,
                                                                       monkeypatch, action, htmx):
    item = _first_single(started)
    picked, now_under_b = item.options[1]["text"], item.options[2]["text"]
    learner_client.get(item_url(started, item.number), **HX)  # the page, showing version 1
    _edit_meanwhile(monkeypatch, instructor)
    response = learner_client.post(item_url(started, item.number),
                                   {"choice": "B", "action": action, "shown": "", "version": "1"},
                                   **(HX if htmx else {}))
    assert response.status_code == 200
    html = response.content.decode()
    assert CHANGED in html and picked not in html and now_under_b in html and _version(html) == "2"
    item.refresh_from_db()
    started.refresh_from_db()
    assert item.question_version == 2 and item.chosen == [] and item.answered_at is None
    assert started.position == item.position
