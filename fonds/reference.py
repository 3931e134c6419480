"""Reference lists of the e-APD: the DAC list of ODA recipients, DAC purpose codes, published figures.

The two lists are shipped as CSV under fixtures/fonds/; the published figures are those of
the State's brochure on the external action of collectivities (CNCD/DAECT). Idempotent.
"""

import csv
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from atlas.models import Continent, Country
from atlas.reference import sync_rows

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
    """Create or update the ODA-eligible countries, DAC sectors and published figures (a reload of
    unchanged lists writes nothing)."""
    sync_rows(DacSector, "code", {row["code"]: {"label": row["label"], "group": row["group"]}
                                  for row in _rows("dac_sectors.csv")})
    recipients = _rows("dac_oda_recipients.csv")
    countries = dict(Country.objects.filter(iso2__in=[row["iso2"] for row in recipients]).values_list("iso2", "pk"))
    eligible = {countries[row["iso2"]]: {"income_group": row["income_group"]}
                for row in recipients if row["iso2"] in countries}
    sync_rows(EligibleCountry, "country_id", eligible)
    continents = {c.code: c for c in Continent.objects.all()}
    for code, year, period, amount, approximate, note in PUBLISHED_FIGURES:
        if code and code not in continents:
            continue
        ReferenceFigure.objects.update_or_create(
            scope=ReferenceFigure.Scope.CONTINENT if code else ReferenceFigure.Scope.ALL,
            continent=continents.get(code) if code else None, year=year, period=period,
            defaults={"amount": amount, "is_approximate": approximate, "note": note, "source": BROCHURE})
    return len(eligible)
