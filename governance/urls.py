from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("neu/", views.organization_create, name="organization_create"),
    path("beschluesse/", views.decision_register, name="decision_register"),
    path("auftraege/", views.action_item_list, name="action_item_list"),
    path("<int:pk>/", views.organization_detail, name="organization_detail"),
    path("<int:pk>/bearbeiten/", views.organization_edit, name="organization_edit"),
    path("<int:pk>/mitglieder/neu/", views.membership_create, name="membership_create"),
    path(
        "<int:pk>/mitglieder/<int:membership_pk>/bearbeiten/",
        views.membership_edit,
        name="membership_edit",
    ),
    path("<int:pk>/sitzungen/", views.meeting_list, name="meeting_list"),
    path("<int:pk>/sitzungen/neu/", views.meeting_create, name="meeting_create"),
    path("sitzungen/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("sitzungen/<int:pk>/bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path("sitzungen/<int:pk>/niederschrift/", views.meeting_minutes, name="meeting_minutes"),
    path("sitzungen/<int:pk>/durchgefuehrt/", views.meeting_held, name="meeting_held"),
    path("sitzungen/<int:pk>/absagen/", views.meeting_cancel, name="meeting_cancel"),
    path(
        "sitzungen/<int:pk>/niederschrift/genehmigen/",
        views.minutes_approve,
        name="minutes_approve",
    ),
    path("sitzungen/<int:pk>/anwesenheit/", views.attendance_edit, name="attendance_edit"),
    path("sitzungen/<int:pk>/tagesordnung/", views.agenda_edit, name="agenda_edit"),
    path(
        "sitzungen/<int:pk>/top/<int:item_pk>/", views.agenda_item_detail, name="agenda_item_detail"
    ),
    path(
        "sitzungen/<int:pk>/top/<int:item_pk>/verschieben/",
        views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "sitzungen/<int:pk>/top/<int:item_pk>/entfernen/",
        views.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path(
        "sitzungen/<int:pk>/top/<int:item_pk>/gaeste/",
        views.agenda_item_guests,
        name="agenda_item_guests",
    ),
    path(
        "sitzungen/<int:pk>/top/<int:item_pk>/niederschrift/",
        views.agenda_item_minutes,
        name="agenda_item_minutes",
    ),
    path(
        "sitzungen/<int:pk>/top/<int:item_pk>/beschluss/",
        views.decision_create,
        name="decision_create",
    ),
    path("sitzungen/<int:pk>/auftraege/neu/", views.action_item_create, name="action_item_create"),
    path(
        "sitzungen/<int:pk>/auftraege/<int:action_item_pk>/bearbeiten/",
        views.action_item_edit,
        name="action_item_edit",
    ),
]
