"""Forms of the collectivity accounts: a fiche proposal, a saved search, an interest in the Bourse."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from . import moderation
from .models import (
    Collectivity,
    Country,
    FundingLine,
    Project,
    ProjectPartner,
    SustainableDevelopmentGoal,
    Theme,
)
from .reference import collated

MAX_PARTNER_LINES = 50


class ProjectProposalForm(forms.ModelForm):
    """The fiche's own fields, validated as the model does; never saved directly (see services)."""

    themes = forms.ModelMultipleChoiceField(
        label="Thématiques", queryset=Theme.objects.all(), to_field_name="slug", required=False,
        widget=forms.CheckboxSelectMultiple)
    sdgs = forms.ModelMultipleChoiceField(
        label="Objectifs de développement durable (ODD)", queryset=SustainableDevelopmentGoal.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple)
    partner_collectivities = forms.CharField(
        label="Collectivités partenaires à l'étranger", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        help_text="Une par ligne, son nom dans l'Atlas, accents facultatifs (ex. : Saint-Louis). "
                  "Si votre partenaire n'y figure pas encore, indiquez-le dans la description : CUF l'ajoutera.")

    class Meta:
        model = Project
        fields = ["title", "kind", "status", "start_year", "end_year", "convention_date", "dac_code",
                  "objectives", "description", "history", "context", "volunteers"]
        # The optional mark comes from the field include (templates/includes/field.html), not from the texts.
        help_texts = {"dac_code": "Code-objet du Comité d'aide au développement (ex. 14030 : eau potable)."}
        widgets = {
            "convention_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 4})
               for name in ("objectives", "description", "history", "context", "volunteers")},
        }

    def __init__(self, *args, data_initial=None, **kwargs):
        initial = dict(data_initial or {})
        if initial.get("partner_collectivities"):
            names = dict(Collectivity.objects.filter(slug__in=initial["partner_collectivities"])
                         .values_list("slug", "name"))
            initial["partner_collectivities"] = "\n".join(
                names.get(slug, slug) for slug in initial["partner_collectivities"])
        super().__init__(*args, initial=initial, instance=Project(), **kwargs)
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update({"min": 1950, "max": 2100})

    def clean_partner_collectivities(self):
        """Names (or Atlas identifiers) of foreign collectivities, one per line -> their slugs.

        At most MAX_PARTNER_LINES distinct lines, each resolved as the collectivity pickers do
        (resolve_collectivity: identifier, then SIREN or code, then the name with accents and case
        ignored), but all lines at once: three queries, whatever the number of lines."""
        from .registry import search_name

        values = list(dict.fromkeys(line.strip() for line in self.cleaned_data["partner_collectivities"].splitlines()
                                    if line.strip()))
        if len(values) > MAX_PARTNER_LINES:
            raise ValidationError(f"Indiquez au plus {MAX_PARTNER_LINES} collectivités partenaires "
                                  f"({len(values)} lignes reçues).")
        foreign = Collectivity.objects.filter(is_french=False)
        found = dict(foreign.filter(slug__in=values).values_list("slug", "slug"))
        numbers = [v for v in values if v not in found and v.isdigit()]
        # Later rows overwrite earlier ones: the lowest kind wins, as order_by("kind").first() there.
        for slug, siren, code in foreign.filter(Q(siren__in=numbers) | Q(code__in=numbers)).order_by(
                "-kind").values_list("slug", "siren", "code") if numbers else ():
            found.update({number: slug for number in (siren, code) if number in numbers})
        wanted = {v: search_name(v) for v in values if v not in found}
        names = {}  # normalized name -> slugs of the collectivities that bear it exactly
        if any(wanted.values()):
            query = Q()
            for text in filter(None, set(wanted.values())):  # the stored search_name is the name, then codes
                query |= Q(search_name=text) | Q(search_name__startswith=text + " ")
            for slug, name in foreign.filter(query).values_list("slug", "name"):
                names.setdefault(search_name(name), []).append(slug)
        slugs, errors = [], []
        for value in values:
            matches = [found[value]] if value in found else names.get(wanted[value], []) if wanted[value] else []
            if len(matches) == 1:
                slugs.append(matches[0])
            elif matches:
                errors.append(f"Plusieurs collectivités s'appellent « {value} » : indiquez l'identifiant de "
                              "sa page dans l'Atlas (fin de l'adresse).")
            else:
                errors.append(f"« {value} » ne figure pas parmi les collectivités partenaires de l'Atlas.")
        if errors:
            raise ValidationError(errors)
        return sorted(set(slugs))


