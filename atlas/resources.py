"""django-import-export resources: admin import/export and the public exports of a search."""

from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import ArrayAgg, StringAgg
from django.db.models import OuterRef, Subquery, Sum
from import_export import fields, resources, widgets

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


class ImportResource(resources.ModelResource):
    """Admin import: all or nothing (one transaction, rolled back on any row error, validation
    included), rows checked with the model's own validation, unchanged rows skipped and reported.
    Relations are read by natural keys (slugs, INSEE codes, ISO codes) so a file can move between
    databases."""

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def import_data(self, dataset, **kwargs):
        """Roll back on validation errors too, whoever calls (the admin already asks for it)."""
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A relation read by a natural key, with a French message for an unknown key."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as exc:
            label = self.model._meta.verbose_name
            raise ValueError(f"{label[:1].upper()}{label[1:]} introuvable : « {value} » "
                             f"(colonne attendue : {self.field}).") from exc


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Several relations by natural keys; an unknown key is a row error (the library drops it silently)."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        if not value:
            return found
        wanted = [str(int(value))] if isinstance(value, float | int) else [
            key.strip() for key in str(value).split(self.separator) if key.strip()]
        known = {str(key) for key in found.values_list(self.field, flat=True)}
        missing = [key for key in wanted if key not in known]
        if missing:
            label = self.model._meta.verbose_name_plural
            raise ValueError(f"{label[:1].upper()}{label[1:]} introuvables : {', '.join(f'« {k} »' for k in missing)} "
                             f"(colonne attendue : {self.field}).")
        return found


def _fk(name, model, key):
    return fields.Field(attribute=name, column_name=name, widget=NaturalKeyWidget(model, field=key))


def _m2m(name, model, key):
    return fields.Field(attribute=name, column_name=name,
                        widget=NaturalKeysWidget(model, field=key, separator=","))


class ContinentResource(ImportResource):
    class Meta:
        model = Continent
        import_id_fields = ("code",)
        fields = ("code", "name", "slug")


class CountryResource(ImportResource):
    """Countries by ISO alpha-2 code, continent by its code (AF, EU…)."""

    continent = _fk("continent", Continent, "code")

    class Meta:
        model = Country
        import_id_fields = ("iso2",)
        fields = ("iso2", "iso3", "numeric", "name", "slug", "continent", "latitude", "longitude")


class RegionResource(ImportResource):
    class Meta:
        model = Region
        import_id_fields = ("code",)
        fields = ("code", "name", "slug")


class DepartmentResource(ImportResource):
    region = _fk("region", Region, "code")

    class Meta:
        model = Department
        import_id_fields = ("code",)
        fields = ("code", "name", "slug", "region")


class CollectivityResource(ImportResource):
    """Collectivities by slug; country by ISO alpha-2 code, région and département by INSEE code."""

    country = _fk("country", Country, "iso2")
    region = _fk("region", Region, "code")
    department = _fk("department", Department, "code")

    class Meta:
        model = Collectivity
        import_id_fields = ("slug",)
        fields = ("slug", "name", "kind", "country", "code", "region", "department", "latitude",
                  "longitude", "website", "is_cuf_member", "is_generated")


class CollectivityMemberResource(ImportResource):
    user = _fk("user", get_user_model(), "email")
    collectivity = _fk("collectivity", Collectivity, "slug")

    class Meta:
        model = CollectivityMember
        import_id_fields = ("user",)
        fields = ("user", "collectivity", "function")


class ThemeResource(ImportResource):
    class Meta:
        model = Theme
        import_id_fields = ("slug",)
        fields = ("slug", "name", "position")


class SustainableDevelopmentGoalResource(ImportResource):
    class Meta:
        model = SustainableDevelopmentGoal
        import_id_fields = ("number",)
        fields = ("number", "title")


class ProjectResource(ImportResource):
    """Admin import/export of the fiches' own fields by slug; themes (slugs) and ODD (numbers) are
    comma-separated. Participations, funding, partners and contacts have their own resources."""

    themes = _m2m("themes", Theme, "slug")
    sdgs = _m2m("sdgs", SustainableDevelopmentGoal, "number")

    class Meta:
        model = Project
        import_id_fields = ("slug",)
        fields = ("slug", "title", "kind", "status", "start_year", "end_year", "convention_date",
                  "themes", "sdgs", "dac_code", "objectives", "description", "history", "context",
                  "volunteers", "last_update", "update_source", "is_published")

    def after_import(self, dataset, result, **kwargs):
        """Themes are saved after each row: rebuild the search documents once everything is in."""
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors():
            refresh_search_documents([row.object_id for row in result.rows if row.object_id])


class ParticipationResource(ImportResource):
    """A collectivity (slug) in a fiche (slug); the pair identifies the row."""

    project = _fk("project", Project, "slug")
    collectivity = _fk("collectivity", Collectivity, "slug")

    class Meta:
        model = Participation
        import_id_fields = ("project", "collectivity")
        fields = ("project", "collectivity", "is_lead")

    def import_instance(self, instance, row, **kwargs):
        """Set the French side before validation, so that a foreign lead is a row error, not a crash."""
        super().import_instance(instance, row, **kwargs)
        if instance.collectivity_id:
            instance.is_french = Collectivity.objects.filter(pk=instance.collectivity_id, is_french=True).exists()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors():
            refresh_search_documents(list(Participation.objects.filter(
                pk__in=[row.object_id for row in result.rows if row.object_id]).values_list("project_id", flat=True)))


