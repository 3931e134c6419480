"""Shared fixtures: settings for tests, reference geography, accounts, and the browser layer."""

import os
import shutil

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
# The reference geography (continents, countries, régions, départements, ODD, themes) and the
# e-APD lists are loaded once, right after the migrations, into each test database (one per
# xdist worker: pytest-django names them test_<name>_gw0, _gw1…). Ordinary tests run inside a
# transaction that is rolled back, so the rows stay. Transactional tests (transaction=True,
# transactional_db, live_server) end with a TRUNCATE of every table; the flush sends
# post_migrate, on which the rows are put back from a copy taken after the first load, so the
# next test finds them again whatever the order of the tests.

_REFERENCE_SNAPSHOT = []  # [(model, [instances])] in dependency order, filled once per worker
_RECREATED_BY_POST_MIGRATE = {"contenttypes.contenttype", "auth.permission",
                              # written by triggers when the other rows are put back: restoring it too
                              # would insert its rows twice (duplicate key at the end of a live-server test)
                              "atlas.dataversion"}


def _take_reference_snapshot():
    from django.apps import apps

    _REFERENCE_SNAPSHOT.clear()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in _RECREATED_BY_POST_MIGRATE or model._meta.proxy:
            continue
        rows = list(model._base_manager.order_by("pk"))
        if rows:
            _REFERENCE_SNAPSHOT.append((model, rows))


def _restore_reference(sender=None, using="default", **kwargs):
    """After a flush: insert the reference rows again, with their primary keys."""
    from django.core.management.color import no_style
    from django.db import connections, transaction

    connection = connections[using]
    with transaction.atomic(using=using):  # foreign keys are checked at commit (deferred)
        for model, rows in _REFERENCE_SNAPSHOT:
            # ignore_conflicts: the data-version triggers (fonds 0004) insert their row as soon as the
            # first restored table is written, before the snapshot's copy of that row comes.
            model._base_manager.using(using).bulk_create(rows, ignore_conflicts=True)
        # Sequences past the restored keys, even after a test that reset them.
        statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in _REFERENCE_SNAPSHOT])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    _analyze(connection)
    from atlas.filters import invalidate_reference_choices

    invalidate_reference_choices()


def _analyze(connection):
    """Fresh planner statistics for the 36,000 restored or loaded rows: without them, a flush (which
    autovacuum may analyze while the tables are empty) leaves PostgreSQL planning the registry as a
    tiny table, and a country page then ran for minutes in nested loops."""
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
        _take_reference_snapshot()
        from django.db import connection

        _analyze(connection)
    post_migrate.connect(_restore_reference, sender=apps.get_app_config("atlas"),
                         dispatch_uid="tests-restore-reference")
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
