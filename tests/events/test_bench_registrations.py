"""A short run of bench_registrations: real gunicorn, real clients, and its seat count check.

The command runs in its own process (it starts gunicorn and forks its load generators) on its own
database of the embedded PostgreSQL (cuf_bench), never the working one nor the test one.
"""

import os
import re
import subprocess
import sys

from django.conf import settings


def test_bench_registrations_short_run_reports_an_exact_seat_count():
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CUF_DB_NAME")}
    result = subprocess.run(
        [sys.executable, "manage.py", "bench_registrations", "--total", "12", "--concurrency", "3", "--capacity", "5",
         "--processes", "1", "--workers", "1", "--threads", "2"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=540)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert re.search(r"Banc d'essai : 12 inscriptions, 3 clients simultanés \(1 processus clients\), session de 5 "
                     r"places, gunicorn 1×2 gthread sur 127\.0\.0\.1:\d+, base cuf_bench", out), out
    assert re.search(r"Inscriptions complètes : 12/12 en \d+\.\d\d s — \d+\.\d inscriptions/s \(\d+\.\d requêtes/s\) ; "
                     r"erreurs : 0", out), out
    for step in ("submit", "confirm", "choose", "flow"):
        assert re.search(rf"latence {step} +p50 +\d+\.\d ms · p95 +\d+\.\d ms · max +\d+\.\d ms", out), step
    # Five seats, seven on the waiting list in order: the run checks it and says so.
    assert ("Places : capacité 5, confirmées 5, liste d'attente 7 (rangs 1..7 sans trou), doublons 0, "
            "surréservation 0") in out
    assert "Comptage des places exact : zéro surréservation." in out
