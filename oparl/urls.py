from django.urls import path

from . import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<int:body_pk>/<slug:slug>/", views.body_object_list, name="body_object_list"),
    path("file/<int:pk>/content/", views.file_access, name="file_access"),
    path("file/<int:pk>/download/", views.file_download, name="file_download"),
    path("<slug:slug>/<int:pk>/", views.object_detail, name="object"),
    # Unknown addresses get an OParl error object, not the site's HTML page.
    path("<path:rest>", views.not_found, name="not_found"),
]
