"""The Atlas search form: keywords plus every criterion, all carried by the query string."""

import html
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
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
from .reference import collated
from .search import apply_search
from .widgets import CollectivityPickerInput

SORTS = {
    "pertinence": "Pertinence",
    "titre": "Intitulé (A→Z)",
    "recent": "Les plus récents",
    "mise-a-jour": "Dernière mise à jour",
}


REFERENCE_CHOICES_KEY = "atlas:reference-choices:v1"
REFERENCE_CHOICES_TIMEOUT = 3600


def _render_options(choices, value):
    """<option>s of pre-escaped (value, label) pairs, the one equal to `value` selected."""
    selected = "" if value is None else escape(str(value))
    return "".join(f'<option value="{key}" selected>{label}</option>' if key == selected
                   else f'<option value="{key}">{label}</option>' for key, label in choices)


def _render_attrs(attrs):
    """HTML attributes in the order and the form of Django's widget template (attrs.html)."""
    return "".join("" if value is False else f" {name}" if value is True else f' {name}="{escape(value)}"'
                   for name, value in attrs.items())


class FastSelect(forms.Select):
    """A <select> rendered in Python: one template per <option> (250 countries…) costs milliseconds."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {"name": name, **(attrs or {})})
        choices = [(escape(str(key)), escape(label)) for key, label in self.choices]
        return mark_safe(f"<select{_render_attrs(attrs)}>{_render_options(choices, value)}</select>")


class ReferenceSelect(FastSelect):
    """The <select> of a reference list (countries, départements, themes, ODD…): its options come from
    `reference_choices()`, cached, instead of a query and a model instance per option on every search.
    Validation still goes through the field's queryset, so a stale list never changes results."""

    def __init__(self, empty_label, attrs=None):
        super().__init__(attrs)
        self.empty_label = empty_label
        self.reference = None  # set by ProjectFilter.form: one cache read for all the lists of a form

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {"name": name, **(attrs or {})})
        reference = self.reference if self.reference is not None else reference_choices()
        choices = [("", escape(self.empty_label)), *reference[name]]
        return mark_safe(f"<select{_render_attrs(attrs)}>{_render_options(choices, value)}</select>")


def reference_choices():
    """{filter name: [(value, label), …] pre-escaped} for the filters on reference data, cached until
    a reference object changes (signals in apps.py, `invalidate_reference_choices()` after bulk loads)."""
    data = cache.get(REFERENCE_CHOICES_KEY)
    if data is None:
        data = {}
        for name, filter_ in ProjectFilter.base_filters.items():
            if isinstance(filter_, django_filters.ModelChoiceFilter):
                to_field = filter_.extra.get("to_field_name")
                # html.escape (what Django's escape does) gives plain str, which unpickles fast.
                data[name] = [(html.escape(str(getattr(obj, to_field) if to_field else obj.pk)),
                               html.escape(str(obj)))
                              for obj in filter_.extra["queryset"].all()]
        cache.set(REFERENCE_CHOICES_KEY, data, REFERENCE_CHOICES_TIMEOUT)
    return data


def invalidate_reference_choices(**kwargs):
    cache.delete(REFERENCE_CHOICES_KEY)


def _reference(label, queryset, empty_label, method, **kwargs):
    return django_filters.ModelChoiceFilter(label=label, queryset=queryset, method=method, empty_label=empty_label,
                                            widget=ReferenceSelect(empty_label), **kwargs)


class CollectivityField(forms.CharField):
    """A collectivity typed by the user: its identifier (slug, as in links and as the picker sends it),
    its COG code or SIREN, or its name (accents and case ignored); ambiguous names list the candidates."""

    def __init__(self, *args, french=True, **kwargs):
        self.french = french
        kwargs.setdefault("widget", CollectivityPickerInput(side="fr" if french else "partenaire"))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return resolve_collectivity(value, french=self.french)


