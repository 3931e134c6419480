"""Demo content of the Rencontres, from the real documents (fixtures/events/, built from shared/seeds).

- the 14th edition (Paris, 18–19 September 2023) with its 15 sessions, speakers and reports (seed 002);
- the 2017 edition (Pavillon d'Armenonville) with its partners, the Pavillon Maroc and the ODD conference
  (seed 000);
- an upcoming edition open for registration, so that a newcomer can register at once: invented (no seed
  announces it), so it and its sessions carry `is_demo` and its pages say "démonstration".
Idempotent: update_or_create on natural keys.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from . import demo_seed_dates, demo_seed_speakers
from .models import PARIS, Edition, Partner, Person, Session, SessionRole

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "events"

# The group each group meeting belongs to: {edition slug: {session number: group slug}} (the slugs of
# groupes_pays/demo.py, loaded before this module by load_demo).
SESSION_GROUPS = {
    "2023-paris": {2: "israel", 4: "dynamique-amerique-latine-et-caraibes", 6: "palestine", 7: "japon",
                   10: "droits-des-femmes"},
    "prochaines-rencontres": {2: "japon", 4: "palestine", 5: "dynamique-amerique-latine-et-caraibes",
                              7: "crises-et-rehabilitation"},
}


def _group(edition_slug, number):
    """The groupes_pays.Group of a demo group meeting, when the groups' demo content is loaded."""
    slug = SESSION_GROUPS.get(edition_slug, {}).get(number)
    group_model = Session.group.field.related_model
    return group_model.objects.filter(slug=slug).first() if slug else None


def _time(value):
    return dt.time.fromisoformat(value) if value else None


def _person(name, function=""):
    slug = slugify(name)[:200] or "intervenant"
    person, created = Person.objects.get_or_create(slug=slug, defaults={"name": name, "function": function})
    return person


def _roles(session, roles):
    session.roles.all().delete()
    for order, item in enumerate(roles):
        person = _person(item["name"], item.get("function", ""))
        SessionRole.objects.get_or_create(session=session, person=person, role=item["role"],
                                          defaults={"function": item.get("function", ""), "order": order})


def load_2023():
    data = json.loads((FIXTURES / "raict-2023.json").read_text())
    edition, _ = Edition.objects.update_or_create(slug="2023-paris", defaults={
        "number": 14,
        "title": "14es Rencontres de l'action internationale des collectivités territoriales (RAICT)",
        "theme": "Quelle contribution des collectivités territoriales à la résolution des grands enjeux mondiaux ?",
        "introduction": "Environ 500 participants ont pris part à la 14e édition des Rencontres de l'action "
                        "internationale des collectivités territoriales organisée par Cités Unies France, qui "
                        "s'est tenue à Paris les 18 et 19 septembre 2023. Cette édition avait pour fil "
                        "conducteur : « Quelle contribution des collectivités territoriales à la résolution des "
                        "grands enjeux mondiaux ? ».",
        "starts_on": dt.date(2023, 9, 18), "ends_on": dt.date(2023, 9, 19),
        "venue": "Paris", "address": "", "expected_participants": 500,
        "registration_opens_at": None, "registration_closes_at": None, "is_published": True,
    })
    for item in data["sessions"]:
        session, _ = Session.objects.update_or_create(edition=edition, number=item["number"], defaults={
            "title": item["title"], "kind": item["kind"], "day": dt.date.fromisoformat(item["day"]),
            "start_time": _time(item["start"]), "end_time": _time(item["end"]),
            "summary": item["summary"], "report": item["report"], "report_published": bool(item["report"]),
            "capacity": 0, "group": _group(edition.slug, item["number"]),
        })
        _roles(session, item["roles"])
    return edition


def load_2017():
    data = json.loads((FIXTURES / "rencontres-2017.json").read_text())
    edition, _ = Edition.objects.update_or_create(slug="2017-paris", defaults={
        "number": None,
        "title": data["title"] + " 2017",
        "theme": "",
        "introduction": data["introduction"],
        "starts_on": dt.date(2017, 10, 9), "ends_on": dt.date(2017, 10, 10),
        "venue": "Pavillon d'Armenonville", "address": "Porte Maillot, Paris",
        "expected_participants": None,
        "practical_info": "La Commission nationale de la coopération décentralisée (CNCD) tient sa session "
                          "le lundi 9 octobre 2017.",
        "registration_opens_at": None, "registration_closes_at": None, "is_published": True,
    })
    for order, item in enumerate(data["partners"]):
        Partner.objects.update_or_create(edition=edition, name=item["name"], defaults={
            "acronym": item["acronym"], "text": item["text"], "order": order})
    Session.objects.update_or_create(edition=edition, number=1, defaults={
        "title": data["odd"]["title"], "kind": Session.Kind.CONFERENCE, "day": dt.date(2017, 10, 9),
        "start_time": dt.time(16, 0), "end_time": dt.time(17, 30),
        "summary": data["odd"]["text"], "report": data["odd"]["testimony"], "report_published": True,
        "capacity": 0,
    })
    Session.objects.update_or_create(edition=edition, number=2, defaults={
        "title": data["pavilion"]["title"], "kind": Session.Kind.PAVILION, "day": dt.date(2017, 10, 10),
        "start_time": None, "end_time": None, "summary": data["pavilion"]["text"], "capacity": 0,
    })
    demo_seed_speakers.load(edition)
    return edition


