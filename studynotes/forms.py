"""Account forms (sign-up, and a login form that refuses guessing), and how every form of the site renders its
fields (``FormRenderer``, settings.FORM_RENDERER)."""

import hashlib
import logging

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    SetPasswordForm,
    SetPasswordMixin,
    UserCreationForm,
    UsernameField,
)
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db.models import Q
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from . import timezones
from .ratelimit import client_ip, ratelimit, refund

logger = logging.getLogger(__name__)

# Django's forms end a label with ``gettext(":")``, which Django's own Japanese catalogue leaves half-width; the
# project's catalogue (read first) makes it "：", as Japanese text here writes it, and writes Django's
# "パスワード(確認用)" with full-width brackets; and Django's Korean "비밀번호가 사용자 이름와 너무 유사합니다" (와 after
# a final consonant; its Japanese spaces the name out). Marked so makemessages keeps them.
DJANGO_WORDS = [gettext_noop(":"), gettext_noop("Password confirmation"), gettext_noop("New password confirmation"),
                gettext_noop("The password is too similar to the %(verbose_name)s.")]


class ErrorFocusBoundField(BoundField):
    """A refused form, shown again, gives the keyboard focus to its first field with an error (``autofocus``)
    and to no other field: Django's own forms put ``autofocus`` on their first field (the user name, the old
    password), which took the focus back to the top of a form refused further down. Django marks that field
    ``aria-invalid`` and names its error (``id_<name>_error``) in ``aria-describedby``, so a screen reader
    reads the label, "invalid" and the message. A form's own errors (not a field's: a wrong password, "no
    questions here") are shown above its fields by ``templates/_form_errors.html`` with ``autofocus`` too: the
    first ``autofocus`` in the page takes the focus."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        form = self.form
        if form.is_bound and form.errors:
            first = next((name for name, field in form.fields.items()
                          if name in form.errors and not field.widget.is_hidden), None)
            attrs["autofocus"] = self.name == first  # False drops the widget's own autofocus
        return attrs


class FormRenderer(DjangoTemplates):
    """Django's renderer, with the field rendering above (settings.FORM_RENDERER): every form of the site,
    Django's password forms too."""

    bound_field_class = ErrorFocusBoundField

    def render(self, template_name, context, request=None):
        # Each option of a group of checkboxes or radios inherits its field's attributes: only the first keeps
        # autofocus, whether the group is rendered whole or option by option ({% for radio in form.field %}).
        widget = context.get("widget") or {}
        options = ([option for _name, group, _index in widget["optgroups"] for option in group]
                   if "optgroups" in widget else [widget] if "index" in widget else [])
        for option in options:
            if option["attrs"].get("autofocus") and option["index"] not in ("0", "0_0"):
                option["attrs"] = {**option["attrs"], "autofocus": False}
        return super().render(template_name, context, request)


# Login attempts (successful or not) per window. Per account name, so one
# account cannot be guessed from many addresses; per address, so one address
# cannot try many accounts.
LOGIN_PERIOD = 300
LOGIN_LIMIT_PER_USERNAME = 10
LOGIN_LIMIT_PER_ADDRESS = 30


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's words, in this project's catalogue: Django's own Korean reads "사용자 이름와/과 비밀번호"
        "invalid_login": _("Please enter a correct %(username)s and password. Note that both fields may be "
                           "case-sensitive."),
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


# The salt of sign-up links (django.core.signing): a link signed for something else is no sign-up link.
SIGNUP_SALT = "studynotes.signup"


# Emails the site sends one address in an hour (sign-up links, password resets, and the notices that go instead
# when an account does or does not use the address). The sign-up and reset pages are limited per client; these
# cap what clients can send one inbox: one client at most MAIL_PER_CLIENT, all of them together MAIL_PER_ADDRESS.
# Past either nothing is sent, and nothing on the page says so (it never says whether an email went). The
# per-client cap is what keeps one client from using up the address's hour: the owner asking for their own reset
# is still served unless many clients (MAIL_PER_ADDRESS / MAIL_PER_CLIENT of them) fill the inbox first.
# Counters are keyed by a digest of the address, not the address.
MAIL_PER_CLIENT = 3
MAIL_PER_ADDRESS = 20
MAIL_PERIOD = 3600


def mail_allowed(to_email, request=None):
    """Count one email to ``to_email`` (case and surrounding spaces aside) from the client of ``request``; False
    past ``MAIL_PER_CLIENT`` from that client or ``MAIL_PER_ADDRESS`` from all in ``MAIL_PERIOD`` seconds (two
    upserts, whichever the answer; the address's own count only once the client's allowed it)."""
    address = hashlib.sha256(to_email.strip().lower().encode()).hexdigest()[:32]
    client = client_ip(request) if request is not None else ""
    if not ratelimit(f"mail:{address}:{client}", MAIL_PER_CLIENT, MAIL_PERIOD):
        return False
    return ratelimit(f"mail:{address}", MAIL_PER_ADDRESS, MAIL_PERIOD)


def _send(subject, template_name, context, to_email, request):
    """One plain-text email; a failure is logged, not shown (the page after says the same either way)."""
    if not mail_allowed(to_email, request):
        logger.warning("Not sent (%s): the address's hourly cap is reached", template_name)
        return
    body = render_to_string(template_name, context)
    try:
        EmailMessage(subject, body, None, [to_email]).send()
    except Exception:
        logger.exception("Failed to send %s", template_name)


