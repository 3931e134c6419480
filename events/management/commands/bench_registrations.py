"""Load test of the registration flow against a live gunicorn on loopback.

    python manage.py bench_registrations --concurrency 50 --total 500 --capacity 100

Runs against a separate database (CUF_DB_NAME=cuf_bench on the embedded PostgreSQL; the command
re-executes itself with it), starts gunicorn on 127.0.0.1 only, and fires `total` registrations
from a pool of `concurrency` HTTP clients (http.client). Each registration is the full flow the
server handles: submit the form, confirm the address with the link of the queued e-mail, choose
the benchmark session. It reports throughput, p50/p95 latencies and the final seat accounting.
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

BENCH_DB = "cuf_bench"
SLUG = "bench"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values, pct):
    if not values:
        return 0.0
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values)) - 1))
    return values[index]


class Client:
    """One HTTP client: a keep-alive connection and its CSRF cookie (like one browser)."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""
        self.csrf = ""

    def request(self, method, path, data=None):
        headers = {"Host": "127.0.0.1", "Cookie": self.cookie}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            match = re.match(r"csrftoken=([^;]+)", value)
            if match:
                self.cookie = f"csrftoken={match.group(1)}"
        return response.status, content

    def prepare(self, form_path, read_form=True):
        if not read_form:
            # What the form page would set: a CSRF secret in the cookie, echoed in the form.
            self.csrf = secrets.token_hex(16)
            self.cookie = f"csrftoken={self.csrf}"
            return
        status, content = self.request("GET", form_path)
        if status != 200:
            raise CommandError(f"Formulaire d'inscription : HTTP {status}")
        self.csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()


