from django.contrib import admin
from django.urls import include, path

from identity.views import LogoutView
from portal import views as portal_views

urlpatterns = [
    # The public portal's start page; its other pages follow below.
    path("", portal_views.start, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Logging out also ends the identity provider's session of a user who came by single
    # sign-on (RP-initiated logout); otherwise it is Django's logout of accounts.urls.
    path("konto/abmelden/", LogoutView.as_view(), name="logout"),
    path("konto/", include("accounts.urls")),
    path("", include("identity.urls")),
    path("admin/", admin.site.urls),
    path("organisation/", include("organisations.urls")),
    path("benutzer/", include("user_management.urls")),
    path("strategie/", include("strategy.urls")),
    path("vorhaben/", include("portfolio.urls")),
    path("uebersicht/", include("dashboard.urls")),
    path("themen/", include("topics.urls")),
    path("gremien/", include("governance.urls")),
    path("benachrichtigungen/", include("notifications.urls")),
    path("vorlagen/", include("papers.urls")),
    path("kreistagsbeschluesse/", include("council.urls")),
    path("berichte/", include("reports.urls")),
    path("suche/", include("search.urls")),
    path("onlinedienste/", include("online_services.urls")),
    path("prozesse/", include("processes.urls")),
    path("", include("legal.urls")),
    path("oparl/v1.1/", include("oparl.urls")),
    path("", include("portal.urls")),
    path("daten/", include("opendata.urls")),
    path("hintergrundaufgaben/", include("tasks.urls")),
]
