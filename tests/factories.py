"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from atlas.models import Collectivity, CollectivityMember, Continent, Country


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@collectivite.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", "Un-mot-de-passe-solide-2026")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ContinentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Continent
        django_get_or_create = ("code",)

    code = "AF"
    name = "Afrique"
    slug = "afrique"


class CountryFactory(factory.django.DjangoModelFactory):
    """A country; use the `reference` fixture instead when real ISO data matters."""

    class Meta:
        model = Country
        django_get_or_create = ("iso2",)

    iso2 = "SN"
    iso3 = "SEN"
    numeric = "686"
    name = "Sénégal"
    slug = "senegal"
    continent = factory.SubFactory(ContinentFactory)
    latitude = 14.5
    longitude = -14.4


class FranceFactory(CountryFactory):
    iso2 = "FR"
    iso3 = "FRA"
    numeric = "250"
    name = "France"
    slug = "france"
    continent = factory.SubFactory(ContinentFactory, code="EU", name="Europe", slug="europe")
    latitude = 46.6
    longitude = 2.4


class CollectivityFactory(factory.django.DjangoModelFactory):
    """A French commune by default; pass country=CountryFactory() for a foreign one."""

    class Meta:
        model = Collectivity

    name = factory.Sequence(lambda n: f"Commune {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Collectivity.Kind.COMMUNE
    country = factory.SubFactory(FranceFactory)
    latitude = 45.75
    longitude = 4.85


class CollectivityMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectivityMember

    user = factory.SubFactory(UserFactory)
    collectivity = factory.SubFactory(CollectivityFactory)
    function = "Chargée de mission relations internationales"
