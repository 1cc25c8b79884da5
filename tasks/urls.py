from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/datei/", views.job_download, name="job_download"),
    path(
        "bericht/<int:pk>/pdf/",
        views.report_document_start,
        {"extension": "pdf"},
        name="report_pdf_start",
    ),
    path(
        "bericht/<int:pk>/word/",
        views.report_document_start,
        {"extension": "docx"},
        name="report_docx_start",
    ),
    path("oparl/", views.import_list, name="import_list"),
    path("oparl/<int:pk>/starten/", views.import_start, name="import_start"),
    path("oparl/<int:pk>/zeitplan/", views.import_schedule, name="import_schedule"),
]
