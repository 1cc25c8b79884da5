from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("<int:pk>/", views.body_detail, name="body_detail"),
    path("einheit/<int:pk>/", views.org_unit_detail, name="org_unit_detail"),
]
