from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views


notes_patterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("files/<int:pk>/", views.file_detail, name="file"),
]

urlpatterns = [
    path("", include((notes_patterns, "studynotes"))),
    path("admin/", admin.site.urls),
]
