"""The practice feedback written by ``quiz.feedback`` gives the markup the template gave, in ja, ko and en.

``OLD_PARTIAL`` is ``quiz/practice_item.html#item`` as it was when the template rendered the feedback; its
includes (``progress/_rate.html``, ``quiz/_options_review.html``, ``quiz/_report.html``) are the live templates
(the exam result and the rate and report views still render them), so a change to one of them that the feedback
code does not follow fails here. (Two changes since: no space between the two sentences of a wrong answer's
verdict in Japanese; "End this set" beside the way on while the set is open; a wrong answer's verdict names
the right options beside their letters when they are short: ``key_names``.)
"""

import re

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix
from django.utils import translation
from django.utils.html import escape, format_html

from quiz import views
from quiz.attempts import label_of, start_practice
from quiz.forms import ReportForm
from quiz.models import Attempt
from studynotes import citing
from studynotes.models import Section

HX = {"HTTP_HX_REQUEST": "true"}

OLD_PARTIAL = engines["django"].from_string(
    "{% load i18n %}"
    + """
<section class="practice-item" id="practice-item">
  <p class="progress-line">{% blocktranslate with n=number total=total %}Question {{ n }} of {{ total }}{% endblocktranslate %} · {{ item.display_topic_name }}</p>
  <p class="stem" lang="{{ stem_lang }}">{{ stem|linebreaksbr }}</p>
  {% if figure.url %}{% include "quiz/_figure.html" with figure=figure %}{% endif %}
  {% if multiple %}<p class="choose-n">{% blocktranslate count n=item.choose %}Choose {{ n }}.{% plural %}Choose {{ n }}.{% endblocktranslate %}</p>{% endif %}
  {% if reveal %}
    <div class="feedback {% if item.correct %}right{% else %}wrong{% endif %}" role="status">
      {% if item.correct %}<p class="verdict">{% translate "Right!" %}</p>
      {% elif item.answered_at %}<p class="verdict">{% translate "Not quite." %}{% get_current_language as lang %}{% if lang != "ja" %} {% endif %}{% if key_names %}{% blocktranslate with named=key_names|join:", " %}The answer is {{ named }}.{% endblocktranslate %}{% else %}{% blocktranslate with key=key_labels|join:", " %}The answer is {{ key }}.{% endblocktranslate %}{% endif %}</p>
      {% else %}<p class="verdict">{% translate "Not answered." %}</p>{% endif %}
    </div>
    {% if item.answered_at %}{% include "progress/_rate.html" %}{% endif %}
    {% include "quiz/_options_review.html" %}
    {% include "quiz/_report.html" %}
    {% if attempt.state == "in_progress" %}<form method="post" action="{% url 'quiz:practice_summary' attempt.uid %}" class="next">{% csrf_token %}
      {% if last %}<a role="button" href="{{ next_url }}">{% translate "See the summary" %}</a>
      {% else %}<a role="button" href="{{ next_url }}" hx-get="{{ next_url }}" hx-target="#practice-item" hx-select="#practice-item" hx-swap="outerHTML" hx-push-url="true">{% translate "Next question" %}</a>{% endif %}
      <button type="submit" class="secondary outline">{% translate "End this set" %}</button>
    </form>
{% else %}<p class="next">
      {% if last %}<a role="button" href="{{ next_url }}">{% translate "See the summary" %}</a>
      {% else %}<a role="button" href="{{ next_url }}" hx-get="{{ next_url }}" hx-target="#practice-item" hx-select="#practice-item" hx-swap="outerHTML" hx-push-url="true">{% translate "Next question" %}</a>{% endif %}
    </p>
{% endif %}  {% else %}
    <form method="post" action="{% url 'quiz:practice_item' attempt.uid number %}"
          hx-post="{% url 'quiz:practice_item' attempt.uid number %}" hx-target="#practice-item" hx-swap="outerHTML"
          hx-disabled-elt="find button">
      {% csrf_token %}
      {% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
      <fieldset class="options">
        <legend>{% translate "Options" %}</legend>
        {% for option in options %}
        <label class="option"><input type="{% if multiple %}checkbox{% else %}radio{% endif %}" name="choice" value="{{ option.label }}"{% if option.chosen %} checked{% endif %}>
          <span class="label">{{ option.label }}</span> {{ option.text }}</label>
        {% endfor %}
      </fieldset>
      <button type="submit">{% translate "Check answer" %}</button>
    </form>
    <form method="post" action="{% url 'quiz:practice_summary' attempt.uid %}" class="end-set">
      {% csrf_token %}<button type="submit" class="secondary outline">{% translate "End this set" %}</button>
    </form>
  {% endif %}
</section>
"""
)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')


