from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("", views.goal_list, name="goal_list"),
    path("ziele/neu/", views.goal_create, name="goal_create"),
    path("ziele/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("ziele/<int:pk>/bearbeiten/", views.goal_edit, name="goal_edit"),
    path("kennzahlen/neu/", views.indicator_create, name="indicator_create"),
    path("kennzahlen/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("kennzahlen/<int:pk>/bearbeiten/", views.indicator_edit, name="indicator_edit"),
    path(
        "kennzahlen/<int:pk>/messwerte/neu/",
        views.indicator_value_create,
        name="indicator_value_create",
    ),
    path("messwerte/<int:pk>/bearbeiten/", views.indicator_value_edit, name="indicator_value_edit"),
    path(
        "messwerte/<int:pk>/loeschen/", views.indicator_value_delete, name="indicator_value_delete"
    ),
]
