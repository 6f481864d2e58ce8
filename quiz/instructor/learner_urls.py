"""Learner-facing class pages, mounted at ``/classes/``."""

from django.urls import path

from . import views

app_name = "classes"

urlpatterns = [
    path("join/", views.join_class, name="join"),
]