def old_fragment(attempt_pk, number, language):
    """The fragment as the view and the template made it before ``quiz.feedback``."""
    attempt = Attempt.objects.get(pk=attempt_pk)
    item = attempt.items.get(position=number - 1)
    ids = [source["section"] for source in item.sources if source.get("section")]
    links = {section.pk: (section.get_absolute_url(), section.language)
             for section in Section.objects.filter(pk__in=ids)}
    last = number >= attempt.item_count
    context = {
        "attempt": attempt, "error": "", "total": attempt.item_count,
        "next_url": reverse("quiz:practice_summary", args=[attempt.uid]) if last
        else reverse("quiz:practice_item", args=[attempt.uid, number + 1]),
        "report_url": reverse("quiz:report_problem", args=[attempt.uid, number]),
        "last": last, "report_form": ReportForm(), "csrf_token": "x" * 64,
        # the source links lead back to the question, for its learner only
        **views._item_view(attempt, item, views._revealed(attempt, item), links,
                           citing.back_token(attempt.user_id, item_url(attempt, number))),
    }
    with translation.override(language):
        context["key_names"] = key_names(item, context.get("key_labels") or [], context.get("stem_lang"))
        return OLD_PARTIAL.render(context)


NAMED = engines["django"].from_string(
    '{% load i18n %}{% blocktranslate with label=label text=text %}{{ label }} ({{ text }}){% endblocktranslate %}')


def key_names(item, labels, lang):
    """The verdict's right options: each letter with its text (marked with its language) when every one is at
    most 40 characters long, else the letters."""
    texts = [item.options[ord(label) - ord("A")]["text"] for label in labels]
    if not texts or any(len(text) > 40 for text in texts):
        return []
    return [NAMED.render({"label": label, "text": format_html('<span lang="{}">{}</span>', lang, text)})
            for label, text in zip(labels, texts)]


def same(new, old):
    assert TOKEN.sub("TOKEN", new) == TOKEN.sub("TOKEN", old)


def item_url(attempt, number):
    return f"/quiz/practice/{attempt.uid}/{number}/"


@pytest.fixture
def awkward(make, learner):
    """A set of three whose texts need escaping, with a choose-two item, a picture and a vanished section."""
    topic = make.topic(name="Blue & green <deploy>", names={"ja": "ブルー/グリーン", "ko": "블루/그린"})
    questions = [make.question(topic) for _ in range(2)] + [make.question(topic, choose=2, n_options=5)]
    attempt = start_practice(learner, questions, "en", shuffle=False)
    for item in attempt.items.all():
        first = item.sources[0]  # a Japanese note's line, which the English explanations quote
        item.stem = {"en": 'Which <one> is "right"?\nPick & check.', "ja": "どれ？"}
        item.options = [
            {**option, "text": f"{option['text']} <b>&</b> 'q'",
             "explanation": {"en": f"Why <{option['key']}> & \"so\" (note \"{first['heading_path']}\", line 3: "
                                   f"\"{first['quote']}\"; AWS documentation: A & B "
                                   f"https://docs.aws.amazon.com/x/y.html?a=1&b=2).", "ja": "理由"} if index != 1 else {}}
            for index, option in enumerate(item.options)
        ]
        item.sources = [{**first, "line_start": 12}, {**first, "line_start": 3}, {**first, "line_start": 12},
                        {"section": 999999, "file": "gone & <old>.md", "heading_path": "A › B", "line_start": 7},
                        {"file": "no-section.md", "heading_path": "C"}]
        item.save()
    item = attempt.items.get(position=1)
    item.figure = {"url": "/media/f.png", "thumb_url": "/media/f-480.png", "srcset": "/media/f-480.png 480w",
                   "width": 480, "height": 300, "alt": 'A "diagram" <x>'}
    item.save()
    return attempt


