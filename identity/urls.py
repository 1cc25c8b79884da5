from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("sso/anmelden/", views.SSOLoginView.as_view(), name="sso_login"),
    path("sso/callback/", views.sso_callback, name="sso_callback"),
    path("sso/backchannel-logout/", views.backchannel_logout, name="backchannel_logout"),
    path("gruppenregeln/", views.group_rule_list, name="group_rule_list"),
    path("gruppenregeln/neu/", views.group_rule_create, name="group_rule_create"),
    path("gruppenregeln/<int:pk>/", views.group_rule_edit, name="group_rule_edit"),
    path("gruppenregeln/<int:pk>/loeschen/", views.group_rule_delete, name="group_rule_delete"),
    path("gruppenregeln/<int:pk>/verschieben/", views.group_rule_move, name="group_rule_move"),
]
