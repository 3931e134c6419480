"""Each session's date as the seed writes it, shown next to the date the portal stores.

Seed 002 writes "Mardi 18 septembre 2023" for session 3 although 18 September 2023 was a Monday: the
portal keeps the day of the edition (18 September) and shows the seed's words as they are, rather
than silently correcting either.
"""

from .models import Session

# {edition slug: {session number: date as written}} — seed 002 (2023) and seed 000 (2017).
DATES_AS_WRITTEN = {
    "2023-paris": {
        1: "Lundi 18 septembre 2023 (14h30-16h00)", 2: "Lundi 18 septembre 2023 (14h30-16h00)",
        3: "Mardi 18 septembre 2023 (14h30-16h00)", 4: "Lundi 18 septembre 2023 (16h30-18h00)",
        5: "Lundi 18 septembre 2023 (16h30-18h00)", 6: "Lundi 18 septembre 2023 (16h30-18h00)",
        7: "Lundi 18 septembre 2023 (16h30-18h00)", 8: "Mardi 19 septembre 2023 (11h30-13h00)",
        9: "Mardi 19 septembre 2023 (11h30-13h00)", 10: "Mardi 19 septembre 2023 (11h30-13h00)",
        11: "Mardi 19 septembre 2023 (11h30-13h00)", 12: "Mardi 19 septembre 2023 (14h30-16h00)",
        13: "Mardi 19 septembre 2023 (14h30-16h00)", 14: "Mardi 19 septembre 2023 (14h30-16h00)",
    },
    "2017-paris": {
        0: "le lundi 9 octobre 2017", 1: "le 9 octobre 2017, 16h00-17h30", 2: "le mardi 10 octobre 2017",
    },
}


def apply():
    """Set `date_as_written` on the seed sessions (idempotent); returns how many were set."""
    count = 0
    for slug, dates in DATES_AS_WRITTEN.items():
        for number, written in dates.items():
            count += Session.objects.filter(edition__slug=slug, number=number).update(date_as_written=written)
    return count
