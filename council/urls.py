from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    path("erfassen/<int:consultation_pk>/", views.decision_create, name="decision_create"),
    path("<int:pk>/umsetzung/", views.decision_edit, name="decision_edit"),
    path("<int:pk>/erledigt/", views.decision_done, name="decision_done"),
    path("<int:pk>/vorhaben/verknuepfen/", views.initiative_link, name="initiative_link"),
    path("<int:pk>/vorhaben/loesen/", views.initiative_unlink, name="initiative_unlink"),
    path("<int:pk>/auftraege/verknuepfen/", views.action_item_link, name="action_item_link"),
    path("<int:pk>/auftraege/loesen/", views.action_item_unlink, name="action_item_unlink"),
]
