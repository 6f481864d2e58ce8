from django.apps import AppConfig


class StudynotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "studynotes"
    verbose_name = "Study notes"
