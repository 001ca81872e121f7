"""Creating, editing and deleting through the staff pages: services, errors, history."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from delegations.models import Delegation, DelegationMember
from partnerships.models import PartnerCity, Partnership
from tests import factories as f


@pytest.mark.django_db
def test_bad_input_shows_field_errors_and_saves_nothing(client_for):
    client = client_for("editor")
    response = client.post(
        reverse("staff:partnercity_add"),
        {
            "name": "Francfort",
            "kind": "city",
            "country": "DE",
            "latitude": "123",
            "languages": "German",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "latitude" in form.errors
    assert "languages" in form.errors
    html = response.content.decode()
    assert 'id="id_latitude_error"' in html
    assert 'aria-invalid="true"' in html
    assert not PartnerCity.objects.exists()


@pytest.mark.django_db
def test_errors_come_in_the_active_language(client_for):
    client = client_for("editor")
    client.cookies["django_language"] = "fr"
    response = client.post(
        reverse("staff:partnercity_add"),
        {"kind": "city", "country": "DE"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "Ce champ est obligatoire." in response.content.decode()


@pytest.mark.django_db
def test_an_editor_creates_a_partner_city_and_its_history_names_them(client_for, editor):
    client = client_for("editor")
    response = client.post(
        reverse("staff:partnercity_add"),
        {
            "name": "Francfort",
            "kind": "city",
            "country": "DE",
            "region": "Hessen",
            "languages": "de",
            "latitude": "50.11",
            "longitude": "8.68",
        },
    )
    city = PartnerCity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:partnercity_detail", args=[city.pk])
    assert city.history.get().history_user == editor
    client.post(
        reverse("staff:partnercity_edit", args=[city.pk]),
        {
            "name": "Frankfurt am Main",
            "kind": "city",
            "country": "DE",
            "region": "Hessen",
            "languages": "de",
            "latitude": "50.11",
            "longitude": "8.68",
        },
    )
    detail = client.get(reverse("staff:partnercity_detail", args=[city.pk])).content.decode()
    assert "Francfort → Frankfurt am Main" in detail
    assert str(editor) in detail
    # Each change is named for what happened to the record (not the import page's
    # plural "Créés", a count of records).
    history = [
        entry["type"]
        for entry in client.get(
            reverse("staff:partnercity_detail", args=[city.pk]), HTTP_ACCEPT_LANGUAGE="fr"
        ).context["history"]
    ]
    assert [str(label) for label in history] == ["Modification", "Création"]


@pytest.mark.django_db
def test_a_constraint_broken_across_fields_is_explained_and_nothing_saved(client_for):
    client = client_for("editor")
    lg = f.LocalGovernmentFactory()
    city = f.PartnerCityFactory()
    response = client.post(
        reverse("staff:delegation_add"),
        {
            "title": "Visit",
            "direction": "incoming",
            "status": "planned",
            "local_government": lg.pk,
            "partner_city": city.pk,
            "country": "DE",
            "starts_on": "2026-06-12",
            "ends_on": "2026-06-10",
            "purpose": "Trade",
            **_empty_formsets(),
        },
    )
    assert response.status_code == 200
    assert (
        "Une délégation ne peut pas se terminer avant d&#x27;avoir commencé."
        in response.content.decode()
    )
    assert not Delegation.objects.exists()


def _empty_formsets(**counts):
    data = {}
    for prefix in ("members", "programme", "costs", "follow_ups"):
        data[f"{prefix}-TOTAL_FORMS"] = counts.get(prefix, 0)
        data[f"{prefix}-INITIAL_FORMS"] = 0
    return data


@pytest.mark.django_db
def test_a_delegation_is_planned_with_its_members_in_one_go(client_for):
    client = client_for("editor")
    lg = f.LocalGovernmentFactory()
    city = f.PartnerCityFactory()
    data = {
        "title": "Hangzhou medical technology",
        "direction": "incoming",
        "status": "planned",
        "local_government": lg.pk,
        "partner_city": city.pk,
        "country": "CN",
        "starts_on": "2026-06-10",
        "ends_on": "2026-06-12",
        "purpose": "Medtech",
        **_empty_formsets(members=2),
        "members-0-full_name": "Li Wei",
        "members-0-role": "elected",
        "members-0-is_head": "on",
        "members-1-full_name": "Zhang Min",
        "members-1-role": "business",
    }
    response = client.post(reverse("staff:delegation_add"), data)
    assert response.status_code == 302, response.context["form"].errors
    delegation = Delegation.objects.get()
    assert sorted(delegation.members.values_list("full_name", flat=True)) == ["Li Wei", "Zhang Min"]


@pytest.mark.django_db
def test_a_bad_member_row_keeps_the_whole_delegation_unsaved(client_for):
    client = client_for("editor")
    lg = f.LocalGovernmentFactory()
    data = {
        "title": "Visit",
        "direction": "outgoing",
        "status": "planned",
        "local_government": lg.pk,
        "country": "DE",
        "starts_on": "2026-06-10",
        "ends_on": "2026-06-12",
        "purpose": "Trade",
        **_empty_formsets(members=2),
        "members-0-full_name": "A",
        "members-0-role": "elected",
        "members-0-is_head": "on",
        "members-1-full_name": "B",
        "members-1-role": "elected",
        "members-1-is_head": "on",
    }
    response = client.post(reverse("staff:delegation_add"), data)
    assert response.status_code == 200
    assert not Delegation.objects.exists()
    assert not DelegationMember.objects.exists()


@pytest.mark.django_db
def test_deleting_a_record_still_referenced_is_explained_not_a_crash(client_for):
    client = client_for("editor")
    partnership = f.PartnershipFactory()
    city = partnership.partner_city
    response = client.post(reverse("staff:partnercity_delete", args=[city.pk]))
    assert response.status_code == 409
    html = response.content.decode()
    assert "ne peut pas être supprimé" in html
    assert reverse("staff:partnership_detail", args=[partnership.pk]) in html
    assert PartnerCity.objects.filter(pk=city.pk).exists()


@pytest.mark.django_db
def test_deleting_a_free_record_asks_then_deletes(client_for):
    client = client_for("editor")
    city = f.PartnerCityFactory()
    assert client.get(reverse("staff:partnercity_delete", args=[city.pk])).status_code == 200
    response = client.post(reverse("staff:partnercity_delete", args=[city.pk]))
    assert response.status_code == 302
    assert not PartnerCity.objects.filter(pk=city.pk).exists()


@pytest.mark.django_db
def test_exports_hold_the_filtered_rows_of_every_page(client_for):
    client = client_for("viewer")
    f.PartnershipFactory.create_batch(30, status="active")
    f.PartnershipFactory(status="dormant", partner_city=f.PartnerCityFactory(name="Sleepy"))
    response = client.get(reverse("staff:partnership_list") + "?status=dormant&export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert "Sleepy" in rows[1]

    response = client.get(reverse("staff:partnership_list") + "?status=active&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 31  # the header and all 30 active ones, not only the first page


@pytest.mark.django_db
def test_an_export_of_a_sorted_list_keeps_the_table_s_order(client_for):
    client = client_for("viewer")
    for name, signed in (
        ("Aachen", "2015-03-01"),
        ("Bremen", "2021-06-01"),
        ("Celle", "2009-01-15"),
    ):
        f.PartnershipFactory(partner_city=f.PartnerCityFactory(name=name), signed_on=signed)

    def cities(query):
        response = client.get(reverse("staff:partnership_list") + query)
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return [row[0] for row in csv.reader(io.StringIO(text))][1:]

    newest_first = cities("?sort=-signed_on&export=csv")
    assert [c for c in newest_first if c in {"Aachen", "Bremen", "Celle"}] == [
        "Bremen",
        "Aachen",
        "Celle",
    ]
    oldest_first = cities("?sort=signed_on&export=csv")
    assert [c for c in oldest_first if c in {"Aachen", "Bremen", "Celle"}] == [
        "Celle",
        "Aachen",
        "Bremen",
    ]


@pytest.mark.django_db
def test_the_list_filters_searches_sorts_and_paginates(client_for):
    client = client_for("viewer")
    f.PartnershipFactory.create_batch(30)
    f.PartnershipFactory(partner_city=f.PartnerCityFactory(name="Zyrardow"), status="dormant")
    page = client.get(reverse("staff:partnership_list"))
    assert page.context["total"] == 31
    assert len(page.context["table"].page.object_list) == 25
    found = client.get(reverse("staff:partnership_list") + "?q=zyrar")
    assert found.context["total"] == 1
    assert "Zyrardow" in found.content.decode()
    ordered = client.get(reverse("staff:partnership_list") + "?sort=-partner_city")
    assert ordered.context["table"].page.object_list.data[0].partner_city.name == "Zyrardow"
    bad = client.get(reverse("staff:partnership_list") + "?signed_after=not-a-date")
    assert bad.status_code == 400
    assert bad.context["filter"].form.errors
    assert "<code>signed_after</code>" in bad.content.decode()
    assert "Zyrardow" not in bad.content.decode()


@pytest.mark.django_db
def test_htmx_requests_get_only_the_results(client_for):
    client = client_for("viewer")
    f.PartnershipFactory()
    response = client.get(
        reverse("staff:partnership_list") + "?q=x",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="list-results",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="list-results"')
    assert "<nav" not in html


@pytest.mark.django_db
def test_the_partnership_page_offers_only_the_allowed_next_statuses(client_for):
    client = client_for("editor")
    partnership = f.PartnershipFactory(status="exploring", signed_on=None)
    html = client.get(reverse("staff:partnership_detail", args=[partnership.pk])).content.decode()
    assert 'value="negotiating"' in html
    assert 'value="ended"' in html
    assert 'value="active"' not in html
    response = client.post(
        reverse("staff:partnership_status", args=[partnership.pk]),
        {"status-status": "active"},
    )
    partnership.refresh_from_db()
    assert partnership.status == "exploring"
    response = client.post(
        reverse("staff:partnership_status", args=[partnership.pk]),
        {"status-status": "negotiating", "status-note": "First letters exchanged"},
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "negotiating"


@pytest.mark.django_db
def test_an_active_partnership_is_renewed_from_its_page(client_for):
    client = client_for("editor")
    partnership = f.PartnershipFactory(status="active")
    client.post(
        reverse("staff:partnership_renew", args=[partnership.pk]),
        {"renew-renewed_on": "2025-05-12", "renew-next_review_on": "2030-05-12"},
    )
    partnership.refresh_from_db()
    assert str(partnership.last_renewed_on) == "2025-05-12"
    assert str(partnership.review_on) == "2030-05-12"


@pytest.mark.django_db
def test_a_delegation_is_confirmed_then_cancelled_from_its_page(client_for):
    client = client_for("editor")
    delegation = f.DelegationFactory(status="planned")
    page = client.get(reverse("staff:delegation_detail", args=[delegation.pk])).content.decode()
    assert 'value="confirmed"' in page
    assert 'value="done"' not in page
    target = reverse("staff:delegation_status", args=[delegation.pk])
    client.post(target, {"status-status": "confirmed"})
    delegation.refresh_from_db()
    assert delegation.status == "confirmed"
    client.post(target, {"status-status": "cancelled", "status-note": "Visa refused"})
    delegation.refresh_from_db()
    assert delegation.status == "cancelled"


@pytest.mark.django_db
def test_an_application_is_decided_with_a_note(client_for, editor):
    client = client_for("editor")
    application = f.ApplicationFactory()
    client.post(
        reverse("staff:application_decide", args=[application.pk]),
        {"decision-status": "waitlisted", "decision-note": "Full this term"},
    )
    application.refresh_from_db()
    assert application.status == "waitlisted"
    assert application.decision_note == "Full this term"
    assert application.decided_by == editor


@pytest.mark.django_db
def test_a_viewer_cannot_move_a_status(client_for):
    client = client_for("viewer")
    partnership = f.PartnershipFactory(status="active")
    response = client.post(
        reverse("staff:partnership_status", args=[partnership.pk]), {"status-status": "dormant"}
    )
    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.status == "active"


@pytest.mark.django_db
def test_the_status_cannot_be_changed_through_the_edit_form(client_for):
    client = client_for("editor")
    partnership = f.PartnershipFactory(status="active")
    form = client.get(reverse("staff:partnership_edit", args=[partnership.pk])).context["form"]
    assert "status" not in form.fields
    assert Partnership.objects.get().status == "active"
