"""Factories for the collectivity-account tests (fiches, participations, Bourse requests)."""

import factory
from django.utils.text import slugify

from atlas.models import BourseRequest, Participation, Project, Theme
from tests.factories import CollectivityFactory, CountryFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Coopération eau potable {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    start_year = 2019
    is_published = True
    description = "Accès à l'eau potable dans les quartiers périphériques."


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    collectivity = factory.SubFactory(CollectivityFactory)
    is_lead = False


def partner_collectivity(**kwargs):
    """A foreign collectivity (Senegal by default)."""
    kwargs.setdefault("country", CountryFactory())
    kwargs.setdefault("kind", "municipalite")
    kwargs.setdefault("latitude", 16.02)
    kwargs.setdefault("longitude", -16.49)
    return CollectivityFactory(**kwargs)


def project_of(french, partner, **kwargs):
    """A fiche led by `french` with `partner` abroad."""
    project = ProjectFactory(**kwargs)
    Participation.objects.create(project=project, collectivity=french, is_lead=True)
    Participation.objects.create(project=project, collectivity=partner)
    from atlas.search import refresh_search_documents

    refresh_search_documents([project.pk])
    return project


class BourseRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BourseRequest

    authority = factory.LazyFunction(partner_collectivity)
    title = factory.Sequence(lambda n: f"Recherche d'un partenaire pour la gestion des déchets {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    description = "La commune cherche une collectivité française pour la collecte des déchets."
    date = factory.Faker("date_between", start_date="-2y", end_date="today")
    embassy_contact = "Service de coopération et d'action culturelle, ambassade de France à Dakar"
    embassy_email = "scac.dakar@diplomatie.gouv.fr"
