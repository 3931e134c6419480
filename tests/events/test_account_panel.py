"""The « Mes Rencontres » panel of the account page: the user's registrations, found by their address."""

import datetime as dt

import pytest
from django.utils import timezone

from events import services
from events.models import Registration

from .factories import EditionFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def panel(html):
    start = html.index('<h2 id="panel-mes-rencontres">')
    return html[start:html.index("</section>", start)]


def test_the_panel_lists_the_users_registrations_with_their_seats(client, user):
    edition = EditionFactory(title="Rencontres 2027")
    registration = RegistrationFactory(edition=edition, email=user.email.upper())  # the address, any case
    morning = SessionFactory(edition=edition, start_time=dt.time(9, 0), end_time=dt.time(10, 30))
    afternoon = SessionFactory(edition=edition)
    services.choose_sessions(registration, [morning.pk, afternoon.pk])
    RegistrationFactory(edition=edition)  # someone else's
    client.force_login(user)

    html = panel(client.get("/compte/").content.decode())
    assert "Rencontres 2027 : inscription confirmée, 2 sessions." in html
    assert f'href="/rencontres/{edition.slug}/inscription/"' in html  # to receive the private link again
    assert html.count("<li>") == 1


def test_past_editions_are_left_out_and_the_next_one_is_offered(client, user):
    past = EditionFactory(title="Rencontres passées", starts_on=timezone.localdate() - dt.timedelta(days=40),
                          ends_on=timezone.localdate() - dt.timedelta(days=39))
    RegistrationFactory(edition=past, email=user.email)
    upcoming = EditionFactory(title="Rencontres à venir")
    client.force_login(user)

    html = panel(client.get("/compte/").content.decode())
    assert "Rencontres passées" not in html
    assert "Vous n'avez pas d'inscription aux Rencontres à venir." in html
    assert f'<a href="/rencontres/{upcoming.slug}/inscription/">S\'inscrire</a>' in html


def test_a_pending_registration_says_so_and_counts_no_session(client, user):
    edition = EditionFactory(title="Rencontres 2027")
    RegistrationFactory(edition=edition, email=user.email, status=Registration.Status.PENDING)
    client.force_login(user)
    html = panel(client.get("/compte/").content.decode())
    assert "Rencontres 2027 : inscription en attente de confirmation de l&#x27;adresse, 0 session." in html
