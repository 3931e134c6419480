from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from .login_protection import allow_password_reset
from .tasks import deliver_mail


class EmailAuthenticationForm(AuthenticationForm):
    """Django's message reads "Saisissez un adresse e-mail" and says the address is case-sensitive
    (it is not: the login ignores its case)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect. Le mot de passe distingue les majuscules "
                           "des minuscules."),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """The password-reset mail goes through the task queue like every other mail.

    Past the hourly limit per address or per client no mail is sent, and the visitor sees the same
    "mail sent" page as always (nothing tells whether an account exists or the limit was reached).
    """

    def save(self, *args, request=None, **kwargs):
        if request is not None and not allow_password_reset(request, self.cleaned_data["email"]):
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        deliver_mail.enqueue(subject=subject, body=body, to=[to_email])


class StyleguideExampleForm(forms.Form):
    """The form shown on /styleguide/, bound with mistakes so that every state of a field is visible."""

    name = forms.CharField(label="Nom de la collectivité", max_length=200,
                           error_messages={"required": "Indiquez le nom de la collectivité."})
    email = forms.EmailField(label="Adresse e-mail", help_text="Nous y envoyons la confirmation.",
                             error_messages={"invalid": "Saisissez une adresse e-mail valide, ex. : nom@ville.fr"})
    kind = forms.ChoiceField(label="Type de collectivité", required=False,
                             choices=[("", "—"), ("commune", "Commune"), ("departement", "Département"),
                                      ("region", "Région")])
    message = forms.CharField(label="Message", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label="J'accepte que CUF conserve ces informations le temps de traiter ma demande.",
                                 error_messages={"required": "Cochez la case pour envoyer votre demande."})
