"""Outgoing e-mail always goes through the task queue.

Enqueuing writes a row in the same database transaction as the change that caused the
mail, so a rolled-back change sends nothing and a committed one is never lost.
"""

from django.conf import settings
from django.template import Context, engines

from .tasks import deliver_mail


def render_text(template_name, context):
    """Render a plain-text mail template: nothing is HTML-escaped (an apostrophe stays an
    apostrophe, never « &#x27; »), whatever the template remembers to say."""
    template = engines["django"].engine.get_template(template_name)
    return template.render(Context(context, autoescape=False))


def send_templated_mail(to, template, context, reply_to=None):
    """Queue the mail rendered from `<template>_subject.txt` and `<template>.txt`."""
    if isinstance(to, str):
        to = [to]
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_text(f"{template}_subject.txt", context).split())
    body = render_text(f"{template}.txt", context)
    return deliver_mail.enqueue(subject=subject, body=body, to=list(to), reply_to=reply_to)


def notify_staff(template, context):
    """Queue a mail to the CUF staff addresses (STAFF_NOTIFICATION_EMAILS)."""
    return send_templated_mail(settings.STAFF_NOTIFICATION_EMAILS, template, context)
