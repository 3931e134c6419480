"""The e-APD statistics and the world page map the APD declared per beneficiary country (choropleth from
the shared include atlas/includes/choropleth.html, with its table)."""

import json
import re
from decimal import Decimal

from atlas.models import Country
from fonds import services
from fonds.models import DacSector
from tests.factories import CollectivityFactory, UserFactory

from .factories import CampaignFactory


def table_rows(html, slug):
    table = html.split(f'id="{slug}-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th><td class="num"[^>]*>([^<]+)</td>', table)


def chart_data(html, slug):
    return json.loads(html.split(f'id="{slug}-data" type="application/json">')[1].split("</script>")[0])


def validate(amount, iso2="SN", name="Nantes Métropole"):
    campaign = CampaignFactory(year=2025)
    french = CollectivityFactory(name=name, country=Country.objects.get(iso2="FR"), kind="epci")
    declaration = services.start_declaration(french, campaign)
    services.add_line(declaration, country=Country.objects.get(iso2=iso2), category="cooperation",
                      sector=DacSector.objects.get(code="43030"), amount=Decimal(amount), label="Action")
    services.submit_declaration(declaration, None, "Camille Martin", "Chargée de mission", True)
    services.validate_declaration(declaration, UserFactory(is_staff=True, is_superuser=True))


def test_eapd_statistics_and_world_panel_map_the_declared_apd(client, eapd_reference):
    assert "apd-par-pays-table" not in client.get("/fonds/e-apd/statistiques/").content.decode()
    validate("5000")
    html = client.get("/fonds/e-apd/statistiques/").content.decode()
    assert table_rows(html, "apd-par-pays") == [("/atlas/pays/senegal/", "Sénégal", "5\u202f000\u00a0€")]
    world = client.get("/atlas/monde/").content.decode()
    assert table_rows(world, "apd-par-pays") == [("/atlas/pays/senegal/", "Sénégal", "5\u202f000\u00a0€")]
    assert chart_data(world, "apd-par-pays")["countries"]["686"][1] == "Sénégal : 5\u202f000\u00a0€"
    validate("1000", iso2="ML", name="Rennes Métropole")  # at once on both pages (cached per e-APD version)
    assert len(table_rows(client.get("/fonds/e-apd/statistiques/").content.decode(), "apd-par-pays")) == 2
    assert len(table_rows(client.get("/atlas/monde/").content.decode(), "apd-par-pays")) == 2
