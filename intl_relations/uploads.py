"""Checks on the files people upload (application documents, and any other upload).

A file's type is read from its first bytes, never from its name: an executable renamed
``cv.pdf`` is refused. Office documents are ZIP archives, so DOCX and ODT are told
apart from any other archive by the entries they must contain. The size limit is
``settings.FILE_UPLOAD_MAX_SIZE``.
"""

from __future__ import annotations

import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The types accepted, by the extension a stored file gets.
DOCUMENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
ACCEPTED_LABEL = gettext_lazy("PDF, PNG, JPEG, DOCX or ODT")
# For the file input's ``accept`` attribute (a hint to the browser, not a check).
ACCEPT_ATTRIBUTE = ".pdf,.png,.jpg,.jpeg,.docx,.odt"

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _head(file: IO[bytes], size: int = 16) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _office_type(file: IO[bytes]) -> str | None:
    """``docx`` or ``odt`` for an office document, None for any other ZIP archive."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        file.seek(0)
    return None


def detect_document_type(file: IO[bytes]) -> str | None:
    """The extension matching the file's content (``pdf``, ``png``…), or None."""
    head = _head(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(file)
    return None


def validate_document_upload(file: Any) -> str:
    """Refuse a file that is too large or not a PDF/PNG/JPEG/DOCX/ODT; return its type.

    Usable as a form field validator; the message names the limit or the types.
    """
    limit = settings.FILE_UPLOAD_MAX_SIZE
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if not file.size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    kind = detect_document_type(file)
    if kind is None:
        raise ValidationError(
            _("This file type is not accepted: send a %(types)s document.")
            % {"types": ACCEPTED_LABEL},
            code="file_type",
        )
    return kind


# Where each kind of uploaded document is downloaded, through a view that checks who asks.
DOWNLOAD_URL_NAMES: dict[str, str] = {
    "partnerships.partnershipdocument": "portal:partnership_document",
    "exchanges.applicationdocument": "portal:application_document",
}


def download_url(obj: Any) -> str | None:
    """The permission-checked address of ``obj``'s file, or None if it has none."""
    from django.urls import reverse

    name = DOWNLOAD_URL_NAMES.get(obj._meta.label_lower)
    return reverse(name, args=[obj.pk]) if name else None
