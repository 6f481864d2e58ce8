"""The exam navigator's cells, built in the view, give the markup the template's own conditions gave."""

import re

from django.template import Context, Template
from django.utils import timezone

from .test_views_exam import HX, exam, item_url, started  # noqa: F401  (fixtures)

# The navigator's cell markup as it was rendered from model rows (before the view built the cells), with the
# state in words inside the link (its name, not a title) as the review and result grids write it, after the
# language's list separator.
OLD_CELLS = Template(
    '{% load i18n %}{% translate "Answered" as answered_label %}{% translate "Unanswered" as unanswered_label %}'
    '{% translate "flagged" as flagged_label %}{% translate ", " context "list separator" as sep %}'
    '{% for cell in grid %}<li><a href="{{ item_base }}{{ cell.number }}/" hx-get="{{ item_base }}{{ cell.number }}/"'
    ' hx-target="#exam-panel" hx-swap="outerHTML"\n'
    '  class="cell{% if cell.answered_at %} answered{% else %} unanswered{% endif %}{% if cell.flagged %} flagged'
    '{% endif %}{% if cell.position == item.position %} current{% endif %}"'
    '{% if cell.position == item.position %} aria-current="step"{% endif %}>{{ cell.number }}{% if cell.flagged %}'
    '<span class="flag-mark" aria-hidden="true">⚑</span>{% endif %}<span class="sr-only">{{ sep }}'
    '{% if cell.answered_at %}{{ answered_label }}{% else %}{{ unanswered_label }}{% endif %}'
    '{% if cell.flagged %}{{ sep }}{{ flagged_label }}{% endif %}</span></a></li>{% endfor %}'
)


def _cells(html):
    return re.search(r"<ol>\s*(?:\{#.*?#\}\s*)?(.*?)</ol>", html, re.S).group(1).strip()


def test_the_navigator_marks_answered_flagged_and_current_cells_as_before(learner_client, started, settings):
    settings.LANGUAGE_CODE = "ja"
    items = list(started.items.order_by("position"))
    items[0].answered_at, items[0].chosen = timezone.now(), ["A"]
    items[0].save(update_fields=["answered_at", "chosen"])
    items[1].flagged = True
    items[1].save(update_fields=["flagged"])
    items[3].answered_at, items[3].flagged = timezone.now(), True
    items[3].save(update_fields=["answered_at", "flagged"])
    for number in (1, 3, 4):
        html = learner_client.get(item_url(started, number), **HX).content.decode()
        current = items[number - 1]
        expected = OLD_CELLS.render(Context({
            "grid": list(started.items.order_by("position")), "item": current,
            "item_base": item_url(started, 1)[:-2],
        }))
        assert _cells(html) == expected.strip()
        assert html.count('aria-current="step"') == 1
    assert '1<span class="sr-only">、解答済み</span>' in html  # "1, 解答済み": Japanese lists with 、


def test_the_colour_key_is_left_to_the_eyes_as_each_cell_says_its_state_in_words(learner_client, started):
    """A screen reader read "Answered Unanswered Partly answered Flagged" after every navigator: the key only
    explains the swatches, and each cell names its state."""
    html = learner_client.get(item_url(started, 1)).content.decode()
    assert '<p class="legend" aria-hidden="true">' in html
    assert '<span class="sr-only">, Unanswered</span>' in html
