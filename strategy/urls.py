from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [path("", views.goal_list, name="goal_list")]
