"""Back office of the funds and of the e-APD. State changes go through fonds.services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import services
from .forms import ReceiptForm, StaffCommentForm
from .models import (
    Allocation,
    Campaign,
    CommitteeMeeting,
    Contribution,
    DacSector,
    Declaration,
    DeclarationLine,
    EligibleCountry,
    Fund,
    LedgerEntry,
    ProgressUpdate,
    ReferenceFigure,
    StateChange,
)


def _intermediate(modeladmin, request, queryset, *, action, title, intro, form, submit_label):
    return TemplateResponse(request, "fonds/admin/action_form.html", {
        **modeladmin.admin_site.each_context(request), "title": title, "intro": intro, "queryset": queryset,
        "action": action, "form": form, "submit_label": submit_label, "opts": modeladmin.model._meta})


def _refusals_as_400(request, response):
    """A sent form that comes back with its errors (an allocation beyond the money received, a pledge to
    a closed fund) answers 400, as the portal's own forms do, rather than the admin's usual 200."""
    errors = getattr(response, "context_data", None) and response.context_data.get("errors")
    if request.method == "POST" and response.status_code == 200 and errors:
        response.status_code = 400
    return response


def _apply_each(modeladmin, request, queryset, service, done_message):
    done = 0
    for obj in queryset:
        try:
            service(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj} : {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        singular, plural = done_message
        modeladmin.message_user(request, ngettext(singular, plural, done).format(n=done), messages.SUCCESS)


class StateChangeInline(admin.TabularInline):
    model = StateChange
    extra = 0
    can_delete = False
    fields = ["at", "from_state", "to_state", "by", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class MeetingInline(admin.StackedInline):
    model = CommitteeMeeting
    extra = 0


class UpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0


# The name is edited in French and English side by side (translation.py).
@admin.register(Fund)
class FundAdmin(TranslationAdmin):
    list_display = ["name", "status", "country", "opened_on", "target", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["name", "crisis"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MeetingInline, UpdateInline]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["collectivity", "fund", "amount", "pledged_on", "state", "received_on", "show_amount", "is_demo"]
    list_filter = ["state", "fund", "is_demo"]
    search_fields = ["collectivity__name", "decision_reference"]
    list_select_related = ["collectivity", "fund"]
    autocomplete_fields = ["collectivity"]
    readonly_fields = ["state", "received_on", "pledged_by", "created", "decision_download"]
    inlines = [StateChangeInline]
    actions = ["record_receipts", "cancel_pledges"]

    @admin.display(description="délibération jointe")
    def decision_download(self, obj):
        if not obj.pk or not obj.decision_file:
            return "—"
        return format_html('<a href="{}">Télécharger la délibération</a>',
                           reverse("fonds:contribution_file", args=[obj.pk]))

    def get_readonly_fields(self, request, obj=None):
        # Once pledged, the money fields only change through the services (receipt, cancellation).
        return [*self.readonly_fields, "fund", "amount"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.pledge(obj.fund, obj.collectivity, obj.amount, obj.decision_reference,
                                  decision_file=obj.decision_file, show_amount=obj.show_amount,
                                  user=request.user, pledged_on=obj.pledged_on, is_demo=obj.is_demo)
        obj.pk = created.pk
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return _refusals_as_400(request, super().changeform_view(request, object_id, form_url, extra_context))
        except services.FundError as error:  # refused by the service after the form's check
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            original_clean = form.clean

            def clean(this):
                data = original_clean(this)
                fund = data.get("fund")
                if fund and fund.status != Fund.Status.OPEN:
                    raise ValidationError("Ce fonds est clos : il ne reçoit plus de contributions.")
                return data

            form.clean = clean
        return form

    @admin.action(description="Enregistrer la réception des versements sélectionnés")
    def record_receipts(self, request, queryset):
        if "apply" in request.POST:
            form = ReceiptForm(request.POST)
            if form.is_valid():
                day = form.cleaned_data["received_on"]
                _apply_each(self, request, queryset,
                            lambda c: services.record_receipt(c, received_on=day, user=request.user),
                            ("{n} versement enregistré dans le registre.",
                             "{n} versements enregistrés dans le registre."))
                return None
        else:
            form = ReceiptForm(initial={"received_on": timezone.localdate()})
        return _intermediate(self, request, queryset, action="record_receipts",
                             title="Enregistrer la réception des versements",
                             intro="Les montants suivants seront inscrits au registre public du fonds.",
                             form=form, submit_label="Enregistrer la réception")

    @admin.action(description="Annuler les promesses sélectionnées (non versées)")
    def cancel_pledges(self, request, queryset):
        _apply_each(self, request, queryset,
                    lambda c: services.cancel_pledge(c, user=request.user, comment="Annulée par l'équipe CUF"),
                    ("{n} promesse annulée.", "{n} promesses annulées."))


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["title", "fund", "partner_organisation", "amount", "status", "progress", "decided_on", "is_demo"]
    list_filter = ["fund", "status", "is_demo"]
    search_fields = ["title", "partner_organisation", "place"]
    list_select_related = ["fund"]

    def get_readonly_fields(self, request, obj=None):
        return ["fund", "amount", "decided_on"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = {f: getattr(obj, f) for f in ("latitude", "longitude", "description", "status", "progress",
                                               "is_demo")}
        created = services.allocate(obj.fund, obj.amount, obj.title, obj.partner_organisation, obj.place,
                                    decided_on=obj.decided_on, user=request.user, **fields)
        obj.pk = created.pk
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return _refusals_as_400(request, super().changeform_view(request, object_id, form_url, extra_context))
        except services.FundError as error:  # refused by the service after the form's check
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            original_clean = form.clean

            def clean(this):
                data = original_clean(this)
                fund, amount = data.get("fund"), data.get("amount")
                if fund and amount:
                    # The admin validates and saves in one transaction: locking the fund here makes
                    # the check exact when two staff members allocate at once (the second waits, then
                    # sees the first allocation and gets this message instead of an error page).
                    services.lock_fund(fund.pk)
                    received, allocated = services.ledger_sums(fund.pk)
                    if amount > received - allocated:
                        raise ValidationError(
                            f"Allocation refusée : il ne reste que {received - allocated} € reçus et non alloués "
                            f"sur le « {fund} ». Une allocation ne peut pas dépasser l'argent reçu.")
                return data

            form.clean = clean
        return form


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "fund", "kind", "amount", "contribution", "allocation", "recorded_by"]
    list_filter = ["fund", "kind"]
    list_select_related = ["fund", "contribution__collectivity", "allocation", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opens_on", "closes_on", "note"]


class LineInline(admin.TabularInline):
    model = DeclarationLine
    extra = 0
    fields = ["label", "country", "category", "sector", "amount", "partner", "project"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["collectivity", "campaign", "state", "submitted_at", "validated_at", "is_demo"]
    list_filter = ["state", "campaign", "is_demo"]
    search_fields = ["collectivity__name", "collectivity__code", "declarant_name"]
    list_select_related = ["collectivity", "campaign"]
    readonly_fields = ["collectivity", "campaign", "state", "declarant_name", "declarant_function", "attested",
                       "staff_comment", "submitted_at", "validated_at", "returned_at", "created", "updated"]
    inlines = [LineInline, StateChangeInline]
    actions = ["validate", "send_back"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, *, action, title, submit_label, service, done, required):
        if "apply" in request.POST:
            form = StaffCommentForm(request.POST)
            form.fields["comment"].required = required
            if form.is_valid():
                comment = form.cleaned_data["comment"]
                _apply_each(self, request, queryset, lambda d: service(d, request.user, comment), done)
                return None
        else:
            form = StaffCommentForm()
            form.fields["comment"].required = required
        return _intermediate(self, request, queryset, action=action, title=title,
                             intro="Un courriel sera envoyé aux comptes de la collectivité.", form=form,
                             submit_label=submit_label)

    @admin.action(description="Valider les déclarations sélectionnées")
    def validate(self, request, queryset):
        return self._decide(request, queryset, action="validate", title="Valider les déclarations",
                            submit_label="Valider", service=services.validate_declaration,
                            done=("{n} déclaration validée.", "{n} déclarations validées."), required=False)

    @admin.action(description="Renvoyer pour correction les déclarations sélectionnées")
    def send_back(self, request, queryset):
        return self._decide(request, queryset, action="send_back", title="Renvoyer pour correction",
                            submit_label="Renvoyer pour correction", service=services.return_declaration,
                            done=("{n} déclaration renvoyée pour correction.",
                                  "{n} déclarations renvoyées pour correction."), required=True)


@admin.register(EligibleCountry)
class EligibleCountryAdmin(admin.ModelAdmin):
    list_display = ["country", "income_group"]
    list_filter = ["income_group"]
    list_select_related = ["country"]


@admin.register(DacSector)
class DacSectorAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "group"]


@admin.register(ReferenceFigure)
class ReferenceFigureAdmin(admin.ModelAdmin):
    list_display = ["scope", "continent", "year", "period", "amount", "is_approximate"]
