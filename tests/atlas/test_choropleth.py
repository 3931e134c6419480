"""Choropleths of the world and continent pages and of the e-APD statistics: figures per country on the
vendored basemap, a legend, the same figures as a table, reachable with the keyboard."""

import json
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from atlas.choropleth import choropleth
from atlas.models import Country
from tests.conftest import assert_accessible

from .factories import make_project, partner


def table_rows(html, slug):
    table = html.split(f'id="{slug}-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th><td class="num"[^>]*>([^<]+)</td>', table)


def chart_data(html, slug):
    return json.loads(html.split(f'id="{slug}-data" type="application/json">')[1].split("</script>")[0])


def test_world_choropleth_counts_fiches_per_partner_country_with_the_same_figures_in_its_table(client, atlas):
    make_project([atlas["nancy"]], [partner("Thiès", "SN")], title="Santé à Thiès")
    html = client.get("/atlas/monde/").content.decode()
    assert table_rows(html, "fiches-par-pays") == [("/atlas/pays/senegal/", "Sénégal", "2"),
                                                   ("/atlas/pays/israel/", "Israël", "1")]
    data = chart_data(html, "fiches-par-pays")
    senegal, israel = Country.objects.get(iso2="SN").numeric, Country.objects.get(iso2="IL").numeric
    assert data["countries"][senegal][1:] == ["Sénégal : 2 fiches", "/atlas/pays/senegal/"]
    assert data["countries"][israel][1] == "Israël : 1 fiche"
    assert data["countries"][senegal][0] > data["countries"][israel][0]  # darker class for more fiches
    assert 'class="legend-swatch choropleth-c' in html and "<li><span" in html


def test_continent_choropleth_keeps_only_its_countries(client, atlas):
    html = client.get("/atlas/monde/asie/").content.decode()
    assert table_rows(html, "fiches-par-pays") == [("/atlas/pays/israel/", "Israël", "1")]


def test_classes_and_legend_split_the_values():
    chart = choropleth([(str(n), f"Pays {n}", n, "") for n in (0, 1, 2, 3, 10, 50, 400)] + [("9", "Zéro", 0, "")],
                       slug="x", caption="x", value_label="fiches")
    assert [row.name for row in chart.rows][:2] == ["Pays 400", "Pays 50"] and "Zéro" not in str(chart.rows)
    assert [label for _klass, label in chart.legend] == ["1", "2", "3 à 10", "50", "400"]  # six values, five classes
    money = choropleth([("686", "Sénégal", Decimal("12345.5"), "")], slug="m", caption="m", value_label="APD",
                       money=True)
    assert money.rows[0].shown == "12\u202f346\u00a0€" and money.legend == [(4, "12\u202f346\u00a0€")]


@pytest.mark.browser
def test_world_choropleth_renders_and_is_reachable_with_the_keyboard(transactional_db, page, atlas):
    page.goto("/atlas/monde/")
    chart = page.get_by_role("region", name="Carte : Fiches-projets par pays partenaire")
    expect(chart).to_have_attribute("data-countries", "2")
    senegal = chart.get_by_role("link", name="Sénégal : 1 fiche")
    expect(senegal).to_have_attribute("tabindex", "0")
    expect(chart.get_by_role("link", name="Israël : 1 fiche")).to_have_attribute("tabindex", "0")
    fill = senegal.get_attribute("fill")
    assert fill and fill != "#f7f5ef"  # coloured by its class
    page.evaluate("document.querySelector('.choropleth-map').focus()")  # the map itself (Leaflet: tabindex 0)
    for _ in range(40):  # Tab from the map reaches the countries with a figure
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Sénégal : 1 fiche":
            break
        page.keyboard.press("Tab")
    expect(page.locator(".leaflet-tooltip")).to_contain_text("Sénégal : 1 fiche")
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/atlas/pays/senegal/$"))
    assert page.js_errors == []
