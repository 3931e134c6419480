"""Uploaded files of the groups: stored outside the public media URL, checked on upload.

Documents, minutes and news images may be reserved to members, so none of them is served
by the web server from MEDIA_URL: they live in a storage without a base URL and a view
(`groupes_pays.views.document` and siblings) sends them after checking who asks.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Extension -> signatures the first bytes must start with (office formats are zip archives).
ALLOWED = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png"}

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files next to MEDIA_ROOT (never under it) and without a public URL.

    PRIVATE_MEDIA_ROOT may set the folder; by default it is `<MEDIA_ROOT>/../private-media`,
    followed when MEDIA_ROOT changes (tests override it).
    """

    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(root or Path(settings.MEDIA_ROOT).resolve().parent / "private-media")

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Les fichiers des groupes sont servis par une vue qui vérifie les droits d'accès.")


private_storage = PrivateStorage()


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _check(upload, allowed):
    if getattr(upload, "_committed", False):
        return  # a file already stored (the form was saved again without a new upload)
    ext = extension_of(upload.name)
    if ext not in allowed:
        kinds = ", ".join(sorted({e.upper() for e in allowed if e != "jpeg"}))
        raise ValidationError("Type de fichier non accepté (« %(ext)s ») : formats acceptés : %(kinds)s.",
                              code="file_type", params={"ext": ext or "sans extension", "kinds": kinds})
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError("Le fichier pèse %(size)s Mo : la taille maximale est de 10 Mo.",
                              code="file_size", params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")})
    if hasattr(upload, "seek"):
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(16)
        upload.seek(position)
        if not any(head.startswith(signature) for signature in ALLOWED[ext]):
            raise ValidationError("Le contenu du fichier ne correspond pas à un fichier %(ext)s valide.",
                                  code="file_content", params={"ext": ext.upper()})


def validate_upload(upload):
    """PDF, DOCX, XLSX, ODT, JPG or PNG of 10 MB at most, whose content matches its extension."""
    _check(upload, ALLOWED.keys())


def validate_image_upload(upload):
    _check(upload, IMAGE_EXTENSIONS)


def content_type_of(name):
    return CONTENT_TYPES.get(extension_of(name), "application/octet-stream")
