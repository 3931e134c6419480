from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

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
    """The password-reset mail goes through the task queue like every other mail."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        deliver_mail.enqueue(subject=subject, body=body, to=[to_email])
