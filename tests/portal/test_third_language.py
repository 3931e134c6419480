"""A third language (Spanish, for the Latin-American delegations) costs a catalogue, nothing more.

The test adds Spanish to LANGUAGES with a small catalogue of its own (written and compiled here,
as a translator's django.po would be) and no other change: the pages answer under /es/, speak
Spanish where the catalogue does, offer Spanish in the language switch, show the staff's French
content marked lang="fr", and a registration made in Spanish gets its mails in Spanish.
"""

import re

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from events import services
from tests.events.factories import EditionFactory, RegistrationFactory, SessionFactory
from tests.factories import FranceFactory

pytestmark = pytest.mark.django_db

SPANISH = {
    "Aller au contenu": "Ir al contenido",
    "Inscription aux Rencontres": "Inscripción a los Encuentros",
    "Prénom": "Nombre",
    "M'inscrire": "Inscribirme",
    "Confirmez votre inscription — %(title)s": "Confirme su inscripción — %(title)s",
    "Une place s'est libérée pour vous : %(title)s": "Una plaza para usted: %(title)s",
}


@pytest.fixture
def spanish(tmp_path):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es",
                          "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for msgid, msgstr in SPANISH.items():
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save_as_mofile(str(folder / "django.mo"))
    with override_settings(LANGUAGES=[*settings.LANGUAGES, ("es", "Español")],
                           LOCALE_PATHS=[*settings.LOCALE_PATHS, tmp_path / "locale"]):
        yield


def spanish_url(name, *args):
    with translation.override("es"):
        return reverse(name, args=args)


def test_a_third_language_needs_only_its_catalogue(client, spanish):
    edition = EditionFactory(title="Rencontres de l'action internationale")
    url = spanish_url("events:register", edition.slug)
    assert url.startswith("/es/rencontres/")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="es">' in html
    assert ">Ir al contenido</a>" in html and "Inscripción a los Encuentros" in html and "Nombre" in html
    assert '<span aria-current="true" lang="es">Español</span>' in html
    assert 'hreflang="es"' in html and f'href="/en/rencontres/{edition.slug}/inscription/" hreflang="en"' in html
    # No Spanish text from the staff yet: the French one, said to be French.
    assert "<span lang=\"fr\">Rencontres de l&#x27;action internationale</span>" in html
    # Django's own messages come in Spanish from Django's catalogues.
    response = client.post(url, {"email": "wrong"})
    assert "Este campo es obligatorio." in response.content.decode()


def test_a_registration_made_in_the_third_language_gets_its_mails_in_it(client, spanish):
    edition = EditionFactory(title="Rencontres 2031")
    session = SessionFactory(edition=edition, title="Atelier ODD", capacity=1)
    holder = RegistrationFactory(edition=edition)
    services.choose_sessions(holder, [session.pk])
    client.post(spanish_url("events:register", edition.slug), {
        "first_name": "Ana", "last_name": "Pérez", "email": "ana@ejemplo.test", "organisation": "Bogotá",
        "function": "Alcaldesa", "category": "collectivite_etr", "country": FranceFactory().pk, "consent": "on"})
    [link] = mail.outbox
    assert link.subject == "Confirme su inscripción — Rencontres 2031"
    token = re.search(r"/es/rencontres/inscription/([^/]+)/confirmer/", link.body).group(1)
    client.post(spanish_url("events:confirm", token))
    client.post(spanish_url("events:choose", token), {"sessions": [session.pk]})
    with translation.override("fr"):
        services.cancel_registration(holder)
    assert mail.outbox[-1].subject == "Una plaza para usted: Atelier ODD"
