from django import forms
from django.utils.translation import gettext_lazy as _

from atlas.reference import country_choices

from .models import Registration


class RegistrationForm(forms.ModelForm):
    """The public registration form, in the language of the page (French, English…)."""

    consent = forms.BooleanField(
        label=_("J'accepte que Cités Unies France traite ces données pour organiser les Rencontres."),
        error_messages={"required": _("Vous devez accepter le traitement de vos données pour vous inscrire.")})
    # Honeypot: hidden from people, filled by robots; a filled one creates nothing.
    website = forms.CharField(label=_("Laissez ce champ vide"), required=False)

    class Meta:
        model = Registration
        fields = ["civility", "first_name", "last_name", "email", "organisation", "function", "category",
                  "country", "accessibility_needs"]
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "civility": _("Civilité"), "first_name": _("Prénom"), "last_name": _("Nom de famille"),
            "email": _("Adresse e-mail"), "organisation": _("Organisation ou collectivité"),
            "function": _("Fonction"), "category": _("Catégorie"), "country": _("Pays"),
            "accessibility_needs": _("Besoins d'accessibilité"),
        }
        help_texts = {
            "email": _("Votre lien privé d'inscription y sera envoyé."),
            "accessibility_needs": _("Fauteuil roulant, interprétation en langue des signes, boucle magnétique…"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for name in ("organisation", "function", "country"):
            self.fields[name].required = True
        self.fields["civility"].required = False
        # Countries named and sorted as the page's language writes them (Égypte after Danemark).
        country = self.fields["country"]
        country.choices = [("", _("— choisir un pays —")), *country_choices(country.queryset)]
        self.fields["category"].choices = [("", _("— choisir —")), *Registration.Category.choices]
        self.fields["civility"].choices = [("", "—"), *Registration.Civility.choices]
        autocomplete = {"first_name": "given-name", "last_name": "family-name", "email": "email",
                        "organisation": "organization", "function": "organization-title",
                        "civility": "honorific-prefix"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def _get_validation_exclusions(self):
        # The country field already fetched the chosen country from its queryset: the model's own
        # foreign-key check would only read it again.
        exclude = super()._get_validation_exclusions()
        if "country" in self.cleaned_data:
            exclude.add("country")
        return exclude

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def registration_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("consent", "website")}
        return data


# Staff forms (reception desk, messages) are used in French only, as the admin is.
class SessionMessageForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Envoyé par e-mail, un par participant, à chaque personne inscrite "
                                     "(place confirmée ou liste d'attente).")


class CheckinSearchForm(forms.Form):
    q = forms.CharField(label="Nom, prénom, organisation ou e-mail", max_length=100, required=False)
