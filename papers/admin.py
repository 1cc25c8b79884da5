"""Papers in the Django admin, for administrators' corrections. Every edit is audited.

Versions are immutable: the admin shows them read-only. What is published (a paper's published
version, a file's publication) only finalising a paper sets: read-only here too.
"""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import Consultation, DocumentTemplate, Paper, PaperBlock, PaperFile, PaperVersion


class ConsultationInline(admin.TabularInline):
    model = Consultation
    extra = 0
    autocomplete_fields = ["organization"]
    raw_id_fields = ["meeting", "agenda_item"]


@admin.register(Paper)
class PaperAdmin(AuditedModelAdmin):
    list_display = ["reference", "subject", "kind", "date", "is_public", "is_finalised"]
    list_filter = ["kind", "is_public", "body"]
    search_fields = ["reference", "subject"]
    date_hierarchy = "date"
    exclude = ["version"]
    readonly_fields = ["published_version"]
    raw_id_fields = ["related_papers", "superordinated_paper", "initiatives"]


@admin.register(PaperFile)
class PaperFileAdmin(AuditedModelAdmin):
    list_display = ["name", "paper", "mime_type", "size", "date"]
    search_fields = ["name", "file_name"]
    readonly_fields = ["published_at"]
    raw_id_fields = ["paper", "meeting"]


@admin.register(PaperBlock)
class PaperBlockAdmin(AuditedModelAdmin):
    list_display = ["title", "paper", "kind", "position"]
    raw_id_fields = ["paper"]


@admin.register(PaperVersion)
class PaperVersionAdmin(admin.ModelAdmin):
    list_display = ["paper", "number", "finalised_at", "finalised_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedModelAdmin):
    list_display = ["name", "is_active", "uploaded_at", "uploaded_by"]
