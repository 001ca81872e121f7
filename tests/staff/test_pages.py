"""Sign-in, password reset, the dashboard's blocks and the calendar."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests import factories as f


@pytest.mark.django_db
def test_staff_sign_in_then_land_on_the_dashboard(client, editor):
    page = client.get(reverse("staff:login"))
    assert page.status_code == 200
    response = client.post(reverse("staff:login"), {"username": "editor", "password": f.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")


@pytest.mark.django_db
def test_sign_out_is_a_post_and_ends_the_session(client, editor):
    client.force_login(editor)
    assert client.post(reverse("staff:logout")).status_code == 302
    assert client.get(reverse("staff:dashboard")).status_code == 302


@pytest.mark.django_db
def test_a_password_reset_mails_a_working_link(client, editor):
    response = client.post(reverse("staff:password_reset"), {"email": editor.email})
    assert response["Location"] == reverse("staff:password_reset_done")
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/staff/password/reset/" in line)
    path = link.split("testserver", 1)[1].strip()
    confirm = client.get(path, follow=True)
    assert confirm.context["validlink"]
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"},
    )
    assert done["Location"] == reverse("staff:password_reset_complete")


@pytest.mark.django_db
def test_the_dashboard_shows_what_needs_attention(client_for):
    client = client_for("viewer")
    today = timezone.localdate()
    f.PartnershipFactory(
        partner_city=f.PartnerCityFactory(name="Reviewville"),
        review_on=today + dt.timedelta(days=30),
    )
    f.DelegationFactory(
        title="Trade mission to Montreal",
        status="planned",
        starts_on=today + dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=7),
    )
    f.ApplicationFactory(applicant_name="Nadia Benali")
    f.BudgetLineFactory(year=today.year, spent_amount=1000, apd_amount=0)
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert "Reviewville" in html
    assert "Trade mission to Montreal" in html
    assert "Nadia Benali" in html
    assert f'data-points="{reverse("staff:dashboard_map_points")}"' in html
    assert "<script>" not in html.replace("<script src=", "")  # no inline script


@pytest.mark.django_db
def test_the_dashboard_map_points_are_the_cities_with_a_current_partnership(client_for):
    kept = f.PartnerCityFactory(name="Leipzig", latitude=51.34, longitude=12.37)
    f.PartnershipFactory(status="active", partner_city=kept)
    f.PartnershipFactory(
        status="ended", partner_city=f.PartnerCityFactory(name="Ended", latitude=1, longitude=1)
    )
    f.PartnershipFactory(
        partner_city=f.PartnerCityFactory(name="Nowhere", latitude=None, longitude=None)
    )
    url = reverse("staff:dashboard_map_points")
    response = client_for("viewer").get(url)
    assert response.status_code == 200
    assert response.json() == [
        {
            "name": "Leipzig",
            "country": kept.country.code,
            "lat": 51.34,
            "lng": 12.37,
            "url": reverse("staff:partnercity_detail", args=[kept.pk]),
        }
    ]
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    # A new city shows at once.
    f.PartnershipFactory(
        status="active", partner_city=f.PartnerCityFactory(name="Turin", latitude=45, longitude=7)
    )
    assert {p["name"] for p in client_for("viewer").get(url).json()} == {"Leipzig", "Turin"}
    # Staff only, like the dashboard.
    partner = client_for("partner")
    assert partner.get(url).status_code == 403
    partner.logout()
    assert partner.get(url).status_code == 302


@pytest.mark.django_db
def test_the_calendar_shows_the_month_s_delegations_and_exchanges(client_for):
    client = client_for("viewer")
    f.DelegationFactory(
        title="Visit from Leipzig", starts_on=dt.date(2025, 6, 10), ends_on=dt.date(2025, 6, 12)
    )
    f.ExchangeProgramFactory(
        title="Summer school", starts_on=dt.date(2025, 6, 20), ends_on=dt.date(2025, 7, 20)
    )
    html = client.get(reverse("staff:calendar") + "?month=2025-06").content.decode()
    assert html.count("Visit from Leipzig") == 3
    assert "Summer school" in html
    assert "?month=2025-05" in html
    assert "?month=2025-07" in html
    assert 'href="/api/v1/delegations/calendar.ics"' in html
    assert client.get(reverse("staff:calendar") + "?month=nonsense").status_code == 200


def test_the_staff_menu_offers_imports_to_editors_and_the_full_export_to_administrators_only(
    client, editor, administrator
):
    client.force_login(editor)
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:import_list") in html
    assert reverse("staff:archive") not in html

    client.force_login(administrator)
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:archive") in html


@pytest.mark.django_db
def test_a_detail_page_pages_its_related_records(client_for):
    city = f.PartnerCityFactory(name="Busyville")
    for day in range(1, 13):
        f.DelegationFactory(
            title=f"Visit {day:02d}",
            partner_city=city,
            starts_on=dt.date(2025, 1, day),
            ends_on=dt.date(2025, 1, day),
        )
    client = client_for("viewer")
    url = reverse("staff:partnercity_detail", args=[city.pk])
    html = client.get(url).content.decode()
    assert client.get(url).content.decode().count("<table") == html.count("<table") > 1
    # Newest first, ten to a page, with the total and a way to the rest.
    assert "Visit 12" in html
    assert "Visit 03" in html
    assert "Visit 02" not in html
    assert "(12)" in html
    delegations = next(
        index
        for index, section in enumerate(client.get(url).context["related"], start=1)
        if section["count"] == 12
    )
    assert f"r{delegations}-page=2" in html
    rest = client.get(url, {f"r{delegations}-page": 2}).content.decode()
    assert "<table" in rest
    assert "Visit 02" in rest
    assert "Visit 01" in rest
    assert "Visit 12" not in rest


@pytest.mark.django_db
def test_the_dashboard_lists_the_latest_changes_across_the_records_newest_first(client_for):
    from intl_relations.dashboard import HISTORY_MODELS

    client = client_for("viewer")
    author = f.UserFactory(username="author", first_name="Élise", last_name="Roux")
    now = timezone.now()
    old_cities = [f.PartnerCityFactory(name=f"Old city {n}") for n in range(12)]
    partnership = f.PartnershipFactory(
        kind="twinning", partner_city=f.PartnerCityFactory(name="Leipzig")
    )
    consulate = f.ConsulateFactory(city="Milano", country="IT")
    application = f.ApplicationFactory(applicant_name="Nadia Benali")
    delegation = f.DelegationFactory(title="Trade mission to Montreal")
    delegation_id = delegation.pk
    delegation.delete()
    club = f.OrganisationFactory(name="Club des Lyonnais de Porto")
    # Whatever the factories made along the way changed long ago...
    for model in HISTORY_MODELS:
        model.history.update(history_date=now - dt.timedelta(days=1))

    def dated(model, pk, minutes_ago, user=None, **kinds):
        changed = model.history.filter(id=pk, **kinds).update(
            history_date=now - dt.timedelta(minutes=minutes_ago), history_user=user
        )
        assert changed

    # ... these at known times, the twelve old cities pushed out by the newer ones.
    for n, city in enumerate(old_cities):
        dated(type(city), city.pk, 60 + n)
    dated(type(partnership.partner_city), partnership.partner_city.pk, 59)
    dated(type(partnership), partnership.pk, 5, author)
    dated(type(consulate), consulate.pk, 4, author)
    dated(type(application), application.pk, 3)
    dated(type(delegation), delegation_id, 10, history_type="+")
    dated(type(delegation), delegation_id, 2, author, history_type="-")
    dated(type(club), club.pk, 1)

    changes = client.get(reverse("staff:dashboard"), HTTP_ACCEPT_LANGUAGE="en").context["changes"]

    assert len(changes) == 12
    assert [c["title"] for c in changes[:7]] == [
        "Club des Lyonnais de Porto",
        "Trade mission to Montreal",
        "Nadia Benali",
        "Milano (IT)",
        "Leipzig – Twinning (sister city)",
        "Trade mission to Montreal",
        "Leipzig",
    ]
    assert [str(c["user"] or "") for c in changes[:5]] == [
        "",
        "Élise Roux",
        "",
        "Élise Roux",
        "Élise Roux",
    ]
    assert [c["kind"] for c in changes[:2]] == ["+", "-"]
    # A deleted record has no page to link to; the others link to theirs.
    assert changes[1]["url"] is None
    assert changes[4]["url"] == reverse("staff:partnership_detail", args=[partnership.pk])
    assert changes[-1]["title"] == "Old city 4"
    page = client.get(reverse("staff:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Leipzig – Twinning (sister city)" in page
    assert "Organisation · Created · system" in page
    french = client.get(reverse("staff:dashboard"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Délégation · Suppression · Élise Roux" in french
    assert "Organisation · Création · système" in french
