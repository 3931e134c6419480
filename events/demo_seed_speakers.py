"""The people seed 000 ("La Lettre n° 2", Rencontres of 9–10 October 2017) names, with their functions
as the seed writes them, and the sessions it places them in. Nothing is added: Bertrand Gallet wrote
the letter's "mot" but the seed gives him no session, so he is recorded as a person without a role.
"""

import datetime as dt

from .models import Person, Session, SessionRole

SOURCE = "shared/seeds/000_ff42703b1a6f963e.txt"

OPENING = ("Madame Anne Hidalgo, Maire de Paris, nous fera l’honneur d’ouvrir les Rencontres le lundi 9 octobre "
           "2017.")

# (name, function as written)
PEOPLE = {
    "anne-hidalgo": ("Anne Hidalgo", "Maire de Paris"),
    "bertrand-gallet": ("Bertrand Gallet", "Ancien directeur général de Cités Unies France"),
    "edgardo-bislky": ("Edgardo Bislky", "Chargé de mission à CGLU"),
}


def _person(slug):
    name, function = PEOPLE[slug]
    person, _ = Person.objects.update_or_create(slug=slug, defaults={"name": name, "function": function})
    return person


def load(edition):
    """Add the opening (Anne Hidalgo) and Edgardo Bislky's testimony to the 2017 edition; idempotent."""
    opening, _ = Session.objects.update_or_create(edition=edition, number=0, defaults={
        "title": "Ouverture des Rencontres", "kind": Session.Kind.PLENARY, "day": dt.date(2017, 10, 9),
        "start_time": None, "end_time": None, "summary": OPENING, "capacity": 0})
    SessionRole.objects.update_or_create(session=opening, person=_person("anne-hidalgo"),
                                         role=SessionRole.Role.OPENING,
                                         defaults={"function": PEOPLE["anne-hidalgo"][1], "order": 0})
    odd = Session.objects.get(edition=edition, number=1)
    SessionRole.objects.update_or_create(session=odd, person=_person("edgardo-bislky"),
                                         role=SessionRole.Role.SPEAKER,
                                         defaults={"function": PEOPLE["edgardo-bislky"][1] + " (témoignage)",
                                                   "order": 0})
    _person("bertrand-gallet")
    return len(PEOPLE)
