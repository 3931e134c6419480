"""Exports of the registrations (CSV / XLSX from the admin, django-import-export)."""

from import_export import fields, resources, widgets

from .models import Registration, SessionRegistration


class RegistrationResource(resources.ModelResource):
    edition = fields.Field(attribute="edition__title", column_name="Édition")
    civility = fields.Field(attribute="get_civility_display", column_name="Civilité")
    first_name = fields.Field(attribute="first_name", column_name="Prénom")
    last_name = fields.Field(attribute="last_name", column_name="Nom")
    email = fields.Field(attribute="email", column_name="E-mail")
    organisation = fields.Field(attribute="organisation", column_name="Organisation")
    function = fields.Field(attribute="function", column_name="Fonction")
    category = fields.Field(attribute="get_category_display", column_name="Catégorie")
    country = fields.Field(attribute="country__name", column_name="Pays")
    status = fields.Field(attribute="get_status_display", column_name="État")
    accessibility_needs = fields.Field(attribute="accessibility_needs", column_name="Besoins d'accessibilité")
    language = fields.Field(attribute="language", column_name="Langue")
    # Typed widgets: the shared writer gets date-times, not their text (dates in XLSX, French in CSV).
    created_at = fields.Field(attribute="created_at", column_name="Inscrit le", widget=widgets.DateTimeWidget())
    checked_in_at = fields.Field(attribute="checked_in_at", column_name="Présent le", widget=widgets.DateTimeWidget())
    sessions = fields.Field(column_name="Sessions")

    class Meta:
        model = Registration
        fields = ("id", "edition", "civility", "first_name", "last_name", "email", "organisation", "function",
                  "category", "country", "status", "accessibility_needs", "language", "created_at",
                  "checked_in_at", "sessions")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("edition", "country").prefetch_related("seats__session")

    def dehydrate_sessions(self, registration):
        parts = []
        for seat in registration.seats.all():
            if seat.state == SessionRegistration.State.CONFIRMED:
                parts.append(f"{seat.session.number} (confirmée)")
            elif seat.state == SessionRegistration.State.WAITLISTED:
                parts.append(f"{seat.session.number} (attente, rang {seat.position})")
        return ", ".join(parts)
