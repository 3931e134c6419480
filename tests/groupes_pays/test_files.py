"""Uploaded files: type and size checked, French messages, in the admin too."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cuf_portal.uploads import MAX_UPLOAD_SIZE, validate_image_upload, validate_upload
from groupes_pays.models import Document

from .factories import GroupFactory

PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
ZIP = b"PK\x03\x04" + b"\0" * 16


@pytest.mark.parametrize("name,data", [("cr.pdf", PDF), ("cr.docx", ZIP), ("tableau.xlsx", ZIP), ("cr.odt", ZIP),
                                       ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 8), ("carte.png", PNG)])
def test_accepted_types(name, data):
    validate_upload(SimpleUploadedFile(name, data))


@pytest.mark.parametrize("name,data,message", [
    ("script.exe", b"MZ\x90\x00", "Type de fichier non accepté"),
    ("page.html", b"<html>", "Type de fichier non accepté"),
    ("sans-extension", PDF, "Type de fichier non accepté"),
    ("faux.pdf", b"<html>pas un pdf", "ne correspond pas à un fichier PDF"),
])
def test_refused_types_have_french_messages(name, data, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, data))


def test_files_over_10_mb_are_refused():
    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * MAX_UPLOAD_SIZE)
    with pytest.raises(ValidationError, match="la taille maximale est de 10 Mo"):
        validate_upload(big)
    validate_upload(SimpleUploadedFile("juste.pdf", PDF + b"0" * (MAX_UPLOAD_SIZE - len(PDF))))


def test_news_images_must_be_jpg_or_png():
    with pytest.raises(ValidationError):
        validate_image_upload(SimpleUploadedFile("cr.pdf", PDF))
    validate_image_upload(SimpleUploadedFile("photo.png", PNG))


@pytest.mark.django_db
def test_admin_refuses_a_bad_document_with_a_french_message(client, staff_user):
    group = GroupFactory()
    client.force_login(staff_user)
    url = reverse("admin:groupes_pays_document_add")
    form = {"title": "Répertoire", "date": "2024-03-27", "group": group.pk, "visibility": "public"}
    response = client.post(url, {**form, "file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert response.status_code == 200
    assert "Type de fichier non accepté" in response.content.decode()
    assert Document.objects.count() == 0
    response = client.post(url, {**form, "file": SimpleUploadedFile("repertoire.pdf", PDF)})
    assert response.status_code == 302
    document = Document.objects.get()
    assert client.get(document.get_absolute_url()).status_code == 200
