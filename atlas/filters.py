"""The Atlas search form: keywords plus every criterion, all carried by the query string."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import (
    Collectivity,
    Continent,
    Country,
    Department,
    FundingLine,
    Participation,
    Project,
    Region,
    SustainableDevelopmentGoal,
    Theme,
)
from .search import apply_search

SORTS = {
    "pertinence": "Pertinence",
    "titre": "Intitulé (A→Z)",
    "recent": "Les plus récents",
    "mise-a-jour": "Dernière mise à jour",
}


class FastSelect(forms.Select):
    """A <select> rendered in Python: the country list has 250 options, one template each otherwise."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = "" if value is None else str(value)
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((key, mark_safe(" selected") if str(key) == selected else "", label)
             for key, label in self.choices))
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class CollectivityField(forms.CharField):
    """A collectivity given by its identifier (slug, as in links) or its exact name, typed by the user."""

    def __init__(self, *args, french=True, **kwargs):
        self.french = french
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        candidates = Collectivity.objects.filter(is_french=self.french).select_related("country")
        found = candidates.filter(slug=value.strip()).first()
        if found:
            return found
        matches = list(candidates.filter(name__iexact=value.strip())[:2])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError("Plusieurs collectivités portent ce nom : ouvrez sa page pour chercher ses projets.")
        kind = "française" if self.french else "partenaire"
        raise ValidationError(f"Aucune collectivité {kind} ne s'appelle « {value} ».")


class CollectivityFilter(django_filters.Filter):
    field_class = CollectivityField


def _participation(**lookups):
    return Exists(Participation.objects.filter(project=OuterRef("pk"), **lookups))


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_q",
                                  help_text="Ex. : eau potable Sénégal, « coopération culturelle », -jumelage")
    continent = django_filters.ModelChoiceFilter(
        label="Continent", queryset=Continent.objects.all(), to_field_name="slug", method="filter_continent",
        empty_label="Tous")
    country = django_filters.ModelChoiceFilter(
        label="Pays partenaire", queryset=Country.objects.exclude(iso2="FR"), to_field_name="slug", widget=FastSelect,
        method="filter_country", empty_label="Tous")
    region = django_filters.ModelChoiceFilter(
        label="Région française", queryset=Region.objects.all(), to_field_name="slug", method="filter_region",
        empty_label="Toutes")
    department = django_filters.ModelChoiceFilter(
        label="Département", queryset=Department.objects.all(), to_field_name="slug", widget=FastSelect,
        method="filter_department", empty_label="Tous")
    collectivity = CollectivityFilter(label="Collectivité française", method="filter_collectivity",
                                      french=True, help_text="Nom exact, ex. : Nîmes Métropole")
    partner = CollectivityFilter(label="Collectivité partenaire", method="filter_collectivity", french=False,
                                 help_text="Nom exact, ex. : Saint-Louis")
    theme = django_filters.ModelChoiceFilter(
        label="Thématique", queryset=Theme.objects.all(), to_field_name="slug", method="filter_theme",
        empty_label="Toutes")
    odd = django_filters.ModelChoiceFilter(
        label="Objectif de développement durable", queryset=SustainableDevelopmentGoal.objects.all(),
        method="filter_sdg", empty_label="Tous")
    kind = django_filters.ChoiceFilter(label="Type d'action", choices=Project.Kind.choices, empty_label="Tous")
    status = django_filters.ChoiceFilter(label="Statut", choices=Project.Status.choices, empty_label="Tous")
    year = django_filters.NumberFilter(label="Active en", method="filter_year", min_value=1950, max_value=2100,
                                       help_text="Année, ex. : 2020")
    funding = django_filters.ChoiceFilter(label="Source de financement", choices=FundingLine.Source.choices,
                                          method="filter_funding", empty_label="Toutes")
    sort = django_filters.ChoiceFilter(label="Trier par", choices=list(SORTS.items()), method="filter_noop",
                                       empty_label=None)

    class Meta:
        model = Project
        fields = []

    def filter_q(self, queryset, name, value):
        return apply_search(queryset, value) if value.strip() else queryset

    def filter_continent(self, queryset, name, value):
        return queryset.filter(_participation(is_french=False, collectivity__country__continent=value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(_participation(is_french=False, collectivity__country=value))

    def filter_region(self, queryset, name, value):
        return queryset.filter(_participation(is_french=True, collectivity__region=value))

    def filter_department(self, queryset, name, value):
        return queryset.filter(_participation(is_french=True, collectivity__department=value))

    def filter_collectivity(self, queryset, name, value):
        return queryset.filter(_participation(collectivity=value))

    def filter_theme(self, queryset, name, value):
        return queryset.filter(Exists(Project.themes.through.objects.filter(project=OuterRef("pk"), theme=value)))

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(Exists(Project.sdgs.through.objects.filter(
            project=OuterRef("pk"), sustainabledevelopmentgoal=value)))

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(start_year__lte=value), Q(end_year__isnull=True) | Q(end_year__gte=value))

    def filter_funding(self, queryset, name, value):
        return queryset.filter(Exists(FundingLine.objects.filter(project=OuterRef("pk"), source=value)))

    def filter_noop(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        sort = data.get("sort") or ("pertinence" if (data.get("q") or "").strip() else "titre")
        if sort == "pertinence" and (data.get("q") or "").strip():
            return queryset.order_by("-rank", "title", "pk")
        if sort == "recent":
            return queryset.order_by(F("start_year").desc(nulls_last=True), "title", "pk")
        if sort == "mise-a-jour":
            return queryset.order_by(F("last_update").desc(nulls_last=True), "title", "pk")
        return queryset.order_by("title", "pk")

    def active_filters(self):
        """(label, value) of each criterion in use, for the summary above the results."""
        if not (self.is_bound and self.form.is_valid()):
            return []
        out = []
        for name, value in self.form.cleaned_data.items():
            if name == "sort" or value in (None, ""):
                continue
            field = self.form.fields[name]
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") and not hasattr(
                value, "pk") else value
            out.append((field.label, shown))
        return out
