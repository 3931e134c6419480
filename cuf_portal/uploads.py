"""Uploaded files: checked on upload, and kept out of the public media URL when not public.

Group documents reserved to members, council decisions attached to pledges… are stored in
`private_storage`, which has no base URL: a view of the owning app sends each file after
checking who asks. Every upload is checked for its extension, size and first bytes, with an
allow-list per field (validate_upload, validate_image_upload, validate_scan_upload,
validate_logo_upload). Public uploads are served by `serve_public_media`, never as HTML or SVG.
"""

import os
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.views.static import serve

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
MAX_LOGO_SIZE = 2 * 1024 * 1024

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
SCAN_EXTENSIONS = {"pdf", "jpg", "jpeg", "png"}

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
        return None  # served by a view of the owning app, which checks who asks


private_storage = PrivateStorage()


class PrivateFileInput(forms.ClearableFileInput):
    """The usual clear/replace controls, naming the stored file instead of linking to a public URL."""

    template_name = "cuf_portal/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


class PrivateFileField(models.FileField):
    """A FileField stored in `private_storage`, edited with PrivateFileInput."""

    def __init__(self, *args, **kwargs):
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        # Also in the admin, whose default AdminFileWidget would link to the (missing) public URL.
        return super().formfield(**{**kwargs, "widget": PrivateFileInput})


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _check(upload, allowed, max_size=MAX_UPLOAD_SIZE):
    if getattr(upload, "_committed", False):
        return  # a file already stored (the form was saved again without a new upload)
    ext = extension_of(upload.name)
    if ext not in allowed:
        kinds = ", ".join(sorted({e.upper() for e in allowed if e != "jpeg"}))
        raise ValidationError("Type de fichier non accepté (« %(ext)s ») : formats acceptés : %(kinds)s.",
                              code="file_type", params={"ext": ext or "sans extension", "kinds": kinds})
    if upload.size > max_size:
        raise ValidationError("Le fichier pèse %(size)s Mo : la taille maximale est de %(max)s Mo.",
                              code="file_size", params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                                                        "max": max_size // (1024 * 1024)})
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
    """JPG or PNG of 10 MB at most."""
    _check(upload, IMAGE_EXTENSIONS)


def validate_logo_upload(upload):
    """A logo shown on a public page: PNG or JPG of 2 MB at most. SVG is refused: it can carry script
    that would run on the portal's origin."""
    if extension_of(getattr(upload, "name", "")) == "svg" and not getattr(upload, "_committed", False):
        raise ValidationError("Les logos SVG ne sont pas acceptés (un SVG peut contenir du script) : "
                              "envoyez le logo en PNG ou en JPG.", code="file_type")
    _check(upload, IMAGE_EXTENSIONS, max_size=MAX_LOGO_SIZE)


def validate_scan_upload(upload):
    """A scanned act (e.g. a council decision): PDF, JPG or PNG of 10 MB at most."""
    _check(upload, SCAN_EXTENSIONS)


def serve_public_media(request, path):
    """A public upload (under MEDIA_ROOT), sent with a type that cannot run script on this origin.

    Images and documents of the allow-list keep their type (shown inline); anything else that is
    in the folder (a file from before the checks, copied by hand…) is only ever a download. The
    response forbids sniffing, scripts and plugins whatever the file holds.
    """
    ext = extension_of(path)
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if ext in CONTENT_TYPES:
        response["Content-Type"] = CONTENT_TYPES[ext]
    else:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


def content_type_of(name):
    return CONTENT_TYPES.get(extension_of(name), "application/octet-stream")


def attachment_response(field, filename_base):
    """Send a stored file as a download named `filename_base.<ext>`; never cached by proxies."""
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Ce fichier n'est plus disponible.") from exc
    ext = extension_of(field.name)
    response = FileResponse(handle, as_attachment=True, filename=f"{filename_base}.{ext}" if ext else filename_base,
                            content_type=content_type_of(field.name))
    response["Cache-Control"] = "private, no-store"
    return response
