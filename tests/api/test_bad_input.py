"""Bad input answers 4xx in the one error shape, never 500, and writes nothing."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests import factories as f


def assert_error(response, status=400):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status
    assert error["message"]
    return error


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "signed_after=notadate",
        "q=a%00b",
        "search=a%00b",
        "ordering=name%00",
        "page_size=1000",
        "page_size=abc",
        "country=ZZ",
        "theme=flying",
        "status=whatever",
        "partner_city=999999",
        "partner_city=abc",
    ],
)
def test_malformed_filters_are_refused(query, api_client_for):
    f.PartnershipFactory()
    answer = api_client_for("viewer").get(f"{reverse('api:partnership-list')}?{query}")
    assert_error(answer)


@pytest.mark.django_db
def test_a_nul_byte_in_a_filter_of_an_export_is_refused(api_client_for):
    answer = api_client_for("viewer").get("/api/v1/partnerships/export.csv?q=%00")
    assert_error(answer)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {"local_government": 999999, "partner_city": 999999, "kind": "twinning"},
        {"local_government": "abc", "partner_city": [], "kind": 3},
        {"kind": "twinning", "signed_on": "2020-02-30"},
        {"kind": "twinning", "themes": ["flying"]},
        {"kind": "twinning", "summary": "a\x00b"},
    ],
)
def test_invalid_partnerships_are_refused_and_nothing_is_saved(payload, api_client_for):
    before = Partnership.objects.count()
    assert_error(api_client_for("editor").post(reverse("api:partnership-list"), payload))
    assert Partnership.objects.count() == before


@pytest.mark.django_db
def test_impossible_dates_are_refused_with_the_rule(api_client_for):
    local = f.LocalGovernmentFactory()
    answer = api_client_for("editor").post(
        reverse("api:delegation-list"),
        {
            "title": "Back to the future",
            "direction": "outgoing",
            "local_government": local.pk,
            "country": "DE",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-01",
            "purpose": "Time travel.",
        },
        format="json",
    )
    error = assert_error(answer)
    assert "non_field_errors" in error["fields"]


@pytest.mark.django_db
def test_unknown_ids_answer_404(api_client_for):
    client = api_client_for("editor")
    assert_error(client.get(reverse("api:partnership-detail", args=[999999])), 404)
    assert_error(client.get("/api/v1/partnerships/notanid/"), 404)
    assert_error(client.post("/api/v1/partnerships/999999/transition/", {"status": "ended"}), 404)


@pytest.mark.django_db
def test_an_invalid_transition_names_the_current_and_requested_status(api_client_for):
    partnership = f.PartnershipFactory(status="exploring")
    answer = api_client_for("editor").post(
        reverse("api:partnership-transition", args=[partnership.pk]),
        {"status": "dormant"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    error = assert_error(answer)
    message = error["fields"]["status"][0]
    assert "Exploring" in message
    assert "Dormant" in message
    partnership.refresh_from_db()
    assert partnership.status == "exploring"


@pytest.mark.django_db
def test_errors_are_translated_by_accept_language(api_client_for):
    client = api_client_for("viewer")
    url = reverse("api:partnership-detail", args=[999999])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["error"]["message"]
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["error"]["message"]
    assert english != french


@pytest.mark.django_db
def test_the_status_is_read_only_in_a_normal_update(api_client_for):
    partnership = f.PartnershipFactory(status="active")
    answer = api_client_for("editor").patch(
        reverse("api:partnership-detail", args=[partnership.pk]),
        {"status": "ended", "summary": "Changed"},
        format="json",
    )
    assert answer.status_code == 200
    partnership.refresh_from_db()
    assert partnership.status == "active"
    assert partnership.summary == "Changed"


@pytest.mark.django_db
def test_deleting_a_referenced_record_answers_409(api_client_for):
    partnership = f.PartnershipFactory()
    answer = api_client_for("editor").delete(
        reverse("api:partner-city-detail", args=[partnership.partner_city_id])
    )
    assert_error(answer, 409)


@pytest.mark.django_db
def test_a_rule_broken_past_validation_is_a_409_with_the_rule_not_a_500(
    api_client_for, monkeypatch
):
    # Two requests at once both pass validation; the second one's insert is refused by
    # the database. Skipping the model's constraint check reproduces the second one.
    network = f.NetworkFactory()
    local = f.LocalGovernmentFactory()
    f.NetworkMembershipFactory(network=network, local_government=local)
    from cooperation.models import NetworkMembership

    monkeypatch.setattr(NetworkMembership, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(NetworkMembership, "validate_unique", lambda self, exclude=None: None)
    answer = api_client_for("editor").post(
        reverse("api:network-membership-list"),
        {"network": network.pk, "local_government": local.pk, "joined_on": "2020-01-01"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    error = assert_error(answer, 409)
    assert error["message"] == "This local government is already a member of this network."
    assert NetworkMembership.objects.count() == 1
