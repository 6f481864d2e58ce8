"""The exam panel written by ``quiz.exam_panel`` is the markup the template ``quiz/exam_item.html#panel`` renders."""

import re

import pytest
from django.template.loader import get_template
from django.utils import timezone, translation

from quiz import views
from quiz.attempts import label_of
from quiz.exam_panel import panel_html
from quiz.models import AttemptItem

from .test_views_exam import HX, exam, item_url, started  # noqa: F401  (fixtures)

TOKEN = "tok'<en>&\"x"


def _both(attempt, item, error=""):
    context = views._exam_context(attempt, item, timezone.now(), error=error)
    template = get_template("quiz/exam_item.html#panel").render({**context, "csrf_token": TOKEN})
    return panel_html(context, TOKEN), template


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_the_written_panel_is_the_templates_panel_for_every_kind_of_item(started, language):
    items = {item.position: item for item in started.items.all()}
    single = next(item for item in items.values() if item.choose == 1)
    double = next(item for item in items.values() if item.choose == 2)
    AttemptItem.objects.filter(pk=single.pk).update(
        flagged=True, chosen=[single.options[2]["key"]], answered_at=timezone.now(),
        stem={"en": 'Line one <b>&\n"two"', "ja": "一行目\n二行目"},
        figure={"url": "/media/f.png?a=1&b=2", "thumb_url": "/media/t.png", "srcset": "/media/t.png 480w",
                "width": 480, "height": 320, "alt": 'A "diagram" <x>'},
    )
    options = double.options
    options[0]["text"] = "Tom & <Jerry> \"quoted\" 'single'"
    AttemptItem.objects.filter(pk=double.pk).update(options=options, chosen=[options[1]["key"]])
    with translation.override(language):
        for item in started.items.all():  # first, middle and last; with and without flag, figure, choose-two
            item.attempt = started
            written, rendered = _both(started, item)
            assert written == rendered, f"item {item.number}"
        error = "Choose exactly 2 options & <no> more."
        written, rendered = _both(started, started.items.get(pk=double.pk), error=error)
        assert written == rendered
        assert 'role="alert"' in written and "data-number" in written and "csrfmiddlewaretoken" in written


def _without_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_an_htmx_reply_carries_the_written_panel_and_a_full_page_the_same_panel(started, learner_client):
    item = started.items.get(position=1)
    panel = learner_client.get(item_url(started, 2), **HX).content.decode()
    assert panel.startswith('\n<div id="exam-panel" class="exam-panel" data-number="2">') and "<html" not in panel
    page = learner_client.get(item_url(started, 2)).content.decode()
    assert "<html" in page and _without_token(panel) in _without_token(page)
    response = learner_client.post(item_url(started, 2), {"choice": label_of(item, "A"), "action": "next"}, **HX)
    assert response.content.decode().startswith('\n<div id="exam-panel" class="exam-panel" data-number="3">')
