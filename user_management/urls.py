from django.urls import path

from . import views

app_name = "user_management"
urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("<int:pk>/", views.user_detail, name="user_detail"),
    path("<int:pk>/bearbeiten/", views.user_edit, name="user_edit"),
    path("<int:pk>/deaktivieren/", views.user_deactivate, name="user_deactivate"),
    path("<int:pk>/reaktivieren/", views.user_reactivate, name="user_reactivate"),
    path("einladungen/", views.invitation_list, name="invitation_list"),
    path("einladungen/neu/", views.invitation_create, name="invitation_create"),
    path(
        "einladungen/<int:pk>/erneut-senden/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path("einladungen/<int:pk>/widerrufen/", views.invitation_revoke, name="invitation_revoke"),
    path("einladung/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
