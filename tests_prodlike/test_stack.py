"""The documented deployment holds: several hosts behind a load balancer share one state.

Every request goes through nginx (round robin over two gunicorn hosts) unless a test reaches one
host directly; the checks at the end read the shared PostgreSQL.
"""

import re
import time

import pytest
from django.conf import settings

from .conftest import Client, body_of, in_parallel

TOKEN_RE = re.compile(r"/rencontres/inscription/([^/\s]+)/confirmer/")
PASSWORD = "Un-mot-de-passe-solide-2026"


@pytest.fixture
def country():
    from tests.factories import FranceFactory

    return FranceFactory()


@pytest.fixture
def workshop(uid):
    from tests.events.factories import EditionFactory, SessionFactory

    edition = EditionFactory(slug=f"pile-{uid}", number=None, title=f"Rencontres de la pile {uid}")
    return SessionFactory(edition=edition, number=1, title="Atelier à places comptées", capacity=4)


@pytest.fixture
def member(uid):
    from tests.factories import CollectivityFactory, CollectivityMemberFactory, FranceFactory, UserFactory

    user = UserFactory(email=f"agent-{uid}@collectivite.test", password=PASSWORD)
    collectivity = CollectivityFactory(name=f"Ville de la pile {uid}", slug=f"ville-pile-{uid}",
                                       country=FranceFactory())
    CollectivityMemberFactory(user=user, collectivity=collectivity)
    return user


def _registration_data(token, email, country):
    return {"csrfmiddlewaretoken": token, "lang": "fr", "civility": "mme", "first_name": "Participante",
            "last_name": "Pile", "email": email, "organisation": "Ville de test", "function": "Chargée de mission",
            "category": "collectivite_fr", "country": str(country.pk), "consent": "on", "website": ""}


def _submit(client, edition, email, country):
    path = f"/rencontres/{edition.slug}/inscription/"
    return client.post(path, _registration_data(client.form(path), email, country))


def _upstreams(responses):
    return {r.upstream for r in responses}


def _away_from_window_edge():
    """The registration limit counts per fixed window: do not straddle two windows."""
    span = settings.EVENTS_REGISTRATION_RATE_WINDOW
    left = span - time.time() % span
    if left < 30:
        time.sleep(left + 1)


def test_registrations_spread_over_both_hosts_fill_the_seats_without_overbooking(stack, workshop, uid, country):
    from events.models import SessionRegistration

    edition = workshop.edition
    emails = [f"p{i}-{uid}@exemple.test" for i in range(12)]

    def register(address):
        client = Client(stack.url)  # one machine per participant
        submitted = _submit(client, edition, address, country)
        assert submitted.status == 302, submitted.text[:500]
        token = TOKEN_RE.search(body_of(stack.wait_for_mail(address))).group(1)
        confirmed = client.post(f"/rencontres/inscription/{token}/confirmer/",
                                {"csrfmiddlewaretoken": client.cookies["csrftoken"]})
        chosen = client.post(f"/rencontres/inscription/{token}/sessions/",
                             {"csrfmiddlewaretoken": client.cookies["csrftoken"], "sessions": [workshop.pk]})
        assert (confirmed.status, chosen.status) == (302, 302), chosen.text[:500]
        return [submitted, confirmed, chosen]

    responses = [r for flow in in_parallel(register, emails) for r in flow]
    assert _upstreams(responses) == {h.removeprefix("http://") for h in stack.hosts}, \
        "nginx spreads the registrations over both hosts"
    seats = SessionRegistration.objects.filter(session=workshop)
    confirmed = seats.filter(state=SessionRegistration.State.CONFIRMED).count()
    waiting = sorted(seats.filter(state=SessionRegistration.State.WAITLISTED).values_list("position", flat=True))
    assert confirmed == workshop.capacity, "every seat taken, none overbooked"
    assert waiting == list(range(1, len(emails) - workshop.capacity + 1)), "the others wait, ranks without gaps"
    assert seats.values("registration").distinct().count() == len(emails)


