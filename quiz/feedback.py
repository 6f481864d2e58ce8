"""A practice item after its answer (the feedback fragment every practice answer returns), written out.

Rendered by ``quiz/practice_item.html`` and its three includes it cost about 0.6 ms, a third of an
answer's CPU: some 300 template nodes, most of them conditions and lookups around a handful of values.
Here:

- the options review and the rest of the section are written out (values escaped as ``{{ value }}``
  does), the markup the templates made (``quiz/_options_review.html`` is still the exam result's;
  ``quiz/tests/test_practice_feedback.py`` compares this code with it and with the old practice
  partial, in ja, ko and en);
- the rating form (``progress/_rate.html``) and the report form (``quiz/_report.html``) are rendered
  from their own templates once per process, interface language and URL prefix (and rating state)
  with placeholders for the item, its URLs and the CSRF token, which are filled in per request. Like
  ``studynotes/layout.py``'s pieces, they depend on the code and settings only, never on data or on a
  user.
"""

import functools
from html import escape as html_escape

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from studynotes import notices as doc_notices
from studynotes.punctuation import full_width_spacing

from .attempts import LABELS
from .forms import ReportForm
from .generation.templates import asks_for
from .templatetags.quiz_text import explanation_html, note_quotes


def _escape(value):
    """``conditional_escape`` for the plain values an item holds (its JSON: str, numbers), without the
    lazy-string checks (about 20 per answer): what ``{{ value }}`` renders."""
    return html_escape(str(value))


_NUMBER = "987654321"  # an item pk / number placeholder (the rate URL takes an int)
_URL = "kumoplaceholderurl"
_CSRF = "kumoplaceholdercsrftoken"


@functools.lru_cache(maxsize=256)
def _rate_piece(language, prefix, correct, rating):
    """``progress/_rate.html`` for an answer (right or not) of ``rating`` (2, 3, 4; 1 for any other
    truthy value; None), item pk ``_NUMBER`` and CSRF token ``_CSRF``."""
    with translation.override(language):
        return render_to_string("progress/_rate.html", {
            "item": {"pk": int(_NUMBER), "correct": correct, "rating": rating}, "csrf_token": _CSRF,
        })


@functools.lru_cache(maxsize=64)
def _report_piece(language, prefix):
    """``quiz/_report.html`` with an empty form, item number ``_NUMBER``, report URL ``_URL`` and CSRF
    token ``_CSRF``."""
    with translation.override(language):
        return render_to_string("quiz/_report.html", {
            "number": _NUMBER, "report_url": _URL, "report_form": ReportForm(), "done": False,
            "csrf_token": _CSRF,
        })


@functools.lru_cache(maxsize=16)
def _texts(language):
    """The fragment's fixed strings in ``language`` (looked up once per process: about 7 per answer)."""
    with translation.override(language):
        return {
            "question": _("Question %(n)s of %(total)s"),
            "key_tag": '<strong class="tag key">%s</strong>' % _("Correct answer"),
            "chosen_tag": '<strong class="tag chosen">%s</strong>' % _("Your choice"),
            "sources": _("Reread in your notes"),
            "notice": _("From the AWS documentation:"),
            "right": _("Right!"),
            "not_quite": _("Not quite."),
            "answer_is": _("The answer is %(key)s."),
            # right options named beside their letters (short ones: a term, a number): Japanese closes its
            # bracket with no space before です
            "answer_is_named": _("The answer is %(named)s."),
            "key_named": _("%(label)s (%(text)s)"),
            "list_sep": pgettext("list separator", ", "),
            # between two sentences: Japanese runs them on after its full stop (。), Korean and English space them
            "sentence_gap": "" if language.split("-")[0] == "ja" else " ",
            "not_answered": _("Not answered."),
            "summary": _("See the summary"),
            "gone": _("(no longer in the notes)"),
            "next": _("Next question"),
            "end": _("End this set"),
            "held": _("The answer is shown after your exam ends."),
            # an answer graded before an instructor corrected the key (the verdict stays as graded)
            "corrected_right": _("Wrong when graded; right under the corrected key"),
            "corrected_wrong": _("Right when graded; wrong under the corrected key"),
            "corrected_key": _("Correct answer (corrected by an instructor): %(labels)s · graded with: %(graded)s"),
        }


@receiver(setting_changed)
def _forget_pieces(**kwargs):
    """Tests that change settings (languages, URLs, templates) get freshly rendered pieces."""
    _rate_piece.cache_clear()
    _report_piece.cache_clear()
    _texts.cache_clear()


def _piece_key():
    return translation.get_language() or "en", get_script_prefix()