class SignupForm(forms.ModelForm):
    """Sign-up, first step: a user name and an email address; the password comes with the emailed link.

    Whether an account uses the address is never said on the page: a valid form sends one email to the address
    either way and the same page follows (``send_mail``). Nothing is written before the link is followed, so a
    user name tried with an address an account uses is no more taken afterwards than one tried with a new
    address. The user name is checked at once, as it must be: one that an account has is refused
    ("A user with that username already exists."): user names are shown to instructors anyway, and say nothing
    about an address."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to this address to finish signing up; after that it is used to reset your "
                    "password, and the instructors of the classes you join see it."),
    )

    class Meta:
        model = get_user_model()
        fields = ("username", "email")
        field_classes = {"username": UsernameField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True

    def clean_username(self):
        """As Django's UserCreationForm: user names that differ only in case are the same name."""
        username = self.cleaned_data["username"]
        user_model = get_user_model()
        if user_model.objects.filter(username__iexact=username).exists():
            raise ValidationError(self.instance.unique_error_message(user_model, ["username"]), code="unique")
        return username

    def send_mail(self, request, next_url=""):
        """The one email a sign-up sends, and the same work either way (a query, a template, a send): to a new
        address, a link to choose a password and finish (signed, valid PASSWORD_RESET_TIMEOUT, carrying
        ``next_url``, the page to go on to); to an address an account uses already, that account's user name
        and links to log in and to reset its password. It goes to the address as typed (an account's address
        is found without case)."""
        email, username = self.cleaned_data["email"], self.cleaned_data["username"]
        owner = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if owner is None:
            asked = {"username": username, "email": email, **({"next": next_url} if next_url else {})}
            token = signing.dumps(asked, salt=SIGNUP_SALT)
            context = {
                "username": username,
                "url": request.build_absolute_uri(reverse("signup_confirm", args=[token])),
                "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            }
            _send(gettext("Finish signing up for Kumo Study"), "registration/signup_email.txt", context,
                  email, request)
        else:
            context = {
                "username": owner.get_username(),
                "login_url": request.build_absolute_uri(reverse("login")),
                "reset_url": request.build_absolute_uri(reverse("password_reset")),
            }
            _send(gettext("Your Kumo Study account"), "registration/signup_exists_email.txt", context, email,
                  request)


class BrowserTimeZoneField(forms.CharField):
    """The browser's IANA time zone, put in this hidden field by ``static/js/app.js``. Never refuses a form: a
    name this server does not know is ignored (""), as is its absence (no JavaScript)."""

    def __init__(self, **kwargs):
        widget = forms.HiddenInput(attrs={"data-browser-time-zone": ""})
        super().__init__(required=False, widget=widget, **kwargs)

    def to_python(self, value):
        name = super().to_python(value)
        return name if timezones.valid(name) else ""


class ErrorsOnNewPassword:
    """The password validators' errors ("too short", "too common") under the password they are about, not
    under its confirmation ("password2", "new_password2") where Django's forms put them: the confirmation keeps
    "the two passwords didn't match"."""

    def validate_password_for_user(self, user, password_field_name="password2"):
        if password_field_name.endswith("password2"):
            password_field_name = password_field_name[:-1] + "1"
        super().validate_password_for_user(user, password_field_name)


class DirectSignupForm(ErrorsOnNewPassword, UserCreationForm):
    """Sign-up in one step (settings.SIGNUP_EMAIL_LINK off, the default in development): user name, address and
    password; the account is created and logged in at once. It says when an account uses the address, which is
    why production sends a link instead (``SignupForm``)."""

    email = forms.EmailField(label=_("Email"), help_text=_("Used to reset your password; the instructors of the classes you join see it."))
    time_zone = BrowserTimeZoneField()

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this email already exists."), code="email_taken")
        return email



def account_from_link(token):
    """The account a sign-up link asks for, not yet saved; None for a link that is not one of ours, is older
    than PASSWORD_RESET_TIMEOUT, or whose user name or address an account has now (a link already followed,
    or another sign-up first): no second account gets an address."""
    try:
        asked = signing.loads(token, salt=SIGNUP_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
        username, email = asked["username"], asked["email"]
    except (signing.BadSignature, KeyError, TypeError):  # SignatureExpired is a BadSignature
        return None
    taken = get_user_model().objects.filter(Q(username__iexact=username) | Q(email__iexact=email)).exists()
    return None if taken else get_user_model()(username=username, email=email)


def next_from_link(token):
    """The page a sign-up link was asked to lead to ("" if none or not our link); the view checks it."""
    try:
        asked = signing.loads(token, salt=SIGNUP_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return ""
    next_url = asked.get("next") if isinstance(asked, dict) else None
    return next_url if isinstance(next_url, str) else ""


class NewPasswordForm(ErrorsOnNewPassword, SetPasswordForm):
    """Django's password reset form (the emailed link's page)."""


class PasswordChangeForm(ErrorsOnNewPassword, auth_forms.PasswordChangeForm):
    """Django's password change form."""


class SignupPasswordForm(ErrorsOnNewPassword, SetPasswordForm):
    """Sign-up, second step (the emailed link): the new account's password; ``save()`` creates the account."""

    new_password1, new_password2 = SetPasswordMixin.create_password_fields()
    time_zone = BrowserTimeZoneField()  # the device that creates the account: the learner's own zone

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].widget.attrs["autofocus"] = True


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, and to an address no account can reset (none uses it, or only an inactive one), an email that
    says so: a request sends one email either way, so neither the page after (the same) nor the time it takes
    tells whether an account uses the address."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        self.sent = True
        if not mail_allowed(to_email, self.request):
            logger.warning("Not sent (%s): the address's hourly cap is reached", email_template_name)
            return
        super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)

    def save(self, *args, request=None, **kwargs):
        self.sent, self.request = False, request
        super().save(*args, request=request, **kwargs)
        if not self.sent:
            context = {"signup_url": request.build_absolute_uri(reverse("signup"))}
            _send(gettext("Your Kumo Study password"), "registration/password_reset_unknown_email.txt",
                  context, self.cleaned_data["email"], request)
