"""An exam answer saved with htmx (an option picked, no button) swaps nothing in place and sends, out of band,
what depends on the choice: each piece is what the panel rendered by the template shows after the save."""

import re

import pytest
from django.db import connection
from django.utils import timezone

from quiz.attempts import label_of
from quiz.models import Attempt, AttemptItem

from .test_views_exam import HX, exam, item_url, started  # noqa: F401  (fixtures)

OOB = re.compile(r'<(a|span|div) hx-swap-oob="([^"]+)"(.*?)</\1>', re.S)


def _pieces(html):
    """``{hx-swap-oob value: element markup without the attribute}`` of a save's reply."""
    return {value: f"<{tag}{rest}</{tag}>" for tag, value, rest in OOB.findall(html)}


def _inner(html, css_class):
    return re.search(rf'<(\w+) class="{css_class}">(.*?)</\1>', html, re.S).group(2)


def _current_cell(html):
    return re.search(r"<li>(<a [^>]*?\n[^>]*?current.*?</a>)</li>", html, re.S).group(1)


def _save(client, attempt, number, labels):
    response = client.post(item_url(attempt, number), {"choice": labels}, **HX)
    assert response.status_code == 200
    return response


def test_a_plain_htmx_save_stores_the_choice_and_swaps_nothing_in_place(started, learner_client):
    item = started.items.filter(choose=1).order_by("position").first()
    Attempt.objects.filter(pk=started.pk).update(position=item.position)
    response = _save(learner_client, started, item.number, label_of(item, "B"))
    assert response["HX-Reswap"] == "none"
    assert "HX-Push-Url" not in response
    html = response.content.decode()
    assert 'id="exam-panel"' not in html and "<form" not in html and "csrfmiddlewaretoken" not in html
    assert "Why " not in html and "is-key" not in html  # no key, no explanation
    scope = f"#exam-panel[data-number='{item.number}']"
    assert set(_pieces(html)) == {f"outerHTML:{scope} .cell.current", f"innerHTML:{scope} .answered-count",
                                  f"innerHTML:{scope} .exam-error"}
    item.refresh_from_db()
    assert item.chosen == ["B"] and item.answered_at is not None and item.correct is None


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_each_piece_sent_out_of_band_is_what_the_panel_shows_after_the_save(started, learner_client, settings,
                                                                             language):
    settings.LANGUAGE_CODE = language
    single = started.items.filter(choose=1).order_by("position").first()
    double = started.items.get(choose=2)
    AttemptItem.objects.filter(pk=single.pk).update(flagged=True)
    other = started.items.filter(choose=1).exclude(pk=single.pk).first()
    AttemptItem.objects.filter(pk=other.pk).update(answered_at=timezone.now(), chosen=["A"])
    cases = [(single, [label_of(single, "C")]), (double, [label_of(double, "A")]),
             (double, [label_of(double, "A"), label_of(double, "B")]), (single, [])]
    for item, labels in cases:
        scope = f"#exam-panel[data-number='{item.number}']"
        pieces = _pieces(_save(learner_client, started, item.number, labels).content.decode())
        panel = learner_client.get(item_url(started, item.number), **HX).content.decode()
        assert pieces[f"outerHTML:{scope} .cell.current"] == _current_cell(panel)
        answered = re.search(r"<span>(.*)</span>", pieces[f"innerHTML:{scope} .answered-count"]).group(1)
        assert answered == _inner(panel, "answered-count")
        assert pieces[f"innerHTML:{scope} .exam-error"] == "<div></div>" and _inner(panel, "exam-error") == ""
        if item.choose > 1:
            chosen = re.search(r"<span>(.*)</span>", pieces[f"innerHTML:{scope} .chosen-count"]).group(1)
            assert chosen == _inner(panel, "chosen-count")
        else:
            assert f"{scope} .chosen-count" not in str(pieces)
    if language == "en":
        assert answered == "2 of 5 answered" and chosen == "(2 of 2 chosen)"


def test_a_refused_save_renders_the_panel_with_its_message_and_writes_nothing(started, learner_client):
    item = started.items.get(choose=2)
    labels = [label_of(item, key) for key in "ABC"]
    response = _save(learner_client, started, item.number, labels)
    html = response.content.decode()
    assert "HX-Reswap" not in response
    assert f'id="exam-panel" class="exam-panel" data-number="{item.number}"' in html
    assert '<div class="exam-error"><p class="error" role="alert">Choose exactly 2 options.</p></div>' in html
    item.refresh_from_db()
    assert item.chosen == [] and item.answered_at is None


def test_a_save_without_javascript_redirects_to_the_same_question(started, learner_client):
    item = started.items.get(position=2)
    response = learner_client.post(item_url(started, 3), {"choice": label_of(item, "D")})
    assert response.status_code == 302 and response["Location"] == item_url(started, 3)
    item.refresh_from_db()
    assert item.chosen == ["D"]


def test_a_save_costs_a_fixed_number_of_queries_whatever_the_size_of_the_exam(started, learner_client, local_cache,
                                                                  django_assert_num_queries):
    item = started.items.get(position=0)
    # session with its user, item with its attempt, savepoint, rate-limit counter upsert, attempt FOR UPDATE (state,
    # deadline, the other items' answered count), item update, release savepoint; on PostgreSQL the five from
    # the savepoint to its release are one statement (quiz.pgwrites): three
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 7):
        _save(learner_client, started, 1, label_of(item, "A"))


def test_a_save_checked_just_before_another_tab_submits_is_not_stored(started, learner_client, monkeypatch):
    from .test_views_exam import _submit_meanwhile

    item = started.items.get(position=0)
    _submit_meanwhile(started, monkeypatch)
    response = learner_client.post(item_url(started, 1), {"choice": label_of(item, "A")}, **HX)
    assert response["HX-Redirect"] == f"/quiz/attempts/{started.uid}/result/"
    item.refresh_from_db()
    assert item.chosen == [] and item.answered_at is None
