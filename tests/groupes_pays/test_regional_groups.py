"""Regional dynamics (« Dynamiques régionales »): listed in their own section, filtered, with their zone."""

import pytest
from django.urls import reverse

from groupes_pays.models import Group

from .factories import GroupFactory, MeetingFactory, ThematicGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    regional = GroupFactory(kind=Group.Kind.REGIONAL, country=None, name="Dynamique Amérique latine et Caraïbes",
                            slug="dynamique-amerique-latine-et-caraibes", zone="Amérique latine et Caraïbes")
    country = GroupFactory(name="Groupe-pays Japon", slug="japon-test")
    thematic = ThematicGroupFactory(name="Crises et réhabilitation", slug="crises-test")
    return regional, country, thematic


def _section(html, heading):
    """The HTML under `heading` up to the next h2."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start:end if end != -1 else None]


def test_the_groups_page_has_a_section_of_regional_dynamics(client, groups):
    regional, country, thematic = groups
    html = client.get(reverse("groupes_pays:index")).content.decode()
    section = _section(html, "Dynamiques régionales")
    assert regional.name in section and country.name not in section and thematic.name not in section
    assert regional.name not in _section(html, "Groupes-pays")


def test_the_kind_filter_keeps_the_regional_dynamics_only(client, groups):
    regional, country, thematic = groups
    response = client.get(reverse("groupes_pays:index"), {"kind": "regional"})
    html = response.content.decode()
    assert response.context["count"] == 1
    assert regional.name in html and country.name not in html and thematic.name not in html


def test_a_regional_dynamic_page_names_its_zone_and_lists_its_meetings(client, groups):
    regional = groups[0]
    MeetingFactory(group=regional, title="Réunion de la Dynamique Amérique latine et Caraïbes")
    MeetingFactory(group=groups[1], title="Comité franco-japonais")
    html = client.get(regional.get_absolute_url()).content.decode()
    assert "Dynamique régionale — Amérique latine et Caraïbes" in html
    assert "Réunion de la Dynamique Amérique latine et Caraïbes" in html and "Comité franco-japonais" not in html
    # A zone is no country: no Atlas country directory on the page.
    assert "Répertoire des partenariats de coopération décentralisée" not in html
