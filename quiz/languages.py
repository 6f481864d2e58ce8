"""What a practice set says of its language, wherever it starts: the practice set-up, a topic's page and the
progress page's "My weakest topics" (``quiz.progress.views``)."""

from django.conf import settings
from django.contrib import messages
from django.utils.translation import get_language_info, ngettext

LANGUAGE_NAMES = {code for code, _name in settings.LANGUAGES}


def language_name(language):
    """``language`` (a code) by its name in the interface language; a code the site does not offer as it is."""
    return get_language_info(language)["name_translated"] if language in LANGUAGE_NAMES else language


def say_other_languages(request, attempt):
    """A new set with questions the bank lacks in its language (a Korean learner's set on Japanese notes): say
    so on its first question, as the exam start page does. One query, on the start only; the question pages
    are unchanged."""
    stems = attempt.items.values_list("stem", flat=True)
    other = sum(1 for stem in stems if attempt.language not in (stem or {}))
    if other:
        messages.info(request, ngettext(
            "The bank has too few questions in %(language)s: %(n)s question is shown in the language of its "
            "notes.",
            "The bank has too few questions in %(language)s: %(n)s questions are shown in the language of "
            "their notes.", other) % {"language": language_name(attempt.language), "n": other})
