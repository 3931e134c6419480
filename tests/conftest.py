"""Shared fixtures: settings for tests, reference geography, accounts, and the browser layer."""

import contextlib
import os
import shutil
from unittest import mock

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# next to it are plain synchronous calls, so Django's async-safety guard is lifted for tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Chromium's headless shell (Debian's chromium-headless-shell, which bin/test installs): the same engine as
# the browser without its user interface, a quarter less processor time over the browser tests than
# `chromium --headless`, which starts the whole browser. The full browser serves where it is the only one.
CHROMIUM = (os.environ.get("CHROMIUM_PATH") or shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or "/usr/bin/chromium-headless-shell")
# The words of Chromium's console message for every Content-Security-Policy violation.
CSP_REPORT = "Content Security Policy"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


TEST_SETTINGS = {
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
}


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory):
    """Plain HTTP, fast hashing, mail sent at once: set before the live server starts."""
    from django.test import override_settings

    with override_settings(**TEST_SETTINGS, CACHES=_worker_caches(), MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def _worker_caches():
    """With REDIS_URL (bin/prodlike), each xdist worker gets its own Redis database (the URL's plus the
    worker's number): the figures of two test databases are cached under the same version numbers, and
    a cache.clear() of one worker would empty the other's cache in the middle of its test."""
    from urllib.parse import urlsplit, urlunsplit

    from django.conf import settings

    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    for config in caches.values():
        if config["BACKEND"].endswith("RedisCache") and worker[2:].isdigit():
            url = urlsplit(config["LOCATION"])
            base = int(url.path.strip("/") or 0)
            config["LOCATION"] = urlunsplit(url._replace(path=f"/{base + int(worker[2:])}"))
    return caches


# ---- Reference data: loaded once per test database ----------------------------------------
#
# The reference geography (continents, countries, régions, départements, ODD, themes), the national
# registry of 36,000 collectivities and the e-APD lists are loaded once, right after the migrations,
# into each test database (one per xdist worker: pytest-django names them test_<name>_gw0, _gw1…).
# Ordinary tests run inside a transaction that is rolled back, so the rows stay.
#
# Transactional tests (transaction=True, transactional_db, live_server) end with Django's flush,
# which would TRUNCATE every table and make the next test reload the registry (seconds each time).
# Instead the flush leaves the reference tables alone (`_sql_flush_keeping_reference`), and on the
# post_migrate signal that it sends, `_restore_reference` checks them against fingerprints taken
# after the first load:
# - rows a test added to a reference table (a new collectivity, a test département) are deleted;
# - if a reference row was changed or deleted, every reference table is emptied and reloaded from
#   the copy taken after the first load, with fresh planner statistics (the slow path);
# - the data versions (atlas/figures.py) get new numbers, as the writes of a reload would give them,
#   so no figures cached before the flush (in Redis, which a flush does not empty) are read again.

_REFERENCE_DUMP = []  # [(db_table, COPY binary data)], taken once per worker after the first load
_FINGERPRINTS = {}  # db_table -> (primary-key column, largest integer key or None, count, md5 of the rows)
# Never emptied by a flush (no test changes them; their ids stay stable, which the demo dump relies on).
_STATIC_TABLES = {"django_content_type", "auth_permission"}
# Written by triggers; renumbered after each flush (see above), never dumped.
_UNDUMPED_TABLES = {"atlas_dataversion"}


def _fingerprint(cursor, table, pk_column, up_to=None):
    """(count, md5) of the rows of `table`, in key order; only keys <= up_to when given."""
    where = f"WHERE t.{pk_column} <= %s" if up_to is not None else ""
    cursor.execute(
        f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{pk_column}), '')) "
        f"FROM {table} t {where}", [up_to] if up_to is not None else [])
    return cursor.fetchone()


def _models_by_table():
    from django.apps import apps

    return {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)
            if not model._meta.proxy}


def _row_counts(cursor, tables, cap):
    """{table: number of rows, counted up to `cap`} for `tables`, in one query."""
    if not tables:
        return {}
    cursor.execute(" UNION ALL ".join(f"SELECT '{table}', count(*) FROM (SELECT 1 FROM {table} LIMIT {cap}) AS t"
                                      for table in tables))
    return dict(cursor.fetchall())


def _non_empty_tables(cursor, tables):
    """The tables among `tables` that hold at least one row, in the order given."""
    counts = _row_counts(cursor, tables, cap=1)
    return [table for table in tables if counts[table]]


