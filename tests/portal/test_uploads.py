"""The upload validator reads a file's content, never its name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from intl_relations.uploads import validate_document_upload


def archive(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpg"),
        (archive({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), "docx"),
        (archive({"mimetype": "application/vnd.oasis.opendocument.text"}), "odt"),
    ],
    # Named ids: a ZIP's bytes hold its creation time, and test ids must be the same in
    # every xdist worker.
    ids=["pdf", "png", "jpg", "docx", "odt"],
)
def test_accepted_types_are_recognised_whatever_their_name(content, expected):
    assert validate_document_upload(SimpleUploadedFile("whatever.bin", content)) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00" + b"\x00" * 50,  # a Windows executable
        b"\x7fELF" + b"\x00" * 50,  # a Linux executable
        b"<html><script>alert(1)</script></html>",
        archive({"payload.exe": "MZ"}),  # a ZIP that is no office document
    ],
    ids=["windows-executable", "linux-executable", "html", "other-zip"],
)
def test_other_content_is_refused_even_when_named_pdf(content):
    with pytest.raises(ValidationError, match="pas accepté"):
        validate_document_upload(SimpleUploadedFile("cv.pdf", content))


def test_a_file_over_the_limit_is_refused(settings):
    settings.FILE_UPLOAD_MAX_SIZE = 100
    with pytest.raises(ValidationError, match="trop volumineux"):
        validate_document_upload(SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * 200))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="vide"):
        validate_document_upload(SimpleUploadedFile("cv.pdf", b""))
