from django.urls import path

from . import views

app_name = "papers"

urlpatterns = [
    path("", views.paper_list, name="paper_list"),
    path("neu/", views.paper_create, name="paper_create"),
    path("wordvorlagen/", views.template_list, name="template_list"),
    path("wordvorlagen/standard/", views.template_reset, name="template_reset"),
    path("<int:pk>/", views.paper_detail, name="paper_detail"),
    path("<int:pk>/bearbeiten/", views.paper_edit, name="paper_edit"),
    path("<int:pk>/verknuepfungen/", views.paper_links, name="paper_links"),
    path("<int:pk>/beratungsfolge/neu/", views.consultation_create, name="consultation_create"),
    path(
        "<int:pk>/beratungsfolge/<int:consultation_pk>/",
        views.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "<int:pk>/beratungsfolge/<int:consultation_pk>/entfernen/",
        views.consultation_delete,
        name="consultation_delete",
    ),
    path("<int:pk>/anlagen/neu/", views.file_create, name="file_create"),
    path("<int:pk>/anlagen/<int:file_pk>/", views.file_download, name="file_download"),
    path("<int:pk>/anlagen/<int:file_pk>/entfernen/", views.file_delete, name="file_delete"),
    path("<int:pk>/bausteine/neu/", views.block_create, name="block_create"),
    path("<int:pk>/bausteine/<int:block_pk>/", views.block_edit, name="block_edit"),
    path("<int:pk>/bausteine/<int:block_pk>/entfernen/", views.block_delete, name="block_delete"),
    path("<int:pk>/abschliessen/", views.paper_finalise, name="paper_finalise"),
    path("<int:pk>/neuer-entwurf/", views.paper_new_draft, name="paper_new_draft"),
    path("<int:pk>/vorlage.pdf", views.paper_pdf, name="paper_pdf"),
    path("<int:pk>/vorlage.docx", views.paper_docx, name="paper_docx"),
    path("<int:pk>/fassungen/<int:number>/", views.version_detail, name="version_detail"),
    path("<int:pk>/fassungen/<int:number>/vorlage.pdf", views.version_pdf, name="version_pdf"),
    path("<int:pk>/fassungen/<int:number>/vorlage.docx", views.version_docx, name="version_docx"),
]
