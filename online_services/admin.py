from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import (
    LeikaService,
    LifeSituation,
    MaturityAssessment,
    MaturityCriterion,
    MaturityLevel,
    MaturityModel,
    OZGService,
    ServiceOffer,
    ServiceTopic,
    SharedSolution,
    SolutionRollout,
)


@admin.register(ServiceTopic)
class ServiceTopicAdmin(AuditedModelAdmin):
    list_display = ("name", "catalogue_id")
    search_fields = ("name",)


@admin.register(LifeSituation)
class LifeSituationAdmin(AuditedModelAdmin):
    list_display = ("name", "topic", "catalogue_id")
    list_filter = ("topic",)
    search_fields = ("name",)


@admin.register(OZGService)
class OZGServiceAdmin(AuditedModelAdmin):
    list_display = ("name", "ozg_id", "topic", "life_situation")
    list_filter = ("topic",)
    search_fields = ("name", "ozg_id")


@admin.register(LeikaService)
class LeikaServiceAdmin(AuditedModelAdmin):
    list_display = ("name", "leika_key", "has_leika_key", "leika_type", "responsibility")
    list_filter = ("has_leika_key", "responsibility")
    search_fields = ("name", "leika_key")
    raw_id_fields = ("ozg_service",)


class MaturityLevelInline(admin.TabularInline):
    model = MaturityLevel
    extra = 0


class MaturityCriterionInline(admin.TabularInline):
    model = MaturityCriterion
    extra = 0


@admin.register(MaturityModel)
class MaturityModelAdmin(AuditedModelAdmin):
    list_display = ("name", "code")
    inlines = (MaturityLevelInline, MaturityCriterionInline)


@admin.register(SharedSolution)
class SharedSolutionAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "provider")
    list_filter = ("kind",)
    search_fields = ("name", "provider")
    raw_id_fields = ("initiative",)
    filter_horizontal = ("services",)


@admin.register(SolutionRollout)
class SolutionRolloutAdmin(AuditedModelAdmin):
    list_display = ("solution", "body", "status", "since")
    list_filter = ("status", "solution")


@admin.register(ServiceOffer)
class ServiceOfferAdmin(AuditedModelAdmin):
    list_display = ("service", "body", "status", "platform", "current_level", "is_demo")
    list_filter = ("status", "platform", "is_demo", "body")
    search_fields = ("service__name", "service__ozg_id")
    raw_id_fields = ("service", "leika_service", "initiative")
    readonly_fields = ("current_level", "current_model")


@admin.register(MaturityAssessment)
class MaturityAssessmentAdmin(AuditedModelAdmin):
    list_display = ("offer", "model", "level", "assessed_on")
    list_filter = ("model",)
    raw_id_fields = ("offer",)
