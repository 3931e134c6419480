"""Browser journeys: declaring APD then validation by staff; pledging then receipt by staff."""

import re

import pytest
from playwright.sync_api import expect

from atlas.models import Country
from fonds.reference import load_eapd_reference
from tests.conftest import assert_accessible
from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory

from .factories import CampaignFactory, FundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("button", name="Se déconnecter").click()


def _admin_action(page, url, row_text, action_label):
    page.goto(url)
    row = page.locator("#result_list tbody tr", has_text=row_text)
    row.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option(label=action_label)
    page.locator("button[name=index], input[name=index]").first.click()


def test_collectivity_declares_three_lines_staff_validates_amount_on_country_page(page, login, reference):
    load_eapd_reference()
    CampaignFactory(year=2025)
    france = Country.objects.get(iso2="FR")
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(name="Ville de Poitiers", country=france))
    staff = UserFactory(is_staff=True, is_superuser=True)

    login(member.user)
    page.goto("/fonds/e-apd/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Déclarer l'APD 2025")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Déclaration de l'APD 2025")
    for label, country, amount in (("Coopération avec Kayes", "Mali", "10 000"),
                                   ("1 % eau à Saint-Louis", "Sénégal", "2 500,50"),
                                   ("Coopération avec Kayes, volet santé", "Mali", "4 000")):
        page.get_by_label("Intitulé de l'action").fill(label)
        page.get_by_label("Pays bénéficiaire").select_option(label=country)
        page.get_by_label("Catégorie").select_option(index=1)
        page.get_by_label("Secteur (code CAD)").select_option(value="43030")
        page.get_by_label("Montant versé").fill(amount)
        page.get_by_role("button", name="Ajouter la ligne").click()
        expect(page.get_by_text("Ligne ajoutée.")).to_be_visible()
    expect(page.locator("[data-total]")).to_have_text("16\u202f500,50\u00a0€")
    assert_accessible(page)
    page.get_by_label("Fonction").fill("Chargée de mission coopération")
    page.get_by_label(re.compile("J'atteste sur l'honneur")).check()
    page.get_by_role("button", name="Soumettre la déclaration").click()
    expect(page.locator("[data-state]")).to_have_text("Soumise")
    expect(page.get_by_role("button", name="Ajouter la ligne")).to_have_count(0)
    _logout(page)

    login(staff)
    _admin_action(page, "/admin/fonds/declaration/", "Ville de Poitiers",
                  "Valider les déclarations sélectionnées")
    page.get_by_label("Commentaire pour la collectivité").fill("Merci pour votre déclaration.")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("1 déclaration validée.")).to_be_visible()

    mali = Country.objects.get(iso2="ML")
    page.goto(mali.get_absolute_url())  # the Atlas country page
    panel = page.locator(".panel-apd")
    expect(panel).to_contain_text("2025")
    expect(panel).to_contain_text("14\u202f000\u00a0€")
    assert_accessible(page)
    page.goto("/fonds/e-apd/statistiques/")
    expect(page.locator("body")).to_contain_text("16\u202f501\u00a0€ déclarés et validés")
    assert_accessible(page)


def test_collectivity_pledges_staff_records_receipt_progress_moves(page, login, reference, tmp_path):
    fund = FundFactory(name="Fonds de solidarité pour le Maroc", slug="fonds-maroc",
                       country=Country.objects.get(iso2="MA"), target=40000)
    france = Country.objects.get(iso2="FR")
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(name="Ville de Tours", country=france))
    staff = UserFactory(is_staff=True, is_superuser=True)
    decision = tmp_path / "deliberation.pdf"
    decision.write_bytes(b"%PDF-1.4\n% deliberation\n")

    login(member.user)
    page.goto("/fonds/")
    assert_accessible(page)
    page.get_by_role("link", name=fund.name).click()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")
    page.get_by_role("link", name="Contribuer au fonds").click()
    page.get_by_label("Montant de la contribution").fill("10 000")
    page.get_by_label("Référence de la délibération").fill("Délibération n° 2026-118 du 20 novembre 2026")
    page.get_by_label(re.compile("Délibération \\(PDF")).set_input_files(str(decision))
    page.get_by_label(re.compile("J'accepte que le montant")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer la promesse de contribution").click()
    expect(page.get_by_text("Merci ! Votre promesse de contribution est enregistrée.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Promesse (délibération votée)")
    assert_accessible(page)
    _logout(page)

    login(staff)
    _admin_action(page, "/admin/fonds/contribution/", "Ville de Tours",
                  "Enregistrer la réception des versements sélectionnés")
    page.get_by_role("button", name="Enregistrer la réception").click()
    expect(page.get_by_text("1 versement enregistré dans le registre.")).to_be_visible()

    page.goto(f"/fonds/{fund.slug}/")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")
    expect(page.locator("[data-received]").first).to_have_text("10\u202f000\u00a0€")
    expect(page.locator("#registre")).to_be_visible()
    expect(page.locator("table.ledger")).to_contain_text("Versement de Ville de Tours")
    assert_accessible(page)
