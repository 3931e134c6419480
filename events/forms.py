from django import forms

from atlas.models import Country

from .models import Registration
from .texts import CATEGORY_LABELS_EN, CIVILITY_LABELS_EN, texts


class RegistrationForm(forms.ModelForm):
    """The public registration form, labelled in the participant's language (French or English)."""

    consent = forms.BooleanField()
    # Honeypot: hidden from people, filled by robots; a filled one creates nothing.
    website = forms.CharField(required=False)

    class Meta:
        model = Registration
        fields = ["civility", "first_name", "last_name", "email", "organisation", "function", "category",
                  "country", "accessibility_needs"]
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, lang="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang
        t = texts(lang)
        for name, field in self.fields.items():
            if name in t:
                field.label = t[name]
        self.fields["website"].label = t["honeypot"]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].help_text = t["email_help"]
        self.fields["accessibility_needs"].help_text = t["accessibility_help"]
        self.fields["consent"].error_messages["required"] = t["consent_required"]
        for name in ("organisation", "function", "country"):
            self.fields[name].required = True
        self.fields["civility"].required = False
        self.fields["country"].queryset = Country.objects.order_by("name")
        self.fields["country"].empty_label = t["choose_country"]
        categories = Registration.Category.choices
        civilities = Registration.Civility.choices
        if lang == "en":
            categories = [(value, CATEGORY_LABELS_EN[value]) for value, _ in categories]
            civilities = [(value, CIVILITY_LABELS_EN[value]) for value, _ in civilities]
        self.fields["category"].choices = [("", t["choose_category"]), *categories]
        self.fields["civility"].choices = [("", "—"), *civilities]
        autocomplete = {"first_name": "given-name", "last_name": "family-name", "email": "email",
                        "organisation": "organization", "function": "organization-title",
                        "civility": "honorific-prefix"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def registration_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("consent", "website")}
        return data


class SessionMessageForm(forms.Form):
    subject = forms.CharField(label="Objet", max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Envoyé par e-mail, un par participant, à chaque personne inscrite "
                                     "(place confirmée ou liste d'attente).")


class CheckinSearchForm(forms.Form):
    q = forms.CharField(label="Nom, prénom, organisation ou e-mail", max_length=100, required=False)
