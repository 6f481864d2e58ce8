"""Beyond one machine: nothing a second app server would need lives in a process or on local disk."""

from django.core.files.base import ContentFile


def test_note_images_are_served_from_the_configured_storage_not_the_local_disk(client, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.MEDIA_ROOT = str(tmp_path / "empty")  # nothing on disk
    from django.core.files.storage import default_storage

    default_storage.save("note-images/ab/abcdef.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"))
    response = client.get("/media/note-images/ab/abcdef.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == b"\x89PNG\r\n\x1a\nfake"
    assert client.get("/media/note-images/ab/missing.png").status_code == 404


def test_sessions_cache_and_rate_limits_are_shared_through_the_database(settings):
    from importlib import import_module

    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

    # the db engine itself, or studynotes.sessions (the same table, read with one plain statement)
    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, DatabaseSessionStore)
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.STORAGES["default"]["BACKEND"]  # uploads go through STORAGES (swap in S3 there)
