from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("neu/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/bearbeiten/", views.report_edit, name="report_edit"),
    path("<int:pk>/herausgeben/", views.report_issue, name="report_issue"),
    path("<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("<int:pk>/docx/", views.report_docx, name="report_docx"),
]
