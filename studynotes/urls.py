"""Root URLs. The notes pages live here (this package is also the notes app)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import health, views
from .forms import NewPasswordForm, PasswordChangeForm, PasswordResetForm
from .ratelimit import rate_limited

notes_patterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("files/<id:pk>/", views.file_detail, name="file"),
    path("search/", views.search, name="search"),
]

# Django's auth views (login, logout, password change and reset) under their usual
# names, with our rate-limited login first and a sign-up view beside them.
account_patterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("signup/<str:token>/", views.signup_confirm, name="signup_confirm"),
    # Each request sends an email (to an address no account uses, one that says so): at most 5 per hour per
    # client address.
    path(
        "password_reset/",
        rate_limited("password_reset", limit=5, period=3600)(
            # Django's email names the site: ours, not the server's host name ("127.0.0.1:8000 team")
            auth_views.PasswordResetView.as_view(form_class=PasswordResetForm,
                                                 extra_email_context={"site_name": "Kumo Study"})
        ),
        name="password_reset",
    ),
    # Django's, with the password validators' errors under the new password, not its confirmation
    path("password_change/", auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
         name="password_change"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
         name="password_reset_confirm"),
    path("", include("django.contrib.auth.urls")),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include((notes_patterns, "studynotes"))),
    path("accounts/", include(account_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quiz/", include("quiz.urls")),
    path("progress/", include("quiz.progress.urls")),
    path("instructor/", include("quiz.instructor.urls")),
    path("classes/", include("quiz.instructor.learner_urls")),
    path("admin/", admin.site.urls),
    path("media/note-images/<path:path>", views.note_image, name="note_image"),
]
