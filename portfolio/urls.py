from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.initiative_list, name="initiative_list"),
    path("export/", views.initiative_export, name="initiative_export"),
    path("neu/", views.initiative_create, name="initiative_create"),
    path("<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("<int:pk>/bearbeiten/", views.initiative_edit, name="initiative_edit"),
    path("<int:pk>/loeschen/", views.initiative_delete, name="initiative_delete"),
    path("<int:pk>/meilensteine/neu/", views.milestone_create, name="milestone_create"),
    path(
        "<int:pk>/meilensteine/<int:milestone_pk>/bearbeiten/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "<int:pk>/meilensteine/<int:milestone_pk>/loeschen/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("<int:pk>/budget/neu/", views.budget_line_create, name="budget_line_create"),
    path(
        "<int:pk>/budget/<int:budget_line_pk>/bearbeiten/",
        views.budget_line_edit,
        name="budget_line_edit",
    ),
    path(
        "<int:pk>/budget/<int:budget_line_pk>/loeschen/",
        views.budget_line_delete,
        name="budget_line_delete",
    ),
    path("<int:pk>/links/neu/", views.link_create, name="link_create"),
    path("<int:pk>/links/<int:link_pk>/bearbeiten/", views.link_edit, name="link_edit"),
    path("<int:pk>/links/<int:link_pk>/loeschen/", views.link_delete, name="link_delete"),
    path(
        "<int:pk>/koerperschaften/<int:body_pk>/status/",
        views.rollout_edit,
        name="rollout_edit",
    ),
    path("<int:pk>/statusberichte/neu/", views.status_report_create, name="status_report_create"),
]
