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
    path(
        "vorlage/<int:pk>/pdf/",
        views.paper_document_start,
        {"extension": "pdf"},
        name="paper_pdf_start",
    ),
    path(
        "vorlage/<int:pk>/word/",
        views.paper_document_start,
        {"extension": "docx"},
        name="paper_docx_start",
    ),
    path(
        "niederschrift/<int:pk>/pdf/",
        views.minutes_document_start,
        {"extension": "pdf"},
        name="minutes_pdf_start",
    ),
    path(
        "niederschrift/<int:pk>/word/",
        views.minutes_document_start,
        {"extension": "docx"},
        name="minutes_docx_start",
    ),
    path(
        "offene-beschluesse/pdf/",
        views.open_decisions_document_start,
        {"extension": "pdf"},
        name="open_decisions_pdf_start",
    ),
    path(
        "offene-beschluesse/word/",
        views.open_decisions_document_start,
        {"extension": "docx"},
        name="open_decisions_docx_start",
    ),
    path(
        "vorhaben/excel/",
        views.initiative_export_start,
        {"extension": "xlsx"},
        name="initiatives_xlsx_start",
    ),
    path(
        "vorhaben/csv/",
        views.initiative_export_start,
        {"extension": "csv"},
        name="initiatives_csv_start",
    ),
    path("oparl/", views.import_list, name="import_list"),
    path("oparl/<int:pk>/starten/", views.import_start, name="import_start"),
    path("oparl/<int:pk>/zeitplan/", views.import_schedule, name="import_schedule"),
]
