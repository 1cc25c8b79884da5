from django.urls import path

from . import views

app_name = "opendata"
# Stable addresses: harvesters and users link to the files and the catalogue for good.
urlpatterns = [
    path("", views.index, name="index"),
    path("katalog.ttl", views.catalogue, {"rdf_format": "ttl"}, name="catalogue_ttl"),
    path("katalog.rdf", views.catalogue, {"rdf_format": "rdf"}, name="catalogue_rdf"),
    path("katalog.jsonld", views.catalogue, {"rdf_format": "jsonld"}, name="catalogue_jsonld"),
    path("<slug:slug>.csv", views.dataset_file, {"file_format": "csv"}, name="dataset_csv"),
    path("<slug:slug>.json", views.dataset_file, {"file_format": "json"}, name="dataset_json"),
]