def rate_form(item, csrf_token, piece_key=None):
    """What ``{% include "progress/_rate.html" %}`` gives for an answered ``item`` (no form unless it is
    right)."""
    rating = item.rating if item.rating in (2, 3, 4) else (1 if item.rating else None)
    piece = _rate_piece(*(piece_key or _piece_key()), bool(item.correct), rating)
    return piece.replace(_NUMBER, str(item.pk)).replace(_CSRF, csrf_token) if item.correct else piece


def report_form(number, report_url, csrf_token, piece_key=None):
    """What ``{% include "quiz/_report.html" %}`` gives with an unbound ``ReportForm``."""
    piece = _report_piece(*(piece_key or _piece_key()))
    return piece.replace(_NUMBER, str(number)).replace(_URL, _escape(report_url)).replace(_CSRF, csrf_token)


def options_review(item, language, sources, piece_key=None, held=False, notices=()):
    """What ``{% include "quiz/_options_review.html" %}`` gives for a revealed ``item`` and its
    ``_sources`` and documentation ``notices`` (``studynotes.notices.for_topics``); ``held``: the options and the
    learner's choice only (no key, no explanation)."""
    texts = _texts((piece_key or _piece_key())[0])
    key_tag, chosen_tag = texts["key_tag"], texts["chosen_tag"]
    parts = ['<ol class="options reviewed">\n']
    correct_keys, chosen = item.correct_keys, item.chosen
    text_lang = _escape(item.text_lang(language))
    quotes = {}  # per explanation language: the note text it quotes in another language (note_quotes)
    for index, option in enumerate(item.options):
        key = option["key"]
        correct, is_chosen = not held and key in correct_keys, key in chosen
        explanation = not held and item.explanation_in(option, language)
        if explanation:
            explanation_lang = item.explanation_lang(option, language)
            if explanation_lang not in quotes:
                quotes[explanation_lang] = note_quotes(sources, explanation_lang)
            explanation = (f'<p class="explanation" lang="{_escape(explanation_lang)}">'
                           f'{explanation_html(explanation, quotes[explanation_lang], explanation_lang)}</p>')
        parts.append(
            f'\n  <li class="option{" is-key" if correct else ""}{" is-chosen" if is_chosen else ""}">\n'
            f'    <span class="label">{LABELS[index]}</span> <span lang="{text_lang}">{_escape(option["text"])}</span>\n'
            f'    {key_tag if correct else ""}\n'
            f'    {chosen_tag if is_chosen else ""}\n'
            f'    {explanation or ""}\n'
            f'  </li>\n'
        )
    parts.append("\n</ol>\n")
    for notice in notices:
        line = (f'<strong>{texts["notice"]} </strong><span lang="{_escape(notice["lang"])}">{_escape(notice["text"])}'
                f'</span> <a href="{_escape(notice["url"])}" rel="noopener noreferrer external" lang="en">'
                f'{_escape(notice["title"])}</a>')
        parts.append(f'<p class="doc-notice-line" role="note">{full_width_spacing(line)}</p>\n')
    if sources:
        parts.append(f'\n<div class="sources"><h2>{texts["sources"]}</h2><ul>\n')
        for source in sources:
            # the section's headings (an imported file's name is a hash), else the file
            text = _escape(source["heading_path"] or source["file"])
            lang = f' lang="{_escape(source["lang"])}"' if source.get("lang") else ""
            parts.append(f'<li><a href="{_escape(source["url"])}"{lang}>{text}</a>' if source["url"]
                         else f"<li>{text}")
            if source["lines"]:
                lines = ngettext(" (line %(lines)s)", " (lines %(lines)s)", len(source["lines"])) % {
                    "lines": _escape(pgettext("between line numbers", ", ")).join(
                        _escape(line) for line in source["lines"])}
                parts.append(f'<small class="source-lines">{lines}</small>')
            if source.get("gone"):
                parts.append(f' <small class="source-gone">{texts["gone"]}</small>')
            parts.append("</li>")
        parts.append("\n</ul></div>\n")
    parts.append("\n")
    return "".join(parts)


# Right options this long or shorter are named in a wrong answer's verdict beside their letter ("The answer is C
# (Immutable)."): a listener hears the answer where the focus lands, and one who sees it reads the name it learns,
# not a letter to match. Longer ones (a statement, a definition) are read in the list below, marked "Correct answer".
NAMED_KEY_LENGTH = 40


def _named_keys(item, key_labels, texts, language):
    """The right options' labels, each with its text, escaped, when all of them are short; else []."""
    by_label = {LABELS[i]: option for i, option in enumerate(item.options)}
    right = [by_label[label] for label in key_labels if label in by_label]
    if not right or len(right) != len(key_labels) or any(len(option["text"]) > NAMED_KEY_LENGTH for option in right):
        return []
    lang = _escape(item.text_lang(language))
    return [texts["key_named"] % {"label": _escape(label), "text": f'<span lang="{lang}">{_escape(option["text"])}</span>'}
            for label, option in zip(key_labels, right)]


