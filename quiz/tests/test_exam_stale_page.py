"""A button pressed on an out-of-date exam page never erases the answer given since.

The Back button (htmx brings back an earlier copy of a question) and a second tab both show a question as it
was: nothing ticked, or an older choice. Each exam form carries ``shown``, the labels it was rendered with; a
post whose choice is still ``shown`` changed nothing on that page, so it moves, flags or goes to the review
screen and keeps the stored choice.
"""

import re

import pytest

from quiz.attempts import label_of

from .test_views_exam import HX, exam, item_url, started  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _shown(html):
    return re.search(r'<input type="hidden" name="shown" value="([^"]*)"', html).group(1)


def _single(attempt):
    return attempt.items.filter(choose=1).order_by("position").first()


@pytest.mark.parametrize("action", ["next", "prev", "flag", "review", "save"])
@pytest.mark.parametrize("htmx", [True, False])
def test_a_button_on_a_page_rendered_before_the_answer_keeps_that_answer(started, learner_client, action, htmx):
    item = started.items.filter(choose=1).order_by("-position").first()  # the last one: "prev" exists
    stale = learner_client.get(item_url(started, item.number), **HX).content.decode()
    assert _shown(stale) == ""
    # the answer, given in another tab (or before the learner pressed Back)
    learner_client.post(item_url(started, item.number), {"choice": label_of(item, "B"), "action": "save"}, **HX)
    item.refresh_from_db()
    assert item.chosen == ["B"]

    response = learner_client.post(item_url(started, item.number), {"action": action, "shown": _shown(stale)},
                                   **(HX if htmx else {}))
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert item.chosen == ["B"] and item.answered_at is not None
    assert item.flagged is (action == "flag")


def test_a_choice_changed_on_an_old_page_is_the_learners_and_is_stored(started, learner_client):
    item = _single(started)
    stale = learner_client.get(item_url(started, item.number), **HX).content.decode()
    learner_client.post(item_url(started, item.number), {"choice": label_of(item, "B")}, **HX)
    learner_client.post(item_url(started, item.number),
                        {"choice": label_of(item, "C"), "action": "next", "shown": _shown(stale)}, **HX)
    item.refresh_from_db()
    assert item.chosen == ["C"]


def test_the_page_says_what_it_shows_and_each_save_updates_it(started, learner_client):
    item = started.items.get(choose=2)
    a, b = label_of(item, "A"), label_of(item, "B")
    response = learner_client.post(item_url(started, item.number), {"choice": [a, b]}, **HX)
    scope = f"#exam-panel[data-number='{item.number}']"
    oob = re.search(r'<input type="hidden" name="shown" value="([^"]*)" hx-swap-oob="([^"]+)">',
                    response.content.decode())
    assert oob and sorted(oob.group(1).split(",")) == sorted([a, b])
    assert oob.group(2) == f"outerHTML:{scope} input[name=shown]"
    # the learner then unticks B: a real change against what the page now shows, so it is stored
    learner_client.post(item_url(started, item.number), {"choice": [a], "shown": oob.group(1)}, **HX)
    item.refresh_from_db()
    assert item.chosen == ["A"] and item.answered_at is None  # one of two: kept, unanswered
    page = learner_client.get(item_url(started, item.number)).content.decode()
    assert _shown(page) == a


def test_a_client_that_sends_no_shown_field_sets_the_choice_it_sends(started, learner_client):
    item = _single(started)
    learner_client.post(item_url(started, item.number), {"choice": label_of(item, "B")}, **HX)
    learner_client.post(item_url(started, item.number), {"action": "next"}, **HX)
    item.refresh_from_db()
    assert item.chosen == [] and item.answered_at is None
