"""Learner-facing class pages, mounted at ``/classes/``."""

from django.urls import path

from . import views

app_name = "classes"

urlpatterns = [
    path("", views.my_classes, name="mine"),
    path("join/", views.join_class, name="join"),
    path("<id:pk>/leave/", views.leave_class, name="leave"),
]
