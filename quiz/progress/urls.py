from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("review/", views.review, name="review"),
    path("due-count/", views.due_count, name="due_count"),
    path("weakest/", views.practise_weakest, name="practise_weakest"),
    path("rate/<id:item_id>/", views.rate, name="rate"),
    path("settings/", views.review_settings, name="settings"),
    path("settings/time-zone/", views.time_zone_offer, name="time_zone_offer"),
    path("export.<str:fmt>", views.export, name="export"),  # csv, answers.csv, json
    path("delete/", views.delete_data, name="delete"),
    path("delete-account/", views.delete_account_view, name="delete_account"),
    path("account-deleted/", views.account_deleted, name="account_deleted"),
]
