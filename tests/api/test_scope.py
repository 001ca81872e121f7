"""Partner members see their own organisation's records; anonymous visitors what is published."""

import pytest
from django.urls import reverse

from tests import factories as f


def ids(response):
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_a_partner_member_sees_its_own_applications_and_contacts_only(
    api_client_for, partner_user, other_partner_user
):
    mine = f.ApplicationFactory(organisation=partner_user.organisation)
    theirs = f.ApplicationFactory(organisation=other_partner_user.organisation)
    my_contact = f.ContactFactory(organisation=partner_user.organisation)
    their_contact = f.ContactFactory(organisation=other_partner_user.organisation)
    client = api_client_for("partner")

    assert ids(client.get(reverse("api:application-list"))) == {mine.pk}
    assert ids(client.get(reverse("api:contact-list"))) == {my_contact.pk}
    assert client.get(reverse("api:application-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("api:application-detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("api:contact-detail", args=[their_contact.pk])).status_code == 404
    answer = client.patch(
        reverse("api:contact-detail", args=[their_contact.pk]), {"notes": "x"}, format="json"
    )
    assert answer.status_code == 404


@pytest.mark.django_db
def test_a_partner_member_cannot_create_a_contact_for_another_organisation(
    api_client_for, other_partner_user
):
    answer = api_client_for("partner").post(
        reverse("api:contact-list"),
        {"last_name": "Intrus", "organisation": other_partner_user.organisation_id},
        format="json",
    )
    assert answer.status_code == 403
    assert not other_partner_user.organisation.contacts.exists()


@pytest.mark.django_db
def test_anonymous_visitors_see_only_published_rows(api_client):
    published = f.PartnershipFactory(published=True)
    hidden = f.PartnershipFactory(published=False)
    listed = ids(api_client.get(reverse("api:partnership-list")))
    assert published.pk in listed
    assert hidden.pk not in listed
    assert api_client.get(reverse("api:partnership-detail", args=[hidden.pk])).status_code == 404
    # A partner city is public through a published partnership only.
    cities = ids(api_client.get(reverse("api:partner-city-list")))
    assert cities == {published.partner_city_id}
    delegation = f.DelegationFactory(published=False)
    assert delegation.pk not in ids(api_client.get(reverse("api:delegation-list")))


@pytest.mark.django_db
def test_internal_notes_are_hidden_from_anonymous_visitors(api_client, api_client_for):
    partnership = f.PartnershipFactory(notes="Mayor not keen.")
    url = reverse("api:partnership-detail", args=[partnership.pk])
    assert "notes" not in api_client.get(url).json()
    assert api_client_for("viewer").get(url).json()["notes"] == "Mayor not keen."


@pytest.mark.django_db
def test_partnership_reads_with_compact_partner_city_and_theme_codes(api_client_for):
    partnership = f.PartnershipFactory()
    partnership.themes.set([f.theme("water"), f.theme("culture")])
    row = api_client_for("viewer").get(reverse("api:partnership-list")).json()["results"][0]
    city = partnership.partner_city
    assert row["partner_city"] == {"id": city.pk, "name": city.name, "country": "DE"}
    assert sorted(row["themes"]) == ["culture", "water"]
