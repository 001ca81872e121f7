"""Public forms: a honeypot catches robots, a rate limit per address stops floods."""

import pytest
from django.urls import reverse

from organisations.models import Organisation
from portal.models import Proposal
from tests.factories import proposal_data

pytestmark = pytest.mark.django_db


def test_a_proposal_lands_for_the_office(client):
    response = client.post(reverse("portal:propose"), proposal_data())
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == "new"
    assert proposal.contact_email == "lea@choeur.example"
    assert proposal.submitted_by is None


def test_a_signed_in_members_proposal_is_tied_to_their_organisation(client, partner_user):
    client.force_login(partner_user)
    client.post(reverse("portal:propose"), proposal_data())
    proposal = Proposal.objects.get()
    assert proposal.organisation == partner_user.organisation
    assert proposal.title in client.get(reverse("portal:account")).content.decode()


def test_a_proposal_with_the_honeypot_filled_is_dropped_silently(client):
    response = client.post(
        reverse("portal:propose"), proposal_data(website_confirmation="http://spam.example")
    )
    assert response.status_code == 302
    assert not Proposal.objects.exists()


def test_a_registration_with_the_honeypot_filled_is_dropped(client):
    from tests.portal.test_accounts_and_applications import registration_data

    response = client.post(
        reverse("portal:register"), registration_data(website_confirmation="buy now")
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(name="Lycée Ampère").exists()


def test_too_many_proposals_from_one_address_are_refused_with_a_clear_message(client, settings):
    settings.PORTAL_FORM_RATE_LIMIT = 3
    for n in range(3):
        response = client.post(reverse("portal:propose"), proposal_data(title=f"Idea {n}"))
        assert response.status_code == 302
    response = client.post(reverse("portal:propose"), proposal_data(title="One too many"))
    assert response.status_code == 429
    assert "Trop de formulaires" in response.content.decode()
    assert Proposal.objects.count() == 3
    # Another address is not affected.
    response = client.post(
        reverse("portal:propose"), proposal_data(title="From elsewhere"), REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302


def test_too_many_registrations_from_one_address_are_refused(client, settings):
    from tests.portal.test_accounts_and_applications import registration_data

    settings.PORTAL_FORM_RATE_LIMIT = 2
    for n in range(2):
        client.post(
            reverse("portal:register"),
            registration_data(name=f"Org {n}", member_email=f"m{n}@org.example"),
        )
    response = client.post(
        reverse("portal:register"),
        registration_data(name="Org 3", member_email="m3@org.example"),
    )
    assert response.status_code == 429
    assert not Organisation.objects.filter(name="Org 3").exists()
