from django.urls import path

from . import views

app_name = "quiz"

urlpatterns = [
    path("", views.index, name="index"),
    path("practice/", views.practice_setup, name="practice_setup"),
    path("practice/topic/<slug:slug>/", views.practice_topic, name="practice_topic"),
    path("practice/<uuid:uid>/<id:number>/", views.practice_item, name="practice_item"),
    path("practice/<uuid:uid>/summary/", views.practice_summary, name="practice_summary"),
    path("exams/", views.exam_list, name="exam_list"),
    path("exams/<uslug:slug>/", views.exam_start, name="exam_start"),
    path("attempts/<uuid:uid>/<id:number>/", views.exam_item, name="exam_item"),
    path("attempts/<uuid:uid>/review/", views.exam_review, name="exam_review"),
    path("attempts/<uuid:uid>/submit/", views.exam_submit, name="exam_submit"),
    path("attempts/<uuid:uid>/result/", views.exam_result, name="exam_result"),
    path("attempts/<uuid:uid>/practise-wrong/", views.exam_practise_wrong, name="exam_practise_wrong"),
    path("attempts/<uuid:uid>/<id:number>/report/", views.report_problem, name="report_problem"),
]
