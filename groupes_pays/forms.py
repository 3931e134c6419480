from django import forms

from .models import Group, Partner


class GroupSearchForm(forms.Form):
    q = forms.CharField(label="Rechercher un groupe", required=False, max_length=100,
                        help_text="Nom du groupe, pays, zone ou président·e ; accents facultatifs.")
    kind = forms.ChoiceField(label="Type de groupe", required=False,
                             choices=[("", "Tous les types")] + list(Group.Kind.choices))
    archived = forms.BooleanField(label="Inclure les groupes archivés", required=False)


class AgendaFilterForm(forms.Form):
    group = forms.ModelChoiceField(label="Groupe", required=False, queryset=Group.objects.none(),
                                   empty_label="Tous les groupes et rendez-vous CUF", to_field_name="slug")
    q = forms.CharField(label="Mot-clé", required=False, max_length=100)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.filter(is_active=True)


class NewsFilterForm(AgendaFilterForm):
    group = forms.ModelChoiceField(label="Groupe", required=False, queryset=Group.objects.none(),
                                   empty_label="Tous les groupes", to_field_name="slug")


class PartnerFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Type de partenaire ou de réseau", required=False,
                             choices=[("", "Tous")] + list(Partner.Kind.choices))


class JoinRequestForm(forms.Form):
    group = forms.ModelChoiceField(label="Groupe à rejoindre", queryset=Group.objects.none(),
                                   empty_label="Choisissez un groupe")
    message = forms.CharField(label="Message à l'équipe de CUF", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.filter(is_active=True)
