"""The official registry (36,000 collectivities), committed once and kept for the tests that ask for it.

Loading takes seconds (COPY into a staging table, one INSERT), copying it back about one. The tests that
ask for `registry_db` run one after another on one worker (xdist_group "registry", see tests/conftest.py)
and share one committed copy, as the demo tests do:
- a plain test runs in a transaction on top of it (rolled back);
- the flush that ends a transactional test (a browser test) keeps the registry's table when its rows up to
  the registry's last key are those that were committed, and deletes only the rows the test added; if the
  test changed a registry row, the table is emptied with the rest and the next test gets a fresh copy;
- before the first test that does not ask for it, the registry's rows are deleted, so that test starts
  from the reference data alone as ever.
The first load of a worker runs load_registry(); its rows are kept (binary COPY) and given back by COPY.
"""

import time

import pytest

_REGISTRY = {}  # "counts" and "seconds": the worker's first load_registry(); "dump": its rows
_KEPT = {}  # "fingerprint": (largest key, count, md5 of the rows up to it) of the committed registry, while kept


def _table():
    from atlas.models import Collectivity

    return Collectivity._meta.db_table


def _pk_column():
    from atlas.models import Collectivity

    return Collectivity._meta.pk.column


def _load_registry():
    """The registry in the database: a copy of the worker's first load when the table is empty."""
    from django.db import connection, transaction

    from atlas.models import Collectivity
    from atlas.registry import load_registry
    from tests.conftest import _copy_back, _dump, _renumber_data_versions

    table = _table()
    empty = not Collectivity.objects.exists()
    if _REGISTRY and empty:
        with transaction.atomic(), connection.cursor() as cursor:
            _copy_back(connection, cursor, _REGISTRY["dump"])
            _renumber_data_versions(cursor)
            cursor.execute(f"ANALYZE {table}")
        return
    started = time.perf_counter()
    counts = load_registry()
    if empty and not _REGISTRY:
        with connection.cursor() as cursor:
            _REGISTRY.update(counts=dict(counts), seconds=time.perf_counter() - started,
                             dump=_dump(cursor, [table]))


def _fingerprint(cursor, up_to=None):
    from tests.conftest import _fingerprint as fingerprint

    return fingerprint(cursor, _table(), _pk_column(), up_to=up_to)


def commit_registry():
    """The registry committed for the test about to run (nothing to do while it is kept)."""
    from django.db import connection

    if _KEPT:
        return
    _load_registry()
    if connection.in_atomic_block:  # a fixture before registry_db opened the test's transaction
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max({_pk_column()}) FROM {_table()}")
        largest = cursor.fetchone()[0]
        _KEPT["fingerprint"] = (largest, *_fingerprint(cursor, up_to=largest))


def kept_for_flush(connection):
    """({the registry's table}, [SQL deleting the rows the test added]) when the kept registry is as it was
    committed; else (set(), []) and it is no longer kept (the flush empties it)."""
    if not _KEPT:
        return set(), []
    largest, *committed = _KEPT["fingerprint"]
    with connection.cursor() as cursor:
        intact = list(_fingerprint(cursor, up_to=largest)) == committed
    if not intact:
        _KEPT.clear()
        return set(), []
    table = connection.ops.quote_name(_table())
    return {_table()}, [f"DELETE FROM {table} WHERE {_pk_column()} > {int(largest)};"]


def drop_kept_registry():
    """Delete the kept registry's rows (before a test that did not ask for it): one statement, without a
    foreign-key check per row (the tests' own rows were rolled back or flushed: nothing points to these)."""
    from django.db import connection, transaction

    from tests.conftest import _renumber_data_versions, _without_triggers

    with transaction.atomic(), connection.cursor() as cursor, _without_triggers(cursor):
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(_table())} WHERE is_registry")
        _renumber_data_versions(cursor)
    _KEPT.clear()


def is_kept():
    return bool(_KEPT)


@pytest.fixture
def registry_db(django_db_setup, django_db_blocker, request):
    """The national registry in the test database (kept between the tests that ask for it, see above),
    and what the worker's first load_registry() reported ("seconds": how long it took). Ask for it before
    any fixture that writes rows, or it is loaded inside the test's transaction (slower)."""
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    with django_db_blocker.unblock():
        commit_registry()
    request.getfixturevalue("transactional_db" if transactional else "db")
    return dict(_REGISTRY.get("counts", {}), seconds=_REGISTRY.get("seconds"))