def _dump(cursor, tables):
    """Every row of `tables`, as PostgreSQL's binary COPY (put back by _copy_back in a fraction of a second)."""
    dump = []
    for table in tables:
        data = bytearray()
        with cursor.copy(f"COPY {table} TO STDOUT (FORMAT binary)") as copy:
            for block in copy:
                data += block
        dump.append((table, bytes(data)))
    return dump


@contextlib.contextmanager
def _without_triggers(cursor):
    """Foreign-key and data-version triggers off while a consistent dump is copied back, when the role
    may do so (a superuser, as on the embedded server): otherwise every copied row queues a deferred
    foreign-key check, and the end of the test then spends seconds on checks that cannot fail."""
    cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    allowed = cursor.fetchone()[0]
    if allowed:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        if allowed:
            cursor.execute("SET session_replication_role = DEFAULT")


def _copy_back(connection, cursor, dump, *, emptied=(), deleted=()):
    """Put back the rows of `dump` (from _dump), triggers off when the role may: first TRUNCATE the
    tables `emptied` or DELETE the rows of the tables `deleted`; then sequences past the copied keys."""
    from django.core.management.color import no_style

    if emptied:
        cursor.execute(f"TRUNCATE {', '.join(emptied)} CASCADE")
    with _without_triggers(cursor):
        for table in deleted:  # foreign keys are deferred: checked at commit
            cursor.execute(f"DELETE FROM {table}")
        for table, data in dump:
            with cursor.copy(f"COPY {table} FROM STDIN (FORMAT binary)") as copy:
                copy.write(data)
    models = _models_by_table()
    for statement in connection.ops.sequence_reset_sql(no_style(), [models[t] for t, _ in dump]):
        cursor.execute(statement)


def _take_reference_snapshot(connection):
    from django.db import models

    _FINGERPRINTS.clear()
    by_table = _models_by_table()
    candidates = [table for table in by_table if table not in _STATIC_TABLES | _UNDUMPED_TABLES]
    with connection.cursor() as cursor:
        tables = _non_empty_tables(cursor, candidates)
        _REFERENCE_DUMP[:] = _dump(cursor, tables)
        for table in tables:
            pk = by_table[table]._meta.pk
            integer_key = isinstance(pk, (models.AutoField, models.BigAutoField, models.IntegerField))
            if integer_key:
                cursor.execute(f"SELECT max({pk.column}) FROM {table}")
                largest = cursor.fetchone()[0]
            else:
                largest = None
            _FINGERPRINTS[table] = (pk.column, largest, *_fingerprint(cursor, table, pk.column))


def _kept_tables():
    return set(_FINGERPRINTS) | _STATIC_TABLES


def _sql_flush_keeping_reference(style, connection, reset_sequences=True, allow_cascade=False):
    """Django's sql_flush, without the reference tables (checked and repaired by _restore_reference).

    After a test (no sequence reset) only the tables that hold rows are emptied: by DELETE when they hold
    a few (a test leaves a few rows in a few tables, and TRUNCATE would give each table and its indexes
    new files, half a second per test); by one TRUNCATE … CASCADE when they hold many (deleting the
    demo's 36,000 collectivities row by row, with a foreign-key check each, took seconds). Foreign keys
    are deferred: the DELETEs are checked once, at the end."""
    from tests.atlas import registry_fixtures

    kept_registry, delete_added = registry_fixtures.kept_for_flush(connection)
    kept = _kept_tables() | _kept_demo_tables(connection) | kept_registry
    tables = [table for table in connection.introspection.django_table_names(only_existing=True,
                                                                             include_views=False)
              if table not in kept]
    if reset_sequences:
        return connection.ops.sql_flush(style, tables, reset_sequences=True,
                                        allow_cascade=allow_cascade) + delete_added
    return _emptying_statements(connection, tables) + delete_added


FEW_ROWS = 1000


def _emptying_statements(connection, tables):
    """SQL emptying `tables`: nothing for the empty ones, DELETE for those with a few rows, one
    TRUNCATE … CASCADE for those with many (see _sql_flush_keeping_reference)."""
    with connection.cursor() as cursor:
        rows = _row_counts(cursor, tables, cap=FEW_ROWS + 1)
    quote = connection.ops.quote_name
    many = [quote(table) for table, count in rows.items() if count > FEW_ROWS]
    statements = [f"TRUNCATE {', '.join(many)} CASCADE;"] if many else []
    return statements + [f"DELETE FROM {quote(table)};" for table, count in rows.items() if 0 < count <= FEW_ROWS]


