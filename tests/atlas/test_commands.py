"""seed_atlas --scale national (a reduced run) and bench_atlas (a short run): what they write and print."""

import io
import re

import pytest
from django.core.management import call_command

from atlas import generate
from atlas.models import Collectivity, Participation, Project

pytestmark = pytest.mark.django_db


def test_the_national_scale_is_the_size_the_brochure_gives():
    """Seed 003: about 13,000 projects of 4,800 French collectivities with 10,000 partners in 144 countries."""
    national = generate.SCALES["national"]
    assert (national.projects, national.french, national.partners, national.countries) == (13_000, 4_800, 10_000, 144)


def test_seed_atlas_national_reduced_run_creates_what_it_reports(reference, monkeypatch):
    """The national code path at 1/50 of the projects and collectivities (all 144 countries)."""
    monkeypatch.setitem(generate.SCALES, "national", generate.Scale(projects=260, french=96, partners=200,
                                                                    countries=144))
    out = io.StringIO()
    call_command("seed_atlas", "--scale", "national", stdout=out)
    report = out.getvalue()
    match = re.search(r"Jeu généré \(national\) : (\d+) projets, (\d+) collectivités françaises, (\d+) collectivités "
                      r"partenaires dans (\d+) pays, (\d+) lignes de financement \((\d+)% des montants vers "
                      r"l'Afrique\)\.", report)
    assert match, report
    projects, french, partners, countries, _funding, africa_share = map(int, match.groups())
    assert 0 < africa_share <= 100
    assert (projects, french, partners) == (260, 96, 200)
    assert re.search(r"Terminé en \d+\.\d s\.", report)
    # What it reports is what is in the database.
    generated = Project.objects.filter(is_generated=True)
    assert generated.count() == projects
    assert Collectivity.objects.filter(is_generated=True, country__iso2="FR").count() == french
    assert Collectivity.objects.filter(is_generated=True).exclude(country__iso2="FR").count() == partners
    engaged = (Participation.objects.filter(is_french=False).values("collectivity__country").distinct().count())
    assert engaged == countries and 100 <= countries <= 144
    # Every fiche has a French lead (the Atlas rule) and a partner abroad.
    assert not Project.objects.exclude(participations__is_lead=True, participations__is_french=True).exists()
    assert not Project.objects.exclude(participations__is_french=False).exists()
    # Running it again replaces the set instead of adding to it.
    call_command("seed_atlas", "--scale", "national", stdout=io.StringIO())
    assert generated.count() == projects


def test_bench_atlas_short_run_measures_every_page(atlas):
    out = io.StringIO()
    call_command("bench_atlas", "--runs", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Données : 2 fiches publiées ; 2 mesures par page."
    timing = r"p50 +\d+\.\d ms  p95 +\d+\.\d ms  requêtes SQL \d+(/\d+)*"
    for label, url in [("Recherche sans filtre", "/atlas/"), ("Recherche par mot-clé", "/atlas/?q=eau+assainissement"),
                       ("Recherche avec trois filtres", "/atlas/?continent=afrique"),
                       ("Page pays (", "/atlas/pays/"),  # the partner country with the most fiches
                       ("Fiche-projet", atlas["water"].get_absolute_url())]:
        [line] = [line for line in lines if line.startswith(label)]
        assert re.search(timing, line) and url in line, line
    [geojson] = [line for line in lines if line.startswith("GeoJSON de tous les projets")]
    assert re.search(r"sans cache +\d+\.\d ms ; en cache p50 \d+\.\d ms p95 \d+\.\d ms ; \d+ Ko, \d+ Ko gzip ; "
                     r"4 points ; requêtes SQL \d+", geojson), geojson  # Lille, Nancy, Saint-Louis, Kiryat Shmona
    [csv] = [line for line in lines if line.startswith("CSV de tous les projets")]
    assert re.search(r"\d+\.\d\d s \(meilleur de 3, max \d+\.\d\d s\) ; \d+\.\d Mo, 2 lignes ; pic mémoire Python "
                     r"\d+\.\d Mo ; requêtes SQL \d+", csv), csv
