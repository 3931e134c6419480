from django.contrib import admin
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from cuf_portal.exports import SafeExportMixin

from . import services
from .models import Delegation, Edition, Partner, Person, Registration, Session, SessionRegistration, SessionRole
from .resources import RegistrationResource


# Translated fields (events/translation.py) are edited side by side: title [fr], title [en]…
class PartnerInline(TranslationStackedInline):
    model = Partner
    extra = 0


@admin.register(Edition)
class EditionAdmin(TranslationAdmin):
    list_display = ["number", "title", "starts_on", "venue", "registration_closes_at", "is_published", "is_demo",
                    "desk"]
    list_filter = ["is_published", "is_demo"]
    search_fields = ["title", "theme", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnerInline]

    @admin.display(description="Accueil le jour J")
    def desk(self, obj):
        return format_html('<a href="{}">Enregistrer les arrivées</a>', reverse("events:checkin", args=[obj.slug]))


class SessionRoleInline(TranslationTabularInline):
    model = SessionRole
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["number", "title", "edition", "kind", "day", "start_time", "room", "capacity", "confirmed",
                    "waitlisted", "is_demo", "links"]
    list_filter = ["edition", "kind", "day", "report_published", "is_demo"]
    search_fields = ["title", "summary"]
    list_select_related = ["edition"]
    raw_id_fields = ["group"]
    inlines = [SessionRoleInline]
    actions = ["message_registrants"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_confirmed=Count("seats", filter=Q(seats__state=SessionRegistration.State.CONFIRMED)),
            n_waitlisted=Count("seats", filter=Q(seats__state=SessionRegistration.State.WAITLISTED)))

    @admin.display(description="confirmées", ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description="en attente", ordering="n_waitlisted")
    def waitlisted(self, obj):
        return obj.n_waitlisted

    @admin.display(description="Suivi")
    def links(self, obj):
        return format_html('<a href="{}">Présence et liste d\'attente</a> · <a href="{}">Message aux inscrits</a>',
                           reverse("events:attendance", args=[obj.edition.slug, obj.number]),
                           reverse("events:session_message", args=[obj.edition.slug, obj.number]))

    @admin.action(description="Envoyer un message aux inscrits de la session")
    def message_registrants(self, request, queryset):
        session = queryset.select_related("edition").first()
        if queryset.count() != 1:
            self.message_user(request, "Choisissez une seule session.", level="error")
            return None
        return redirect("events:session_message", session.edition.slug, session.number)

    def save_model(self, request, obj, form, change):
        """A raised capacity promotes the first ones of the waiting list at once."""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and "capacity" in form.changed_data:
                locked = Session.objects.select_for_update().get(pk=obj.pk)
                promoted = services.fill_from_waitlist(locked)
                if promoted:
                    self.message_user(request, ngettext(
                        "%(count)d personne promue depuis la liste d'attente.",
                        "%(count)d personnes promues depuis la liste d'attente.", len(promoted))
                        % {"count": len(promoted)})


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ["name", "function", "organisation", "country"]
    search_fields = ["name", "function", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["collectivity"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["country", "edition", "head", "size"]
    list_filter = ["edition"]


class SeatInline(admin.TabularInline):
    model = SessionRegistration
    extra = 0
    fields = ["session", "state", "position", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CheckedInFilter(admin.SimpleListFilter):
    title = "présence"
    parameter_name = "present"

    def lookups(self, request, model_admin):
        return [("oui", "Présent"), ("non", "Pas encore arrivé")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "non":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(SafeExportMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [RegistrationResource]
    list_display = ["last_name", "first_name", "organisation", "category", "country", "edition", "status",
                    "checked_in_at", "created_at"]
    list_filter = ["edition", "status", "category", CheckedInFilter, "language",
                   ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["last_name", "first_name", "email", "organisation"]
    list_select_related = ["edition", "country"]
    raw_id_fields = ["delegation"]
    autocomplete_fields = ["collectivity"]
    readonly_fields = ["consent_at", "created_at", "confirmed_at", "anonymised_at"]
    inlines = [SeatInline]
    actions = ["mark_present"]

    def delete_model(self, request, obj):
        """A registration deleted by the staff frees its seats like a cancellation: waiting lists move up."""
        if obj.edition.is_past:
            super().delete_model(request, obj)
        else:
            services.cancel_registration(obj)

    def delete_queryset(self, request, queryset):
        for registration in queryset.select_related("edition"):
            self.delete_model(request, registration)

    @admin.action(description="Enregistrer la présence")
    def mark_present(self, request, queryset):
        count = sum(services.check_in(r) for r in queryset)
        self.message_user(request, ngettext("%(count)d arrivée enregistrée.", "%(count)d arrivées enregistrées.", count)
                          % {"count": count})


class StateFilter(admin.SimpleListFilter):
    title = "état"
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return SessionRegistration.State.choices

    def queryset(self, request, queryset):
        return queryset.filter(state=self.value()) if self.value() else queryset


@admin.register(SessionRegistration)
class SessionRegistrationAdmin(admin.ModelAdmin):
    """Waiting lists: filter on a session and the state « Liste d'attente », ordered by rank."""

    list_display = ["registration", "session", "state", "position", "created_at"]
    list_filter = [StateFilter, "session__edition", "session"]
    list_select_related = ["registration", "session"]
    search_fields = ["registration__last_name", "registration__email", "session__title"]
    ordering = ["session", "state", "position", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Seats change only through the services (locks, waiting-list order, e-mails).
        return False
