"""DJANGO_PROXY_COUNT decides where the client address comes from, for every limit keyed by address."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from cuf_portal.client_address import client_address
from events.models import Registration
from tests.events.factories import EditionFactory
from tests.events.test_views import form_data

LOGIN = "/compte/connexion/"


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(PROXY_COUNT=0)
def test_without_trusted_proxy_x_forwarded_for_is_ignored():
    assert client_address(request_from("198.51.100.9", "203.0.113.1")) == "198.51.100.9"


@override_settings(PROXY_COUNT=1)
def test_one_proxy_gives_the_address_it_appended_not_what_the_client_wrote():
    # The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    assert client_address(request_from("10.0.0.2", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_address(request_from("10.0.0.2", "203.0.113.7")) == "203.0.113.7"


@override_settings(PROXY_COUNT=2)
def test_two_proxies_give_the_second_entry_from_the_right():
    assert client_address(request_from("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
    # Only the inner proxy was crossed: its single entry is the client.
    assert client_address(request_from("10.0.0.3", "203.0.113.8")) == "203.0.113.8"


@override_settings(PROXY_COUNT=1)
def test_garbage_or_missing_header_falls_back_to_the_connection_address():
    assert client_address(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"
    assert client_address(request_from("10.0.0.2")) == "10.0.0.2"
    assert client_address(request_from("10.0.0.2", "[2001:db8::5]:443")) == "2001:db8::5"
    assert client_address(request_from("10.0.0.2", "203.0.113.9:51234")) == "203.0.113.9"


def _fail_five_times(client, email, **headers):
    for _ in range(5):
        client.post(LOGIN, {"username": email, "password": "faux"}, **headers)


@pytest.mark.django_db
@override_settings(PROXY_COUNT=1)
def test_lockout_behind_a_proxy_locks_the_attacker_not_everyone(client, user, password):
    _fail_five_times(client, user.email, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    attacker = client.post(LOGIN, {"username": user.email, "password": password},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert attacker.status_code == 429
    owner = client.post(LOGIN, {"username": user.email, "password": password},
                        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert owner.status_code == 302 and owner.url == "/compte/"


@pytest.mark.django_db
@override_settings(PROXY_COUNT=0)
def test_without_proxy_a_forged_header_does_not_escape_the_lockout(client, user, password):
    for i in range(5):
        client.post(LOGIN, {"username": user.email, "password": "faux"},
                    REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    response = client.post(LOGIN, {"username": user.email, "password": password},
                           REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(PROXY_COUNT=1, EVENTS_REGISTRATION_RATE_LIMIT=2)
def test_registration_limit_counts_per_real_client_behind_the_proxy(client):
    edition = EditionFactory()
    url = reverse("events:register", args=[edition.slug])

    def submit(address, n):
        return client.post(url, form_data(edition, email=f"p{n}@exemple.test"),
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address).status_code

    assert [submit("203.0.113.1", n) for n in range(3)] == [302, 302, 429]
    assert submit("203.0.113.2", 10) == 302  # another visitor behind the same balancer
    assert Registration.objects.count() == 3
