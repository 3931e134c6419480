"""Figures derived from many rows (counts per continent, country, région…), cached under the version
of the data they come from, so that they are computed once per change and never served stale.

The version of a scope ("atlas", "eapd", "fonds", "groupes", "events") is a row of atlas_dataversion
that PostgreSQL triggers set to a new number from a sequence with every statement writing to the scope's
tables, in the writer's transaction (migrations atlas 0008, fonds 0004 and 0007, groupes_pays 0006,
events 0006). A page reads the version first (one primary-key lookup), then looks up `figures:<scope versions>:<key>`:
- a reader that sees the new version also sees the new rows (same commit), so what it computes and
  stores under that version is never older than the version says;
- numbers are never reused (sequence), so an entry written by a transaction that rolled back, or in a
  test that did, is never read as the figures of another state;
- every worker and every host reads the same version from the database: with a shared cache (Redis,
  REDIS_URL) they also share the entries; with the local-memory cache each process computes its own,
  still exact.
When the row is missing (a database flushed by a test), nothing is cached.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import connection

_MISSING = object()
TIMEOUT = 60 * 60 * 24 * 7  # an entry of an old version simply ages out
ATLAS, EAPD, FONDS, GROUPS, EVENTS = "atlas", "eapd", "fonds", "groupes", "events"


def versions(*scopes):
    """'<scope>.<version>-…' for these scopes, read in one query; None when one of them has no version."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT scope, version FROM atlas_dataversion WHERE scope = ANY(%s)", [list(scopes)])
        found = dict(cursor.fetchall())
    if any(scope not in found for scope in scopes):
        return None
    return "-".join(f"{scope}.{found[scope]}" for scope in scopes)


def request_versions(request, *scopes):
    """versions(*scopes), every scope read in the first call of a GET request (one query) and reused by
    the later calls of that request: a figures page and its panels (the APD panels read atlas and eapd)
    key their entries by the same reading. A request that may write (POST…) reads afresh each time: its
    versions may change under it."""
    if request is None or request.method not in ("GET", "HEAD"):
        return versions(*scopes)
    found = getattr(request, "_figures_versions", None)
    if found is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT scope, version FROM atlas_dataversion")
            found = request._figures_versions = dict(cursor.fetchall())
    if any(scope not in found for scope in scopes):
        return None
    return "-".join(f"{scope}.{found[scope]}" for scope in scopes)


def cache_key(version, key):
    return f"figures:{version}:{key}"


def cached(key, compute, scopes=(ATLAS,), version=None, timeout=TIMEOUT, store=None):
    """compute() for the current version of `scopes`, from the cache when it was already computed.
    `version` (from versions()) saves the lookup when the caller already has it; `store(value)`, when
    given, says whether a computed value may be cached (an invalid search is not)."""
    version = version or versions(*scopes)
    if version is None:
        return compute()
    full_key = cache_key(version, key)
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        if store is None or store(value):
            cache.set(full_key, value, timeout)
    return value


@functools.cache
def release():
    """Fingerprint of the deployed templates and static files, computed once per process. Cached HTML is
    keyed by it as well as by the data version: the shared cache outlives a deployment, and a fragment of
    the previous one would name static files (hashed names) that no longer exist."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for path in sorted([*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]):
        digest.update(path.read_bytes())
    hashed = getattr(staticfiles_storage, "hashed_files", None)
    if hashed:
        digest.update(repr(sorted(hashed.items())).encode())
    return digest.hexdigest()[:12]


def fragment_key(version, language):
    """What {% cache %} fragments of the figures pages are keyed by: data version, release and language
    (their links carry the language prefix); None (nothing cached) when there is no data version."""
    return f"{version}.{release()}.{language}" if version else None


def fragment_timeout(version):
    """Timeout for a {% cache %} fragment keyed by `version`: 0 (not cached) when there is no version."""
    return TIMEOUT if version else 0
