from django.urls import path

from . import views

app_name = "processes"
urlpatterns = [
    path("", views.process_list, name="process_list"),
    path("rangliste/", views.ranking, name="ranking"),
    path("neu/", views.process_create, name="process_create"),
    path("<int:pk>/", views.process_detail, name="process_detail"),
    path("<int:pk>/bearbeiten/", views.process_edit, name="process_edit"),
    path("<int:pk>/loeschen/", views.process_delete, name="process_delete"),
    path("<int:pk>/themenanmeldung/", views.process_submit_topic, name="process_submit_topic"),
]
