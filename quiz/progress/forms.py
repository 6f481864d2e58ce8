from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LearnerSettings
from .reviews import PRACTICE_RATINGS


def _time_zone_choices(current=""):
    from django.conf import settings as django_settings

    from studynotes import timezones

    names = list(timezones.CHOICES)
    if current and current not in names:
        names.insert(0, current)
    site = _("Site default (%(zone)s)") % {"zone": django_settings.TIME_ZONE}
    return [("", site)] + [(name, name.replace("_", " ")) for name in names]


class LearnerSettingsForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # offered from a list, but any IANA name is accepted (``clean_time_zone``)
        self.fields["time_zone"] = forms.CharField(
            label=LearnerSettings._meta.get_field("time_zone").verbose_name,
            help_text=LearnerSettings._meta.get_field("time_zone").help_text, required=False, max_length=64,
            widget=forms.Select(choices=_time_zone_choices(self.instance.time_zone if self.instance else "")))

    def clean_time_zone(self):
        from studynotes import timezones

        name = self.cleaned_data.get("time_zone") or ""
        if not timezones.valid(name):
            raise forms.ValidationError(_("Choose a time zone from the list."), code="invalid")
        return name

    class Meta:
        model = LearnerSettings
        fields = ["daily_review_cap", "time_zone"]
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


class DeleteAccountForm(forms.Form):
    """Deleting the account needs the current password (a session left open is not enough)."""

    password = forms.CharField(label=_("Your current password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        value = self.cleaned_data["password"]
        if not self.user.check_password(value):
            raise forms.ValidationError(_("That is not your password; nothing was deleted."),
                                        code="wrong_password")
        return value
