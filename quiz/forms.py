import unicodedata

from django import forms
from django.db.models import Count, Q
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy as _

from studynotes.models import Domain, Language, Topic

_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}  # katakana ァ..ヶ -> hiragana ぁ..ゖ


def name_order(name):
    """A sort key for a name as shown, the same in every locale: Latin letters without case or width
    ("ＡＷＳ" with "AWS"), Hangul in 가나다 order, and kana in 50-sound order whichever kana it is written in
    (べき等性 between ビッグバン and ローリング, not before every katakana name). Kanji sort by code point."""
    return unicodedata.normalize("NFKC", name).casefold().translate(_HIRAGANA)


class _ByDisplayName(forms.models.ModelChoiceIterator):
    """Choices in the order of their names in the interface language (ビッグバン among the カ-行 names in
    Japanese, not after "Amazon S3" as the English names sort)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted(self.queryset, key=lambda topic: name_order(topic.display_name)):
            yield self.choice(obj)


LANGUAGES = [code for code, _label in Language.choices]


def question_counts_text(counts):
    """"12 questions · English 5 · Japanese 12": a topic's live questions, and how many are written in each
    language (a question may be written in several; languages without any are left out)."""
    total = counts.get("total", 0)
    parts = [ngettext("%(count)s question", "%(count)s questions", total) % {"count": total}]
    parts += [f"{label} {counts[code]}" for code, label in Language.choices if counts.get(code)]
    return " · ".join(parts)


# Questions retired or written other than by an import, a generation run or the instructor's screens (which
# bump the notes content stamp) reach the counts after at most this long, as they reach the dashboard.
QUESTION_COUNTS_SECONDS = 5 * 60


def live_question_counts():
    """``{topic id: {"total": n, "ja": n, "ko": n, "en": n}}``: each topic's live questions, and how many are
    written in each language (a question's stem has a key per language). The same for every learner: kept in
    the shared cache while the notes content stamp holds (studynotes.pagecache), at most
    ``QUESTION_COUNTS_SECONDS``; counting them cost about 4 ms a page on the bench's 2,000 questions."""
    from studynotes import pagecache

    from .models import Question

    fragment_key = pagecache.key("practice-question-counts")
    stamp, counts = pagecache.get(fragment_key)
    if counts is None:
        per_language = {code: Count("pk", filter=Q(stem__has_key=code)) for code in LANGUAGES}
        rows = Question.objects.live().order_by().values("topic_id").annotate(total=Count("pk"), **per_language)
        counts = {row.pop("topic_id"): row for row in rows}
        pagecache.put(fragment_key, stamp, counts, QUESTION_COUNTS_SECONDS)
    return counts


class TopicCheckboxes(forms.CheckboxSelectMultiple):
    """Topic checkboxes, each with its questions per language under its name (``question_counts_text``), which
    the checkbox names as its description."""

    # Beside the app (quiz/templates/): the form renderer reads Django's and the apps' templates, not templates/.
    option_template_name = "quiz/widgets/topic_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        topic = getattr(value, "instance", None)
        counts = getattr(self, "counts", {}).get(getattr(topic, "pk", None))
        if counts is not None:
            option["counts"] = question_counts_text(counts)
            option["counts_id"] = f"{option['attrs']['id']}_counts"
            described = [option["counts_id"]]
            if attrs and attrs.get("aria-invalid") and attrs.get("id"):  # refused: its error too, read first
                described.insert(0, f"{attrs['id']}_error")
            option["attrs"]["aria-describedby"] = " ".join(described)
        return option


class TopicMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Topics by their name in the interface language (as the topic pages show them), in that name's order."""

    iterator = _ByDisplayName

    def label_from_instance(self, obj):
        return obj.display_name


class PracticeSetupForm(forms.Form):
    domains = forms.MultipleChoiceField(
        label=_("Domains"), choices=Domain.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for all domains."),
    )
    topics = TopicMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.none(), required=False, to_field_name="slug",
        help_text=_("Leave empty for every topic of the chosen domains."),
        # Checkboxes, not a multi-select: a select needs Ctrl+click, which a phone does not have.
        widget=TopicCheckboxes(attrs={"class": "topic-choices"}),
    )
    language = forms.ChoiceField(
        label=_("Question language"), choices=Language.choices,
        help_text=_("Questions written in the language you choose come first. When it has too few, the set is "
                    "filled with questions in the language of their notes, shown in that language; definition "
                    "questions are always in their notes' language."),
    )
    count = forms.IntegerField(label=_("Number of questions"), min_value=1, max_value=65, initial=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Question

        # Only what can be practised: topics and domains with live questions (a retired question does not
        # count; a domain without any gave "no questions here yet" only after it was picked).
        live = Question.objects.live()
        self.fields["topics"].queryset = Topic.objects.filter(pk__in=live.values("topic_id")).order_by("name")
        domains = set(live.order_by().values_list("topic__domain", flat=True).distinct())
        self.fields["domains"].choices = [(value, label) for value, label in Domain.choices if value in domains]

    def count_questions_per_language(self):
        """Name each language choice with how many of the live questions are written in it ("English (37 of 100
        questions)"), and give each topic checkbox its questions per language (``live_question_counts``)."""
        counts = live_question_counts()
        self.fields["topics"].widget.counts = counts
        total = sum(topic["total"] for topic in counts.values())
        field = self.fields["language"]
        field.choices = [
            (code, ngettext("%(language)s (%(n)s of %(total)s question)",
                            "%(language)s (%(n)s of %(total)s questions)", total)
             % {"language": label, "n": sum(topic[code] for topic in counts.values()), "total": total})
            for code, label in Language.choices
        ]


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong with this question?"), min_length=5, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
