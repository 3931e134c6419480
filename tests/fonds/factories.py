"""Factories of the funds and of the e-APD."""

import datetime
from decimal import Decimal

import factory

from fonds.models import Campaign, Declaration, Fund
from tests.factories import CollectivityFactory, CountryFactory


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    name = factory.Sequence(lambda n: f"Fonds de solidarité n° {n}")
    slug = factory.Sequence(lambda n: f"fonds-{n}")
    crisis = "Séisme"
    country = factory.SubFactory(CountryFactory)
    opened_on = datetime.date(2024, 1, 1)
    summary = "Un fonds de test."
    description = "Histoire du fonds."
    target = Decimal("100000")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("year",)

    year = 2025
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    collectivity = factory.SubFactory(CollectivityFactory)
    campaign = factory.SubFactory(CampaignFactory)
