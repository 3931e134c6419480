"""Settings of the gunicorn that `bench_atlas --http` starts: the portal's own, plus the floor view.

The floor (`/__bench__/ok/`, `HttpResponse("ok")`) goes through the same middleware as every page,
so the ratio page / floor removes what the machine's load does to both. It exists only here: the
production URLconf has no such route.
"""

from cuf_portal.settings import *  # noqa: F403
from cuf_portal.settings import MIDDLEWARE

ROOT_URLCONF = "atlas.bench.urls"
# The worker's pid in a response header, so that the benchmark knows which worker answered
# (first request on each new worker).
MIDDLEWARE = [*MIDDLEWARE, "atlas.bench.urls.worker_pid_middleware"]