def _reference_intact(cursor, delete_added=True):
    """True if the rows of the reference tables are those of the first load, rows added by tests apart
    (deleted when `delete_added`, else reported as changes)."""
    added = []
    for table, (pk_column, largest, count, digest) in _FINGERPRINTS.items():
        if _fingerprint(cursor, table, pk_column) == (count, digest):
            continue
        if not delete_added or largest is None:
            return False
        if _fingerprint(cursor, table, pk_column, up_to=largest) != (count, digest):
            return False
        added.append((table, pk_column, largest))
    for table, pk_column, largest in added:  # foreign keys are deferred: checked at commit
        cursor.execute(f"DELETE FROM {table} WHERE {pk_column} > %s", [largest])
    return True


def _renumber_data_versions(cursor):
    """A new number for every data-version scope ("atlas", "eapd", "fonds"…: those the triggers name)."""
    cursor.execute(r"""
        INSERT INTO atlas_dataversion (scope, version)
        SELECT scope, nextval('atlas_dataversion_seq') FROM (
            SELECT DISTINCT substring(pg_get_triggerdef(oid) FROM 'atlas_bump_data_version\(''(\w+)''\)') AS scope
            FROM pg_trigger WHERE NOT tgisinternal) AS scopes
        WHERE scope IS NOT NULL
        ON CONFLICT (scope) DO UPDATE SET version = EXCLUDED.version""")


def _forget_process_caches():
    from atlas.filters import invalidate_reference_choices
    from cuf_portal.demo_content import forget

    invalidate_reference_choices()
    forget()


def _restore_reference(sender=None, using="default", **kwargs):
    """After a flush: make the reference tables what they were after the first load."""
    from django.db import connections, transaction

    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        intact = _reference_intact(cursor)
    if not intact:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                _copy_back(connection, cursor, _REFERENCE_DUMP, emptied=[table for table, _ in _REFERENCE_DUMP])
        _analyze(connection)
    with connection.cursor() as cursor:
        _renumber_data_versions(cursor)
    _forget_process_caches()


# ---- Demo content: loaded once per worker, then copied back ---------------------------------
#
# load_demo takes several seconds (it adopts the registry, generates the demo Atlas…). The first test
# of a worker that asks for the demo runs it, and the resulting rows of every table are dumped; the
# next ones get the same rows back by COPY, in their own transaction (rolled back after a plain test,
# flushed after a transactional one). Only from a clean start (the reference data alone): a test that
# wrote rows before asking for the demo gets a real load_demo.

_DEMO_DUMP = []  # [(db_table, COPY binary data)]: the tables load_demo filled or changed
_DEMO_REPLACED = []  # the reference tables among them (load_demo adopts registry records, adds places…)
_UNCHECKED_TABLES = {"cuf_cache"}  # a cache entry written before the demo does not make the start unclean
_NOT_DEMO_TABLES = _STATIC_TABLES | _UNDUMPED_TABLES | _UNCHECKED_TABLES  # never dumped nor compared
# Every table as the worker's real load_demo left it (table_fingerprints): what a copy must give back.
DEMO_AS_LOADED = {}


def _clean_start(connection):
    """True when the database holds the reference data alone (as after the first load)."""
    candidates = [t for t in connection.introspection.django_table_names(only_existing=True, include_views=False)
                  if t not in _kept_tables() | _UNDUMPED_TABLES | _UNCHECKED_TABLES]
    with connection.cursor() as cursor:
        return not _non_empty_tables(cursor, candidates) and _reference_intact(cursor, delete_added=False)


def table_fingerprints(connection):
    """{table: (count, md5 of its rows)} for every table but the static, the undumped and the cache."""
    with connection.cursor() as cursor:
        return {table: _fingerprint(cursor, table, model._meta.pk.column)
                for table, model in _models_by_table().items() if table not in _NOT_DEMO_TABLES}


def _dump_demo(connection):
    with connection.cursor() as cursor:
        changed = [table for table, (pk_column, _largest, count, digest) in _FINGERPRINTS.items()
                   if _fingerprint(cursor, table, pk_column) != (count, digest)]
        filled = _non_empty_tables(cursor, [t for t in _models_by_table()
                                            if t not in _NOT_DEMO_TABLES | set(_FINGERPRINTS)])
        _DEMO_REPLACED[:] = changed
        _DEMO_DUMP[:] = _dump(cursor, changed + filled)
    DEMO_AS_LOADED.update(table_fingerprints(connection))