UPCOMING_SESSIONS = [
    # (number, day offset, start, end, kind, title, capacity, summary)
    (0, 0, "10:00", "12:00", Session.Kind.PLENARY, "Plénière d'ouverture", 400,
     "Ouverture des Rencontres par la présidence de Cités Unies France et les partenaires."),
    (1, 0, "14:30", "16:00", Session.Kind.REGIONAL, "Réunion régionale Afrique", 80,
     "Point sur les coopérations décentralisées avec les collectivités africaines."),
    (2, 0, "14:30", "16:00", Session.Kind.COUNTRY_GROUP, "Réunion du groupe-pays Japon", 40,
     "État d'avancement des coopérations décentralisées franco-japonaises."),
    (3, 0, "14:30", "16:00", Session.Kind.REGIONAL, "Réunion Outre-mer", 40,
     "L'action extérieure des collectivités d'Outre-mer dans leur environnement régional."),
    (4, 0, "16:30", "18:00", Session.Kind.COUNTRY_GROUP, "Réunion du groupe-pays Palestine", 60,
     "La coopération décentralisée avec les collectivités palestiniennes."),
    (5, 0, "16:30", "18:00", Session.Kind.REGIONAL, "Réunion de la Dynamique Amérique latine et Caraïbes", 50,
     "Les coopérations décentralisées avec l'Amérique latine et les Caraïbes."),
    (6, 1, "11:30", "13:00", Session.Kind.WORKSHOP, "Les ODD : quel référentiel pour les coopérations décentralisées ?",
     60, "Les objectifs de développement durable comme « langage commun » des partenariats."),
    (7, 1, "11:30", "13:00", Session.Kind.THEMATIC_GROUP, "Réunion du groupe thématique « Crises et réhabilitation »",
     30, "Les fonds de solidarité et l'action des collectivités face aux crises."),
    (8, 1, "11:30", "13:00", Session.Kind.WORKSHOP,
     "Éducation à la citoyenneté et à la solidarité internationale", 50,
     "Mobilisation et innovations des collectivités territoriales en matière d'ECSI."),
    (9, 1, "14:30", "16:00", Session.Kind.WORKSHOP, "Climat : pertes et dommages dans les pays les plus vulnérables",
     60, "Quels défis et réponses de la coopération décentralisée face à la crise climatique ?"),
    (10, 1, "16:30", "17:30", Session.Kind.PLENARY, "Plénière de clôture", 400, "Conclusions des Rencontres."),
]


def load_upcoming():
    """An edition after today, open for registration now (demo programme, capacities for the desk)."""
    today = timezone.localdate()
    starts = max(dt.date(2026, 12, 14), today + dt.timedelta(days=21))
    edition, _ = Edition.objects.update_or_create(slug="prochaines-rencontres", defaults={
        "number": None,
        "title": f"Rencontres de l'action internationale des collectivités territoriales {starts:%Y} "
                 "(édition de démonstration)",
        "theme": "",
        "introduction": "Édition d'exemple, inventée pour essayer l'inscription en ligne. Son programme reprend "
                        "les types de sessions des 14es Rencontres (Paris, 18 et 19 septembre 2023) : plénières, "
                        "réunions régionales, réunions des groupes-pays et des groupes thématiques, ateliers.",
        "starts_on": starts, "ends_on": starts + dt.timedelta(days=1),
        "venue": "Paris", "address": "", "expected_participants": None,
        "practical_info": "Inscription gratuite et obligatoire, session par session. Les délégations étrangères "
                          "peuvent s'inscrire en anglais. Le badge et l'agenda personnel sont disponibles depuis "
                          "le lien privé reçu par e-mail.",
        "registration_opens_at": dt.datetime.combine(today - dt.timedelta(days=30), dt.time(9), tzinfo=PARIS),
        "registration_closes_at": dt.datetime.combine(starts - dt.timedelta(days=4), dt.time(18), tzinfo=PARIS),
        "is_published": True, "is_demo": True,
    })
    for number, offset, start, end, kind, title, capacity, summary in UPCOMING_SESSIONS:
        Session.objects.update_or_create(edition=edition, number=number, defaults={
            "title": title, "kind": kind, "day": starts + dt.timedelta(days=offset),
            "start_time": _time(start), "end_time": _time(end), "summary": summary, "capacity": capacity,
            "room": "Grande salle" if kind == Session.Kind.PLENARY else f"Salle {number}",
            "group": _group(edition.slug, number), "is_demo": True,
        })
    return edition


def load(stdout):
    e2023 = load_2023()
    e2017 = load_2017()
    upcoming = load_upcoming()
    demo_seed_dates.apply()
    stdout.write(f"Rencontres : {Edition.objects.count()} éditions ({e2017.title}, {e2023.title}, "
                 f"{upcoming.title} ouverte aux inscriptions), {Session.objects.count()} sessions, "
                 f"{Person.objects.count()} intervenants, "
                 f"{Session.objects.filter(group__isnull=False).count()} réunions rattachées à leur groupe.")
