"""Business rules in the admin: status moves through the services, accounts, API tokens."""

import pytest
from django.contrib.messages import ERROR, SUCCESS
from django.core import mail
from django.urls import reverse
from knox.models import AuthToken

from accounts.models import User
from exchanges.models import Application
from organisations.models import Organisation
from partnerships.models import Partnership
from tests import factories

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def run_action(client, model, action: str, rows):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [row.pk for row in rows]},
        follow=True,
    )


def messages_of(response) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in response.context["messages"]]


def test_editor_moves_partnerships_through_the_life_cycle_with_an_action(client_for, editor):
    active = factories.PartnershipFactory(status="active")
    ended = factories.PartnershipFactory(status="ended", ended_on="2020-01-01")

    response = run_action(client_for("editor"), Partnership, "move_to_dormant", [active, ended])

    assert response.status_code == 200
    active.refresh_from_db()
    ended.refresh_from_db()
    assert active.status == "dormant"
    assert active.history.latest().history_user == editor
    assert ended.status == "ended"
    levels = messages_of(response)
    assert [level for level, _ in levels].count(SUCCESS) == 1
    errors = [msg for level, msg in levels if level == ERROR]
    assert len(errors) == 1
    assert str(ended) in errors[0]


def test_partnership_status_is_read_only_on_the_change_form(client_for):
    partnership = factories.PartnershipFactory(status="exploring")
    client = client_for("editor")
    page = client.get(admin_url(Partnership, "change", partnership.pk))

    assert "status" not in page.context["adminform"].form.fields
    assert "status" in page.context["adminform"].readonly_fields
    # On a new partnership the first status is chosen freely.
    assert "status" in client.get(admin_url(Partnership, "add")).context["adminform"].form.fields


def test_reverting_a_partnership_from_its_history_keeps_its_status(client_for):
    partnership = factories.PartnershipFactory(status="active", summary="First summary")
    old_version = partnership.history.latest()
    client = client_for("editor")
    run_action(client, Partnership, "move_to_dormant", [partnership])

    response = client.post(
        admin_url(Partnership, "simple_history", partnership.pk, old_version.pk),
        {
            "local_government": partnership.local_government_id,
            "partner_city": partnership.partner_city_id,
            "kind": "twinning",
            "signed_on": "1960-05-12",
            "summary": "Reverted summary",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.summary == "Reverted summary"
    assert partnership.status == "dormant"


def test_viewer_is_offered_no_status_action(client_for):
    factories.PartnershipFactory()
    page = client_for("viewer").get(admin_url(Partnership, "changelist"))
    assert "move_to_active" not in page.content.decode()
    response = run_action(
        client_for("viewer"), Partnership, "move_to_ended", [Partnership.objects.get()]
    )
    assert Partnership.objects.get().status == "active"
    assert response.status_code == 200


def test_editor_accepts_an_application_and_the_applicant_is_told(
    client_for, editor, django_capture_on_commit_callbacks
):
    application = factories.ApplicationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client_for("editor"), Application, "move_to_accepted", [application])

    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.decided_by == editor
    assert [m.to for m in mail.outbox] == [[application.applicant_email]]
    assert all(level == SUCCESS for level, _ in messages_of(response))


def test_accepting_beyond_the_capacity_is_an_error_message_not_a_crash(client_for):
    program = factories.ExchangeProgramFactory(capacity=1)
    first = factories.ApplicationFactory(program=program)
    second = factories.ApplicationFactory(program=program)

    response = run_action(client_for("editor"), Application, "move_to_accepted", [first, second])

    assert response.status_code == 200
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "submitted"]
    errors = [msg for level, msg in messages_of(response) if level == ERROR]
    assert len(errors) == 1
    assert str(Application.objects.get(status="submitted")) in errors[0]


def test_applications_cannot_be_added_in_the_admin(client_for):
    assert client_for("administrator").get(admin_url(Application, "add")).status_code == 403


def test_editor_approves_a_pending_organisation_registration(client_for):
    pending = factories.OrganisationFactory(status="pending", published=False)
    response = run_action(client_for("editor"), Organisation, "move_to_approved", [pending])
    pending.refresh_from_db()
    assert pending.status == "approved"
    assert all(level == SUCCESS for level, _ in messages_of(response))


def test_administrator_creates_a_partner_member_only_with_an_organisation(client_for):
    client = client_for("administrator")
    data = {
        "username": "new-member",
        "usable_password": "true",
        "password1": "a-long-unusual-passphrase-42",
        "password2": "a-long-unusual-passphrase-42",
        "role": "partner",
        "organisation": "",
    }

    refused = client.post(admin_url(User, "add"), data)
    assert refused.status_code == 200
    assert "organisation" in refused.context["adminform"].form.errors
    assert not User.objects.filter(username="new-member").exists()

    organisation = factories.OrganisationFactory()
    created = client.post(admin_url(User, "add"), {**data, "organisation": organisation.pk})
    assert created.status_code == 302
    member = User.objects.get(username="new-member")
    assert member.organisation == organisation
    assert member.is_staff is False


def test_administrator_cannot_change_their_own_role(client_for, administrator):
    page = client_for("administrator").get(admin_url(User, "change", administrator.pk))
    assert "role" in page.context["adminform"].readonly_fields
    assert "role" not in page.context["adminform"].form.fields


def test_administrator_creates_an_api_token_and_sees_it_once(client_for, editor):
    client = client_for("administrator")

    response = client.post(admin_url(AuthToken, "add"), {"user": editor.pk}, follow=True)

    token = AuthToken.objects.get(user=editor)
    shown = " ".join(message for _, message in messages_of(response))
    assert token.token_key in shown
    assert client.get(admin_url(AuthToken, "change", token.pk)).status_code == 200


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_administrators_see_api_tokens(role, client_for):
    assert client_for(role).get(admin_url(AuthToken, "changelist")).status_code == 403


def test_a_documents_change_page_links_its_file_through_the_checked_download(client, administrator):
    """Uploads are not served from /media/ in production: the admin's link must work."""
    from tests.factories import PartnershipDocumentFactory

    document = PartnershipDocumentFactory(is_public=False)
    client.force_login(administrator)
    page = client.get(
        reverse("admin:partnerships_partnershipdocument_change", args=[document.pk])
    ).content.decode()
    download = reverse("portal:partnership_document", args=[document.pk])
    assert f'href="{download}"' in page
    assert 'href="/media/' not in page
    # And the link answers with the file for the administrator who follows it.
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
