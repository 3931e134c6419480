"""Full-text search of the fiches: French stemming, accent-insensitive, without unaccent.

The embedded PostgreSQL has no `unaccent` extension, so accents are stripped in Python (Unicode
NFKD, combining marks dropped) both from the text we index and from the user's query; PostgreSQL
then applies the 'french' configuration (stop words, Snowball stemmer) to the plain text:
"coopérations", "cooperation" and "Coopération" all become the lexeme "cooper".
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

SEARCH_CONFIG = "french"


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _documents(project_ids):
    """(id, weight A text, weight B text, weight C text) of each project, accents stripped."""
    from .models import Participation, Project

    projects = {p["pk"]: p for p in Project.objects.filter(pk__in=project_ids).values(
        "pk", "title", "objectives", "description", "history", "context", "kind")}
    names = {pk: [] for pk in projects}
    for project_id, name, country in (Participation.objects.filter(project_id__in=project_ids)
                                      .values_list("project_id", "collectivity__name",
                                                   "collectivity__country__name")):
        names[project_id] += [name, country]
    themes = {pk: [] for pk in projects}
    for project_id, theme in Project.themes.through.objects.filter(project_id__in=project_ids).values_list(
            "project_id", "theme__name"):
        themes[project_id].append(theme)
    partners = {pk: [] for pk in projects}
    from .models import ProjectPartner

    for project_id, name in ProjectPartner.objects.filter(project_id__in=project_ids).values_list("project_id", "name"):
        partners[project_id].append(name)
    for pk, p in projects.items():
        yield (pk, strip_accents(p["title"]),
               strip_accents(" ".join(names[pk] + themes[pk])),
               strip_accents(" ".join([p["objectives"], p["description"], p["history"], p["context"]]
                                      + partners[pk])))


def write_documents(rows):
    """Store tsvectors for rows of (id, text A, text B, text C) in one statement."""
    rows = list(rows)
    if not rows:
        return
    ids, a, b, c = (list(col) for col in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """UPDATE atlas_project AS p SET search_document =
                   setweight(to_tsvector(%s::regconfig, v.a), 'A')
                || setweight(to_tsvector(%s::regconfig, v.b), 'B')
                || setweight(to_tsvector(%s::regconfig, v.c), 'C')
               FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS v(id, a, b, c)
               WHERE p.id = v.id""",
            [SEARCH_CONFIG, SEARCH_CONFIG, SEARCH_CONFIG, ids, a, b, c])


def refresh_search_documents(project_ids, batch=2000):
    """Rebuild the search document of these projects (call after changing a fiche or its relations)."""
    project_ids = [pk for pk in project_ids if pk is not None]
    for start in range(0, len(project_ids), batch):
        write_documents(_documents(project_ids[start:start + batch]))


def search_query(text):
    """The user's words as a websearch_to_tsquery('french', …) over accent-free text."""
    return SearchQuery(strip_accents(text), config=SEARCH_CONFIG, search_type="websearch")


def apply_search(queryset, text):
    """Filter a project queryset by keywords and annotate its relevance as `rank`."""
    query = search_query(text)
    return queryset.filter(search_document=query).annotate(rank=SearchRank(F("search_document"), query))
