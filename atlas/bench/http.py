"""`bench_atlas --http`: the Atlas pages through a real gunicorn on loopback, each request of a page
followed by a request of the floor view (`HttpResponse("ok")` through the same middleware), so that the
machine's load weighs on both alike and the ratio page / floor means something on a busy machine.
"""

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from django.conf import settings

FLOOR = "/__bench__/ok/"


def free_port(preferred=None):
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("pas de port libre")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Server:
    """gunicorn (sync workers) on 127.0.0.1 serving the portal with the benchmark's settings, on the
    database the command runs on; static files collected into a temporary folder (whitenoise)."""

    def __init__(self, port, workers=2):
        self.port, self.workers = port, workers
        self.static_root = tempfile.mkdtemp(prefix="cuf-bench-static-")
        self.process = None

    def env(self):
        db = settings.DATABASES["default"]
        if os.environ.get("DATABASE_URL"):
            url = os.environ["DATABASE_URL"]
        else:
            from cuf_portal.embedded_pg import socket_dir

            host = socket_dir(db["PGDATA"], db["NAME"])
            url = f"postgres://postgres@{urllib.parse.quote(host, safe='')}/{db['NAME']}"
        return {**os.environ, "DATABASE_URL": url, "DATABASE_CONN_MAX_AGE": "600",
                "DJANGO_SETTINGS_MODULE": "atlas.bench.settings",
                "DJANGO_DEBUG": "0", "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0",
                "DJANGO_HSTS_SECONDS": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_STATIC_ROOT": self.static_root, "DJANGO_LOG_LEVEL": "ERROR"}

    def start(self):
        env = self.env()
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env,
                       cwd=settings.BASE_DIR, check=True, capture_output=True)
        # Run from the project folder: gunicorn reads its gunicorn.conf.py, as in production.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cuf_portal.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--keep-alive", "30", "--log-level", "warning"],
            env=env, cwd=settings.BASE_DIR)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn s'est arrêté au démarrage.")
            try:
                status, _body, _headers = Connection(self.port).get(FLOOR)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn ne répond pas.")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.static_root, ignore_errors=True)


class Connection:
    """One keep-alive HTTP/1.1 connection, like one browser tab."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path, headers=None):
        self.conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = self.conn.getresponse()
        body = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return response.status, body, response.headers

    def timed(self, path, headers=None):
        started = time.perf_counter()
        status, body, response_headers = self.get(path, headers)
        return (time.perf_counter() - started) * 1000, status, body, response_headers

    def close(self):
        self.conn.close()


def first_requests(port, path, workers, rounds=8):
    """Time of the first request of `path` on each worker (identified by the X-Bench-Worker header):
    the same number of simultaneous requests as there are workers, until every worker has answered."""
    firsts = {}
    for _ in range(rounds):
        results = []

        def one(results=results):
            connection = Connection(port)
            try:
                elapsed, status, _body, headers = connection.timed(path)
                results.append((elapsed, status, headers.get("X-Bench-Worker")))
            finally:
                connection.close()

        threads = [threading.Thread(target=one) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for elapsed, status, pid in sorted(results):
            if status == 200 and pid not in firsts:
                firsts[pid] = elapsed
        if len(firsts) >= workers:
            break
    return firsts


def interleaved(connection, path, runs):
    """(page times, floor times, statuses, response size): page then floor, `runs` times, after one warm-up."""
    connection.timed(path)
    connection.timed(FLOOR)
    page, floor, statuses, size = [], [], set(), 0
    for _ in range(runs):
        elapsed, status, body, _headers = connection.timed(path)
        page.append(elapsed)
        statuses.add(status)
        size = len(body)
        floor.append(connection.timed(FLOOR)[0])
    return page, floor, statuses, size


def summary(page, floor):
    p50, floor50 = statistics.median(page), statistics.median(floor)
    return p50, percentile(page, 95), floor50, p50 / floor50 if floor50 else float("inf")
