"""Reference lists of the e-APD: the DAC list of ODA recipients, DAC purpose codes, published figures.

The two lists are shipped as CSV under fixtures/fonds/; the published figures are those of
the State's brochure on the external action of collectivities (CNCD/DAECT). Idempotent.
"""

import csv
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from atlas.models import Continent, Country

from .models import DacSector, EligibleCountry, ReferenceFigure

BROCHURE = ("Ministère des Affaires étrangères, DAECT — brochure « L'action extérieure des collectivités "
            "territoriales » (Atlas, niveau Asie ; page e-APD)")

PUBLISHED_FIGURES = [
    # (continent code or None, year, period, amount, approximate, note)
    ("AS", 2008, "", Decimal("7804600"), False, ""),
    ("AS", 2009, "", Decimal("7347923"), False, ""),
    ("AS", 2010, "", Decimal("6892949"), False, ""),
    ("AS", 2011, "", Decimal("4757119"), False, ""),
    (None, 2010, "2009-2010", Decimal("70000000"), True,
     "« près de 70 millions € (2009-2010) dont près des trois quarts sont destinés au continent africain »"),
]


def _rows(name):
    with open(settings.BASE_DIR / "fixtures" / "fonds" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_eapd_reference():
    """Create or update the ODA-eligible countries, DAC sectors and published figures."""
    for row in _rows("dac_sectors.csv"):
        DacSector.objects.update_or_create(code=row["code"], defaults={"label": row["label"], "group": row["group"]})
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in=[r["iso2"] for r in _rows(
        "dac_oda_recipients.csv")])}
    eligible = 0
    for row in _rows("dac_oda_recipients.csv"):
        country = countries.get(row["iso2"])
        if country is None:
            continue
        EligibleCountry.objects.update_or_create(country=country, defaults={"income_group": row["income_group"]})
        eligible += 1
    continents = {c.code: c for c in Continent.objects.all()}
    for code, year, period, amount, approximate, note in PUBLISHED_FIGURES:
        if code and code not in continents:
            continue
        ReferenceFigure.objects.update_or_create(
            scope=ReferenceFigure.Scope.CONTINENT if code else ReferenceFigure.Scope.ALL,
            continent=continents.get(code) if code else None, year=year, period=period,
            defaults={"amount": amount, "is_approximate": approximate, "note": note, "source": BROCHURE})
    return eligible
