"""The partner journey: register, confirm, wait for approval, sign in, apply, follow."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from exchanges.models import Application, ApplicationDocument
from exchanges.services import application_decide
from organisations.models import Organisation
from organisations.services import organisation_approve
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    ExchangeProgramFactory,
    OrganisationFactory,
    PartnerUserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Un-mot-de-passe-solide-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def registration_data(**overrides):
    data = {
        "name": "Lycée Ampère",
        "acronym": "LA",
        "kind": "school",
        "country": "FR",
        "city": "Lyon",
        "address": "31 rue de la Bourse",
        "website": "https://ampere.example",
        "email": "contact@ampere.example",
        "phone": "+33 4 00 00 00 00",
        "registration_number": "",
        "description": "A secondary school with a European section.",
        "first_name": "Inès",
        "last_name": "Durand",
        "member_email": "Ines.Durand@ampere.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def confirmation_link(message) -> str:
    match = re.search(r"http://testserver(/compte/confirmation/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def pdf_upload(name="cv.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def apply_data(**overrides):
    data = {
        "motivation": "Our pupils learn English and want to meet their peers.",
        "participants_count": "1",
        "preferred_start_on": "",
        "preferred_end_on": "",
    }
    data.update(overrides)
    return data


def test_registration_confirmation_approval_application_and_decision(
    client, editor, django_capture_on_commit_callbacks
):
    program = ExchangeProgramFactory(
        title="Youth exchange with Birmingham", capacity=30, max_participants_per_application=12
    )

    response = client.post(reverse("portal:register"), registration_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:register_done")
    member = User.objects.get(email="ines.durand@ampere.example")
    organisation = member.organisation
    assert not member.is_active
    assert member.role == "partner"
    assert organisation.status == "pending"
    assert not organisation.published

    # Before confirming, the account cannot sign in.
    signin = {"username": "ines.durand@ampere.example", "password": PASSWORD}
    assert client.post(reverse("portal:login"), signin).status_code == 200

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ines.durand@ampere.example"]
    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    member.refresh_from_db()
    assert member.is_active

    # Signed in but pending: no application yet.
    response = client.post(
        reverse("portal:login"), {**signin, "username": "Ines.Durand@ampere.example"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:account")
    assert "examine" in client.get(reverse("portal:account")).content.decode()
    response = client.post(reverse("portal:apply", args=[program.pk]), apply_data())
    assert response.status_code == 302
    assert not Application.objects.exists()

    organisation_approve(organisation=organisation, user=editor)

    response = client.post(
        reverse("portal:apply", args=[program.pk]),
        {
            **apply_data(participants_count="8"),
            "document_kind_1": "project",
            "document_1": pdf_upload(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    application = Application.objects.get()
    assert application.organisation == organisation
    assert application.submitted_by == member
    assert application.participants_count == 8
    assert application.applicant_email == "ines.durand@ampere.example"
    document = application.documents.get()
    assert document.original_name == "cv.pdf"
    assert document.file.name.endswith(".pdf")
    assert "cv" not in document.file.name

    page = client.get(reverse("portal:application_detail", args=[application.pk])).content.decode()
    assert "Déposée" in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=application, status="accepted", user=editor)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ines.durand@ampere.example"]

    page = client.get(reverse("portal:account")).content.decode()
    assert "badge-accepted" in page
    detail = client.get(reverse("portal:application_detail", args=[application.pk]))
    assert 'id="application-status"' in detail.content.decode()
    assert "badge-accepted" in detail.content.decode()

    download = client.get(reverse("portal:application_document", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_second_registration_with_the_same_address_is_refused(client):
    client.post(reverse("portal:register"), registration_data())
    response = client.post(reverse("portal:register"), registration_data(name="Another"))
    assert response.status_code == 200
    assert "utilise déjà cette adresse e-mail" in response.content.decode()
    assert Organisation.objects.filter(name="Another").count() == 0


def test_a_weak_or_mismatched_password_is_refused_with_nothing_saved(client):
    response = client.post(
        reverse("portal:register"), registration_data(password1="123", password2="123")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    response = client.post(reverse("portal:register"), registration_data(password2="different-1"))
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(email__iexact="ines.durand@ampere.example").exists()
    assert not Organisation.objects.filter(name="Lycée Ampère").exists()


def test_a_bad_confirmation_link_is_refused(client):
    client.post(reverse("portal:register"), registration_data())
    link = confirmation_link(mail.outbox[0])
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 400
    assert not User.objects.get(email="ines.durand@ampere.example").is_active


def test_a_member_updates_the_organisation_profile_but_not_its_status(client, partner_user):
    client.force_login(partner_user)
    organisation = partner_user.organisation
    data = {
        "name": "Université Lumière Lyon 2",
        "acronym": "UL2",
        "kind": "university",
        "country": "FR",
        "city": "Lyon",
        "address": "",
        "website": "",
        "email": "ri@univ.example",
        "phone": "",
        "registration_number": "",
        "description": "",
        "status": "rejected",
        "published": "",
    }
    response = client.post(reverse("portal:profile"), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Université Lumière Lyon 2"
    assert organisation.status == "approved"
    assert organisation.published


# --- Application rules -----------------------------------------------------------------


@pytest.fixture
def program(db):
    return ExchangeProgramFactory(title="Engineering semester", max_participants_per_application=2)


def test_a_second_application_by_the_same_member_is_refused(client, partner_user, program):
    client.force_login(partner_user)
    assert client.post(reverse("portal:apply", args=[program.pk]), apply_data()).status_code == 302
    response = client.post(reverse("portal:apply", args=[program.pk]), apply_data())
    assert response.status_code == 200
    assert "a déjà été déposée pour ce programme" in response.content.decode()
    assert Application.objects.count() == 1


def test_an_application_outside_the_window_is_refused(client, partner_user, program):
    program.applications_open_on = timezone.localdate() - dt.timedelta(days=60)
    program.applications_close_on = timezone.localdate() - dt.timedelta(days=1)
    program.save()
    client.force_login(partner_user)
    response = client.post(reverse("portal:apply", args=[program.pk]), apply_data())
    assert response.status_code == 200
    assert "Les candidatures à ce programme ont fermé le" in response.content.decode()
    assert not Application.objects.exists()


def test_more_participants_than_the_program_allows_is_refused(client, partner_user, program):
    client.force_login(partner_user)
    response = client.post(
        reverse("portal:apply", args=[program.pk]), apply_data(participants_count="3")
    )
    assert response.status_code == 200
    assert "au plus 2 participants" in response.content.decode()
    assert not Application.objects.exists()


def test_an_executable_renamed_pdf_is_refused(client, partner_user, program):
    client.force_login(partner_user)
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")
    response = client.post(
        reverse("portal:apply", args=[program.pk]),
        {**apply_data(), "document_kind_1": "cv", "document_1": fake},
    )
    assert response.status_code == 200
    assert "accepté" in response.content.decode()
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, partner_user, program, settings):
    settings.FILE_UPLOAD_MAX_SIZE = 1024
    client.force_login(partner_user)
    big = pdf_upload(content=PDF + b"0" * 2048)
    response = client.post(
        reverse("portal:apply", args=[program.pk]),
        {**apply_data(), "document_kind_1": "cv", "document_1": big},
    )
    assert response.status_code == 200
    assert "trop volumineux" in response.content.decode()
    assert not Application.objects.exists()


def test_office_documents_are_recognised_by_their_content(client, partner_user, program):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    odt = SimpleUploadedFile("letter.odt", buffer.getvalue())
    client.force_login(partner_user)
    response = client.post(
        reverse("portal:apply", args=[program.pk]),
        {**apply_data(), "document_kind_1": "letter", "document_1": odt},
    )
    assert response.status_code == 302
    assert ApplicationDocument.objects.get().file.name.endswith(".odt")


def test_a_member_withdraws_their_application(client, partner_user, program):
    client.force_login(partner_user)
    client.post(reverse("portal:apply", args=[program.pk]), apply_data())
    application = Application.objects.get()
    response = client.post(reverse("portal:application_withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"


# --- Scope: another organisation's records are invisible -----------------------------------


def test_a_member_cannot_see_another_organisations_application_or_document(
    client, partner_user, other_partner_user
):
    theirs = ApplicationFactory(organisation=other_partner_user.organisation)
    their_document = ApplicationDocumentFactory(application=theirs)
    mine = ApplicationFactory(organisation=partner_user.organisation)
    my_document = ApplicationDocumentFactory(application=mine)
    client.force_login(partner_user)
    assert client.get(reverse("portal:application_detail", args=[theirs.pk])).status_code == 404
    assert (
        client.get(reverse("portal:application_document", args=[their_document.pk])).status_code
        == 404
    )
    assert client.post(reverse("portal:application_withdraw", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "submitted"
    assert client.get(reverse("portal:application_detail", args=[mine.pk])).status_code == 200
    assert (
        client.get(reverse("portal:application_document", args=[my_document.pk])).status_code == 200
    )
    assert theirs.program.title not in client.get(reverse("portal:account")).content.decode()


def test_application_documents_are_for_the_organisation_and_staff_only(client, viewer):
    document = ApplicationDocumentFactory()
    url = reverse("portal:application_document", args=[document.pk])
    assert client.get(url).status_code == 404
    client.force_login(PartnerUserFactory(organisation=OrganisationFactory()))
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    assert client.get(url).status_code == 200