def revealed_item(attempt, item, *, total, last, next_url, report_url, key_labels, sources, csrf_token, note="",
                  held=False, end_url="", graded_labels=()):
    """The partial ``quiz/practice_item.html#item`` as it was for a revealed item (answered, or its set
    ended): ``key_labels`` are the labels of the right options (``views._labels``), ``sources`` from
    ``views.item_sources``; ``note`` (plain text) is said under the verdict. ``held``: the question is in the
    learner's exam in progress: the options and the learner's choice, without verdict, key, explanations,
    sources or rating (a rating form comes only with a right answer) until the exam ends. ``end_url`` (the
    summary, while the set is open): "End this set" beside the way on, so a learner who wants to stop after
    this answer need not open the next question to find it. ``graded_labels``: the right options the answer was
    graded with, when an instructor corrected the key since (``attempts.apply_correction``): the verdict says both
    keys, so a choice marked "Correct answer" under "Not quite." is not left unexplained."""
    number = item.position + 1
    figure = item.figure or {}
    piece_key = _piece_key()  # the language and script prefix, looked up once for the pieces below
    texts = _texts(piece_key[0])
    notices = () if held else doc_notices.for_topics([item.topic_slug], piece_key[0])
    parts = [
        f'\n<section class="practice-item" id="practice-item">\n'
        f'  <p class="progress-line">{texts["question"] % {"n": number, "total": total}}'
        f' · {_escape(item.display_topic_name)}</p>\n'
        f'  <p class="stem" lang="{_escape(item.text_lang(attempt.language))}">'
        f'{linebreaksbr(item.stem_in(attempt.language), autoescape=True)}</p>\n'
        f'  {render_to_string("quiz/_figure.html", {"figure": figure}) if figure.get("url") else ""}\n'
    ]
    if item.choose > 1 and not asks_for(item.stem_in(attempt.language), item.choose):
        choose = ngettext("Choose %(n)s.", "Choose %(n)s.", item.choose) % {"n": item.choose}
        parts.append(f'  <p class="choose-n">{choose}</p>\n  ')
    else:
        parts.append("  \n  ")
    if held:
        verdict = f'<p class="verdict">{texts["held"]}</p>'
    elif graded_labels:
        sep = _escape(texts["list_sep"])
        said = (texts["corrected_" + item.corrected_verdict] if item.corrected_verdict
                else texts["right"] if item.correct else texts["not_quite"])
        key = texts["corrected_key"] % {"labels": sep.join(_escape(k) for k in key_labels),
                                        "graded": sep.join(_escape(k) for k in graded_labels)}
        verdict = f'<p class="verdict">{said}</p>\n      <p class="key-line">{key}</p>\n      '
    elif item.correct:
        verdict = f'<p class="verdict">{texts["right"]}</p>\n      '
    elif item.answered_at:
        named = _named_keys(item, key_labels, texts, attempt.language)
        if named:
            key = texts["answer_is_named"] % {"named": _escape(texts["list_sep"]).join(named)}
        else:
            key = texts["answer_is"] % {"key": _escape(texts["list_sep"]).join(_escape(k) for k in key_labels)}
        verdict = f'<p class="verdict">{texts["not_quite"]}{texts["sentence_gap"]}{key}</p>\n      '
    else:
        verdict = f'<p class="verdict">{texts["not_answered"]}</p>'
    if last:
        link = f'<a role="button" href="{_escape(next_url)}">{texts["summary"]}</a>\n      '
    else:
        url = _escape(next_url)
        link = (f'<a role="button" href="{url}" hx-get="{url}" hx-target="#practice-item"'
                f' hx-select="#practice-item" hx-swap="outerHTML" hx-push-url="true">{texts["next"]}</a>')
    parts.append(
        f'\n    <div class="feedback {"held" if held else "right" if item.correct else "wrong"}" role="status">\n'
        # said before the verdict it explains (a first answer from another tab, a key corrected since)
        + (f'      <p class="earlier-answer">{_escape(note)}</p>\n' if note else "")
        + f'      {verdict}\n'
        f'    </div>\n'
        f'    {rate_form(item, csrf_token, piece_key) if item.answered_at and not held else ""}\n'
        f'    {options_review(item, attempt.language, () if held else sources, piece_key, held, notices)}\n'
        f'    {report_form(number, report_url, csrf_token, piece_key)}\n'
        + (f'    <form method="post" action="{_escape(end_url)}" class="next">'
           f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}">\n'
           f'      {link}\n'
           f'      <button type="submit" class="secondary outline">{texts["end"]}</button>\n'
           f'    </form>\n' if end_url else
           f'    <p class="next">\n'
           f'      {link}\n'
           f'    </p>\n')
        + f'  \n'
        f'</section>\n'
    )
    return "".join(parts)
