"""Environment variables of a deployment (README): REDIS_URL, DJANGO_SERVE_MEDIA, EMAIL_FILE_PATH.

Settings are read once, when Django starts, so each case runs in a fresh Python process with the
variable set, and checks what the portal then does (no database is touched).
"""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

PRELUDE = (
    "import os, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cuf_portal.settings')\n"
    "django.setup()\n"
)
CLEARED = ("REDIS_URL", "EMAIL_HOST", "EMAIL_FILE_PATH", "DJANGO_SERVE_MEDIA", "DJANGO_MEDIA_ROOT", "DATABASE_URL",
           "DJANGO_DEBUG")
PORTS = range(8150, 8200)  # this suite's share of the loopback ports


def run_django(code, **env):
    environ = {key: value for key, value in os.environ.items() if key not in CLEARED} | env
    result = subprocess.run([sys.executable, "-c", PRELUDE + code], cwd=settings.BASE_DIR, env=environ,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _free_port():
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail(f"Aucun port libre entre {PORTS.start} et {PORTS.stop - 1} pour redis-server.")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A throw-away redis-server on the loopback, stopped after the tests of this module."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server est introuvable : installez le paquet Debian « redis-server » (bin/test le fait).")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert server.poll() is None, "redis-server s'est arrêté au démarrage"
                assert time.monotonic() < deadline, "redis-server ne répond pas"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


SET = ("from django.core.cache import cache\n"
       "cache.set('cuf-test-shared', 'vu par un autre processus', 60)\n"
       "print(repr(cache.get('cuf-test-shared')))\n")
GET = "from django.core.cache import cache\nprint(repr(cache.get('cuf-test-shared')))\n"


def test_with_redis_url_the_cache_is_shared_between_processes(redis_url):
    """Two processes (two gunicorn workers, two hosts) see the same cache: rate limits and lists hold."""
    import redis

    assert run_django(SET, REDIS_URL=redis_url).strip() == "'vu par un autre processus'"
    assert run_django(GET, REDIS_URL=redis_url).strip() == "'vu par un autre processus'"
    # The value really is in that Redis server (Django prefixes its keys with ":1:").
    assert redis.Redis.from_url(redis_url).exists(":1:cuf-test-shared")


# Without REDIS_URL the cache is the database's, shared by every process as well: see
# tests/portal/test_shared_limits.py (test_a_value_cached_by_one_process_is_read_by_another).


MEDIA = (
    "from django.test import Client\n"
    "from django.urls import Resolver404, resolve\n"
    "try:\n"
    "    resolve('/media/logos/cuf.txt')\n"
    "    print('routed', Client().get('/media/logos/cuf.txt', HTTP_HOST='localhost', secure=True).getvalue())\n"
    "except Resolver404:\n"
    "    print('not routed')\n"
)


@pytest.mark.parametrize("value, served", [(None, True), ("true", True), ("false", False), ("0", False)])
def test_django_serve_media_says_whether_django_serves_the_uploads(tmp_path, value, served):
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "cuf.txt").write_text("logo public")
    env = {"DJANGO_MEDIA_ROOT": str(tmp_path)} | ({"DJANGO_SERVE_MEDIA": value} if value is not None else {})
    out = run_django(MEDIA, **env).strip()
    assert out == ("routed b'logo public'" if served else "not routed")


def test_email_file_path_writes_each_mail_to_a_file(tmp_path):
    outbox = tmp_path / "mails"
    run_django("from django.core.mail import send_mail\n"
               "send_mail('Confirmation de votre inscription', 'Bonjour Awa', None, ['awa@example.org'])\n",
               EMAIL_FILE_PATH=str(outbox))
    [written] = list(outbox.iterdir())
    content = written.read_text()
    assert "Subject: Confirmation de votre inscription" in content and "To: awa@example.org" in content
    assert "Bonjour Awa" in content
    assert "<ne-pas-repondre@cites-unies-france.org>" in content  # DEFAULT_FROM_EMAIL


def test_email_host_wins_over_email_file_path(tmp_path):
    """SMTP when EMAIL_HOST is set, whatever EMAIL_FILE_PATH says (no mail lost in a file in production)."""
    out = run_django("from django.core.mail import get_connection\nprint(type(get_connection()).__module__)\n",
                     EMAIL_HOST="smtp.example.org", EMAIL_FILE_PATH=str(tmp_path))
    assert out.strip() == "django.core.mail.backends.smtp"
