from django.urls import path

from . import views

app_name = "instructor"

urlpatterns = [
    path("", views.home, name="home"),
    path("notes/", views.notes, name="notes"),
    path("notes/<id:pk>/", views.note_detail, name="note_detail"),
    path("notes/<id:pk>/retire/", views.note_retire, name="note_retire"),
    path("notes/generate/", views.generate, name="generate"),
    path("questions/", views.bank_list, name="bank"),
    path("questions/review/", views.review_queue, name="review"),
    path("questions/approve/", views.approve, name="approve"),
    path("questions/export/", views.bank_export, name="bank_export"),
    path("questions/import/", views.bank_import, name="bank_import"),
    path("questions/<id:pk>/", views.question_edit, name="question"),
    path("questions/<id:pk>/retire/", views.question_retire, name="question_retire"),
    path("questions/<id:pk>/restore/", views.question_restore, name="question_restore"),
    path("issues/", views.issues, name="issues"),
    path("issues/<id:pk>/handled/", views.issue_handled, name="issue_handled"),
    path("reports/<id:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("quizzes/", views.quizzes, name="quizzes"),
    path("quizzes/new/", views.quiz_edit, name="quiz_new"),
    path("quizzes/<id:pk>/", views.quiz_edit, name="quiz_edit"),
    path("quizzes/<id:pk>/preview/", views.quiz_preview, name="quiz_preview"),
    path("quizzes/<id:pk>/hand-over/", views.quiz_hand_over, name="quiz_hand_over"),
    path("quizzes/<id:pk>/items/", views.quiz_item_analysis, name="quiz_item_analysis"),
    path("classes/", views.classes, name="classes"),
    path("classes/<id:pk>/", views.class_detail, name="class_detail"),
    path("classes/<id:pk>/hand-over/", views.class_hand_over, name="class_hand_over"),
    path("classes/<id:pk>/members/add/", views.member_add, name="member_add"),
    path("classes/<id:pk>/members/<id:membership_pk>/", views.member_update, name="member_update"),
    path("assignments/<id:pk>/", views.results, name="results"),
    path("assignments/<id:pk>/update/", views.assignment_update, name="assignment_update"),
    path("assignments/<id:pk>/results.csv", views.results_csv, name="results_csv"),
    path("assignments/<id:pk>/items/", views.item_analysis, name="item_analysis"),
    path("assignments/<id:pk>/attempts/<uuid:uid>/", views.attempt_review, name="attempt_review"),
    path("audit/", views.audit, name="audit"),
]