class Command(BaseCommand):
    help = "Mesure le débit des inscriptions (gunicorn sur 127.0.0.1, base cuf_bench) et vérifie les places."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=50)
        parser.add_argument("--total", type=int, default=500)
        parser.add_argument("--capacity", type=int, default=100)
        parser.add_argument("--workers", type=int, default=4, help="processus gunicorn")
        parser.add_argument("--threads", type=int, default=4, help="fils par processus gunicorn")

    def handle(self, *args, **opts):
        if os.environ.get("DATABASE_URL"):
            raise CommandError("Le banc d'essai utilise la base embarquée : retirez DATABASE_URL.")
        if settings.DATABASES["default"]["NAME"] != BENCH_DB:
            # Never touch the working database: run again on the benchmark one.
            env = {**os.environ, "CUF_DB_NAME": BENCH_DB}
            completed = subprocess.run([sys.executable, *sys.argv], env=env)
            if completed.returncode:
                raise CommandError(f"Échec du banc d'essai (code {completed.returncode}).")
            return
        self.run_bench(opts)

    # ---- set-up -------------------------------------------------------------------------

    def prepare_database(self, capacity):
        import datetime as dt

        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        from events.models import Edition, Registration, Session, SessionRegistration

        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        edition, _ = Edition.objects.update_or_create(slug=SLUG, defaults={
            "number": None, "title": "Rencontres — banc d'essai", "venue": "Paris",
            "starts_on": today + dt.timedelta(days=30), "ends_on": today + dt.timedelta(days=31),
            "registration_opens_at": timezone.now() - dt.timedelta(days=1),
            "registration_closes_at": timezone.now() + dt.timedelta(days=20),
        })
        SessionRegistration.objects.filter(session__edition=edition).delete()
        Registration.objects.filter(edition=edition).delete()
        DBTaskResult.objects.all().delete()
        session, _ = Session.objects.update_or_create(edition=edition, number=1, defaults={
            "title": "Session du banc d'essai", "kind": Session.Kind.WORKSHOP, "day": edition.starts_on,
            "start_time": dt.time(14, 30), "end_time": dt.time(16), "capacity": capacity,
        })
        return edition, session

    def start_server(self, port, opts, static_root):
        from cuf_portal.embedded_pg import socket_dir

        db = settings.DATABASES["default"]
        host = socket_dir(db["PGDATA"], BENCH_DB)
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@{urllib.parse.quote(host, safe='')}/{BENCH_DB}",
            "DATABASE_CONN_MAX_AGE": "600",
            "DJANGO_DEBUG": "0", "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": static_root, "SITE_URL": f"http://127.0.0.1:{port}",
            "EVENTS_REGISTRATION_RATE_LIMIT": str(10 ** 9),
            "DJANGO_LOG_LEVEL": "ERROR",
        }
        collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env,
                                   cwd=settings.BASE_DIR, capture_output=True)
        self.static_ok = collected.returncode == 0
        if not self.static_ok:
            self.stdout.write("collectstatic a échoué (pages HTML indisponibles) : les clients créent eux-mêmes "
                              "leur cookie CSRF au lieu de lire le formulaire.")
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cuf_portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(opts["workers"]), "--threads", str(opts["threads"]), "--worker-class", "gthread",
             "--backlog", "2048", "--log-level", "warning"],
            env=env, cwd=settings.BASE_DIR,
        )

    def wait_ready(self, port, server):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn s'est arrêté au démarrage.")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", f"/rencontres/{SLUG}/programme.ics", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise CommandError("gunicorn ne répond pas.")

    # ---- the run -------------------------------------------------------------------------

    def run_bench(self, opts):
        from django_tasks_db.models import DBTaskResult

        from events.models import SessionRegistration

        total, concurrency, capacity = opts["total"], opts["concurrency"], opts["capacity"]
        edition, session = self.prepare_database(capacity)
        port = _free_port()
        static_root = tempfile.mkdtemp(prefix="cuf-bench-static-")
        server = self.start_server(port, opts, static_root)
        try:
            self.wait_ready(port, server)
            form_path = f"/rencontres/{SLUG}/inscription/"
            local = threading.local()
            lock = threading.Lock()
            latencies = {"submit": [], "confirm": [], "choose": [], "flow": []}
            errors = []
            token_re = re.compile(r"/rencontres/inscription/([^/\s]+)/confirmer/")

            def client():
                if not hasattr(local, "client"):
                    local.client = Client(port)
                    local.client.prepare(form_path, read_form=self.static_ok)
                return local.client

            def timed(c, method, path, data, expected, kind):
                start = time.perf_counter()
                status, _ = c.request(method, path, data)
                elapsed = time.perf_counter() - start
                if status != expected:
                    raise RuntimeError(f"{kind} : HTTP {status}")
                with lock:
                    latencies[kind].append(elapsed)

            def token_for(email):
                # The link is in the e-mail the server queued (django-tasks database backend).
                for _ in range(50):
                    row = (DBTaskResult.objects.filter(args_kwargs__kwargs__to=[email])
                           .values_list("args_kwargs", flat=True).first())
                    if row:
                        return token_re.search(row["kwargs"]["body"]).group(1)
                    time.sleep(0.02)
                raise RuntimeError(f"pas d'e-mail pour {email}")

            def register(i):
                try:
                    c = client()
                    email = f"bench{i}@exemple.test"
                    start = time.perf_counter()
                    timed(c, "POST", form_path, {
                        "csrfmiddlewaretoken": c.csrf, "lang": "fr", "civility": "mme", "first_name": "Participante",
                        "last_name": f"Banc {i}", "email": email, "organisation": "Ville de test",
                        "function": "Chargée de mission", "category": "collectivite_fr",
                        "country": "", "consent": "on", "website": "",
                    } | self.country, 302, "submit")
                    client_start = time.perf_counter()
                    token = token_for(email)
                    lookup = time.perf_counter() - client_start
                    timed(c, "POST", f"/rencontres/inscription/{token}/confirmer/",
                          {"csrfmiddlewaretoken": c.csrf}, 302, "confirm")
                    timed(c, "POST", f"/rencontres/inscription/{token}/sessions/",
                          {"csrfmiddlewaretoken": c.csrf, "sessions": [session.pk]}, 302, "choose")
                    with lock:
                        latencies["flow"].append(time.perf_counter() - start - lookup)
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    with lock:
                        errors.append(str(exc))

            from atlas.models import Country

            country = Country.objects.order_by("pk").first()
            if country is None:
                from atlas.reference import load_reference

                load_reference()
                country = Country.objects.order_by("pk").first()
            self.country = {"country": str(country.pk)}

            self.stdout.write(f"Banc d'essai : {total} inscriptions, {concurrency} clients simultanés, "
                              f"session de {capacity} places, gunicorn {opts['workers']}×{opts['threads']} "
                              f"sur 127.0.0.1:{port}, base {BENCH_DB}")
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                list(pool.map(register, range(total)))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
            shutil.rmtree(static_root, ignore_errors=True)

        done = len(latencies["flow"])
        requests = sum(len(latencies[k]) for k in ("submit", "confirm", "choose"))
        self.stdout.write(f"Inscriptions complètes : {done}/{total} en {elapsed:.2f} s — "
                          f"{done / elapsed:.1f} inscriptions/s ({requests / elapsed:.1f} requêtes/s) ; erreurs : "
                          f"{len(errors)}")
        for kind in ("submit", "confirm", "choose", "flow"):
            values = [v * 1000 for v in latencies[kind]]
            if values:
                self.stdout.write(f"  latence {kind:8s} p50 {statistics.median(values):7.1f} ms · "
                                  f"p95 {_percentile(values, 95):7.1f} ms · max {max(values):7.1f} ms")
        if errors:
            self.stdout.write("  premières erreurs : " + " | ".join(errors[:5]))
        seats = SessionRegistration.objects.filter(session=session)
        confirmed = seats.filter(state=SessionRegistration.State.CONFIRMED).count()
        waiting = list(seats.filter(state=SessionRegistration.State.WAITLISTED).order_by("position")
                       .values_list("position", flat=True))
        duplicates = seats.count() - seats.values("registration").distinct().count()
        contiguous = waiting == list(range(1, len(waiting) + 1))
        overbooked = max(0, confirmed - capacity)
        self.stdout.write(f"Places : capacité {capacity}, confirmées {confirmed}, liste d'attente {len(waiting)} "
                          f"(rangs 1..{len(waiting)} {'sans trou' if contiguous else 'AVEC TROUS'}), "
                          f"doublons {duplicates}, surréservation {overbooked}")
        expected_confirmed = min(capacity, done)
        ok = (overbooked == 0 and contiguous and duplicates == 0 and confirmed == expected_confirmed
              and confirmed + len(waiting) == done)
        if not ok:
            raise CommandError("Comptage des places incorrect.")
        self.stdout.write(self.style.SUCCESS("Comptage des places exact : zéro surréservation."))