class FundingLineForm(forms.Form):
    source = forms.ChoiceField(label="Source", choices=[("", "—")] + FundingLine.Source.choices)
    amount = forms.DecimalField(label="Montant (€)", min_value=0, max_digits=14, decimal_places=2)
    year = forms.IntegerField(label="Année", min_value=1950, max_value=2100)
    label = forms.CharField(label="Précision", max_length=200, required=False)


class PartnerForm(forms.Form):
    name = forms.CharField(label="Nom", max_length=200)
    kind = forms.ChoiceField(label="Type", choices=ProjectPartner.Kind.choices, initial=ProjectPartner.Kind.ASSOCIATION)
    country = forms.ModelChoiceField(label="Pays", queryset=Country.objects.order_by(collated("name")),
                                     to_field_name="iso2")
    city = forms.CharField(label="Ville", max_length=120, required=False)
    role = forms.CharField(label="Rôle dans le projet", max_length=300, required=False)


# absolute_max = max_num: a forged TOTAL_FORMS of 1000 builds 100 (or 50) forms, not 1,100, and is refused.
FundingLineFormSet = forms.formset_factory(FundingLineForm, extra=1, can_delete=True, max_num=100,
                                           absolute_max=100, validate_max=True)
PartnerFormSet = forms.formset_factory(PartnerForm, extra=1, can_delete=True, max_num=50, absolute_max=50,
                                       validate_max=True)


def _claimed_forms(formset):
    """The number of rows a bound formset's management form claims (0 when it is not a number)."""
    value = formset.data.get(f"{formset.prefix}-TOTAL_FORMS", "")
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else 0


class ProposalForms:
    """The fiche form and its two formsets, bound together; `data()` gives the proposal dict."""

    def __init__(self, post=None, initial=None):
        initial = initial or {}
        self.form = ProjectProposalForm(post, data_initial=initial)
        self.funding = FundingLineFormSet(post, prefix="financement", initial=initial.get("funding_lines") or [])
        self.partners = PartnerFormSet(post, prefix="partenaire", initial=initial.get("partners") or [])
        # More rows than the page can add (a forged TOTAL_FORMS): refused at once, and the rows are not
        # drawn again (50 partner rows with their country lists took seconds to render).
        self.refused = [message % {"max": formset.max_num}
                        for formset, message in ((self.funding, _("Indiquez au plus %(max)s lignes de financement.")),
                                                 (self.partners, _("Indiquez au plus %(max)s autres partenaires.")))
                        if post is not None and _claimed_forms(formset) > formset.max_num]
        if self.refused:
            self.funding = FundingLineFormSet(prefix="financement", initial=initial.get("funding_lines") or [])
            self.partners = PartnerFormSet(prefix="partenaire", initial=initial.get("partners") or [])

    def is_valid(self):
        valid = all([self.form.is_valid(), self.funding.is_valid(), self.partners.is_valid()])
        for message in self.refused:
            self.form.add_error(None, message)
        return valid and not self.refused

    @staticmethod
    def _rows(formset):
        return [f.cleaned_data for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def data(self):
        cleaned = self.form.cleaned_data
        data = {name: cleaned.get(name) for name in moderation.SCALAR_FIELDS}
        if data["convention_date"]:
            data["convention_date"] = data["convention_date"].isoformat()
        data["themes"] = [t.slug for t in cleaned["themes"]]
        data["sdgs"] = [g.number for g in cleaned["sdgs"]]
        data["partner_collectivities"] = cleaned["partner_collectivities"]
        data["funding_lines"] = [{"source": r["source"], "amount": str(r["amount"]), "year": r["year"],
                                  "label": r["label"]} for r in self._rows(self.funding)]
        data["partners"] = [{"name": r["name"], "kind": r["kind"], "country": r["country"].iso2,
                             "city": r["city"], "role": r["role"]} for r in self._rows(self.partners)]
        return moderation.normalize(data)


class SavedSearchForm(forms.Form):
    name = forms.CharField(label="Nom de la recherche", max_length=120)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def clean_query(self):
        """Keep the search parameters only (never the page or an export format), re-encoded."""
        query = QueryDict(self.cleaned_data["query"], mutable=True)
        for name in ("page", "format", "csrfmiddlewaretoken"):
            query.pop(name, None)
        for name in list(query):
            if not any(v.strip() for v in query.getlist(name)):
                query.pop(name)
        return query.urlencode()


class BourseInterestForm(forms.Form):
    message = forms.CharField(
        label="Message pour CUF", required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Présentez en quelques lignes l'intérêt de votre collectivité : CUF fera le lien avec "
                  "l'ambassade.")


class RejectForm(forms.Form):
    comment = forms.CharField(label="Commentaire pour la collectivité", widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
