"""The exam panel written by ``quiz.exam_panel`` is the markup the template ``quiz/exam_item.html#panel`` renders."""

import html
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


def _split_title(reply):
    """An htmx panel reply: (the panel, the text of the ``<title>`` that follows it for htmx)."""
    panel, title = re.fullmatch(r"(.*)<title>(.*)</title>\n", reply, re.S).groups()
    return panel, html.unescape(title)


def _page_title(page):
    return html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))


def _both(attempt, item, error=""):
    context = views._exam_context(attempt, item, timezone.now(), error=error)
    template = get_template("quiz/exam_item.html#panel").render({**context, "csrf_token": TOKEN})
    return _split_title(panel_html(context, TOKEN))[0], template


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
    assert panel.startswith('\n<div id="exam-panel" class="exam-panel" data-number="2" hx-history="false">') and "<html" not in panel
    page = learner_client.get(item_url(started, 2)).content.decode()
    panel, title = _split_title(panel)
    assert "<html" in page and _without_token(panel) in _without_token(page)
    assert title == _page_title(page) == "Short exam · Question 2 · Kumo Study"
    response = learner_client.post(item_url(started, 2), {"choice": label_of(item, "A"), "action": "next"}, **HX)
    assert response.content.decode().startswith('\n<div id="exam-panel" class="exam-panel" data-number="3" hx-history="false">')


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_the_panel_reply_carries_the_title_of_the_full_page_of_its_question(started, learner_client, language):
    started.title = 'Mock exam & <"friends">'  # escaped in the reply, as in the page
    started.save(update_fields=["title"])
    learner_client.cookies["django_language"] = language
    for number in (1, 2, 5):
        reply = learner_client.get(item_url(started, number), **HX).content.decode()
        page = learner_client.get(item_url(started, number)).content.decode()
        assert _split_title(reply)[1] == _page_title(page), number
        assert '<title>Mock exam &amp; &lt;&quot;friends&quot;&gt; · ' in reply
    assert _page_title(page) == {"ja": 'Mock exam & <"friends"> · 問題 5 · Kumo Study',
                                 "ko": 'Mock exam & <"friends"> · 문제 5 · Kumo Study',
                                 "en": 'Mock exam & <"friends"> · Question 5 · Kumo Study'}[language]


def test_enter_in_an_option_submits_a_hidden_first_button_that_goes_on_or_saves_on_the_last_question(started):
    first_buttons = []
    for item in started.items.order_by("position"):
        item.attempt = started
        written, _ = _both(started, item)
        buttons = re.findall(r"<button[^>]*>", written)
        first_buttons.append(buttons[0])
        assert 'value="prev"' not in buttons[0]
    assert first_buttons[:-1] == ['<button type="submit" name="action" value="next" class="default-action" hidden>'] * 4
    assert first_buttons[-1] == '<button type="submit" name="action" value="save" class="default-action" hidden>'


@pytest.mark.parametrize("language, stem, asked", [
    ("ja", "「Rolling」について、ノートの内容に合う記述を 2 つ選んでください。", "2 つ選んでください。"),
    ("ko", "Rolling에 대해 노트 내용과 일치하는 설명을 2개 고르십시오.", "2개를 고르세요."),
    ("en", "Choose the 2 true statements about Rolling, according to the notes.", "Choose 2."),
])
def test_a_choose_two_stem_that_says_so_keeps_only_the_chosen_count_under_it(started, language, stem, asked):
    double = started.items.get(choose=2)
    AttemptItem.objects.filter(pk=double.pk).update(stem={language: stem}, chosen=[double.options[1]["key"]])
    with translation.override(language):
        item = started.items.get(pk=double.pk)
        written, rendered = _both(started, item)
        assert written == rendered
        assert written.count(asked) == stem.count(asked)  # said once, by the stem
        count = re.search(r'<p class="choose-n"><span class="chosen-count">([^<]*)</span></p>', written)
        chosen = {"ja": "（2 個中 1 個選択）", "ko": "(2개 중 1개 선택)", "en": "(1 of 2 chosen)"}
        assert count.group(1) == chosen[language]
        # a stem that does not say it is still followed by the instruction
        AttemptItem.objects.filter(pk=double.pk).update(stem={language: "Which two fit?"})
        written, rendered = _both(started, started.items.get(pk=double.pk))
        assert written == rendered and written.count(asked) == 1
