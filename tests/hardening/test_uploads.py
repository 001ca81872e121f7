"""Uploads through the API: the content decides, not the name; a size limit; safe names."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchanges.models import ApplicationDocument
from partnerships.models import PartnershipDocument
from tests import factories as f

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 1024


def send_partnership_document(client, file):
    return client.post(
        reverse("api:partnership-document-list"),
        {"partnership": f.PartnershipFactory().pk, "kind": "agreement", "title": "T", "file": file},
        format="multipart",
    )


@pytest.mark.django_db
def test_an_executable_renamed_pdf_and_sent_as_pdf_is_refused(api_client_for):
    file = SimpleUploadedFile("charter.pdf", EXECUTABLE, content_type="application/pdf")
    answer = send_partnership_document(api_client_for("editor"), file)
    assert answer.status_code == 400
    assert "file" in answer.json()["error"]["fields"]
    assert not PartnershipDocument.objects.exists()


@pytest.mark.django_db
def test_a_40_mb_executable_renamed_pdf_is_refused_for_its_size(api_client_for):
    big = SimpleUploadedFile(
        "charter.pdf", EXECUTABLE + b"\x00" * (40 * 1024 * 1024), content_type="application/pdf"
    )
    answer = send_partnership_document(api_client_for("editor"), big)
    assert answer.status_code == 400
    assert "10" in answer.json()["error"]["fields"]["file"][0]  # the limit, in MB
    assert not PartnershipDocument.objects.exists()


@pytest.mark.django_db
def test_a_pdf_under_the_limit_is_kept_under_a_random_name_of_its_real_type(api_client_for):
    png = SimpleUploadedFile(
        "../../etc/passwd;<script>.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/pdf"
    )
    answer = send_partnership_document(api_client_for("editor"), png)
    assert answer.status_code == 201, answer.content
    stored = PartnershipDocument.objects.get().file.name
    folder, name = stored.rsplit("/", 1)
    assert folder.startswith("partnerships/")
    assert name.endswith(".png")
    assert len(name) == 32 + len(".png")
    assert "passwd" not in stored
    assert "script" not in stored


@pytest.mark.django_db
def test_an_application_document_keeps_the_name_the_partner_sent(api_client_for, partner_user):
    application = f.ApplicationFactory(organisation=partner_user.organisation)
    answer = api_client_for("partner").post(
        reverse("api:application-document-list"),
        {
            "application": application.pk,
            "kind": "cv",
            "file": SimpleUploadedFile("Mon CV.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf"),
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    document = ApplicationDocument.objects.get()
    assert document.original_name == "Mon CV.pdf"
    assert document.file.name.endswith(".pdf")
    assert "CV" not in document.file.name


@pytest.mark.django_db
def test_uploaded_files_are_not_served_from_a_public_media_address(client):
    document = f.PartnershipDocumentFactory(is_public=True)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    served = client.get(reverse("portal:partnership_document", args=[document.pk]))
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_staff_and_the_api_link_documents_to_the_checked_download(api_client_for, client, viewer):
    document = f.PartnershipDocumentFactory(is_public=False)
    download = reverse("portal:partnership_document", args=[document.pk])

    listed = api_client_for("viewer").get(reverse("api:partnership-document-list")).json()
    assert listed["results"][0]["file"] == f"http://testserver{download}"
    assert "/media/" not in str(listed)

    client.force_login(viewer)
    page = client.get(reverse("staff:partnershipdocument_detail", args=[document.pk]))
    assert f'href="{download}"' in page.content.decode()
    assert "/media/" not in page.content.decode()
    assert client.get(download).status_code == 200

    # Not public: visitors and partner members never get it, even with its id.
    client.logout()
    assert client.get(download).status_code == 404
