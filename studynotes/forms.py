"""Account forms: sign-up, and a login form that refuses guessing."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .ratelimit import client_ip, ratelimit

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
        username = (self.cleaned_data.get("username") or "").strip().lower()
        address = client_ip(self.request) if self.request else ""
        allowed_address = ratelimit(f"login:ip:{address}", LOGIN_LIMIT_PER_ADDRESS, LOGIN_PERIOD)
        allowed_username = ratelimit(f"login:user:{username}", LOGIN_LIMIT_PER_USERNAME, LOGIN_PERIOD)
        if not (allowed_address and allowed_username):
            raise ValidationError(self.error_messages["rate_limited"], code="rate_limited")
        return super().clean()


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
