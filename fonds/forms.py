"""Forms of the funds and of the e-APD: they parse input; fonds.services decides."""

from decimal import Decimal

from django import forms
from django.db.models import Q

from atlas.filters import CollectivityChoiceField
from atlas.models import Country, Project
from cuf_portal.uploads import validate_scan_upload

from .models import MAX_AMOUNT, DacSector, DeclarationLine


def money_field(label, help_text=""):
    return forms.DecimalField(
        label=label, help_text=help_text, max_digits=12, decimal_places=2, localize=True,
        min_value=Decimal("0.01"), max_value=MAX_AMOUNT,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": "Saisissez un montant en euros, par exemple 12 500 ou 12 500,50.",
            "min_value": "Le montant doit être strictement positif.",
            "max_value": "Le montant doit être inférieur à un milliard d'euros.",
            "max_digits": "Le montant doit être inférieur à un milliard d'euros.",
            "max_whole_digits": "Le montant doit être inférieur à un milliard d'euros.",
            "max_decimal_places": "Le montant ne peut pas avoir plus de deux décimales (centimes).",
            "required": "Indiquez le montant.",
        })


class PledgeForm(forms.Form):
    amount = money_field("Montant de la contribution (€)", "Le montant voté par votre assemblée.")
    decision_reference = forms.CharField(
        label="Référence de la délibération", max_length=200,
        help_text="Par exemple : délibération n° 2024-03-12 du conseil municipal du 12 mars 2024.",
        error_messages={"required": "Indiquez la référence de la délibération."})
    decision_file = forms.FileField(
        label="Délibération (PDF, JPG ou PNG, 10 Mo au plus)",
        error_messages={"required": "Joignez la délibération de votre assemblée.",
                        "empty": "Le fichier joint est vide."},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
    show_amount = forms.BooleanField(
        label="J'accepte que le montant de notre contribution soit publié sur la page du fonds",
        required=False)

    def clean_decision_file(self):
        upload = self.cleaned_data["decision_file"]
        validate_scan_upload(upload)
        return upload


class ReceiptForm(forms.Form):
    """The intermediate page of the admin action that records receipts."""

    received_on = forms.DateField(label="Date de réception des fonds", localize=True,
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                  input_formats=["%Y-%m-%d", "%d/%m/%Y"])


class StaffCommentForm(forms.Form):
    comment = forms.CharField(label="Commentaire pour la collectivité", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))


class EligibleCountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DeclarationLineForm(forms.ModelForm):
    country = EligibleCountryChoiceField(
        label="Pays bénéficiaire", queryset=Country.objects.filter(oda_eligibility__isnull=False).order_by("name"),
        to_field_name="iso2", empty_label="— Choisissez un pays —",
        help_text="Pays de la liste des bénéficiaires de l'APD établie par le CAD de l'OCDE.",
        error_messages={"invalid_choice": "Pays inconnu ou non éligible à l'APD : choisissez un pays de la liste.",
                        "required": "Choisissez le pays bénéficiaire."})
    sector = forms.ModelChoiceField(
        label="Secteur (code CAD)", queryset=DacSector.objects.order_by("code"), empty_label="— Choisissez —",
        error_messages={"invalid_choice": "Code secteur CAD inconnu : choisissez un secteur de la liste.",
                        "required": "Choisissez le secteur CAD."})
    partner = CollectivityChoiceField(
        label="Collectivité partenaire", required=False, french=False,
        help_text="Tapez le début de son nom.",
        error_messages={"invalid_choice": "Collectivité partenaire inconnue."})
    project = forms.ModelChoiceField(
        label="Fiche-projet de l'Atlas", required=False, to_field_name="slug",
        queryset=Project.objects.none(), empty_label="— Aucune —",
        help_text="Les fiches de l'Atlas auxquelles votre collectivité participe.",
        error_messages={"invalid_choice": "Aucune fiche-projet de votre collectivité ne correspond : "
                                          "choisissez une fiche de la liste."})
    amount = money_field("Montant versé pendant l'année déclarée (€)")

    class Meta:
        model = DeclarationLine
        fields = ["label", "country", "category", "sector", "amount", "partner", "project"]
        error_messages = {"label": {"required": "Donnez un intitulé à l'action."},
                          "category": {"required": "Choisissez la catégorie.",
                                       "invalid_choice": "Catégorie inconnue."}}

    def __init__(self, *args, collectivity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "— Choisissez —")] + list(DeclarationLine.Category.choices)
        # The fiches offered are the collectivity's own (and the one a line already points to).
        own = Q(participations__collectivity=collectivity) if collectivity is not None else Q(pk__in=[])
        if self.instance.pk and self.instance.project_id:
            own |= Q(pk=self.instance.project_id)
            self.initial["project"] = self.instance.project.slug
        self.fields["project"].queryset = Project.objects.filter(own).distinct().order_by("title")


class SubmitDeclarationForm(forms.Form):
    declarant_name = forms.CharField(label="Nom et prénom du déclarant", max_length=200,
                                     error_messages={"required": "Indiquez votre nom."})
    declarant_function = forms.CharField(label="Fonction", max_length=200,
                                         error_messages={"required": "Indiquez votre fonction."})
    attestation = forms.BooleanField(
        label="J'atteste sur l'honneur l'exactitude des montants déclarés, versés par ma collectivité "
              "au titre de l'aide publique au développement.",
        error_messages={"required": "Cochez l'attestation sur l'honneur pour soumettre la déclaration."})


class StatisticsFilterForm(forms.Form):
    annee = forms.TypedChoiceField(label="Année déclarée", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "Toutes les années")] + [(y, str(y)) for y in years]
