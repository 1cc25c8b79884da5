from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("impressum/", views.imprint, name="imprint"),
    path("impressum/bearbeiten/", views.imprint_edit, name="imprint_edit"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("datenschutz/bearbeiten/", views.privacy_edit, name="privacy_edit"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("barrierefreiheit/bearbeiten/", views.accessibility_edit, name="accessibility_edit"),
    path("barrierefreiheit/rueckmeldung/", views.feedback, name="feedback"),
    path("barrierefreiheit/rueckmeldung/danke/", views.feedback_thanks, name="feedback_thanks"),
    path("leichte-sprache/", views.easy_read, name="easy_read"),
    path("rueckmeldungen/", views.feedback_list, name="feedback_list"),
    path("rueckmeldungen/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("rueckmeldungen/<int:pk>/beantworten/", views.feedback_answer, name="feedback_answer"),
    path("rueckmeldungen/<int:pk>/schliessen/", views.feedback_close, name="feedback_close"),
]
