"""Uploads checked per field by content and size; public media never served as HTML or SVG with script."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cuf_portal.uploads import validate_logo_upload
from events.models import Partner
from tests.events.factories import EditionFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


@pytest.mark.parametrize("name, content, message", [
    ("logo.svg", SVG, "SVG ne sont pas acceptés"),
    ("logo.html", b"<script>alert(1)</script>", "Type de fichier non accepté"),
    ("logo.png", b"<html><script>alert(1)</script>", "ne correspond pas"),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (3 * 1024 * 1024), "taille maximale est de 2 Mo"),
])
def test_partner_logo_refuses_script_carriers_and_big_files(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_logo_upload(SimpleUploadedFile(name, content))


def test_every_file_field_has_an_allow_list_validator():
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names = {getattr(v, "__name__", "") for v in field.validators}
                assert names & {"validate_upload", "validate_image_upload", "validate_scan_upload",
                                "validate_logo_upload"}, f"{model.__name__}.{field.name}"


def test_a_partner_with_an_svg_logo_does_not_validate(db):
    edition = EditionFactory()
    partner = Partner(edition=edition, name="Partenaire", logo=SimpleUploadedFile("logo.svg", SVG))
    with pytest.raises(ValidationError, match="SVG"):
        partner.full_clean()


@pytest.mark.django_db
def test_public_media_is_never_served_as_html_or_svg(client):
    root = Path(settings.MEDIA_ROOT)
    (root / "events").mkdir(parents=True, exist_ok=True)
    (root / "events" / "ancien.svg").write_bytes(SVG)
    (root / "events" / "page.html").write_bytes(b"<script>alert(1)</script>")
    (root / "events" / "logo.png").write_bytes(PNG)
    for name in ("ancien.svg", "page.html"):
        response = client.get(f"/media/events/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"] == "attachment"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
    logo = client.get("/media/events/logo.png")
    assert logo["Content-Type"] == "image/png" and "attachment" not in logo.get("Content-Disposition", "")
    assert client.get("/media/../secret_key").status_code in (400, 404)
