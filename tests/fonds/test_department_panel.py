"""The APD panel on the Atlas département pages: validated declarations of that département's collectivities."""

import re
from decimal import Decimal

import pytest

from atlas.models import Country, Department
from fonds import services
from fonds.models import DacSector
from tests.factories import CollectivityFactory, UserFactory

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def declare(collectivity, campaign, amount, iso2="SN", validate=True):
    declaration = services.start_declaration(collectivity, campaign)
    services.add_line(declaration, country=Country.objects.get(iso2=iso2), category="cooperation",
                      sector=DacSector.objects.get(code="43030"), amount=Decimal(amount), label="Action")
    declaration = services.submit_declaration(declaration, None, "Camille Martin", "Chargée de mission", True)
    if validate:
        services.validate_declaration(declaration, UserFactory(is_staff=True))
    return declaration


def french(name, department_code):
    department = Department.objects.get(code=department_code)
    return CollectivityFactory(name=name, country=Country.objects.get(iso2="FR"), department=department,
                               region=department.region)


def apd_panel(client, url):
    html = client.get(url).content.decode()
    match = re.search(r'<section class="card panel-apd".*?</section>', html, re.S)
    return match.group(0) if match else None


def test_the_departement_page_sums_the_validated_apd_of_its_collectivities_by_year(client, eapd_reference):
    lille, roubaix, nancy = french("Lille", "59"), french("Roubaix", "59"), french("Nancy", "54")
    declare(lille, CampaignFactory(year=2024), "1000")
    declare(lille, CampaignFactory(year=2025), "2500.40")
    declare(roubaix, CampaignFactory(year=2025), "500", iso2="MA")
    declare(nancy, CampaignFactory(year=2025), "90000")  # another département
    declare(french("Tourcoing", "59"), CampaignFactory(year=2025), "7000", validate=False)  # not validated

    panel = apd_panel(client, "/atlas/departements/59-nord/")
    assert "APD déclarée par les collectivités du département (Nord)" in panel
    rows = re.findall(r'<th scope="row">(\d{4})</th><td class="num"[^>]*>([^<]+)</td>', panel)
    assert sorted(rows) == [("2024", "1\u202f000\u00a0€"), ("2025", "3\u202f000\u00a0€")]  # 2 500,40 + 500


def test_a_departement_without_validated_apd_shows_no_panel(client, eapd_reference):
    declare(french("Nancy", "54"), CampaignFactory(year=2025), "90000")
    assert apd_panel(client, "/atlas/departements/59-nord/") is None
    assert "(Meurthe-et-Moselle)" in apd_panel(client, "/atlas/departements/54-meurthe-et-moselle/")
