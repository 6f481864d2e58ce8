from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender, using, **kwargs):
    # SQLite drops a table's triggers when a migration rebuilds it; put the search ones back.
    from django.db import connections

    from .search import ensure_search_index

    ensure_search_index(connections[using])


class StudynotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "studynotes"
    verbose_name = "Study notes"

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter, UnicodeSlugConverter

        post_migrate.connect(_ensure_search_index, sender=self)
        register_converter(IdConverter, "id")  # used in every URL conf: studynotes.converters
        register_converter(UnicodeSlugConverter, "uslug")
