"""Nothing lost silently: protected deletions with an admin message, row errors on import, e-APD fiche links."""

from decimal import Decimal

import pytest
import tablib

from atlas import moderation
from atlas.models import Collectivity, Country, Project, ProjectChangeRequest
from atlas.resources import ProjectResource
from fonds import services
from fonds.models import DacSector, DeclarationLine
from fonds.reference import load_eapd_reference
from tests.atlas.account_factories import partner_collectivity, project_of
from tests.factories import CollectivityFactory, CollectivityMemberFactory
from tests.fonds.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared(reference):
    """Nantes declares a validated line naming its fiche with Saint-Louis and that partner."""
    load_eapd_reference()
    nantes = CollectivityFactory(name="Nantes Métropole", country=Country.objects.get(iso2="FR"))
    saint_louis = partner_collectivity(name="Saint-Louis", slug="saint-louis")
    fiche = project_of(nantes, saint_louis, title="Eau à Saint-Louis", slug="eau-saint-louis", is_published=True)
    declaration = services.start_declaration(nantes, CampaignFactory(year=2025))
    line = add_line(declaration, project=fiche, partner=saint_louis)
    services.submit_declaration(declaration, None, "Camille Martin", "Chargée de mission", True)
    return {"nantes": nantes, "saint_louis": saint_louis, "fiche": fiche, "declaration": declaration, "line": line}


def add_line(declaration, **extra):
    return services.add_line(declaration, country=Country.objects.get(iso2="SN"), category="cooperation",
                             sector=DacSector.objects.get(code="43030"), amount=Decimal("1000"), label="Action",
                             **extra)


def test_deleting_a_fiche_named_by_an_e_apd_line_is_refused_in_the_admin(client, staff_user, declared):
    client.force_login(staff_user)
    url = f"/admin/atlas/project/{declared['fiche'].pk}/delete/"
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Impossible de supprimer" in response.content.decode()  # Django's French page, listing the protected line
    assert Project.objects.filter(pk=declared["fiche"].pk).exists()
    assert DeclarationLine.objects.get(pk=declared["line"].pk).project_id == declared["fiche"].pk


def test_deleting_a_partner_named_by_an_e_apd_line_is_refused_in_the_admin(client, staff_user, declared):
    client.force_login(staff_user)
    partner = declared["saint_louis"]
    response = client.post("/admin/atlas/collectivity/", {"action": "delete_selected", "_selected_action": [partner.pk],
                                                          "post": "yes"})
    assert response.status_code == 200 and "Impossible de supprimer" in response.content.decode()
    assert Collectivity.objects.filter(pk=partner.pk).exists()
    assert DeclarationLine.objects.get(pk=declared["line"].pk).partner_id == partner.pk


def test_deleting_a_collectivity_with_moderation_history_is_refused(client, staff_user, reference):
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(name="Lille"))
    moderation_data = moderation.normalize({"title": "Jumelage", "kind": "jumelage", "status": "en_cours",
                                            "start_year": 2020})
    request = ProjectChangeRequest.objects.create(collectivity=member.collectivity, author=member.user,
                                                  data=moderation_data)
    client.force_login(staff_user)
    response = client.post(f"/admin/atlas/collectivity/{member.collectivity.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200 and "Impossible de supprimer" in response.content.decode()
    assert ProjectChangeRequest.objects.filter(pk=request.pk).exists()


def test_an_e_apd_line_names_only_a_published_fiche_of_the_declaring_collectivity(declared):
    other = CollectivityFactory(name="Grabels", country=Country.objects.get(iso2="FR"))
    foreign_fiche = project_of(other, declared["saint_louis"], title="Fiche de Grabels", is_published=True)
    draft = project_of(declared["nantes"], declared["saint_louis"], title="Brouillon", is_published=False)
    declaration = services.start_declaration(declared["nantes"], CampaignFactory(year=2026))
    for fiche in (foreign_fiche, draft):
        with pytest.raises(services.DeclarationError, match="fiche publiée de l'Atlas à laquelle votre collectivité"):
            add_line(declaration, project=fiche)
    assert add_line(declaration, project=declared["fiche"]).project == declared["fiche"]


def test_the_declaration_page_explains_a_refused_fiche(client, declared):
    member = CollectivityMemberFactory(collectivity=declared["nantes"])
    other = project_of(CollectivityFactory(country=Country.objects.get(iso2="FR")), declared["saint_louis"],
                       title="Fiche d'une autre", slug="fiche-autre", is_published=True)
    declaration = services.start_declaration(declared["nantes"], CampaignFactory(year=2026))
    client.force_login(member.user)
    sector = DacSector.objects.get(code="43030")
    response = client.post(f"/fonds/e-apd/declarations/{declaration.pk}/lignes/ajouter/", {
        "label": "Action", "country": "SN", "category": "cooperation", "sector": sector.pk, "amount": "100",
        "partner": "", "project": other.slug})
    assert response.status_code == 400
    assert "votre collectivité participe" in response.content.decode().replace("&#x27;", "'")
    assert not declaration.lines.exists()


def _import_errors(themes, sdgs):
    dataset = tablib.Dataset(headers=["slug", "title", "kind", "status", "start_year", "themes", "sdgs",
                                      "is_published"])
    dataset.append(["fiche-importee", "Fiche importée", "cooperation", "en_cours", 2015, themes, sdgs, 1])
    result = ProjectResource().import_data(dataset, dry_run=False)
    assert not Project.objects.filter(slug="fiche-importee").exists()
    return " ".join(str(error.error) for _, errors in result.row_errors() for error in errors) + " ".join(
        str(message) for row in result.invalid_rows for message in row.error.messages)


@pytest.mark.parametrize("themes, sdgs, unknown", [("patrimoine,theme-inconnu", "11", "« theme-inconnu »"),
                                                   ("patrimoine", "11,99", "« 99 »")])
def test_an_import_row_with_an_unknown_theme_or_goal_is_a_row_error(reference, themes, sdgs, unknown):
    assert unknown in _import_errors(themes, sdgs)
