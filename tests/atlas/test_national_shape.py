"""seed_atlas draws the French side from the official registry, with the real Atlas's shape."""

from collections import Counter
from decimal import Decimal

import pytest

from atlas.generate import generate
from atlas.models import Collectivity, FundingLine, Participation, Project


@pytest.fixture
def generated(registry_db):
    return generate("demo")


def test_french_side_is_real_registry_records(generated):
    leads = Collectivity.objects.filter(participations__is_lead=True, participations__project__is_generated=True)
    assert leads.exists()
    assert not leads.filter(is_registry=False).exists()
    assert not leads.filter(is_generated=True).exists()
    assert generated["french"] == 160
    # Argenteuil, if drawn, sits in its real département.
    assert not Collectivity.objects.filter(name="Argenteuil", kind="commune").exclude(department__code="95").exists()


def test_partners_are_flagged_generated_and_real_places(generated):
    partners = Collectivity.objects.filter(participations__is_french=False, participations__project__is_generated=True)
    assert not partners.filter(is_generated=False).exists()
    assert generated["countries"] == 40
    town = partners.order_by("pk").first()
    from atlas.queries import collectivity_lookup

    assert town in collectivity_lookup(town.name, french=False, limit=50)  # findable by the pickers


def test_shape_long_tail_germany_first_africa_gets_most_funding(generated):
    per_lead = Counter(Participation.objects.filter(is_lead=True, project__is_generated=True)
                       .values_list("collectivity_id", flat=True))
    counts = sorted(per_lead.values(), reverse=True)
    assert counts[0] >= 10 * counts[len(counts) // 2]  # a few heavy ones, most with one or two
    assert counts[len(counts) // 2] <= 2
    by_country = Counter(Participation.objects.filter(is_french=False, project__is_generated=True)
                         .values_list("collectivity__country__iso2", flat=True))
    assert by_country.most_common(1)[0][0] == "DE"
    for iso2 in ("SN", "BF", "ML", "MA", "MG"):
        assert by_country[iso2] > by_country["CH"], iso2
    total = sum(FundingLine.objects.filter(project__is_generated=True).values_list("amount", flat=True))
    african = Project.objects.filter(is_generated=True, participations__is_french=False,
                                     participations__collectivity__country__continent__code="AF").values("pk")
    africa = sum(FundingLine.objects.filter(project__in=african).values_list("amount", flat=True))
    assert Decimal("0.6") < africa / total < Decimal("0.9")
    assert 0.6 < generated["africa_share"] < 0.9
    twinnings_de = Project.objects.filter(is_generated=True, kind="jumelage",
                                          participations__collectivity__country__iso2="DE").count()
    assert twinnings_de > Project.objects.filter(is_generated=True, kind="jumelage").count() / 3
