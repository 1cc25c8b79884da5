from django.urls import path

from . import views

app_name = "online_services"
urlpatterns = [
    path("angebote/", views.offer_list, name="offer_list"),
    path("koerperschaften/<int:body_pk>/", views.body_offers, name="body_offers"),
    path("koerperschaften/<int:body_pk>/neu/", views.offer_create, name="offer_create"),
    path("koerperschaften/<int:body_pk>/export/", views.body_export, name="body_export"),
    path("koerperschaften/<int:body_pk>/import/", views.body_import, name="body_import"),
    path("angebote/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("angebote/<int:pk>/bearbeiten/", views.offer_edit, name="offer_edit"),
    path("angebote/<int:pk>/bewertungen/neu/", views.assessment_create, name="assessment_create"),
    path("loesungen/", views.solution_list, name="solution_list"),
    path("loesungen/neu/", views.solution_create, name="solution_create"),
    path("loesungen/<int:pk>/", views.solution_detail, name="solution_detail"),
    path("loesungen/<int:pk>/bearbeiten/", views.solution_edit, name="solution_edit"),
    path(
        "loesungen/<int:pk>/koerperschaften/<int:body_pk>/status/",
        views.rollout_edit,
        name="rollout_edit",
    ),
]

# analysis
from . import analysis_views  # noqa: E402 – kept in the analysis block

urlpatterns += [
    path("", analysis_views.matrix, name="matrix"),
    path("abdeckung/", analysis_views.coverage, name="coverage"),
    path("luecken/", analysis_views.gaps, name="gaps"),
    path("karte/", analysis_views.coverage_map, name="map"),
]
# end analysis