def resolve_collectivity(value, *, french=None):
    """The one collectivity a typed value names, or a ValidationError in French that says why not."""
    from .queries import collectivity_label, collectivity_lookup
    from .registry import search_name

    value = value.strip()
    candidates = Collectivity.objects.select_related("country", "department")
    if french is not None:
        candidates = candidates.filter(is_french=french)
    found = candidates.filter(slug=value).first()
    if found is None and value.isdigit():
        found = candidates.filter(Q(siren=value) | Q(code=value)).order_by("kind").first()
    if found:
        return found
    wanted = search_name(value)
    matches = [c for c in collectivity_lookup(value, french=french, limit=50) if search_name(c.name) == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = " ; ".join(collectivity_label(c) for c in matches[:5])
        raise ValidationError(f"Plusieurs collectivités s'appellent « {value} » : tapez aussi son code ou choisissez "
                              f"dans la liste ({listed}).")
    kind = {True: "française", False: "partenaire"}.get(french, "")
    raise ValidationError(f"Aucune collectivité {kind} ne s'appelle « {value} » : tapez le début de son nom, "
                          f"son code officiel ou son SIREN.".replace("  ", " "))


class CollectivityFilter(django_filters.Filter):
    field_class = CollectivityField


def _participation(**lookups):
    return Exists(Participation.objects.filter(project=OuterRef("pk"), **lookups))


@dataclass(frozen=True)
class Criterion:
    name: str
    label: str
    value: object
    query_without: str  # the query string of the search without this criterion


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_q",
                                  help_text="Ex. : eau potable Sénégal, « coopération culturelle », -jumelage")
    continent = _reference("Continent", Continent.objects.all(), "Tous", "filter_continent", to_field_name="slug")
    country = _reference("Pays partenaire", Country.objects.exclude(iso2="FR").order_by(collated("name")), "Tous",
                         "filter_country", to_field_name="slug")
    region = _reference("Région française", Region.objects.all(), "Toutes", "filter_region", to_field_name="slug")
    department = _reference("Département", Department.objects.all(), "Tous", "filter_department",
                            to_field_name="slug")
    collectivity = CollectivityFilter(label="Collectivité française", method="filter_collectivity",
                                      french=True, help_text="Nom, code ou SIREN, ex. : Nîmes Métropole, 30189")
    partner = CollectivityFilter(label="Collectivité partenaire", method="filter_collectivity", french=False,
                                 help_text="Nom, ex. : Saint-Louis")
    theme = _reference("Thématique", Theme.objects.all(), "Toutes", "filter_theme", to_field_name="slug")
    odd = _reference("Objectif de développement durable", SustainableDevelopmentGoal.objects.all(), "Tous",
                     "filter_sdg")
    kind = django_filters.ChoiceFilter(label="Type d'action", choices=Project.Kind.choices, empty_label="Tous",
                                     widget=FastSelect)
    status = django_filters.ChoiceFilter(label="Statut", choices=Project.Status.choices, empty_label="Tous",
                                       widget=FastSelect)
    year = django_filters.NumberFilter(label="Active en", method="filter_year", min_value=1950, max_value=2100,
                                       help_text="Année, ex. : 2020")
    funding = django_filters.ChoiceFilter(label="Source de financement", choices=FundingLine.Source.choices,
                                          method="filter_funding", empty_label="Toutes",
                                          widget=FastSelect)
    sort = django_filters.ChoiceFilter(label="Trier par", choices=list(SORTS.items()), method="filter_noop",
                                       empty_label=None, widget=FastSelect)

    class Meta:
        model = Project
        fields = []

    @property
    def form(self):
        if not hasattr(self, "_form"):
            # The reference lists of all the <select>s come from one cache read, made only if rendered.
            reference = SimpleLazyObject(reference_choices)
            for field in super().form.fields.values():
                if isinstance(field.widget, ReferenceSelect):
                    field.widget.reference = reference
        return self._form

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
        return [(criterion.label, criterion.value) for criterion in self.criteria()]

    def criteria(self):
        """Each criterion in use, with the query string of the same search without it (removable chips)."""
        if not (self.is_bound and self.form.is_valid()):
            return []
        out = []
        for name, value in self.form.cleaned_data.items():
            if name == "sort" or value in (None, ""):
                continue
            field = self.form.fields[name]
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") and not hasattr(
                value, "pk") else value
            rest = self.data.copy()
            rest.pop(name, None)
            out.append(Criterion(name, field.label, shown, rest.urlencode()))
        return out

    def relaxations(self):
        """When nothing matches: for each criterion, how many fiches the search finds without it.

        Only the criteria whose removal gives results, most results first, so that the page can say
        which one to drop. One COUNT per criterion in use (a dozen at most), run only on empty searches.
        """
        found = []
        for criterion in self.criteria():
            rest = type(self)(self.data.copy(), queryset=self.queryset)
            rest.data.pop(criterion.name, None)
            count = rest.qs.count() if rest.is_valid() else 0
            if count:
                found.append((criterion, count))
        return sorted(found, key=lambda pair: -pair[1])

class CollectivityChoiceField(forms.ModelChoiceField):
    """A model choice among the 37,000 collectivities without a <select>: the picker input, resolved
    like CollectivityField (identifier, code, SIREN or name)."""

    def __init__(self, *, french=None, queryset=None, **kwargs):
        self.french = french
        queryset = queryset if queryset is not None else Collectivity.objects.all()
        if french is not None:
            queryset = queryset.filter(is_french=french)
        side = {True: "fr", False: "partenaire"}.get(french, "")
        kwargs.setdefault("widget", CollectivityPickerInput(side=side))
        super().__init__(queryset=queryset, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Collectivity):
            return value.name
        if isinstance(value, int):
            return Collectivity.objects.filter(pk=value).values_list("name", flat=True).first() or ""
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = resolve_collectivity(str(value), french=self.french)
        if not self.queryset.filter(pk=found.pk).exists():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found
