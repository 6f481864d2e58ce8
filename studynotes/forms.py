"""Account forms: sign-up, and a login form that refuses guessing."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .ratelimit import client_ip, ratelimit, refund

# Login attempts (successful or not) per window. Per account name, so one
# account cannot be guessed from many addresses; per address, so one address
# cannot try many accounts.
LOGIN_PERIOD = 300
LOGIN_LIMIT_PER_USERNAME = 10
LOGIN_LIMIT_PER_ADDRESS = 30


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "rate_limited": _("Too many login attempts. Please wait a few minutes and try again."),
    }

    def clean(self):
        """Failed attempts count, per account and per client address; a successful login is taken back.

        Every attempt is counted first, atomically (one upsert that returns the count), so guesses sent all at
        once cannot all pass a check made before any of them is counted. A login that turns out right then
        refunds its count: a whole class signs in from one school address at the start of a lesson, and counting
        those would lock the thirty-first learner out. While either count is used up, even the right password is
        refused (the window must close first), so guessing gains nothing from the refusal."""
        username = (self.cleaned_data.get("username") or "").strip().lower()
        address = client_ip(self.request) if self.request else ""
        keys = ((f"login:ip:{address}", LOGIN_LIMIT_PER_ADDRESS), (f"login:user:{username}", LOGIN_LIMIT_PER_USERNAME))
        allowed = [ratelimit(key, limit, LOGIN_PERIOD) for key, limit in keys]
        if not all(allowed):
            raise ValidationError(self.error_messages["rate_limited"], code="rate_limited")
        cleaned = super().clean()  # a wrong password raises: its count stays
        for key, _limit in keys:
            refund(key, LOGIN_PERIOD)
        return cleaned


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The Django admin's login (staff only), counted against the same limits as the site's: without it the admin
    login was a way round them to guess the passwords that matter most."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "rate_limited": LoginForm.error_messages["rate_limited"],
    }


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Used only to reset your password."),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this email already exists."), code="email_taken")
        return email
