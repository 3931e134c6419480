"""Server time, SQL queries and sizes of the Atlas pages on the current database.

Run it on the national data set (seed_atlas --scale national), ideally in its own database:
    CUF_DB_NAME=cuf_bench python manage.py seed_atlas --scale national
    CUF_DB_NAME=cuf_bench python manage.py bench_atlas
"""

import gzip
import statistics
import time
import tracemalloc

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from atlas.models import Country, Project


def heaviest_french_pages():
    """The largest French collectivity and the largest région of the data set, by published fiches."""
    from atlas.models import Collectivity, Region

    published = Q(participations__project__is_published=True)
    collectivity = (Collectivity.objects.filter(is_french=True).annotate(n=Count("participations", filter=published))
                    .order_by("-n", "pk").first())
    region = (Region.objects.annotate(n=Count("collectivities__participations",
                                              filter=Q(collectivities__participations__project__is_published=True)))
              .order_by("-n", "pk").first())
    return [(label, place) for label, place in [("Collectivité la plus chargée", collectivity),
                                                ("Région la plus chargée", region)] if place is not None]


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Mesure p50/p95 du temps serveur et le nombre de requêtes SQL des pages de l'Atlas."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)

    def _get(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, secure=True, HTTP_HOST="localhost")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed, len(queries), body

    def _measure(self, client, label, url, runs):
        self._get(client, url)  # warm-up
        times, counts = [], set()
        for _ in range(runs):
            elapsed, count, _body = self._get(client, url)
            times.append(elapsed)
            counts.add(count)
        self.stdout.write(f"{label:<32} p50 {statistics.median(times):7.1f} ms  p95 {_percentile(times, 95):7.1f} ms"
                          f"  requêtes SQL {'/'.join(str(c) for c in sorted(counts))}   {url}")

    def handle(self, *args, runs, **options):
        with override_settings(DEBUG=False, SECURE_SSL_REDIRECT=False,
                               STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage."
                                                                    "StaticFilesStorage"}}):
            self._run(runs)

    def _run(self, runs):
        client = Client()
        published = Project.objects.filter(is_published=True)
        self.stdout.write(f"Données : {published.count()} fiches publiées ; {runs} mesures par page.")
        country = (Country.objects.filter(collectivities__participations__project__is_published=True)
                   .exclude(iso2="FR").annotate(n=Count("collectivities__participations")).order_by("-n").first())
        fiche = published.order_by("pk").first()
        self._measure(client, "Recherche sans filtre", "/atlas/", runs)
        self._measure(client, "Recherche par mot-clé", "/atlas/?q=eau+assainissement", runs)
        self._measure(client, "Recherche avec trois filtres",
                      "/atlas/?continent=afrique&theme=eau-et-assainissement&funding=fonds_propres", runs)
        self._measure(client, f"Page pays ({country.name})", country.get_absolute_url(), runs)
        for label, place in heaviest_french_pages():
            self._measure(client, f"{label} ({place.name})", place.get_absolute_url(), runs)
        self._measure(client, "Fiche-projet", fiche.get_absolute_url(), runs)

        cache.clear()
        cold, queries, body = self._get(client, "/atlas/carte.geojson")
        times = [self._get(client, "/atlas/carte.geojson")[0] for _ in range(runs)]
        points = body.count(b'"Feature"')
        gzipped = len(gzip.compress(body)) / 1024
        self.stdout.write(
            f"{'GeoJSON de tous les projets':<32} sans cache {cold:7.1f} ms ; en cache p50 "
            f"{statistics.median(times):.1f} ms p95 {_percentile(times, 95):.1f} ms ; {len(body) / 1024:.0f} Ko, "
            f"{gzipped:.0f} Ko gzip ; {points} points ; requêtes SQL {queries}")

        csv_times = []
        for _ in range(3):
            elapsed, queries, body = self._get(client, "/atlas/?format=csv")
            csv_times.append(elapsed)
        tracemalloc.start()
        response = client.get("/atlas/?format=csv", secure=True, HTTP_HOST="localhost")
        size = sum(len(chunk) for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        lines = body.count(b"\n") - 1
        self.stdout.write(
            f"{'CSV de tous les projets':<32} {min(csv_times) / 1000:.2f} s (meilleur de 3, max "
            f"{max(csv_times) / 1000:.2f} s) ; {size / 1024 / 1024:.1f} Mo, {lines} lignes ; "
            f"pic mémoire Python {peak / 1024 / 1024:.1f} Mo ; requêtes SQL {queries}")