def _load_demo_dump(connection):
    """From a clean start: the reference tables load_demo changed are replaced, the others it filled
    (empty at a clean start) receive its rows. DELETE rather than TRUNCATE: in a test's transaction,
    emptying a few tables row by row costs less than new files for every table and index."""
    with connection.cursor() as cursor:
        _copy_back(connection, cursor, _DEMO_DUMP, deleted=_DEMO_REPLACED)
        _renumber_data_versions(cursor)
        cursor.execute(f"ANALYZE {', '.join(t for t, _ in _DEMO_DUMP)}")


def load_demo_content():
    """The demo content of load_demo, in the test database (see above). True when it started clean."""
    import io

    from django.core.management import call_command
    from django.db import connection, transaction

    clean = _clean_start(connection)
    if clean and _DEMO_DUMP:
        with transaction.atomic():
            _load_demo_dump(connection)
        _forget_process_caches()
        return True
    call_command("load_demo", stdout=io.StringIO())
    if clean:
        _dump_demo(connection)
    return clean


# ---- The demo kept between the tests that ask for it ----------------------------------------
#
# The tests that ask for the demo run one after another on one worker (xdist_group "demo", see
# pytest_itemcollected), and the demo is committed once for all of them rather than copied
# into each: a plain test runs in a transaction on top of it (rolled back), and the flush that ends a
# transactional test keeps the demo's tables when their fingerprints show the test left them as they
# were (a crawl, an axe run), or empties them with the rest when it wrote to them (a login, a
# registration): the next test then gets a fresh copy. Before the first test that does not ask for
# the demo, its rows are deleted, so that test starts from the reference data alone as ever.

_DEMO_KEPT = {}  # db_table -> fingerprint, while the demo's rows are committed and unchanged


def _demo_fingerprints(cursor):
    models = _models_by_table()
    return {table: _fingerprint(cursor, table, models[table]._meta.pk.column) for table, _ in _DEMO_DUMP}


def _commit_demo():
    from django.db import connection

    if _DEMO_KEPT:
        return
    if connection.in_atomic_block:  # a fixture before `demo` opened the test's transaction: demo inside it
        load_demo_content()
        return
    if load_demo_content() and not _DEMO_REPLACED:
        with connection.cursor() as cursor:
            _DEMO_KEPT.update(_demo_fingerprints(cursor))


def _kept_demo_tables(connection):
    """The demo's tables, when they are kept and the test that ends left them as they were."""
    if not _DEMO_KEPT:
        return set()
    with connection.cursor() as cursor:
        if _demo_fingerprints(cursor) == _DEMO_KEPT:
            return set(_DEMO_KEPT)
    _DEMO_KEPT.clear()
    return set()


def _drop_kept_demo(config):
    """Delete the kept demo's rows (before a test that did not ask for it)."""
    from django.db import connection, transaction
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        statements = _emptying_statements(connection, list(_DEMO_KEPT))
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:  # foreign keys are deferred: checked at commit
                cursor.execute(statement)
            _renumber_data_versions(cursor)
        _forget_process_caches()
    _DEMO_KEPT.clear()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test that does not ask for them: the kept demo's rows, and the kept registry's, deleted."""
    from pytest_django.plugin import blocking_manager_key

    from tests.atlas import registry_fixtures

    if _DEMO_KEPT and "demo" not in item.fixturenames:
        _drop_kept_demo(item.config)
    if registry_fixtures.is_kept() and "registry_db" not in item.fixturenames:
        with item.config.stash[blocking_manager_key].unblock():
            registry_fixtures.drop_kept_registry()
            _forget_process_caches()


@pytest.fixture
def demo(django_db_setup, django_db_blocker, request):
    """The demo content (load_demo), for a test that uses the database (kept between such tests, see
    above). Ask for it before any fixture that writes rows (a user…), or it falls back to a real, slower,
    load_demo inside the test."""
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    with django_db_blocker.unblock():
        _commit_demo()
    request.getfixturevalue("transactional_db" if transactional else "db")


def _analyze(connection):
    """Fresh planner statistics for the 36,000 restored or loaded rows: without them, PostgreSQL plans
    a registry that was emptied (and analysed while empty) as a tiny table, and a country page then ran
    for minutes in nested loops."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ---- A migrated template, kept between runs ------------------------------------------------
