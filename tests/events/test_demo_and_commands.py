"""Demo content from the seeds, and the management commands."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from events import demo
from events.models import Edition, Registration, Session, SessionRole

from .factories import EditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_the_14th_edition_exactly_and_is_idempotent():
    for _ in range(2):
        demo.load(io.StringIO())
    edition = Edition.objects.get(number=14)
    assert (edition.starts_on, edition.ends_on) == (dt.date(2023, 9, 18), dt.date(2023, 9, 19))
    assert edition.theme == ("Quelle contribution des collectivités territoriales à la résolution des grands "
                             "enjeux mondiaux ?")
    sessions = list(edition.sessions.order_by("number"))
    assert [s.number for s in sessions] == list(range(15))
    japan = sessions[7]
    assert japan.title == "Réunion du groupe-pays Japon" and japan.kind == Session.Kind.COUNTRY_GROUP
    assert (japan.day, japan.start_time, japan.end_time) == (dt.date(2023, 9, 18), dt.time(16, 30), dt.time(18))
    roles = list(japan.roles.select_related("person"))
    assert [(r.role, r.person.name) for r in roles] == [
        ("animation", "Karima ZERKANI-RAYNAL"), ("intervention", "Tomohiro NOMURA"), ("intervention", "Kaeko NAKANO")]
    assert roles[1].function == "Directeur général de CLAIR Paris"
    assert sessions[14].report.startswith("Les ODD constituent un « langage commun »")
    assert SessionRole.objects.filter(session__edition=edition, role="ouverture").count() == 2

    e2017 = Edition.objects.get(slug="2017-paris")
    assert e2017.venue == "Pavillon d'Armenonville"
    partners = [p.acronym or p.name for p in e2017.partners.order_by("order")]
    assert partners == ["MEAE / DAECT", "AFD", "PLATFORMA", "CGLU"]
    odd = e2017.sessions.get(number=1)
    assert (odd.day, odd.start_time, odd.end_time) == (dt.date(2017, 10, 9), dt.time(16), dt.time(17, 30))
    assert e2017.sessions.filter(title="Pavillon Maroc").exists()

    upcoming = Edition.objects.get(slug="prochaines-rencontres")
    assert upcoming.registration_is_open and not upcoming.is_past


def test_anonymise_registrations_command():
    old = EditionFactory(starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 1, 2))
    RegistrationFactory(edition=old)
    out = io.StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert "1 inscription anonymisée (conservation" in out.getvalue()
    assert Registration.objects.get().anonymised_at is not None


def test_demo_group_meetings_are_linked_to_their_group_and_the_session_page_links_to_it(reference, client):
    from groupes_pays import demo as groups_demo

    groups_demo.load(io.StringIO())  # load_demo runs the groups before the Rencontres
    demo.load(io.StringIO())
    # Seed 002 (programme of the 14th Rencontres, 2023): the group meetings are sessions 2 (groupe-pays
    # Israël), 4 (Dynamique Amérique latine et Caraïbes), 6 (groupe-pays Palestine), 7 (groupe-pays Japon)
    # and 10 (groupe thématique « … des droits des femmes dans le monde »).
    linked_2023 = dict(Session.objects.filter(edition__slug="2023-paris", group__isnull=False)
                       .values_list("number", "group__name"))
    assert sorted(linked_2023) == [2, 4, 6, 7, 10]
    # Rule: a session linked to a group is that group's meeting, so its title names the group.
    for session in Session.objects.filter(group__isnull=False).select_related("group"):
        name = session.group.name.removeprefix("Groupe-pays ").lower()
        assert name in session.title.lower(), (session.title, session.group.name)
    # Every country-group or thematic-group meeting of the demo has its group.
    assert not Session.objects.filter(kind__in=[Session.Kind.COUNTRY_GROUP, Session.Kind.THEMATIC_GROUP],
                                      group__isnull=True).exists()
    html = client.get("/rencontres/2023-paris/sessions/7/").content.decode()
    assert '<a href="/groupes/japon/">Groupe-pays Japon</a>' in html
    assert client.get("/groupes/japon/").status_code == 200
    programme = client.get("/rencontres/2023-paris/programme/").content.decode()
    assert 'Groupe : <a href="/groupes/israel/">Groupe-pays Israël</a>' in programme
    assert "Horaire non communiqué" in programme  # the opening plenary: the seed gives no time


def test_load_demo_loads_the_groups_before_the_rencontres():
    from cuf_portal.management.commands.load_demo import DEMO_MODULES

    assert DEMO_MODULES.index("groupes_pays.demo") < DEMO_MODULES.index("events.demo")
