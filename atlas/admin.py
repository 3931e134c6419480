"""Admin of the Atlas: every model, with filters, search, autocomplete and CSV/XLSX import-export."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from . import resources
from .models import (
    BourseRequest,
    Collectivity,
    CollectivityMember,
    Continent,
    Country,
    Department,
    FundingLine,
    Participation,
    Project,
    ProjectContact,
    ProjectPartner,
    Region,
    SustainableDevelopmentGoal,
    Theme,
)
from .search import refresh_search_documents


@admin.register(Continent)
class ContinentAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ContinentResource]
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(ImportExportModelAdmin):
    resource_classes = [resources.CountryResource]
    list_display = ["name", "iso2", "iso3", "continent"]
    list_filter = ["continent"]
    search_fields = ["name", "iso2", "iso3"]
    autocomplete_fields = ["continent"]


@admin.register(Region)
class RegionAdmin(ImportExportModelAdmin):
    resource_classes = [resources.RegionResource]
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(ImportExportModelAdmin):
    resource_classes = [resources.DepartmentResource]
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["region"]


@admin.register(Collectivity)
class CollectivityAdmin(ImportExportModelAdmin):
    resource_classes = [resources.CollectivityResource]
    list_display = ["name", "kind", "country", "department", "is_cuf_member", "is_generated"]
    list_filter = ["is_french", "kind", "is_cuf_member", "is_generated", "region", "country__continent"]
    search_fields = ["name", "code", "slug"]
    autocomplete_fields = ["country", "region", "department"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["country", "department"]


@admin.register(CollectivityMember)
class CollectivityMemberAdmin(ImportExportModelAdmin):
    resource_classes = [resources.CollectivityMemberResource]
    list_display = ["user", "collectivity", "function", "created"]
    list_filter = ["collectivity__is_cuf_member"]
    search_fields = ["user__email", "user__last_name", "collectivity__name"]
    autocomplete_fields = ["user", "collectivity"]
    list_select_related = ["user", "collectivity"]


@admin.register(Theme)
class ThemeAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ThemeResource]
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(ImportExportModelAdmin):
    resource_classes = [resources.SustainableDevelopmentGoalResource]
    list_display = ["number", "title"]
    search_fields = ["title", "=number"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ["collectivity"]
    extra = 1


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 1


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    autocomplete_fields = ["country"]
    extra = 0


class ProjectContactInline(admin.TabularInline):
    model = ProjectContact
    autocomplete_fields = ["collectivity"]
    extra = 0


@admin.register(Project)
class ProjectAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ProjectResource]
    list_display = ["title", "kind", "status", "start_year", "end_year", "is_published", "last_update"]
    list_filter = ["is_published", "kind", "status", "themes", "is_generated",
                   "participations__collectivity__country__continent"]
    search_fields = ["title", "slug", "participations__collectivity__name"]
    autocomplete_fields = ["themes", "sdgs"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipationInline, FundingLineInline, ProjectPartnerInline, ProjectContactInline]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "is_published"]}),
        ("Calendrier", {"fields": ["start_year", "end_year", "convention_date"]}),
        ("Classement", {"fields": ["themes", "sdgs", "dac_code"]}),
        ("Contenu", {"fields": ["objectives", "description", "history", "context", "volunteers"]}),
        ("Mise à jour", {"fields": ["last_update", "update_source"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_documents([form.instance.pk])



@admin.register(Participation)
class ParticipationAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ParticipationResource]
    list_display = ["project", "collectivity", "is_french", "is_lead"]
    list_filter = ["is_french", "is_lead"]
    search_fields = ["project__title", "collectivity__name"]
    autocomplete_fields = ["project", "collectivity"]
    list_select_related = ["project", "collectivity"]


@admin.register(FundingLine)
class FundingLineAdmin(ImportExportModelAdmin):
    resource_classes = [resources.FundingLineResource]
    list_display = ["project", "source", "amount", "year"]
    list_filter = ["source", "year"]
    search_fields = ["project__title", "label"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ProjectPartnerResource]
    list_display = ["name", "kind", "country", "project"]
    list_filter = ["kind", "country__continent"]
    search_fields = ["name", "city", "project__title"]
    autocomplete_fields = ["project", "country"]
    list_select_related = ["project", "country"]


@admin.register(ProjectContact)
class ProjectContactAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ProjectContactResource]
    list_display = ["name", "function", "role", "email", "project"]
    list_filter = ["role"]
    search_fields = ["name", "email", "function", "project__title"]
    autocomplete_fields = ["project", "collectivity"]
    list_select_related = ["project"]


@admin.register(BourseRequest)
class BourseRequestAdmin(ImportExportModelAdmin):
    resource_classes = [resources.BourseRequestResource]
    list_display = ["title", "authority", "country", "date", "status"]
    list_filter = ["status", "country__continent", "themes"]
    search_fields = ["title", "authority__name", "description"]
    autocomplete_fields = ["authority", "themes", "matched_with"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    list_select_related = ["authority", "country"]