#
# Migrating a test database takes about 10 seconds of each worker's start (37 migrations, 220 operations,
# Django rendering the models' states again and again). The first worker that has migrated one and loaded
# the reference data into it copies it as a template database, named by a digest of what shaped it: the
# migration files, the reference data's loaders and files, and the versions of the installed packages
# (Django's own migrations and the third-party apps'). Later runs create each worker's database from that
# template (PostgreSQL copies it in a fraction of a second) and Django's migrate finds nothing to apply.
# A change to any of those inputs gives another name: the database is migrated again and the former
# template dropped. Whatever the template holds, the reference data is loaded again after the copy (it then
# writes only what differs, see atlas/reference.sync_rows), so a test never relies on the copy alone.

def _template_inputs():
    """The files and package versions that shape a migrated test database with its reference data."""
    from importlib import metadata
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    files = sorted(path for pattern in ("*/migrations/*.py", "fixtures/**/*", "atlas/reference.py",
                                        "fonds/reference.py")
                   for path in base.glob(pattern) if path.is_file())
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    return files, packages


def _template_name():
    import hashlib

    from django.conf import settings

    files, packages = _template_inputs()
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update("\n".join(packages + [repr(settings.LANGUAGES)]).encode())
    return f"{TEMPLATE_PREFIX}{digest.hexdigest()[:20]}"


TEMPLATE_PREFIX = "test_template_"


def _database_exists(cursor, name):
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """pytest-django's names for the test databases (a suffix per xdist worker), and the migrated template
    they are copied from when one was kept by an earlier run (see above)."""
    from django.conf import settings
    from django.db import connection

    name = _template_name()
    with django_db_blocker.unblock(), connection.creation._nodb_cursor() as cursor:
        found = _database_exists(cursor, name)
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if found:
        test_settings["TEMPLATE"] = name
    _TEMPLATE.update(name=name, used=found)


_TEMPLATE = {}  # "name": the template this run's inputs call for; "used": whether the test database was copied


def _keep_as_template(connection):
    """Copy the freshly migrated test database, reference data loaded, as the template of later runs, and
    drop the templates of former inputs. One worker does it; the other finds it done (advisory lock)."""
    from psycopg import errors

    name, source = _TEMPLATE["name"], connection.settings_dict["NAME"]
    connection.close()  # PostgreSQL copies a database only when no session is connected to it
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [TEMPLATE_PREFIX])
        try:
            if not _database_exists(cursor, name):
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)} TEMPLATE "
                               f"{connection.ops.quote_name(source)}")
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
                           [TEMPLATE_PREFIX + "%", name])
            for (former,) in cursor.fetchall():
                with contextlib.suppress(errors.ObjectInUse):  # being copied by another clone's run
                    cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(former)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [TEMPLATE_PREFIX])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the reference data, loaded once (see above)."""
    from django.apps import apps
    from django.db import connection
    from django.db.models.signals import post_migrate

    from atlas.reference import load_reference
    from fonds.reference import load_eapd_reference

    if not connection.settings_dict["NAME"].startswith("test_"):
        yield  # no collected test uses the database: pytest-django set none up (see outside_test_transaction)
        return
    with django_db_blocker.unblock():
        load_reference()
        load_eapd_reference()
        _analyze(connection)
        if not _TEMPLATE["used"]:
            _keep_as_template(connection)
        _take_reference_snapshot(connection)
    post_migrate.connect(_restore_reference, sender=apps.get_app_config("atlas"),
                         dispatch_uid="tests-restore-reference")
    # Left in place: pytest-django drops the test database after this fixture has ended.
    creation_class = type(connection.creation)
    creation_class._destroy_test_db = _ending_other_sessions_first(creation_class._destroy_test_db)
    with mock.patch("django.core.management.commands.flush.sql_flush", _sql_flush_keeping_reference):
        yield
    post_migrate.disconnect(dispatch_uid="tests-restore-reference", sender=apps.get_app_config("atlas"))


def _ending_other_sessions_first(destroy_test_db):
    """Django's removal of the test database, after ending the sessions still open on it: a cache write
    made outside the test's connection (outside_test_transaction, a thread of the live server) can leave
    one idle, and PostgreSQL then waits 5 seconds before refusing to drop the database."""
    def destroy(creation, test_database_name, verbosity):
        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                           "AND pid <> pg_backend_pid()", [test_database_name])
        return destroy_test_db(creation, test_database_name, verbosity)

    return destroy


@pytest.fixture
def outside_test_transaction(django_db_setup, django_db_blocker):
    """Run a callable on the test database outside the test's own transaction (the cache, which is a
    table of the test database, cleared before and after a test, whatever its database fixtures).

    Does nothing when this run set up no test database (no collected test uses the database): the
    connection then still names the working database, which tests never touch."""
    from django.db import connection

    def run(function):
        if connection.settings_dict["NAME"].startswith("test_"):
            with django_db_blocker.unblock():
                function()

    return run


@pytest.fixture(autouse=True)
def _empty_cache(outside_test_transaction):
    """Every test starts with an empty cache (the test database's cache table, or this worker's Redis
    database). A row committed by an earlier transactional test or process would otherwise change what
    a page reads and how many queries it makes: the demo notice's entry, committed a minute ago, expires
    in the middle of a query-count test and the page refills it (6 more queries); an expired row costs a
    DELETE; cached figures or search choices describe another test's data. Cleared before the test, outside
    its transaction, and not after: at teardown that transaction may still be open and broken (a test that
    expects an IntegrityError)."""
    from django.core.cache import cache

    outside_test_transaction(cache.clear)


@pytest.fixture(autouse=True)
def _french_first():
    """Every test starts in French: a request to an /en/ page leaves English active in the test's
    thread (LocaleMiddleware activates a language and never resets it), so reverse() would
    give /en/ URLs in the tests that follow."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture
