import datetime as dt

import factory
from django.utils import timezone

from events.models import Edition, Person, Registration, Session, SessionRole


class EditionFactory(factory.django.DjangoModelFactory):
    """An upcoming edition whose registration is open now."""

    class Meta:
        model = Edition

    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"edition-{n}")
    title = factory.Sequence(lambda n: f"Rencontres de test {n}")
    theme = "Quelle contribution des collectivités territoriales ?"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=1))
    venue = "Paris"
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    registration_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Atelier {n}")
    kind = Session.Kind.WORKSHOP
    day = factory.LazyAttribute(lambda o: o.edition.starts_on)
    start_time = dt.time(14, 30)
    end_time = dt.time(16, 0)
    capacity = 10


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Intervenant {n}")
    slug = factory.Sequence(lambda n: f"intervenant-{n}")


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = SessionRole.Role.SPEAKER
    function = "Maire"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration whose e-mail address is confirmed (seats can be chosen)."""

    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    email = factory.Sequence(lambda n: f"participant{n}@exemple.test")
    organisation = "Ville de Lyon"
    category = Registration.Category.FRENCH_COLLECTIVITY
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
