from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from identity.views import LogoutView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard", permanent=False), name="home"),
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
    path("daten/", include("opendata.urls")),
]