def reference(db):
    """Continents, countries, régions and départements, as in production.

    Already in the test database (loaded once per database, see django_db_setup): this fixture
    only gives the test database access and says what the test relies on.
    """


@pytest.fixture
def password():
    return "Un-mot-de-passe-solide-2026"


@pytest.fixture
def user(db, password):
    from tests.factories import UserFactory

    return UserFactory(password=password)


@pytest.fixture
def staff_user(db, password):
    from tests.factories import UserFactory

    return UserFactory(password=password, is_staff=True, is_superuser=True)


# ---- Browser layer -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : installez le paquet Debian « chromium-headless-shell ».")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context on the live server. Every browser test also checks the Content-Security-
    Policy: Chromium reports each blocked resource, inline script, handler or style in the console
    (« Refused to … because it violates the following Content Security Policy directive »), on whatever
    page and at whatever moment (a map's tiles and GeoJSON come after the load event); the test fails at
    teardown on any report. A test that provokes one on purpose empties `page.csp_violations`."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    violations = []
    page.on("console", lambda message: violations.append(f"{page.url} : {message.text}")
            if CSP_REPORT in message.text else None)
    page.csp_violations = violations
    yield page
    context.close()
    assert violations == [], "Violations de la politique de sécurité du contenu :\n" + "\n".join(violations)


@pytest.fixture
def login(page, password):
    """Log `user` in through the real login form."""

    def _login(user):
        page.goto("/compte/connexion/")
        page.get_by_label("Adresse e-mail").fill(user.email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url("**/compte/")

    return _login


def assert_accessible(page, context=None):
    """Run axe-core in the page; fail on serious or critical violations. After a click that opens another
    page, wait for its address first (`page.wait_for_url`, which waits for its load event): a click returns
    once the navigation has begun, and axe would run in the document being replaced."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad)
    assert not bad, f"Violations d'accessibilité sur {page.url} :\n{details}"


def pytest_itemcollected(item):
    """The tests that ask for the demo run on one worker, one after another (the demo kept, see above), and
    so do those that ask for the registry (tests/atlas/registry_fixtures.py): marked as they are collected,
    before pytest-xdist reads the groups."""
    fixtures = getattr(item, "fixturenames", ())
    if "demo" in fixtures:
        item.add_marker(pytest.mark.xdist_group("demo"))
    elif "registry_db" in fixtures:
        item.add_marker(pytest.mark.xdist_group("registry"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests first (after pytest-django's own ordering): they are the longest, and with
    pytest-xdist a long test started last keeps one worker busy while the other waits."""
    items.sort(key=lambda item: 0 if "page" in getattr(item, "fixturenames", ()) else 1)


def queries_outside_cache(captured_queries):
    """The SQL statements of a captured request that are not cache reads or writes: with the database
    cache (no REDIS_URL) each cache access is a statement on cuf_cache, with Redis it is none; counts
    of the page's own work must be the same on both."""
    return [query for query in captured_queries if "cuf_cache" not in query["sql"]]
