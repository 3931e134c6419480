"""Limits and cache shared by every worker, thread and host (PostgreSQL counters, database cache)."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import override_settings

from cuf_portal import rate_limits
from cuf_portal.models import RateCounter

ROOT = Path(__file__).resolve().parents[2]
RESET = "/compte/mot-de-passe/oubli/"


def run_in_threads(func, n):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(func())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_each_get_a_distinct_count():
    # 8 threads = 2 gunicorn workers x 4 threads, each thread with its own connection.
    counts = run_in_threads(lambda: [rate_limits.hit("test:concurrent", window=600) for _ in range(5)], 8)
    assert sorted(c for batch in counts for c in batch) == list(range(1, 41))


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_allow_exactly_the_limit():
    allowed = run_in_threads(lambda: rate_limits.allow("test:exact", limit=10, window=600), 30)
    assert allowed.count(True) == 10


@pytest.mark.django_db
def test_windows_are_separate_and_finished_ones_are_purged(monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(rate_limits.time, "time", lambda: now)
    assert [rate_limits.hit("test:window", window=60) for _ in range(3)] == [1, 2, 3]
    now += 60
    assert rate_limits.hit("test:window", window=60) == 1
    assert RateCounter.objects.filter(key__startswith="test:window").count() == 1


@pytest.mark.django_db
def test_long_keys_fit_the_column():
    key = "password-reset:address:" + "a" * 300 + "@exemple.test"
    assert [rate_limits.hit(key, window=60) for _ in range(2)] == [1, 2]
    assert rate_limits.hit(key.replace("a@", "b@"), window=60) == 1


def _cache_backend(**env):
    """The cache backend that the settings pick in a fresh process with this environment."""
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {key: value for key, value in {**os.environ, **env}.items() if value is not None}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT,
                            env={**env, "DJANGO_SETTINGS_MODULE": "cuf_portal.settings"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_the_cache_is_the_database():
    # In a fresh process: the suite itself may run with REDIS_URL (bin/prodlike runs it on Redis).
    assert _cache_backend(REDIS_URL=None) == "django.core.cache.backends.db.DatabaseCache"
    assert _cache_backend(REDIS_URL="redis://127.0.0.1:6379/0") == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db(transaction=True)
def test_a_value_cached_by_one_process_is_read_by_another():
    cache.set("shared:probe", "écrit par le processus des tests", 60)
    env = {**os.environ, "CUF_DB_NAME": connection.settings_dict["NAME"]}
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        env["REDIS_URL"] = settings.CACHES["default"]["LOCATION"]  # this worker's Redis database
    code = "from django.core.cache import cache; print(cache.get('shared:probe'))"
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "écrit par le processus des tests"


@pytest.mark.django_db
@override_settings(PASSWORD_RESET_MAILS_PER_ADDRESS=3, PASSWORD_RESET_MAILS_PER_CLIENT=100)
def test_password_reset_sends_at_most_three_mails_per_address_and_answers_the_same(client, user):
    answers = [client.post(RESET, {"email": user.email}) for _ in range(5)]
    assert [(a.status_code, a.url) for a in answers] == [(302, "/compte/mot-de-passe/oubli/envoye/")] * 5
    assert len(mail.outbox) == 3
    # Case and spaces do not give more mails.
    client.post(RESET, {"email": f"  {user.email.upper()} "})
    assert len(mail.outbox) == 3


@pytest.mark.django_db
@override_settings(PASSWORD_RESET_MAILS_PER_ADDRESS=3, PASSWORD_RESET_MAILS_PER_CLIENT=4, PROXY_COUNT=1)
def test_password_reset_is_limited_per_client_for_any_address(client, django_user_model):
    users = [django_user_model.objects.create_user(f"agent{i}@exemple.test", "x") for i in range(6)]

    def ask(user, address):
        return client.post(RESET, {"email": user.email}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    answers = [ask(user, "203.0.113.5") for user in users[:5]]
    assert {a.status_code for a in answers} == {302}
    assert len(mail.outbox) == 4
    ask(users[5], "198.51.100.7")  # another client is not held back
    assert len(mail.outbox) == 5


@pytest.mark.django_db
@override_settings(PASSWORD_RESET_MAILS_PER_ADDRESS=1)
def test_password_reset_limit_also_counts_unknown_addresses(client, user):
    """The same answer and the same counting whether or not an account exists."""
    first = client.post(RESET, {"email": "personne@exemple.test"})
    second = client.post(RESET, {"email": "personne@exemple.test"})
    assert first.url == second.url == "/compte/mot-de-passe/oubli/envoye/"
    assert RateCounter.objects.get(key__startswith="password-reset:address:personne@exemple.test").count == 2
