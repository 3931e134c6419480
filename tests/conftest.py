"""Shared fixtures: settings for tests, reference geography, accounts, and the browser layer."""

import os
import shutil
from unittest import mock

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# next to it are plain synchronous calls, so Django's async-safety guard is lifted for tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
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

    with override_settings(**TEST_SETTINGS, MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


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

_REFERENCE_SNAPSHOT = []  # [(model, [instances])], filled once per worker
_FINGERPRINTS = {}  # db_table -> (primary-key column, largest key or None, count, md5 of the rows)
_RECREATED_BY_POST_MIGRATE = {"contenttypes.contenttype", "auth.permission",
                              # written by triggers, renumbered after each flush (see above)
                              "atlas.dataversion"}


def _reference_tables():
    return [model._meta.db_table for model, _ in _REFERENCE_SNAPSHOT]


def _fingerprint(cursor, table, pk_column, up_to=None):
    """(count, md5) of the rows of `table`, in key order; only keys <= up_to when given."""
    where = f"WHERE t.{pk_column} <= %s" if up_to is not None else ""
    cursor.execute(
        f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{pk_column}), '')) "
        f"FROM {table} t {where}", [up_to] if up_to is not None else [])
    return cursor.fetchone()


def _take_reference_snapshot(connection):
    from django.apps import apps
    from django.db import models

    _REFERENCE_SNAPSHOT.clear()
    _FINGERPRINTS.clear()
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.label_lower in _RECREATED_BY_POST_MIGRATE or model._meta.proxy:
                continue
            rows = list(model._base_manager.order_by("pk"))
            if not rows:
                continue
            _REFERENCE_SNAPSHOT.append((model, rows))
            pk = model._meta.pk
            integer_key = isinstance(pk, (models.AutoField, models.BigAutoField, models.IntegerField))
            largest = max(row.pk for row in rows) if integer_key else None
            _FINGERPRINTS[model._meta.db_table] = (pk.column, largest,
                                                   *_fingerprint(cursor, model._meta.db_table, pk.column))


def _sql_flush_keeping_reference(style, connection, reset_sequences=True, allow_cascade=False):
    """Django's sql_flush, without the reference tables (checked and repaired by _restore_reference)."""
    kept = set(_reference_tables())
    tables = [table for table in connection.introspection.django_table_names(only_existing=True,
                                                                             include_views=False)
              if table not in kept]
    return connection.ops.sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)


def _reference_intact(cursor):
    """Delete the rows tests added to reference tables; True if the snapshot's rows are all unchanged."""
    added = []
    for table, (pk_column, largest, count, digest) in _FINGERPRINTS.items():
        if _fingerprint(cursor, table, pk_column) == (count, digest):
            continue
        if largest is None or _fingerprint(cursor, table, pk_column, up_to=largest) != (count, digest):
            return False
        added.append((table, pk_column, largest))
    for table, pk_column, largest in added:  # foreign keys are deferred: checked at commit
        cursor.execute(f"DELETE FROM {table} WHERE {pk_column} > %s", [largest])
    return True


def _restore_reference(sender=None, using="default", **kwargs):
    """After a flush: make the reference tables what they were after the first load."""
    from django.core.management.color import no_style
    from django.db import connections, transaction

    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        intact = _reference_intact(cursor)
    if not intact:
        with transaction.atomic(using=using):  # foreign keys are checked at commit (deferred)
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(_reference_tables())} CASCADE")
            for model, rows in _REFERENCE_SNAPSHOT:
                model._base_manager.using(using).bulk_create(rows)
            # Sequences past the restored keys, even after a test that reset them.
            statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in _REFERENCE_SNAPSHOT])
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        _analyze(connection)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO atlas_dataversion (scope, version) "
                       "VALUES ('atlas', nextval('atlas_dataversion_seq')), ('eapd', nextval('atlas_dataversion_seq')) "
                       "ON CONFLICT (scope) DO UPDATE SET version = EXCLUDED.version")
    from atlas.filters import invalidate_reference_choices

    invalidate_reference_choices()


def _analyze(connection):
    """Fresh planner statistics for the 36,000 restored or loaded rows: without them, PostgreSQL plans
    a registry that was emptied (and analysed while empty) as a tiny table, and a country page then ran
    for minutes in nested loops."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the reference data, loaded once (see above)."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from atlas.reference import load_reference
    from fonds.reference import load_eapd_reference

    with django_db_blocker.unblock():
        load_reference()
        load_eapd_reference()
        from django.db import connection

        _take_reference_snapshot(connection)
        _analyze(connection)
    post_migrate.connect(_restore_reference, sender=apps.get_app_config("atlas"),
                         dispatch_uid="tests-restore-reference")
    with mock.patch("django.core.management.commands.flush.sql_flush", _sql_flush_keeping_reference):
        yield
    post_migrate.disconnect(dispatch_uid="tests-restore-reference", sender=apps.get_app_config("atlas"))


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
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : installez le paquet Debian « chromium ».")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


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
    """Run axe-core in the page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad)
    assert not bad, f"Violations d'accessibilité sur {page.url} :\n{details}"