def test_the_fixtures_english_explanations_quote_their_japanese_note_marked_as_japanese(awkward, learner_client):
    item = awkward.items.get(position=0)
    html = learner_client.post(item_url(awkward, 1), {"choice": "A"}, **HX).content.decode()
    quoted = (f'(note &quot;<span lang="ja">{item.sources[0]["heading_path"]}</span>&quot;, line 3: '
              f'&quot;<span lang="ja">{item.sources[0]["quote"]}</span>&quot;; AWS documentation')
    assert html.count(quoted) == 3  # the options with an explanation: the comparisons below cover the marks


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_right_wrong_and_choose_two_answers_give_the_fragment_the_template_gave(awkward, learner_client, language):
    items = list(awkward.items.order_by("position"))
    answers = {
        1: [label_of(items[0], items[0].correct_keys[0])],  # right: the rating form, Good pressed
        2: [next(label for label in "ABCD" if label != label_of(items[1], items[1].correct_keys[0]))],  # wrong
        3: [label_of(items[2], key) for key in items[2].correct_keys],  # choose two, right, the last item
    }
    for number, labels in answers.items():
        response = learner_client.post(item_url(awkward, number), {"choice": labels}, HTTP_ACCEPT_LANGUAGE=language,
                                       **HX)
        assert response.status_code == 200
        same(response.content.decode(), old_fragment(awkward.pk, number, language))


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_a_rated_answer_and_an_ended_set_give_the_fragment_the_template_gave(awkward, learner_client, language):
    item = awkward.items.get(position=0)
    learner_client.post(item_url(awkward, 1), {"choice": label_of(item, item.correct_keys[0])}, **HX)
    for rating in ("hard", "easy"):
        learner_client.post(f"/progress/rate/{item.pk}/", {"rating": rating}, **HX)
        html = learner_client.get(item_url(awkward, 1), HTTP_ACCEPT_LANGUAGE=language, **HX).content.decode()
        same(html, old_fragment(awkward.pk, 1, language))
    learner_client.post(f"/quiz/practice/{awkward.uid}/summary/")  # end the set: the rest is not answered
    for number in (2, 3):
        html = learner_client.get(item_url(awkward, number), HTTP_ACCEPT_LANGUAGE=language, **HX).content.decode()
        assert "Not answered." in old_fragment(awkward.pk, number, "en")
        same(html, old_fragment(awkward.pk, number, language))


@pytest.mark.parametrize("language, verdict", [
    ("ja", "<p class=\"verdict\">不正解です。正解は {key}（{text}）です。</p>"),
    ("ko", "<p class=\"verdict\">오답입니다. 정답은 {key} ({text})입니다.</p>"),
    ("en", "<p class=\"verdict\">Not quite. The answer is {key} ({text}).</p>"),
])
def test_a_wrong_answers_two_sentences_are_spaced_as_the_language_spaces_them(awkward, learner_client, language,
                                                                              verdict):
    item = awkward.items.get(position=1)
    key = label_of(item, item.correct_keys[0])
    wrong = next(label for label in "ABCD" if label != key)
    html = learner_client.post(item_url(awkward, 2), {"choice": wrong}, HTTP_ACCEPT_LANGUAGE=language,
                               **HX).content.decode()
    text = f'<span lang="en">{escape(item.options[ord(key) - ord("A")]["text"])}</span>'
    assert verdict.format(key=key, text=text) in html


def test_a_wrong_answers_verdict_names_a_short_key_and_only_the_letter_of_a_long_one(awkward, learner_client):
    """A listener hears the answer where the focus lands (the verdict); a long option (a statement) is read in the
    list, marked as the answer, not repeated."""
    item = awkward.items.get(position=0)
    key = label_of(item, item.correct_keys[0])
    wrong = next(label for label in "ABCD" if label != key)
    html = learner_client.post(item_url(awkward, 1), {"choice": wrong}, **HX).content.decode()
    assert f'The answer is {key} (<span lang="en">Option ' in html
    item.refresh_from_db()  # answered now
    item.options = [{**option, "text": "A statement about the deployment that is far too long to repeat"}
                    for option in item.options]
    item.save(update_fields=["options"])
    html = learner_client.get(item_url(awkward, 1), **HX).content.decode()
    assert f"The answer is {key}.</p>" in html


