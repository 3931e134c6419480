"""Country lists sort as a French dictionary does and show names in reading order (issue 13)."""

import re

import pytest
from lxml import html as lxml_html

from atlas.models import Country
from atlas.reference import collated, collation_key, country_name

pytestmark = pytest.mark.django_db


def test_the_database_orders_countries_with_accented_letters_in_their_place(reference):
    names = list(Country.objects.order_by(collated("name")).values_list("name", flat=True))
    assert names.index("Danemark") < names.index("Égypte") < names.index("Espagne")
    assert names.index("Estonie") < names.index("États-Unis") < names.index("Éthiopie") < names.index("Fidji")
    assert names.index("Sénégal") < names.index("Serbie") < names.index("Syrie") < names.index("Zimbabwe")
    assert names.index("Îles Salomon") < names.index("Inde")


def test_atlas_search_country_filter_is_in_french_order(client, reference):
    page = client.get("/atlas/")
    select = re.search(r'<select name="country".*?</select>', page.content.decode(), re.S)
    assert select, "the Atlas search offers a country filter"
    names = [o.text_content() for o in lxml_html.fromstring(select.group(0)).xpath("//option")][1:]
    assert names.index("Égypte") < names.index("Espagne") and names.index("Sénégal") < names.index("Serbie")


def test_inverted_iso_names_read_in_order_in_both_languages(reference):
    names = dict(Country.objects.values_list("iso2", "name"))
    assert names["RE"] == "La Réunion" and names["CX"] == "Île Christmas" and names["SB"] == "Îles Salomon"
    assert not [name for name in names.values() if ", " in name and "Bonaire" not in name and "Sainte-Hélène"
                not in name]
    micronesia = Country.objects.get(iso2="FM")
    assert country_name(micronesia, "en") == "Micronesia" and country_name(micronesia, "fr") == "Micronésie"


def test_collation_key_puts_accents_with_their_letter():
    assert sorted(["Zambie", "Égypte", "Espagne", "Danemark"], key=collation_key) == [
        "Danemark", "Égypte", "Espagne", "Zambie"]
