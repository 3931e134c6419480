"""The registration limit is exact when 2 gunicorn workers of 4 threads each serve the submits at once.

Before the PostgreSQL counters, each worker counted in its own memory: 30 submits from one address
gave 20 accepted for a limit of 10.
"""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from events.models import Registration
from tests.events.factories import EditionFactory
from tests.events.test_views import form_data

ROOT = Path(__file__).resolve().parents[2]
PORT = 8417  # this feature's range of loopback ports


def _environment():
    name = connection.settings_dict["NAME"]
    env = {**os.environ, "CUF_DB_NAME": name, "DJANGO_DEBUG": "true", "DJANGO_SECURE_SSL_REDIRECT": "false",
           "EVENTS_REGISTRATION_RATE_LIMIT": "10", "EVENTS_REGISTRATION_RATE_WINDOW": "600",
           "DJANGO_LOG_LEVEL": "ERROR"}
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
    return env


def _request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


@pytest.fixture
def gunicorn(transactional_db):
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "cuf_portal.wsgi", "--workers", "2", "--threads", "4",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "error"],
        cwd=ROOT, env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _request("GET", "/mentions-legales/")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.5)
        yield process
    finally:
        process.terminate()
        process.wait(30)


def test_thirty_simultaneous_submits_from_one_address_accept_exactly_ten(gunicorn):
    edition = EditionFactory()
    url = reverse("events:register", args=[edition.slug])
    status, headers, page = _request("GET", url)
    assert status == 200
    cookie = next(value.split(";")[0] for name, value in headers
                  if name.lower() == "set-cookie" and value.startswith("csrftoken="))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    barrier = threading.Barrier(30)
    statuses = []

    def submit(n):
        body = urllib.parse.urlencode({**form_data(edition, email=f"p{n}@exemple.test"),
                                       "csrfmiddlewaretoken": token})
        barrier.wait()
        statuses.append(_request("POST", url, body, {"Cookie": cookie, "Referer": f"http://127.0.0.1:{PORT}{url}",
                                                     "Content-Type": "application/x-www-form-urlencoded"})[0])

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(statuses) == [302] * 10 + [429] * 20
    assert Registration.objects.filter(edition=edition).count() == 10