def test_the_full_page_of_an_answered_item_holds_the_same_fragment(awkward, learner_client):
    item = awkward.items.get(position=1)
    learner_client.post(item_url(awkward, 2), {"choice": "A"})
    html = learner_client.get(item_url(awkward, 2), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<html" in html and html.count('id="practice-item"') == 1
    section = html[html.index("\n<section"):html.index("</section>\n") + len("</section>\n")]
    same(section, old_fragment(awkward.pk, 2, "ja"))


def test_source_links_are_the_sections_own_urls_with_their_languages(make):
    sections = [make.section(), make.section(language="ko")]
    item = type("Item", (), {"sources": [{"section": s.pk} for s in sections] + [{"section": 999999}, {}]})()
    assert views.source_links([item]) == {s.pk: (s.get_absolute_url(), s.language) for s in sections}
    assert sections[1].language == "ko"


def test_the_pieces_follow_the_script_prefix(awkward, make):
    from quiz import feedback

    item = awkward.items.get(position=0)
    item.correct, item.rating = True, 3
    section = make.section()
    try:
        for prefix in ("/kumo/", "/"):
            set_script_prefix(prefix)
            assert f'action="{prefix}progress/rate/{item.pk}/"' in feedback.rate_form(item, "t" * 64)
            fresh = Section.objects.get(pk=section.pk)  # an instance keeps the URL it reversed first
            assert fresh.get_absolute_url().startswith(prefix)
            assert views.source_links([type("Item", (), {"sources": [{"section": section.pk}]})()]) == {
                section.pk: (fresh.get_absolute_url(), fresh.language)}
    finally:
        set_script_prefix("/")


def test_a_source_line_that_is_not_a_number_is_escaped_as_the_template_escapes_it():
    # The bank import now refuses such sources; the feedback must not trust what is stored either.
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    from quiz import feedback

    sources = [{"url": "/notes/1/#s1", "file": "f.md", "heading_path": "H", "lines": ["1<img src=x onerror=alert(1)>"]}]
    item = SimpleNamespace(options=[{"key": "a", "text": "x"}], correct_keys=["a"], chosen=["a"],
                           explanation_in=lambda option, language: "",
                           text_lang=lambda language: language, explanation_lang=lambda option, language: language)
    with translation.override("en"):
        written = feedback.options_review(item, "en", sources)
        template = render_to_string("quiz/_options_review.html", {
            "options": [{"label": "A", "text": "x", "lang": "en", "correct": True, "chosen": True, "explanation": ""}],
            "sources": sources})
    assert "<img" not in written and "(line 1&lt;img src=x onerror=alert(1)&gt;)" in written
    assert written.split('<div class="sources">')[1] == template.split('<div class="sources">')[1]


def test_a_documentation_url_in_an_explanation_is_a_link(awkward, learner_client):
    item = awkward.items.get(position=0)
    learner_client.post(item_url(awkward, 1), {"choice": [item.correct_keys[0]]}, HTTP_HX_REQUEST="true")
    html = learner_client.get(item_url(awkward, 1)).content.decode()
    assert ('<a href="https://docs.aws.amazon.com/x/y.html?a=1&amp;b=2" rel="noopener" target="_blank">'
            "A &amp; B</a>).") in html  # the page's title, not its URL


def test_a_source_section_the_notes_no_longer_have_is_said_and_not_linked(make, learner, learner_client):
    section = make.section(heading="Gone soon")
    question = make.question(section=section)
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    section.retired = True
    section.save()
    html = learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, **HX).content.decode()
    sources = html.split('<div class="sources">')[1]
    assert "(no longer in the notes)" in sources and f"#s{section.pk}" not in sources


def test_a_source_section_deleted_and_imported_again_is_linked_under_its_new_id(make, learner, learner_client):
    section = make.section(heading="Deleted in the admin")
    question = make.question(section=section)
    attempt = start_practice(learner, [question], "en")
    item = attempt.items.get()
    old_pk = section.pk
    section.delete()
    section.pk = None  # the import that brings it back: same file and heading path, a new id
    section.save()
    html = learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, **HX).content.decode()
    sources = html.split('<div class="sources">')[1]
    assert f"?hl={section.pk}%3A" in sources and f"?hl={old_pk}%3A" not in sources
    assert "(no longer in the notes)" not in sources


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_a_question_on_a_topic_with_a_documentation_notice_says_it_under_its_options(make, learner, learner_client,
                                                                                      language):
    from studynotes.notices import for_topics

    attempt = start_practice(learner, [make.question(make.topic(slug="x-ray"))], "en")
    item = attempt.items.get()
    html = learner_client.post(item_url(attempt, 1), {"choice": label_of(item, "A")}, HTTP_ACCEPT_LANGUAGE=language,
                               **HX).content.decode()
    [notice] = for_topics(["x-ray"], language)
    assert html.count('<p class="doc-notice-line" role="note">') == 1
    label = {"ja": "AWS ドキュメントより：", "ko": "AWS 문서 안내: ", "en": "From the AWS documentation: "}[language]
    assert (f'<strong>{label}</strong><span lang="{language}">{escape(notice["text"])}</span> '
            f'<a href="{notice["url"]}" rel="noopener noreferrer external" lang="en">') in html
    assert html.index("doc-notice-line") < html.index('<div class="sources">')
    same(html, old_fragment(attempt.pk, 1, language))
