import unicodedata

from django import forms
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
        widget=forms.CheckboxSelectMultiple(attrs={"class": "topic-choices"}),
    )
    language = forms.ChoiceField(label=_("Question language"), choices=Language.choices)
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


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong with this question?"), min_length=5, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
