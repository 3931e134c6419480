from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def deliver_mail(subject, body, to, html=None, reply_to=None, attachments=None):
    """Send one e-mail; run by the task worker (`manage.py db_worker`)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to),
        reply_to=list(reply_to) if reply_to else None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    message.send()
    return len(to)
