from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from .tasks import deliver_mail


class QueuedPasswordResetForm(PasswordResetForm):
    """The password-reset mail goes through the task queue like every other mail."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        deliver_mail.enqueue(subject=subject, body=body, to=[to_email])
