from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [path("", views.body_list, name="body_list")]
