"""E-mail login, brute-force lock-out, password reset through the queue, roles."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from tests.factories import CollectivityMemberFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client, user, password):
    response = client.post("/compte/connexion/", {"username": user.email.upper(), "password": password})
    assert response.status_code == 302 and response.url == "/compte/"
    page = client.get("/compte/").content.decode()
    assert user.email in page


def test_wrong_password_shows_french_message(client, user):
    response = client.post("/compte/connexion/", {"username": user.email, "password": "faux"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary" role="alert"'):]  # the error summary, focused on load
    assert ("<li>Adresse e-mail ou mot de passe incorrect. Le mot de passe distingue les majuscules des "
            "minuscules.</li>") in summary[:summary.index("</div>")]
    assert f'value="{user.email}"' in html  # the address is kept, the password is not
    assert 'value="faux"' not in html
    assert "_auth_user_id" not in client.session
    assert client.get("/compte/").status_code == 302  # still logged out


def test_lock_out_lasts_one_hour(client, user, password):
    """Five failures lock the account; after 59 minutes it is still locked, after an hour it opens."""
    import datetime

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        client.post("/compte/connexion/", {"username": user.email, "password": "faux"})
    locked = client.post("/compte/connexion/", {"username": user.email, "password": password})
    assert locked.status_code == 429 and "bloquée pendant une heure" in locked.content.decode()

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=59))
    assert client.post("/compte/connexion/", {"username": user.email, "password": password}).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=61))
    response = client.post("/compte/connexion/", {"username": user.email, "password": password})
    assert response.status_code == 302 and response.url == "/compte/"


def test_login_is_locked_after_repeated_failures(client, user, password):
    for attempt in range(5):
        email = user.email.upper() if attempt % 2 else user.email
        client.post("/compte/connexion/", {"username": email, "password": "faux"})
    response = client.post("/compte/connexion/", {"username": user.email, "password": password})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()


def test_account_page_requires_login(client):
    response = client.get("/compte/")
    assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_account_shows_the_linked_collectivity(client):
    member = CollectivityMemberFactory(collectivity__name="Nîmes Métropole")
    client.force_login(member.user)
    assert "Nîmes Métropole" in client.get("/compte/").content.decode()


def test_password_reset_mail_goes_through_the_queue_and_works(client, user):
    response = client.post("/compte/mot-de-passe/oubli/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email] and "mot de passe" in message.subject
    link = re.search(r"http://[^/]+(/compte/mot-de-passe/nouveau/\S+)", message.body).group(1)
    form_url = client.get(link).url
    response = client.post(form_url, {"new_password1": "Nouveau-secret-2026", "new_password2": "Nouveau-secret-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nouveau-secret-2026")


def test_setup_roles_creates_staff_groups_with_permissions():
    call_command("setup_roles")
    atlas = Group.objects.get(name="Éditeurs Atlas")
    assert atlas.permissions.filter(codename="change_collectivity").exists()
    assert not atlas.permissions.filter(content_type__app_label="fonds").exists()
    assert Group.objects.filter(name__in=["Gestion des Rencontres", "Animation des groupes",
                                          "Fonds et e-APD"]).count() == 3
