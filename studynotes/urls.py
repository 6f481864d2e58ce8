"""Root URLs. The notes pages live here (this package is also the notes app)."""

from django.contrib import admin
from django.urls import include, path

from . import health, views

notes_patterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("files/<int:pk>/", views.file_detail, name="file"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include((notes_patterns, "studynotes"))),
    path("quiz/", include("quiz.urls")),
    path("progress/", include("quiz.progress.urls")),
    path("instructor/", include("quiz.instructor.urls")),
    path("admin/", admin.site.urls),
]
