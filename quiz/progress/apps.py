from django.apps import AppConfig


class ProgressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quiz.progress"
    label = "progress"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_time_zone_at_login, dispatch_uid="progress-time-zone-at-login")


def _time_zone_at_login(sender, request, user, **kwargs):
    """The learner's time zone into the new session, and whether they declined the offer of their device's
    (one query, at login only)."""
    from studynotes.timezones import OFFER_DISMISSED_KEY, remember

    from .models import LearnerSettings

    if request is None or not hasattr(request, "session"):
        return
    name, dismissed = (LearnerSettings.objects.filter(user=user)
                       .values_list("time_zone", "time_zone_offer_dismissed").first() or ("", False))
    remember(request, name or "")
    if dismissed:
        request.session[OFFER_DISMISSED_KEY] = True
    else:
        request.session.pop(OFFER_DISMISSED_KEY, None)
