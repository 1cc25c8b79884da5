from django.urls import path

from . import views

app_name = "topics"
urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("rangliste/", views.topic_ranking, name="topic_ranking"),
    path("neu/", views.topic_create, name="topic_create"),
    path("kriterien/", views.criteria_edit, name="criteria_edit"),
    path("<int:pk>/", views.topic_detail, name="topic_detail"),
    path("<int:pk>/bearbeiten/", views.topic_edit, name="topic_edit"),
    path("<int:pk>/status/", views.topic_status, name="topic_status"),
    path("<int:pk>/bewertung/", views.topic_score, name="topic_score"),
    path(
        "<int:pk>/stellungnahmen/anfordern/",
        views.statements_request,
        name="statements_request",
    ),
    path(
        "<int:pk>/stellungnahmen/<int:statement_pk>/",
        views.statement_give,
        name="statement_give",
    ),
    path(
        "<int:pk>/stellungnahmen/<int:statement_pk>/verzicht/",
        views.statement_waive,
        name="statement_waive",
    ),
]
