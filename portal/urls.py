from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("ziele/<int:pk>/", views.goal, name="goal"),
    path("projekte/<int:pk>/", views.initiative, name="initiative"),
    path("beschluesse/", views.decisions, name="decisions"),
    path("online-erledigen/", views.services, name="services"),
    path("dokumente/", views.documents, name="documents"),
    path("dokumente/fortschrittsberichte/<int:pk>.pdf", views.report_pdf, name="report_pdf"),
    path("aktuelles.atom", views.feed, name="feed"),
    # The staff unit's pages (internal).
    path("redaktion/", views.manage_list, name="manage_list"),
    path("redaktion/ziele/<int:pk>/", views.manage_goal, name="manage_goal"),
    path("redaktion/projekte/<int:pk>/", views.manage_initiative, name="manage_initiative"),
    path(
        "redaktion/ziele/<int:pk>/veroeffentlichen/",
        views.publish,
        {"kind": "goal"},
        name="publish_goal",
    ),
    path(
        "redaktion/ziele/<int:pk>/zuruecknehmen/",
        views.unpublish,
        {"kind": "goal"},
        name="unpublish_goal",
    ),
    path(
        "redaktion/projekte/<int:pk>/veroeffentlichen/",
        views.publish,
        {"kind": "initiative"},
        name="publish_initiative",
    ),
    path(
        "redaktion/projekte/<int:pk>/zuruecknehmen/",
        views.unpublish,
        {"kind": "initiative"},
        name="unpublish_initiative",
    ),
]