def test_registration_limit_applies_per_real_client_and_is_exact_across_hosts(stack, workshop, uid, country):
    edition = workshop.edition
    limit = settings.EVENTS_REGISTRATION_RATE_LIMIT
    _away_from_window_edge()
    crowded = Client(stack.url)  # one address, many submits (a shared office, or a robot)
    path = f"/rencontres/{edition.slug}/inscription/"
    token = crowded.form(path)

    def submit(i):  # only POSTs from here: nginx alternates them between the two hosts
        return crowded.post(path, _registration_data(token, f"r{i}-{uid}@exemple.test", country))

    answers = in_parallel(submit, range(limit + 4))
    statuses = sorted(r.status for r in answers)
    assert statuses == [302] * limit + [429] * 4, "exactly the limit, wherever each submit landed"
    assert len(_upstreams(answers)) == 2
    spoofed = _submit(crowded, edition, f"spoof-{uid}@exemple.test", country)
    assert spoofed.status == 429
    spoofed = crowded.post(f"/rencontres/{edition.slug}/inscription/",
                           _registration_data(crowded.cookies["csrftoken"], f"spoof2-{uid}@exemple.test", country),
                           headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed.status == 429, "an X-Forwarded-For sent by the client does not pick another address"
    other = Client(stack.url)
    assert _submit(other, edition, f"other-{uid}@exemple.test", country).status == 302, \
        "another client is not blocked by the first one's submits"


def test_login_lockout_applies_per_real_client_and_is_exact_across_hosts(stack, member):
    limit = settings.AXES_FAILURE_LIMIT
    attacker = Client(stack.url)
    token = attacker.form("/compte/connexion/")
    # Only POSTs from here: nginx alternates them between the two hosts.
    failures = [attacker.post("/compte/connexion/", {"csrfmiddlewaretoken": token, "username": member.email,
                                                     "password": "pas-le-bon-mot-de-passe"}) for _ in range(limit)]
    assert [r.status for r in failures] == [200] * (limit - 1) + [429], \
        "the lock-out falls at the limit, counted over both hosts"
    assert len(_upstreams(failures)) == 2
    assert attacker.login(member.email, PASSWORD).status == 429, "locked out, even with the right password"
    forged = attacker.post("/compte/connexion/", {"csrfmiddlewaretoken": attacker.cookies["csrftoken"],
                                                  "username": member.email, "password": PASSWORD},
                           headers={"X-Forwarded-For": "198.51.100.20"})
    assert forged.status == 429, "an X-Forwarded-For sent by the client does not lift the lock-out"
    colleague = Client(stack.url)
    answer = colleague.login(member.email, PASSWORD)
    assert answer.status == 302 and answer.headers["Location"].endswith("/compte/"), \
        "the account's owner, on another machine, still logs in"


def test_session_started_on_one_host_is_valid_on_the_other(stack, member):
    first, second = stack.hosts
    client = Client(first)
    assert client.get("/compte/", base=second).status == 302, "no session yet: the login page"
    assert client.login(member.email, PASSWORD, base=first).status == 302
    page = client.get("/compte/", base=second)
    assert page.status == 200
    assert member.email in page.text


def test_upload_through_one_host_is_served_by_the_other(stack, member, uid, country):
    from fonds.models import Contribution
    from tests.fonds.factories import FundFactory

    fund = FundFactory(slug=f"fonds-pile-{uid}", name=f"Fonds de la pile {uid}", country=country)
    first, second = stack.hosts
    client = Client(first)
    assert client.login(member.email, PASSWORD, base=first).status == 302
    path = f"/fonds/{fund.slug}/contribuer/"
    content = b"%PDF-1.4\n% deliberation " + uid.encode() + b"\n%%EOF\n"
    answer = client.post(path, {"csrfmiddlewaretoken": client.form(path, base=first), "amount": "1500",
                                "decision_reference": f"Délibération {uid}"},
                         files={"decision_file": ("deliberation.pdf", content, "application/pdf")}, base=first)
    assert answer.status == 302, answer.text[:800]
    contribution = Contribution.objects.get(fund=fund)
    served = client.get(f"/fonds/mes-contributions/{contribution.pk}/deliberation/", base=second)
    assert served.status == 200
    assert served.body == content, "the other host reads the file from the shared media folder"


def test_each_queued_mail_is_sent_once(stack, workshop, uid, country):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    addresses = [f"m{i}-{uid}@exemple.test" for i in range(6)]
    submits = in_parallel(lambda a: _submit(Client(stack.url), workshop.edition, a, country), addresses)
    assert [r.status for r in submits] == [302] * len(addresses)
    mails = DBTaskResult.objects.filter(task_path="cuf_portal.tasks.deliver_mail")
    deadline = time.monotonic() + 90
    while mails.exclude(status=TaskResultStatus.SUCCESSFUL).exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not mails.exclude(status=TaskResultStatus.SUCCESSFUL).exists(), "every queued mail was sent"
    for address in addresses:
        assert len(stack.mails_to(address)) == 1
    sent = stack.mails()
    assert len(sent) == mails.count(), "as many messages written as mails queued over the whole run"
    assert len({m["Message-ID"] for m in sent}) == len(sent)
