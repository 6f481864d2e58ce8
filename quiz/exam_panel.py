"""The exam item panel (``quiz/exam_item.html#panel``) written out in Python for the htmx replies.

Every exam navigation and every Next answers with this panel; rendering it through the template (its include,
fifteen translation tags, the options loop) cost about 0.5 ms of a request's 1.6 ms. Here the panel is written
with the same markup: the parts that depend only on the language (the navigator's frame, the labels and
buttons, the message formats) are computed once per process and language, as ``studynotes/layout.py`` does for
the site layout; they depend on the code and the translations only, never on data. The per-request parts
(numbers, stem, options, the learner's choice, the CSRF token) are escaped as the template escapes them.

The template stays the reference, and renders the full (non-htmx) page: ``quiz/tests/test_exam_panel.py``
compares both for choose-one and choose-two items, flagged, first and last, with a figure and with an error,
in ja, ko and en. Change the template and this module together.

The reply ends with the question's ``<title>``, which htmx takes out and sets as the document title (a full
page has it in its ``<head>``, from the template's ``title`` block).
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import linebreaksbr
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, escape
from django.utils.translation import gettext, ngettext, pgettext


_CELLS = "@@navigator-cells@@"


@functools.lru_cache(maxsize=16)
def _pieces(language):
    """What the panel shows in ``language`` that does not depend on the attempt: markup and message formats
    (``%``-formats of the ``blocktranslate`` messages, which the template does not escape; the ``translate``
    ones escaped, as the template escapes them)."""
    with translation.override(language):
        nav_head, nav_tail = render_to_string("quiz/_navigator.html", {"navigator_cells": _CELLS}).split(_CELLS)
        return {
            "nav_head": nav_head,
            "nav_tail": nav_tail,
            "question": gettext("Question %(n)s of %(total)s"),
            "answered": gettext("%(a)s of %(total)s answered"),
            "chosen": gettext("(%(c)s of %(n)s chosen)"),
            "answered_title": escape(gettext("Answered")),
            "unanswered_title": escape(gettext("Unanswered")),
            "partial_title": escape(gettext("Partly answered")),
            "list_sep": escape(pgettext("list separator", ", ")),
            "flagged_title": escape(pgettext("list separator", ", ") + gettext("flagged")),
            "flagged_note": escape(gettext("Flagged for review")),
            "options": escape(gettext("Options")),
            "prev": escape(gettext("Previous")),
            "unflag": escape(gettext("Remove flag")),
            "flag": escape(gettext("Flag for review")),
            "next": escape(gettext("Next")),
            "save": escape(gettext("Save")),
            "title": gettext("Question %(n)s"),
            "review": escape(gettext("Review and submit")),
        }


@receiver(setting_changed)
def _forget_pieces(**kwargs):
    """Tests that change settings (languages, locale paths) get fresh pieces."""
    _pieces.cache_clear()
    _cells.cache_clear()


ARIA_CURRENT = ' aria-current="step"'
FLAG_MARK = '<span class="flag-mark" aria-hidden="true">\u2691</span>'
_BASE = "\x00"  # stands for the item URL base in the cells kept per process


def _cell(item_base, number, answered, flagged, current, language, oob="", partial=False):
    p = _pieces(language)
    css = "cell answered" if answered else "cell unanswered partial" if partial else "cell unanswered"
    state = p["answered_title"] if answered else p["partial_title"] if partial else p["unanswered_title"]
    mark = ""
    if flagged:
        css, state, mark = css + " flagged", state + p["flagged_title"], FLAG_MARK
    url = f"{item_base}{number}/"
    swap = f' hx-swap-oob="{oob}"' if oob else ""
    # The state is part of the link's name ("12, Answered, flagged"), as on the review and result grids: a title
    # is only a description, which some screen readers skip and touch screens never show.
    return (
        f'<a{swap} href="{url}" hx-get="{url}" hx-target="#exam-panel" hx-swap="outerHTML"\n'
        f'  class="{css + " current" if current else css}"{ARIA_CURRENT if current else ""}>'
        f'{number}{mark}<span class="sr-only">{p["list_sep"]}{state}</span></a>'
    )


def cell(item_base, number, answered, flagged, current, oob="", partial=False):
    """One navigator cell: the link to question ``number`` (``item_base``: the escaped item URL without its
    number) with its state (class, title, flag mark). ``oob``: an ``hx-swap-oob`` value, for a cell sent out
    of band. ``partial``: some options chosen, too few to count as answered."""
    return _cell(item_base, number, answered, flagged, current, translation.get_language(), oob, partial)


@functools.lru_cache(maxsize=16)
def _cells(language):
    """``{(position, answered, flagged, partial, current): "<li>...</li>"}`` in ``language``, the URL base left
    as ``_BASE``: filled as the exams ask for them (at most 12 per question number and language)."""
    return {}


def navigator_cells(item_base, rows, current_position):
    """The navigator's ``<li>`` cells for ``rows`` (``fastreads.navigator_rows``), ``current_position``
    marked as the current one."""
    language = translation.get_language()
    known = _cells(language)
    out = []
    for position, answered, flagged, partial in rows:
        key = (position, answered, flagged, partial, position == current_position)
        markup = known.get(key)
        if markup is None:
            cell_markup = _cell(_BASE, position + 1, answered, flagged, key[4], language, partial=partial)
            markup = f"<li>{cell_markup}</li>"
            if position < 1000:
                known[key] = markup
        out.append(markup)
    return "".join(out).replace(_BASE, item_base)


def answered_text(answered_count, total):
    """``{a} of {total} answered`` in the active language, as the template writes it."""
    return _pieces(translation.get_language())["answered"] % {"a": answered_count, "total": total}


def chosen_text(chosen_count, choose):
    """``({c} of {n} chosen)`` of a choose-n item in the active language, as the template writes it."""
    return _pieces(translation.get_language())["chosen"] % {"c": chosen_count, "n": choose}


def panel_html(context, csrf_token):
    """``quiz/exam_item.html#panel`` rendered with ``context`` (``views._exam_context``) and ``csrf_token``."""
    p = _pieces(translation.get_language())
    item = context["item"]
    number, total, multiple = context["number"], context["total"], context["multiple"]
    url = conditional_escape(context["item_url"])
    out = [
        f'\n<div id="exam-panel" class="exam-panel" data-number="{number}" hx-history="false">\n  '
        "\n  <section class=\"exam-item\">\n"
        f'    <p class="progress-line">{p["question"] % {"n": number, "total": total}}<span class="answered-sep"> · </span><span class="answered-count">'
        f'{p["answered"] % {"a": context["answered_count"], "total": total}}</span>',
        f' · <strong class="flagged-note">{p["flagged_note"]}</strong>' if item.flagged else "",
        f'</p>\n    <p class="stem" id="stem-{number}" lang="{conditional_escape(context["stem_lang"])}">'
        f'{linebreaksbr(context["stem"])}</p>\n    ',
    ]
    figure = context["figure"]
    if figure.get("url"):
        out.append(get_template("quiz/_figure.html").render({"figure": figure}))
    out.append("\n    ")
    if multiple:
        choose = item.choose
        said = ""  # a stem that says how many to choose ("2 つ選んで") is not followed by the same words
        if not context["choose_said"]:
            said = ngettext("Choose %(n)s.", "Choose %(n)s.", choose) % {"n": choose} + "\n      "
        out.append(f'<p class="choose-n">{said}'
                   f'<span class="chosen-count">{p["chosen"] % {"c": context["chosen_count"], "n": choose}}'
                   "</span></p>")
    error = context["error"]
    out.append('\n    <div class="exam-error">')
    if error:  # without the full page's autofocus (``focus_error``): htmx leaves the focus on the option
        out.append(f'<p class="error" role="alert">{conditional_escape(error)}</p>')
    out.append(
        f'</div>\n    <form method="post" action="{url}" id="exam-form"\n'
        f'          hx-post="{url}" hx-target="#exam-panel" hx-swap="outerHTML"\n'
        '          hx-trigger="change, submit" hx-sync="this:queue last">\n'
        f'      <input type="hidden" name="csrfmiddlewaretoken" value="{conditional_escape(csrf_token)}">\n'
        f'      <input type="hidden" name="shown" value="{conditional_escape(context["shown"])}">\n'
        f'      <input type="hidden" name="version" value="{item.question_version}">\n'
        f'      <fieldset class="options" aria-describedby="stem-{number}">\n'
        f'        <legend>{p["options"]}</legend>\n        '
    )
    kind = "checkbox" if multiple else "radio"
    for option in context["options"]:
        label = conditional_escape(option["label"])
        checked = " checked" if option["chosen"] else ""
        out.append(
            f'\n        <label class="option"><input type="{kind}" name="choice" value="{label}" id="choice-{label}"'
            f'{checked}>\n          <span class="label">{label}</span> <span lang="{conditional_escape(option["lang"])}">'
            f'{conditional_escape(option["text"])}</span></label>\n'
            "        "
        )
    out.append("\n      </fieldset>\n      <div class=\"exam-buttons\">\n        ")
    # Enter in an option presses the form's first submit button: this hidden one goes on (saves on the last).
    action, text = ("next", p["next"]) if context["has_next"] else ("save", p["save"])
    out.append(f'<button type="submit" name="action" value="{action}" class="default-action" hidden>{text}</button>'
               "\n        ")
    if context["has_prev"]:
        out.append(f'<button type="submit" name="action" value="prev" class="secondary outline">'
                   f'{p["prev"]}</button>')
    out.append("\n        ")
    if item.flagged:
        out.append(f'<button type="submit" name="action" value="unflag" class="secondary outline">'
                   f'{p["unflag"]}</button>\n        ')
    else:
        out.append(f'<button type="submit" name="action" value="flag" class="secondary outline">'
                   f'{p["flag"]}</button>')
    out.append("\n        ")
    if context["has_next"]:
        out.append(f'<button type="submit" name="action" value="next">{p["next"]}</button>')
    review_class = ' class="secondary"' if context["has_next"] else ""  # the last question's way on leads
    out.append(
        f'\n        <button type="submit" name="action" value="review"{review_class}>{p["review"]}</button>\n'
        "      </div>\n    </form>\n  </section>\n  "
    )
    out += [p["nav_head"], context["navigator_cells"], p["nav_tail"], "\n</div>\n"]
    out.append(title_element(context["attempt"], number))
    return "".join(out)


def title_element(attempt, number):
    """The page title of question ``number`` (``quiz/exam_item.html``'s ``title`` block and the base template's
    suffix) as a ``<title>`` element: htmx sets ``document.title`` from it when it swaps the panel in, so the
    title follows the question as it does on a full page."""
    question = _pieces(translation.get_language())["title"] % {"n": number}
    return f"<title>{conditional_escape(attempt.display_title)} · {question} · Kumo Study</title>\n"
