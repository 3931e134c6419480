"""Server time, SQL queries and sizes of the Atlas pages on the current database.

Run it on the national data set (seed_atlas --scale national), ideally in its own database:
    CUF_DB_NAME=cuf_bench python manage.py seed_atlas --scale national
    CUF_DB_NAME=cuf_bench python manage.py bench_atlas            # in process (Django test client)
    CUF_DB_NAME=cuf_bench python manage.py bench_atlas --http     # through gunicorn, ratio to the floor view
    CUF_DB_NAME=cuf_bench python manage.py bench_atlas --browser  # headless Chromium: bytes, time to markers
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

from atlas.bench import browser as browser_bench
from atlas.bench import http as http_bench
from atlas.models import Collectivity, Continent, Country, Department, Project, Region


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
        parser.add_argument("--http", action="store_true",
                            help="à travers gunicorn sur 127.0.0.1, chaque page alternée avec une vue triviale")
        parser.add_argument("--browser", action="store_true",
                            help="dans Chromium sans interface : octets transférés et délai des marqueurs")
        parser.add_argument("--port", type=int, default=0, help="port de gunicorn (--http, --browser)")
        parser.add_argument("--workers", type=int, default=2, help="processus gunicorn (--http, --browser)")

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
        if options["http"] or options["browser"]:
            server = http_bench.Server(http_bench.free_port(options["port"]), workers=options["workers"])
            server.start()
            try:
                if options["http"]:
                    self._run_http(server, runs)
                if options["browser"]:
                    browser_bench.run(self.stdout, server.port)
            finally:
                server.stop()
            return
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
        for label, fmt in (("XLSX de tous les projets", "xlsx"), ("IATI de tous les projets", "iati")):
            self._export(client, label, fmt)

    def _export(self, client, label, fmt):
        """Time and Python peak memory (tracemalloc) of one export of every fiche, body fully read."""
        started = time.perf_counter()
        tracemalloc.start()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/atlas/?format={fmt}", secure=True, HTTP_HOST="localhost")
            # Streamed bodies are counted chunk by chunk, as a client would receive them.
            size = (sum(len(chunk) for chunk in response.streaming_content) if response.streaming
                    else len(response.content))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{label:<32} {elapsed:.2f} s (sous tracemalloc) ; {size / 1024 / 1024:.1f} Mo ; "
                          f"pic mémoire Python {peak / 1024 / 1024:.1f} Mo ; requêtes SQL {len(queries)}")

    # ---- through gunicorn -------------------------------------------------------------------

    def _run_http(self, server, runs):
        published = Project.objects.filter(is_published=True)
        self.stdout.write(f"Données : {published.count()} fiches publiées ; gunicorn {server.workers} processus sur "
                          f"127.0.0.1:{server.port} ; {runs} mesures par page, chacune suivie de la vue triviale.")
        firsts = http_bench.first_requests(server.port, "/atlas/", server.workers)
        self.stdout.write("Première requête /atlas/ sur chaque nouveau processus : "
                          + ", ".join(f"{ms:.0f} ms" for ms in sorted(firsts.values())))
        connection = http_bench.Connection(server.port)
        self.stdout.write(f"{'page':<44} {'p50':>8} {'p95':>8} {'vue triv.':>9} {'ratio':>6} {'Ko':>6}")
        try:
            for label, url in heavy_pages():
                page, floor, statuses, size = http_bench.interleaved(connection, url, runs)
                p50, p95, floor50, ratio = http_bench.summary(page, floor)
                flag = "" if statuses == {200} else f"  HTTP {'/'.join(map(str, sorted(statuses)))}"
                self.stdout.write(f"{label[:44]:<44} {p50:6.1f}ms {p95:6.1f}ms {floor50:7.2f}ms ×{ratio:5.1f} "
                                  f"{size / 1024:6.0f}  {url}{flag}")
        finally:
            connection.close()


def _largest(queryset, count):
    return queryset.annotate(n=count).order_by("-n", "pk").first()


def heavy_pages():
    """(label, URL) of every figures page, with the heaviest place of each level chosen by counting the
    data, so that the benchmark follows whatever data set is loaded."""
    partner_projects = Count("collectivities__participations__project", distinct=True,
                             filter=Q(collectivities__participations__project__is_published=True,
                                      collectivities__is_french=False))
    french_projects = Count("collectivities__participations__project", distinct=True,
                            filter=Q(collectivities__participations__project__is_published=True,
                                     collectivities__is_french=True))
    continent = _largest(Continent.objects.all(), Count(
        "countries__collectivities__participations__project", distinct=True,
        filter=Q(countries__collectivities__participations__project__is_published=True,
                 countries__collectivities__is_french=False)))
    country = _largest(Country.objects.exclude(iso2="FR"), partner_projects)
    region = _largest(Region.objects.all(), french_projects)
    department = _largest(Department.objects.all(), french_projects)
    by_participations = Count("participations", filter=Q(participations__project__is_published=True))
    french = _largest(Collectivity.objects.filter(is_french=True), by_participations)
    partner = _largest(Collectivity.objects.filter(is_french=False), by_participations)
    fiche = _largest(Project.objects.filter(is_published=True), Count("participations"))
    pages = [
        ("Accueil", "/"),
        ("Recherche sans filtre", "/atlas/"),
        ("Recherche, page 50", "/atlas/?page=50"),
        ("Recherche par mot-clé", "/atlas/?q=eau+assainissement"),
        ("Recherche avec trois filtres", "/atlas/?continent=afrique&theme=eau-et-assainissement&funding=fonds_propres"),
        ("Recherche, tous les filtres", f"/atlas/?q=eau&continent={continent.slug}&region={region.slug}"
                                        "&theme=eau-et-assainissement&kind=cooperation&status=en_cours&year=2020"
                                        "&funding=fonds_propres&sort=recent"),
        ("Monde", "/atlas/monde/"),
        (f"Continent ({continent.name})", continent.get_absolute_url()),
        (f"Pays le plus lourd ({country.name})", country.get_absolute_url()),
        (f"Région la plus lourde ({region.name})", region.get_absolute_url()),
        (f"Département le plus lourd ({department.name})", department.get_absolute_url()),
        (f"Collectivité française ({french.name})", french.get_absolute_url()),
        (f"Collectivité partenaire ({partner.name})", partner.get_absolute_url()),
        ("Statistiques", "/atlas/statistiques/"),
        ("Statistiques e-APD", "/fonds/e-apd/statistiques/"),
        ("Fiche-projet", fiche.get_absolute_url()),
        ("Carte : données de tous les projets", "/atlas/carte.geojson"),
    ]
    return pages
