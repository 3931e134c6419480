"""Database, queue, settings and formats the whole portal relies on."""

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template

from cuf_portal.mail import send_templated_mail


@pytest.mark.django_db
def test_database_is_postgresql_with_french_text_search():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french', 'coopérations') @@ plainto_tsquery('french', 'coopération')")
        assert cursor.fetchone()[0] is True


@pytest.mark.django_db(transaction=True)
def test_mail_is_queued_in_the_database_then_sent_by_the_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from cuf_portal.tasks import deliver_mail

    deliver_mail.enqueue(subject="Confirmation", body="Bonjour", to=["delegation@example.org"])
    assert DBTaskResult.objects.count() == 1 and mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Confirmation"]


@pytest.mark.django_db
def test_templated_mail_renders_subject_and_body(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    (tmp_path / "essai_subject.txt").write_text("Inscription de {{ name }}\n")
    (tmp_path / "essai.txt").write_text("Bonjour {{ name }}, voir {{ SITE_URL }}")
    send_templated_mail("a@example.org", "essai", {"name": "Awa"})
    assert mail.outbox[0].subject == "Inscription de Awa"
    assert mail.outbox[0].body.startswith("Bonjour Awa, voir http")


def test_money_and_numbers_in_french_format():
    template = Template("{% load portal l10n %}"
                        "{{ a|euros }}|{{ b|euros:0 }}|{{ c|number_fr }}|{{ d|euros:0 }}|{{ y|unlocalize }}")
    rendered = template.render(
        Context({"a": Decimal("12345.67"), "b": 7804600, "c": 13000, "d": Decimal("16500.50"), "y": 2025}))
    assert rendered == "12\u202f345,67\u00a0€|7\u202f804\u202f600\u00a0€|13\u202f000|16\u202f501\u00a0€|2025"


def test_dates_are_shown_in_paris_time_and_in_french():
    """Stored in UTC, shown at Paris time (winter +1 h, summer +2 h), with French day and month names
    (« 1er » for the first of the month)."""
    import datetime

    winter = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)
    summer = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)
    rendered = Template("{{ winter|date:'l j F Y H:i' }}|{{ summer|date:'l j F Y H:i' }}").render(
        Context({"winter": winter, "summer": summer}))
    assert rendered == "jeudi 15 janvier 2026 11:00|mercredi 1er juillet 2026 12:00"


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DJANGO_SECRET_KEY": "x" * 64 + "production-key-for-the-check",
           "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "portail.cites-unies-france.org",
           "DATABASE_URL": "postgres://cuf:secret@db.example.org:5432/cuf"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_load_demo_is_idempotent(demo):
    """The demo fixture gives exactly what load_demo gives (tests/portal/test_reference_data.py), so the
    second run is the one measured here."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    def rows():  # every table: a second run that pledges, registers or logs anything again shows here
        return {model._meta.label: model._base_manager.count() for model in apps.get_models()}

    counts = rows()
    assert counts["atlas.Project"] > 0 and counts["events.Edition"] > 0
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert {label: n for label, n in rows().items() if n != counts[label]} == {}
    assert get_user_model().objects.filter(email="equipe@cuf.demo", is_staff=True).exists()
