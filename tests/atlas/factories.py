"""Factories of the Atlas fiches (geography and collectivities come from tests/factories.py)."""

from contextlib import contextmanager

import factory
from django.utils.text import slugify

from atlas.models import Collectivity, Country, FundingLine, Participation, Project, ProjectContact, Theme
from atlas.search import refresh_search_documents
from tests.factories import CollectivityFactory


def partner(name, iso2="SN", **kwargs):
    country = Country.objects.get(iso2=iso2)
    kwargs.setdefault("latitude", country.latitude or 10.0)
    kwargs.setdefault("longitude", country.longitude or 10.0)
    return CollectivityFactory(name=name, country=country, kind=Collectivity.Kind.MUNICIPALITE, **kwargs)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projet de coopération {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    start_year = 2018
    is_published = True


_pending = None  # the fiches made inside search_documents_once(), whose search documents wait


@contextmanager
def search_documents_once():
    """make_project inside: the search documents of the fiches it makes are written together at the end
    (one statement for a fixture's dozens of fiches rather than one each)."""
    global _pending
    _pending = []
    try:
        yield
        made = _pending
    finally:
        _pending = None
    refresh_search_documents(made)


def make_project(french, partners, themes=(), funding=(), contacts=(), **kwargs):
    """A fiche with its lead (first French collectivity), partners, themes, funding and contacts."""
    project = ProjectFactory(**kwargs)
    for index, collectivity in enumerate(french):
        Participation.objects.create(project=project, collectivity=collectivity, is_lead=index == 0)
    for collectivity in partners:
        Participation.objects.create(project=project, collectivity=collectivity)
    project.themes.set([Theme.objects.get(slug=slug) for slug in themes])
    for source, year, amount in funding:
        FundingLine.objects.create(project=project, source=source, year=year, amount=amount)
    for name, email in contacts:
        ProjectContact.objects.create(project=project, role="cadre", name=name, function="Chargée de mission",
                                      email=email, collectivity=french[0])
    if _pending is None:
        refresh_search_documents([project.pk])
    else:
        _pending.append(project.pk)
    return project
