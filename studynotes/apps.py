from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender, using, **kwargs):
    # SQLite drops a table's triggers when a migration rebuilds it; put the search ones back.
    from django.db import connections

    from .search import ensure_search_index

    ensure_search_index(connections[using])


def _check_notices(**kwargs):
    # a broken notice (an unknown topic, no URL) is said by `manage.py check`, runserver and every command, not
    # first by a topic page failing to render
    import yaml
    from django.core.checks import Error

    from .notices import load_notices

    try:
        load_notices()
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return [Error(str(exc), hint="Fix notices: in fixtures/reference.yaml.", id="studynotes.E001")]
    return []


class StudynotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "studynotes"
    verbose_name = "Study notes"

    def ready(self):
        from django.core.checks import register
        from django.urls import register_converter

        from .converters import IdConverter, UnicodeSlugConverter

        post_migrate.connect(_ensure_search_index, sender=self)
        register_converter(IdConverter, "id")  # used in every URL conf: studynotes.converters
        register_converter(UnicodeSlugConverter, "uslug")
        register(_check_notices)