class FundingLineResource(ImportResource):
    project = _fk("project", Project, "slug")

    class Meta:
        model = FundingLine
        fields = ("id", "project", "source", "amount", "year", "label")


class ProjectPartnerResource(ImportResource):
    project = _fk("project", Project, "slug")
    country = _fk("country", Country, "iso2")

    class Meta:
        model = ProjectPartner
        fields = ("id", "project", "name", "kind", "country", "city", "role")


class ProjectContactResource(ImportResource):
    project = _fk("project", Project, "slug")
    collectivity = _fk("collectivity", Collectivity, "slug")

    class Meta:
        model = ProjectContact
        fields = ("id", "project", "collectivity", "role", "name", "function", "email")


class BourseRequestResource(ImportResource):
    authority = _fk("authority", Collectivity, "slug")
    matched_with = _fk("matched_with", Collectivity, "slug")
    themes = _m2m("themes", Theme, "slug")

    class Meta:
        model = BourseRequest
        import_id_fields = ("slug",)
        fields = ("slug", "authority", "title", "description", "themes", "date", "embassy_contact",
                  "embassy_email", "status", "matched_with")


def _names(french=None, **filters):
    """The names of a fiche's collectivities (one side, or those matching `filters`), lead first."""
    participations = Participation.objects.filter(project=OuterRef("pk"), **filters)
    if french is not None:
        participations = participations.filter(is_french=french)
    return Subquery(
        participations.values("project")
        .annotate(names=StringAgg("collectivity__name", "; ", order_by=("-is_lead", "collectivity__name")))
        .values("names"))


class ProjectExportResource(resources.ModelResource):
    """One row per fiche of a public search (CSV/XLSX): no contacts, relations flattened.

    `annotate()` prepares the queryset so that every column reads an annotation: the export is one
    SQL query whatever its size, and it can be streamed row by row. The column « position
    approximative » names the fiche's collectivities that the gazetteer could not place (atlas.places):
    shown on the map at the place that encloses them, as their pages and the GeoJSON say.
    """

    id = fields.Field(attribute="id", column_name="identifiant")
    title = fields.Field(attribute="title", column_name="intitulé")
    start_year = fields.Field(attribute="start_year", column_name="année de début")
    end_year = fields.Field(attribute="end_year", column_name="année de fin")
    dac_code = fields.Field(attribute="dac_code", column_name="code CAD")
    last_update = fields.Field(attribute="last_update", column_name="dernière mise à jour")
    kind = fields.Field(attribute="get_kind_display", column_name="type d'action")
    status = fields.Field(attribute="get_status_display", column_name="statut")
    french = fields.Field(attribute="export_french", column_name="collectivités françaises (chef de file en premier)")
    partners = fields.Field(attribute="export_partners", column_name="collectivités partenaires")
    countries = fields.Field(attribute="export_countries", column_name="pays partenaires")
    themes = fields.Field(attribute="export_themes", column_name="thématiques")
    sdgs = fields.Field(attribute="export_sdgs", column_name="ODD")
    funding = fields.Field(attribute="export_funding", column_name="financements déclarés (€)")
    approximate = fields.Field(attribute="export_approximate",
                               column_name="position approximative (collectivités placées au lieu qui les englobe)")
    url = fields.Field(column_name="adresse de la fiche")

    class Meta:
        model = Project
        fields = ("id", "title", "kind", "status", "start_year", "end_year", "french", "partners", "countries",
                  "themes", "sdgs", "dac_code", "funding", "approximate", "last_update", "url")
        export_order = fields

    def __init__(self, base_url="", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url
        self._order = [name for name in self.get_export_order() if name in self.fields]

    @staticmethod
    def annotate(queryset):
        partner_countries = (Participation.objects.filter(project=OuterRef("pk"), is_french=False)
                             .values("project")
                             .annotate(names=StringAgg("collectivity__country__name", "; ", distinct=True))
                             .values("names"))
        funding = (FundingLine.objects.filter(project=OuterRef("pk")).values("project")
                   .annotate(total=Sum("amount")).values("total"))
        themes = (Project.themes.through.objects.filter(project=OuterRef("pk")).values("project")
                  .annotate(names=StringAgg("theme__name", "; ", order_by="theme__position")).values("names"))
        sdgs = (Project.sdgs.through.objects.filter(project=OuterRef("pk")).values("project")
                .annotate(numbers=ArrayAgg("sustainabledevelopmentgoal_id", order_by="sustainabledevelopmentgoal_id"))
                .values("numbers"))
        return queryset.annotate(export_french=_names(True), export_partners=_names(False),
                                 export_countries=Subquery(partner_countries), export_funding=Subquery(funding),
                                 export_themes=Subquery(themes), export_sdgs=Subquery(sdgs),
                                 export_approximate=_names(collectivity__position_approximate=True))

    def export_resource(self, instance, selected_fields=None, **kwargs):
        """One row, read straight from the annotations: the generic path costs 1.5 s per 13,000 rows."""
        return [self._cell(instance, name) for name in self._order]

    def _cell(self, project, name):
        if name == "sdgs":
            return self.dehydrate_sdgs(project)
        if name == "url":
            return self.dehydrate_url(project)
        attribute = self.fields[name].attribute or name
        value = getattr(project, attribute)
        return value() if callable(value) else value  # native: the shared writer formats numbers and dates

    def dehydrate_sdgs(self, project):
        return ", ".join(str(n) for n in (project.export_sdgs or []))

    def dehydrate_url(self, project):
        return self.base_url + project.get_absolute_url()
