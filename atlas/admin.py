"""Admin of the Atlas: every model, with filters, search, autocomplete and CSV/XLSX import-export."""

from django import forms
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin as BaseImportExportModelAdmin

from cuf_portal.exports import SafeExportMixin

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
from .widgets import CoordinatesAdminForm


class ImportExportModelAdmin(SafeExportMixin, BaseImportExportModelAdmin):
    """Import and export in the two formats CUF staff use (the library offers every tablib format),
    written by the portal's shared writer (no live formula, French CSV, typed XLSX)."""


@admin.register(Continent)
class ContinentAdmin(ImportExportModelAdmin):
    resource_classes = [resources.ContinentResource]
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(ImportExportModelAdmin):
    resource_classes = [resources.CountryResource]
    form = CoordinatesAdminForm
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
    form = CoordinatesAdminForm
    list_display = ["name", "kind", "country", "department", "code", "siren", "is_cuf_member", "is_generated"]
    list_filter = ["is_french", "kind", "is_registry", "position_approximate", "is_cuf_member", "is_generated",
                   "region", "country__continent"]
    search_fields = ["name", "code", "siren", "slug"]
    autocomplete_fields = ["country", "region", "department", "epci"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["country", "department"]

    def get_search_results(self, request, queryset, search_term):
        """Words of the name by prefix, accents ignored, or a COG code / SIREN (index collectivity_search_name):
        the admin's autocomplete among 37,000 collectivities without pg_trgm."""
        if not search_term.strip():
            return queryset, False
        from .queries import collectivity_lookup

        ids = collectivity_lookup(search_term, limit=200).values("pk")
        return queryset.filter(pk__in=ids), False


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


class ParticipationFormSet(forms.BaseInlineFormSet):
    """A fiche has exactly one lead, a French collectivity (checked here with French messages: the
    database constraints would otherwise answer with an error page)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        leads = []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            collectivity = form.cleaned_data.get("collectivity")
            if collectivity is None:
                continue
            if form.cleaned_data.get("is_lead"):
                if not collectivity.is_french:
                    form.add_error("is_lead", f"« {collectivity} » n'est pas une collectivité française : "
                                              "seule une collectivité française peut être chef de file.")
                    return
                leads.append(collectivity)
        if not leads:
            raise forms.ValidationError(
                "Indiquez la collectivité française chef de file : cochez « chef de file » sur une "
                "collectivité française.")
        if len(leads) > 1:
            raise forms.ValidationError(
                "Une fiche n'a qu'une collectivité chef de file : décochez « chef de file » sur "
                + " ou ".join(f"« {c} »" for c in leads[1:]) + ".")


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
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



class ParticipationAdminForm(forms.ModelForm):
    """One participation on its own: the lead stays a French collectivity and is changed from its fiche."""

    class Meta:
        model = Participation
        fields = ["project", "collectivity", "is_lead"]

    def clean(self):
        cleaned = super().clean()
        project, collectivity = cleaned.get("project"), cleaned.get("collectivity")
        was_lead = self.instance.pk is not None and Participation.objects.filter(
            pk=self.instance.pk, is_lead=True).exists()
        if cleaned.get("is_lead") and collectivity is not None and not collectivity.is_french:
            self.add_error("is_lead", "Seule une collectivité française peut être chef de file.")
        elif was_lead and (not cleaned.get("is_lead") or project != self.instance.project):
            self.add_error("is_lead", "Une fiche doit garder sa collectivité française chef de file : changez-la "
                                      "depuis la fiche-projet.")
        elif cleaned.get("is_lead") and project is not None and not was_lead and (
                Participation.objects.filter(project=project, is_lead=True).exists()):
            self.add_error("is_lead", "Cette fiche a déjà une collectivité chef de file : changez-la depuis la "
                                      "fiche-projet.")
        return cleaned


@admin.register(Participation)
class ParticipationAdmin(ImportExportModelAdmin):
    form = ParticipationAdminForm
    resource_classes = [resources.ParticipationResource]
    list_display = ["project", "collectivity", "is_french", "is_lead"]
    list_filter = ["is_french", "is_lead"]
    search_fields = ["project__title", "collectivity__name"]
    autocomplete_fields = ["project", "collectivity"]
    list_select_related = ["project", "collectivity"]

    def has_delete_permission(self, request, obj=None):
        """The lead of a fiche is removed from its fiche-projet, where another lead is chosen."""
        if obj is not None and obj.is_lead:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        leads = queryset.filter(is_lead=True).count()
        if leads:
            self.message_user(request, ngettext(
                "{n} participation chef de file conservée : changez le chef de file depuis la fiche-projet.",
                "{n} participations chef de file conservées : changez le chef de file depuis la fiche-projet.",
                leads).format(n=leads), level="warning")
        super().delete_queryset(request, queryset.filter(is_lead=False))


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
    list_display = ["title", "authority", "country", "date", "status", "is_demo"]
    list_filter = ["status", "is_demo", "country__continent", "themes"]
    search_fields = ["title", "authority__name", "description"]
    autocomplete_fields = ["authority", "themes", "matched_with"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    list_select_related = ["authority", "country"]


# Collectivity accounts and Bourse interest ----------------------------------------------------

from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.utils.translation import ngettext  # noqa: E402

from . import moderation, services  # noqa: E402
from .account_forms import RejectForm  # noqa: E402
from .models import BourseInterest, ProjectChangeRequest, SavedSearch  # noqa: E402


class ChangeRequestStateFilter(admin.SimpleListFilter):
    """The moderation queue opens on the pending proposals."""

    title = "état"
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [*ProjectChangeRequest.State.choices, ("toutes", "Toutes")]

    def value(self):
        return super().value() or ProjectChangeRequest.State.SUBMITTED

    def queryset(self, request, queryset):
        value = self.value()
        return queryset if value == "toutes" else queryset.filter(state=value)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {"selected": self.value() == lookup, "display": title,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}


@admin.register(ProjectChangeRequest)
class ProjectChangeRequestAdmin(admin.ModelAdmin):
    """Moderation queue: proposals of collectivities, reviewed on a page showing their diff."""

    list_display = ["__str__", "collectivity", "author", "state", "submitted_at", "reviewer"]
    list_filter = [ChangeRequestStateFilter, "collectivity__region"]
    search_fields = ["project__title", "collectivity__name", "author__email"]
    list_select_related = ["project", "collectivity", "author", "reviewer"]
    date_hierarchy = "submitted_at"
    actions = ["approve_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Valider et publier les propositions sélectionnées", permissions=["change"])
    def approve_selected(self, request, queryset):
        approved = 0
        for change in queryset.filter(state=ProjectChangeRequest.State.SUBMITTED).select_related("collectivity"):
            try:
                services.approve_change(change, request.user)
                approved += 1
            except ValidationError as error:
                self.message_user(request, f"{change} : {' '.join(error.messages)}", level="error")
        self.message_user(request, ngettext("{n} proposition validée et publiée.",
                                            "{n} propositions validées et publiées.", approved).format(n=approved))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: the diff (field, current value, proposed value) and the decision."""
        change = get_object_or_404(
            ProjectChangeRequest.objects.select_related("project", "collectivity", "author", "reviewer"),
            pk=object_id)
        if not self.has_view_permission(request, change):
            raise PermissionDenied
        form = RejectForm(request.POST or None)
        if request.method == "POST":
            if not self.has_change_permission(request, change):
                raise PermissionDenied
            decision = request.POST.get("decision")
            if form.is_valid() and decision in ("approve", "reject"):
                try:
                    if decision == "approve":
                        services.approve_change(change, request.user, form.cleaned_data["comment"])
                        self.message_user(request, f"« {change} » est validée et publiée.")
                    else:
                        services.reject_change(change, request.user, form.cleaned_data["comment"])
                        self.message_user(request, f"« {change} » est refusée ; la collectivité est prévenue.")
                except ValidationError as error:
                    form.add_error("comment" if decision == "reject" else None, ValidationError(error.messages))
                else:
                    return redirect("admin:atlas_projectchangerequest_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": change, "change": change, "form": form,
            "title": f"Examiner : {change}", "subtitle": None,
            "rows": moderation.diff(change),
            "can_decide": change.is_pending and self.has_change_permission(request, change),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/atlas/projectchangerequest/review.html", context,
                                status=400 if form.errors else 200)


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at"]
    search_fields = ["name", "user__email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(BourseInterest)
class BourseInterestAdmin(admin.ModelAdmin):
    list_display = ["request", "collectivity", "user", "created_at"]
    list_filter = ["request__status", "request__country__continent"]
    search_fields = ["request__title", "collectivity__name", "user__email", "message"]
    autocomplete_fields = ["request", "collectivity", "user"]
    list_select_related = ["request", "collectivity", "user"]
