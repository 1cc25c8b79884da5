from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("anmelden/zweiter-faktor/", views.login_second_factor, name="login_second_factor"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("ueberall-abmelden/", views.log_out_everywhere, name="log_out_everywhere"),
    path("passwort-aendern/", views.PasswordChangeView.as_view(), name="password_change"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("zweiter-faktor/einrichten/", views.second_factor_enrol, name="second_factor_enrol"),
    path(
        "zweiter-faktor/wiederherstellungscodes/",
        views.recovery_codes,
        name="recovery_codes",
    ),
    path(
        "benutzer/<int:user_pk>/zweiter-faktor-zuruecksetzen/",
        views.second_factor_reset,
        name="second_factor_reset",
    ),
]
