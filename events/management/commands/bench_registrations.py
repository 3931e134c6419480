"""Load test of the registration flow against a live gunicorn on loopback.

    python manage.py bench_registrations --concurrency 50 --total 500 --capacity 100

Runs against a separate database (CUF_DB_NAME=cuf_bench on the embedded PostgreSQL; the command
re-executes itself with it), starts gunicorn on 127.0.0.1 only, and fires `total` registrations
from `concurrency` HTTP clients (http.client, one keep-alive connection each, like one browser),
spread over `--processes` load-generator processes so that the clients do not share one GIL.
Each registration is the full flow the server handles: submit the form, confirm the address with
the link of the queued e-mail, choose the benchmark session. It reports throughput, p50/p95
latencies, the CPU time spent per request by gunicorn, PostgreSQL and the clients, and the final
seat accounting.
"""

import http.client
import multiprocessing
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
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

BENCH_DB = "cuf_bench"
SLUG = "bench"
STEPS = ("submit", "confirm", "choose")
TOKEN_RE = re.compile(r"/rencontres/inscription/([^/\s]+)/confirmer/")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def _cpu_seconds(pid):
    """User + system CPU time of one process (Linux /proc), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _children(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _tree_cpu(pid):
    """CPU seconds of a process and its living children (gunicorn workers, PostgreSQL backends)."""
    return _cpu_seconds(pid) + sum(_cpu_seconds(child) for child in _children(pid))


def _postmaster_pid():
    try:
        return int((Path(settings.DATABASES["default"]["PGDATA"]) / "postmaster.pid").read_text().split()[0])
    except (OSError, KeyError, ValueError, IndexError):
        return None


class Client:
    """One HTTP client: a keep-alive connection and its CSRF cookie (like one browser).

    It follows no redirect and keeps no cookie but the CSRF one: a participant would read the
    next page, but the flow the server must handle is the three POSTs.
    """

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
            raise RuntimeError(f"Formulaire d'inscription : HTTP {status}")
        self.csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()


class Mailbox:
    """Reads the links of the queued e-mails (django-tasks database backend) for the waiting clients.

    One thread per load-generator process asks the queue, in one query, for the mails of every
    client of the process still waiting for one.
    """

    def __init__(self):
        self.cond = threading.Condition()
        self.waiting = set()
        self.tokens = {}
        self.stopped = False
        threading.Thread(target=self.run, daemon=True).start()

    def token_for(self, email, timeout=30):
        deadline = time.monotonic() + timeout
        with self.cond:
            self.waiting.add(email)
            self.cond.notify_all()
            while email not in self.tokens:
                left = deadline - time.monotonic()
                if left <= 0:
                    self.waiting.discard(email)
                    raise RuntimeError(f"pas d'e-mail pour {email}")
                self.cond.wait(left)
            self.waiting.discard(email)
            return self.tokens.pop(email)

    def run(self):
        from django_tasks_db.models import DBTaskResult

        table = DBTaskResult._meta.db_table
        sql = (f"SELECT args_kwargs->'kwargs'->'to'->>0, args_kwargs->'kwargs'->>'body' FROM {table} "
               f"WHERE args_kwargs->'kwargs'->'to'->>0 = ANY(%s)")
        with connections["default"].cursor() as cursor:
            while True:
                with self.cond:
                    while not self.waiting and not self.stopped:
                        self.cond.wait()
                    if self.stopped:
                        return
                    emails = sorted(self.waiting - self.tokens.keys())
                if emails:
                    cursor.execute(sql, [emails])
                    found = {to: TOKEN_RE.search(body).group(1) for to, body in cursor.fetchall()}
                    if found:
                        with self.cond:
                            self.tokens.update(found)
                            self.cond.notify_all()
                time.sleep(0.01)

    def stop(self):
        with self.cond:
            self.stopped = True
            self.cond.notify_all()


def load_generator(port, form_path, read_form, threads, form_data, session_pk, counter, total, ready, go, results):
    """One load-generator process: `threads` clients taking registration numbers from `counter`."""
    connections.close_all()  # never share the parent's database connection
    latencies = {kind: [] for kind in (*STEPS, "flow")}
    errors = []
    lock = threading.Lock()
    clients = [Client(port) for _ in range(threads)]
    for c in clients:
        c.prepare(form_path, read_form=read_form)
    mailbox = Mailbox()

    def timed(c, steps, path, data, expected, kind):
        start = time.perf_counter()
        status, _ = c.request("POST", path, data)
        elapsed = time.perf_counter() - start
        if status != expected:
            raise RuntimeError(f"{kind} : HTTP {status}")
        steps[kind] = elapsed

    def register(c, i):
        steps = {}
        email = f"bench{i}@exemple.test"
        start = time.perf_counter()
        timed(c, steps, form_path, {
            "csrfmiddlewaretoken": c.csrf, "lang": "fr", "civility": "mme", "first_name": "Participante",
            "last_name": f"Banc {i}", "email": email, "organisation": "Ville de test",
            "function": "Chargée de mission", "category": "collectivite_fr", "consent": "on",
            "website": "", **form_data,
        }, 302, "submit")
        lookup_start = time.perf_counter()
        token = mailbox.token_for(email)
        lookup = time.perf_counter() - lookup_start
        timed(c, steps, f"/rencontres/inscription/{token}/confirmer/", {"csrfmiddlewaretoken": c.csrf}, 302,
              "confirm")
        timed(c, steps, f"/rencontres/inscription/{token}/sessions/",
              {"csrfmiddlewaretoken": c.csrf, "sessions": [session_pk]}, 302, "choose")
        flow = time.perf_counter() - start - lookup
        with lock:
            for kind, value in steps.items():
                latencies[kind].append(value)
            latencies["flow"].append(flow)

    def client_loop(c):
        while True:
            with counter.get_lock():
                i = counter.value
                counter.value += 1
            if i >= total:
                return
            try:
                register(c, i)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(str(exc))

    ready.release()
    go.wait()
    cpu_start = sum(os.times()[:2])
    workers = [threading.Thread(target=client_loop, args=(c,)) for c in clients]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    cpu = sum(os.times()[:2]) - cpu_start
    mailbox.stop()
    connections.close_all()
    results.put({"latencies": latencies, "errors": errors, "cpu": cpu})


class Command(BaseCommand):
    help = "Mesure le débit des inscriptions (gunicorn sur 127.0.0.1, base cuf_bench) et vérifie les places."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=50, help="clients HTTP simultanés")
        parser.add_argument("--total", type=int, default=500)
        parser.add_argument("--capacity", type=int, default=100)
        parser.add_argument("--processes", type=int, default=2, help="processus générateurs de charge")
        parser.add_argument("--workers", type=int, default=2, help="processus gunicorn")
        parser.add_argument("--threads", type=int, default=4, help="fils par processus gunicorn")
        parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"],
                            help="classe de worker gunicorn (gthread garde les connexions ouvertes)")

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
             "--workers", str(opts["workers"]), "--threads", str(opts["threads"]),
             "--worker-class", opts["worker_class"], "--keep-alive", "30",
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
        from atlas.models import Country
        from events.models import SessionRegistration

        total, concurrency, capacity = opts["total"], opts["concurrency"], opts["capacity"]
        processes = max(1, min(opts["processes"], concurrency))
        edition, session = self.prepare_database(capacity)
        country = Country.objects.order_by("pk").first()
        if country is None:
            from atlas.reference import load_reference

            load_reference()
            country = Country.objects.order_by("pk").first()
        port = _free_port()
        static_root = tempfile.mkdtemp(prefix="cuf-bench-static-")
        server = self.start_server(port, opts, static_root)
        postmaster = _postmaster_pid()
        latencies = {kind: [] for kind in (*STEPS, "flow")}
        errors = []
        client_cpu = 0.0
        try:
            self.wait_ready(port, server)
            form_path = f"/rencontres/{SLUG}/inscription/"
            self.stdout.write(f"Banc d'essai : {total} inscriptions, {concurrency} clients simultanés "
                              f"({processes} processus clients), session de {capacity} places, gunicorn "
                              f"{opts['workers']}×{opts['threads']} {opts['worker_class']} sur 127.0.0.1:{port}, "
                              f"base {BENCH_DB}")
            connections.close_all()  # the load generators are forked: each opens its own connection
            ctx = multiprocessing.get_context("fork")
            counter, ready, go, results = ctx.Value("i", 0), ctx.Semaphore(0), ctx.Event(), ctx.Queue()
            share = [concurrency // processes + (1 if k < concurrency % processes else 0) for k in range(processes)]
            generators = [ctx.Process(target=load_generator, args=(
                port, form_path, self.static_ok, threads, {"country": str(country.pk)}, session.pk, counter, total,
                ready, go, results)) for threads in share]
            for generator in generators:
                generator.start()
            for _ in generators:
                if not ready.acquire(timeout=120):
                    raise CommandError("Les clients ne sont pas prêts.")
            server_cpu_start = _tree_cpu(server.pid)
            db_cpu_start = _tree_cpu(postmaster) if postmaster else 0.0
            started = time.perf_counter()
            go.set()
            for _ in generators:
                result = results.get(timeout=600)
                for kind, values in result["latencies"].items():
                    latencies[kind] += values
                errors += result["errors"]
                client_cpu += result["cpu"]
            elapsed = time.perf_counter() - started
            server_cpu = _tree_cpu(server.pid) - server_cpu_start
            db_cpu = (_tree_cpu(postmaster) - db_cpu_start) if postmaster else None
            for generator in generators:
                generator.join(30)
        finally:
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
            shutil.rmtree(static_root, ignore_errors=True)

        done = len(latencies["flow"])
        requests = sum(len(latencies[k]) for k in STEPS)
        self.stdout.write(f"Inscriptions complètes : {done}/{total} en {elapsed:.2f} s — "
                          f"{done / elapsed:.1f} inscriptions/s ({requests / elapsed:.1f} requêtes/s) ; erreurs : "
                          f"{len(errors)}")
        for kind in (*STEPS, "flow"):
            values = [v * 1000 for v in latencies[kind]]
            if values:
                self.stdout.write(f"  latence {kind:8s} p50 {statistics.median(values):7.1f} ms · "
                                  f"p95 {_percentile(values, 95):7.1f} ms · max {max(values):7.1f} ms")
        if requests:
            per_request = 1000 / requests
            db = f"{db_cpu * per_request:.1f} ms" if db_cpu is not None else "non mesuré"
            self.stdout.write(f"  CPU par requête : gunicorn {server_cpu * per_request:.1f} ms · PostgreSQL {db} · "
                              f"clients {client_cpu * per_request:.1f} ms (CPU disponible : {elapsed:.1f} s × "
                              f"{os.cpu_count()} cœurs = {elapsed * os.cpu_count() * per_request:.1f} ms par requête)")
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
