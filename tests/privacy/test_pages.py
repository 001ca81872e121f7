"""The "Personal data" staff page: search, export download, erase; administrators only."""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from delegations.models import DelegationMember
from privacy.models import Erasure
from privacy.registry import MARKER
from tests import factories as f

pytestmark = pytest.mark.django_db

SEARCH = reverse("staff:privacy")
EXPORT = reverse("staff:privacy_export")
ERASE = reverse("staff:privacy_erase")
EMAIL = "li.wei@hangzhou.example"


@pytest.fixture
def li_wei():
    delegation = f.DelegationFactory(title="Hangzhou medical mission")
    return f.DelegationMemberFactory(
        delegation=delegation, full_name="Li Wei", email=EMAIL, phone="+86 1"
    )


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_an_administrator_finds_a_person_by_email_and_sees_where_they_appear(
    signed_in, administrator, li_wei
):
    f.ApplicationFactory(applicant_name="Li Wei", applicant_email=EMAIL)
    f.ParticipantFactory(full_name="Zhang Min", email="zhang@hangzhou.example")

    page = signed_in(administrator).get(SEARCH, {"q": "Li.Wei@hangzhou.example"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Hangzhou medical mission" in html
    assert reverse("staff:delegation_detail", args=[li_wei.delegation.pk]) in html
    assert html.count(EMAIL) >= 2
    assert "Zhang Min" not in html
    assert f'action="{EXPORT}"' in html
    assert f"{ERASE}?q=" in html


def test_a_search_by_name_lists_possible_matches(signed_in, administrator, li_wei):
    f.ParticipantFactory(full_name="Li Weiming")

    html = signed_in(administrator).get(SEARCH, {"q": "li wei"}).content.decode()

    assert "Li Weiming" in html
    assert "Hangzhou medical mission" in html
    # No e-mail, no export: a name is not enough to hand over someone's data.
    assert f'action="{EXPORT}"' not in html


def test_a_search_by_full_name_finds_a_contact_whose_names_are_in_two_fields(
    signed_in, administrator
):
    contact = f.ContactFactory(first_name="Jana", last_name="Novak", email="")

    html = signed_in(administrator).get(SEARCH, {"q": "jana novak"}).content.decode()

    assert "Jana Novak" in html
    assert reverse("staff:contact_detail", args=[contact.pk]) in html


def test_the_export_downloads_the_person_s_json(signed_in, administrator, li_wei):
    f.DelegationMemberFactory(full_name="Zhang Min", email="zhang@hangzhou.example")

    response = signed_in(administrator).post(EXPORT, {"email": EMAIL})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["records"]["delegation_member"][0]["data"]["full_name"] == "Li Wei"
    assert "Zhang" not in response.content.decode()


def test_the_erase_page_asks_for_a_reason_and_a_confirmation(signed_in, administrator, li_wei):
    client = signed_in(administrator)
    form = client.get(ERASE, {"q": EMAIL})
    html = form.content.decode()
    assert form.status_code == 200
    assert "Li Wei" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'for="id_reason"' in html

    refused = client.post(ERASE, {"q": EMAIL, "reason": "", "confirm": "on"})

    assert refused.status_code == 400
    assert 'id="id_reason_error"' in refused.content.decode()
    li_wei.refresh_from_db()
    assert li_wei.full_name == "Li Wei"


def test_an_administrator_erases_a_person_through_the_page(signed_in, administrator, li_wei):
    same_name_no_email = f.DelegationMemberFactory(full_name="Li Wei", email="")
    namesake = f.DelegationMemberFactory(full_name="Li Wei", email="")
    client = signed_in(administrator)

    response = client.post(
        ERASE,
        {
            "q": EMAIL,
            "records": [f"delegations.delegationmember:{same_name_no_email.pk}"],
            "reason": "Asked by e-mail on 3 March",
            "confirm": "on",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == SEARCH
    li_wei.refresh_from_db()
    same_name_no_email.refresh_from_db()
    namesake.refresh_from_db()
    assert (li_wei.full_name, li_wei.email, li_wei.phone) == (MARKER, "", "")
    assert same_name_no_email.full_name == MARKER
    assert namesake.full_name == "Li Wei"
    assert li_wei.history.latest().history_user == administrator
    assert Erasure.objects.get().reason == "Asked by e-mail on 3 March"
    # The page now shows the erasure, and the person is gone from the search.
    assert "Asked by e-mail on 3 March" in response.content.decode()
    assert "Li Wei" not in client.get(SEARCH, {"q": EMAIL}).content.decode().split("<main")[-1]


def test_the_erase_form_without_the_confirmation_erases_nothing(signed_in, administrator, li_wei):
    response = signed_in(administrator).post(ERASE, {"q": EMAIL, "reason": "Request"})

    assert response.status_code == 400
    assert DelegationMember.objects.get(pk=li_wei.pk).full_name == "Li Wei"


@pytest.mark.parametrize("role", ["viewer", "editor", "partner"])
def test_other_roles_are_refused_every_personal_data_page(client_for_role, role, li_wei):
    client = client_for_role(role)

    assert client.get(SEARCH, {"q": EMAIL}).status_code == 403
    assert client.post(EXPORT, {"email": EMAIL}).status_code == 403
    assert client.get(ERASE, {"q": EMAIL}).status_code == 403
    erase = client.post(ERASE, {"q": EMAIL, "reason": "Because", "confirm": "on"})
    assert erase.status_code == 403
    li_wei.refresh_from_db()
    assert li_wei.full_name == "Li Wei"
    assert not Erasure.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(SEARCH)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_the_menu_offers_the_page_to_administrators_only(signed_in, administrator, editor):
    assert SEARCH not in signed_in(editor).get(reverse("staff:dashboard")).content.decode()
    assert SEARCH in signed_in(administrator).get(reverse("staff:dashboard")).content.decode()


@pytest.fixture
def client_for_role(client, user_for_role):
    def sign_in(role):
        client.force_login(user_for_role(role))
        return client

    return sign_in
