"""A participant's journey in Chromium: register, confirm from the e-mail, choose, wait, promotion."""

import re

import pytest
from django.core import mail

from events import services
from events.models import SessionRegistration
from tests.conftest import assert_accessible
from tests.factories import FranceFactory

from .factories import EditionFactory, RegistrationFactory, SessionFactory


def path_of(message):
    line = next(line for line in message.body.splitlines() if "/rencontres/inscription/" in line)
    return line[line.index("/rencontres/"):]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_register_confirm_choose_wait_cancel_and_see_the_promotion(page):
    FranceFactory()
    edition = EditionFactory(title="Rencontres de démonstration")
    full = SessionFactory(edition=edition, title="Réunion du groupe-pays Japon", capacity=1)
    SessionFactory(edition=edition, title="Atelier ODD", capacity=5)  # parallel, same slot
    first = RegistrationFactory(edition=edition, email="premier@exemple.test")
    services.choose_sessions(first, [full.pk])
    mail.outbox.clear()

    page.goto(f"/rencontres/{edition.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="S'inscrire", exact=True).click()
    page.wait_for_url("**/inscription/")
    assert_accessible(page)
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label(re.compile(r"^Nom")).fill("Dupont")
    page.get_by_label("Adresse e-mail").fill("lea.dupont@exemple.test")
    page.get_by_label("Organisation ou collectivité").fill("Ville de Nantes")
    page.get_by_label("Fonction").fill("Adjointe au maire")
    page.get_by_label("Catégorie").select_option(label="Collectivité française")
    page.get_by_label("Pays").select_option(label="France")
    page.get_by_label("J'accepte que Cités Unies France").check()
    page.get_by_role("button", name="M'inscrire").click()
    page.get_by_role("heading", name="Vérifiez votre boîte aux lettres").wait_for()
    assert_accessible(page)

    assert len(mail.outbox) == 1
    page.goto(path_of(mail.outbox[0]))
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.get_by_text("Votre adresse est confirmée").wait_for()
    assert_accessible(page)

    page.get_by_label(re.compile("Réunion du groupe-pays Japon")).check()
    page.get_by_label(re.compile("Atelier ODD")).check()
    page.get_by_role("button", name="Enregistrer mon choix").click()
    page.locator(".message-error", has_text="ont lieu en même temps").wait_for()  # same slot: refused
    assert_accessible(page)
    page.get_by_label(re.compile("Atelier ODD")).uncheck()
    page.get_by_role("button", name="Enregistrer mon choix").click()
    page.get_by_text("Liste d'attente, rang 1").wait_for()

    # The participant holding the seat cancels: Léa is promoted and told by e-mail.
    mail.outbox.clear()
    services.cancel_session(first, full)
    assert [m.to for m in mail.outbox] == [["lea.dupont@exemple.test"]]
    # The promotion mail carries a new private link, which replaces the old one.
    old_link = page.url
    assert page.goto(old_link).status == 404
    page.goto(path_of(mail.outbox[0]))
    page.get_by_text("Place confirmée").wait_for()
    assert SessionRegistration.objects.get(session=full, state="confirmee").registration.email == \
        "lea.dupont@exemple.test"

    page.get_by_role("link", name="Ma confirmation et mon badge").click()
    page.locator(".badge-qr svg").wait_for()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name=re.compile("Me désinscrire de cette session")).click()
    page.get_by_text("est libérée").wait_for()
    page.get_by_text("Vous n'avez encore choisi aucune session.").wait_for()
    assert not page.js_errors


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_programme_and_english_form_are_accessible(page):
    edition = EditionFactory()
    SessionFactory(edition=edition)
    SessionFactory(edition=edition)
    page.goto(f"/rencontres/{edition.slug}/programme/")
    assert_accessible(page)
    page.goto(f"/en/rencontres/{edition.slug}/inscription/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("First name").wait_for()
    assert_accessible(page)
