"""The ODD criterion and the "pertinence" and "mise-a-jour" sorts of /atlas/."""

import datetime

import pytest

from atlas.models import SustainableDevelopmentGoal

from .factories import make_project, partner

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    return [p.title for p in response.context["page_obj"]]


def test_the_odd_criterion_keeps_the_fiches_serving_that_goal(client, atlas):
    water, research = atlas["water"], atlas["research"]
    water.sdgs.set([SustainableDevelopmentGoal.objects.get(number=6)])  # Eau propre et assainissement
    research.sdgs.set([SustainableDevelopmentGoal.objects.get(number=4), SustainableDevelopmentGoal.objects.get(
        number=6)])
    make_project([atlas["lille"]], [partner("Dakar", "SN")], title="Gestion des déchets à Dakar").sdgs.set(
        [SustainableDevelopmentGoal.objects.get(number=12)])

    assert titles(client.get("/atlas/", {"odd": "6"})) == [
        "Coopération pour l'eau potable à Saint-Louis", "Jumelage Nancy Kiryat Shmona"]
    assert titles(client.get("/atlas/", {"odd": "4"})) == ["Jumelage Nancy Kiryat Shmona"]
    assert titles(client.get("/atlas/", {"odd": "12"})) == ["Gestion des déchets à Dakar"]
    assert titles(client.get("/atlas/", {"odd": "1"})) == []
    # Combined with another criterion, both apply.
    assert titles(client.get("/atlas/", {"odd": "6", "country": "israel"})) == ["Jumelage Nancy Kiryat Shmona"]
    # The choice stays selected in the form, under the ODD's French title.
    html = client.get("/atlas/", {"odd": "6"}).content.decode()
    assert '<option value="6" selected>' in html and "Eau propre et assainissement" in html


def test_pertinence_puts_the_fiches_where_the_words_weigh_most_first(client, atlas):
    lille, saint_louis = atlas["lille"], atlas["saint_louis"]
    make_project([lille], [saint_louis], title="Actions jeunesse et sport",
                 description="Un volet sur l'assainissement.")
    make_project([lille], [saint_louis], title="Zéro rejet : assainissement des eaux usées",
                 description="Assainissement collectif et assainissement autonome des quartiers.")

    ranked = titles(client.get("/atlas/", {"q": "assainissement"}))
    # The fiche with the word in its title and three times in its text first; the one with a single
    # mention in its description last: the reverse of the alphabetical order.
    assert ranked[0] == "Zéro rejet : assainissement des eaux usées"
    assert ranked[-1] == "Actions jeunesse et sport"
    assert set(ranked) == {"Zéro rejet : assainissement des eaux usées", "Coopération pour l'eau potable à Saint-Louis",
                           "Actions jeunesse et sport"}
    # Pertinence is the default with words; sorting by title is still offered.
    assert titles(client.get("/atlas/", {"q": "assainissement", "sort": "pertinence"})) == ranked
    assert titles(client.get("/atlas/", {"q": "assainissement", "sort": "titre"})) == sorted(ranked)


def test_pertinence_without_words_falls_back_to_the_title_order(client, atlas):
    assert titles(client.get("/atlas/", {"sort": "pertinence"})) == [
        "Coopération pour l'eau potable à Saint-Louis", "Jumelage Nancy Kiryat Shmona"]


def test_mise_a_jour_puts_the_latest_updated_fiches_first_and_the_never_updated_last(client, atlas):
    from atlas.models import Project

    lille, kiryat = atlas["lille"], atlas["kiryat"]
    make_project([lille], [kiryat], title="Archives partagées", last_update=datetime.date(2025, 11, 3))
    make_project([lille], [kiryat], title="Bibliothèques", last_update=datetime.date(2024, 2, 1))
    Project.objects.filter(pk=atlas["water"].pk).update(last_update=datetime.date(2026, 1, 15))

    assert titles(client.get("/atlas/", {"sort": "mise-a-jour"})) == [
        "Coopération pour l'eau potable à Saint-Louis",  # 15 January 2026
        "Archives partagées",  # 3 November 2025
        "Bibliothèques",  # 1 February 2024
        "Jumelage Nancy Kiryat Shmona",  # never updated
    ]
