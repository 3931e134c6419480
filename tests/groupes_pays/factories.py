from datetime import timedelta

import factory
from django.utils import timezone

from groupes_pays.models import Document, Group, Meeting, NewsItem, Visibility
from tests.factories import CollectivityFactory, CollectivityMemberFactory, CountryFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    kind = Group.Kind.COUNTRY
    name = factory.Sequence(lambda n: f"Groupe-pays n°{n}")
    slug = factory.Sequence(lambda n: f"groupe-{n}")
    country = factory.SubFactory(CountryFactory)


class ThematicGroupFactory(GroupFactory):
    kind = Group.Kind.THEMATIC
    country = None


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Réunion publique n°{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    place = "Cités Unies France, 9 rue Christiani, Paris"
    summary = "Présentation de la réunion."
    agenda = "Point sur les coopérations en cours."
    visibility = Visibility.PUBLIC


class MembersMeetingFactory(MeetingFactory):
    title = factory.Sequence(lambda n: f"Chroniques secrètes n°{n}")
    agenda = "ORDRE-DU-JOUR-CONFIDENTIEL"
    is_online = True
    online_url = "https://visio.example.org/salle-secrete"
    visibility = Visibility.MEMBERS


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Actualité publique n°{n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    body = "Le texte de l'actualité."
    status = NewsItem.Status.PUBLISHED
    visibility = Visibility.PUBLIC


class MembersNewsItemFactory(NewsItemFactory):
    title = factory.Sequence(lambda n: f"Note réservée n°{n}")
    slug = factory.Sequence(lambda n: f"note-reservee-{n}")
    body = "TEXTE-CONFIDENTIEL"
    visibility = Visibility.MEMBERS


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Répertoire n°{n}")
    file = factory.django.FileField(filename="repertoire.pdf", data=b"%PDF-1.4\n% contenu de test\n")
    group = factory.SubFactory(GroupFactory)
    visibility = Visibility.PUBLIC


def member_user(**kwargs):
    """A user whose collectivity is a CUF member."""
    return CollectivityMemberFactory(collectivity=CollectivityFactory(is_cuf_member=True), **kwargs).user


def non_member_user(**kwargs):
    return CollectivityMemberFactory(collectivity=CollectivityFactory(is_cuf_member=False), **kwargs).user
