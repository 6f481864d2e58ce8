from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LearnerSettings
from .reviews import PRACTICE_RATINGS


class LearnerSettingsForm(forms.ModelForm):
    class Meta:
        model = LearnerSettings
        fields = ["daily_review_cap"]
        error_messages = {
            "daily_review_cap": {
                "min_value": _("Allow at least one review a day."),
                "max_value": _("At most 1000 reviews a day."),
                "invalid": _("Enter a whole number."),
            }
        }


class RatingForm(forms.Form):
    rating = forms.ChoiceField(choices=[(name, name) for name in PRACTICE_RATINGS])


class DeleteForm(forms.Form):
    """Deleting needs the learner to type their user name."""

    confirm = forms.CharField(label=_("Type your user name to confirm"), max_length=150)
    attempts = forms.BooleanField(label=_("Also delete my practice sets and exam results"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value != self.user.get_username():
            raise forms.ValidationError(_("That is not your user name; nothing was deleted."), code="mismatch")
        return value
