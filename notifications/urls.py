from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("kalender/", views.calendar_settings, name="calendar"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("postausgang/", views.outbox, name="outbox"),
    path("postausgang/senden/", views.outbox_send, name="outbox_send"),
    path("sitzungen/<int:pk>/einladen/", views.meeting_invite, name="meeting_invite"),
]
