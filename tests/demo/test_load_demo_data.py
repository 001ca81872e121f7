"""``load_demo_data`` gives a realistic office on several continents, and loads twice safely."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone, translation

from accounts.models import User
from delegations.models import Delegation
from demo.loader import portal_models
from diaspora.models import Consulate, DiasporaGroup
from exchanges.models import Application, ExchangeProgram
from partnerships.models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTINENTS = {
    "Europe": {"GB", "DE", "IT", "SE", "ES", "PT", "PL", "NL", "BE", "CH"},
    "Africa": {"BF", "DZ", "MA", "TN", "SN", "BJ", "ML", "CI"},
    "Asia": {"CN", "JP", "VN", "AM", "KR", "IN"},
    "Americas": {"US", "CA", "BR", "MX", "AR"},
    "Middle East": {"LB", "IL", "JO", "PS", "TR"},
}


def load(**options) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo_data", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    """Rows of every table of the portal: history tables and M2M links included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in portal_models(include_auto_created=True)
    }


def printed_password(output: str) -> str:
    match = re.search(r"^Password for [^:]+: (\S+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def test_it_loads_a_city_office_with_partners_on_every_continent():
    load()

    city = LocalGovernment.objects.get(is_default=True)
    assert city.name == "Ville de Lyon"
    assert LocalGovernment.objects.filter(kind="metropolis").exists()
    countries = set(PartnerCity.objects.values_list("country", flat=True))
    for continent, codes in CONTINENTS.items():
        assert countries & codes, f"no partner city in {continent}"
    assert not PartnerCity.objects.filter(latitude__isnull=True).exists()
    twinnings = Partnership.objects.filter(kind="twinning", signed_on__year__lt=1980)
    assert twinnings.count() >= 4
    assert set(Partnership.objects.values_list("status", flat=True)) >= {
        "active",
        "negotiating",
        "dormant",
        "ended",
    }


def test_the_dashboard_has_visits_and_reviews_coming_up():
    load()
    today = timezone.localdate()

    upcoming = Delegation.objects.filter(starts_on__gt=today, status__in=["planned", "confirmed"])
    assert upcoming.filter(direction="incoming").exists()
    assert upcoming.filter(direction="outgoing").exists()
    assert Delegation.objects.filter(status="done", starts_on__lt=today).count() >= 3
    assert Delegation.objects.filter(status="cancelled").count() == 1
    assert Partnership.objects.filter(
        review_on__gt=today, review_on__lte=today + dt.timedelta(days=120)
    ).exists()
    hangzhou = Delegation.objects.get(partner_city__name="Hangzhou", direction="incoming")
    assert hangzhou.programme.filter(host__kind="hospital").exists()
    assert hangzhou.members.filter(is_head=True).count() == 1
    assert hangzhou.costs.exists()
    assert hangzhou.follow_ups.exists()
    assert hangzhou.outcomes


def test_it_covers_consuls_diasporas_exchanges_and_documents():
    load()

    assert Consulate.objects.filter(kind="consulate_general").count() >= 3
    assert Consulate.objects.filter(kind="honorary").count() >= 3
    armenian = DiasporaGroup.objects.get(origin_country="AM")
    assert armenian.associations.filter(kind="diaspora_association").exists()
    assert armenian.consulates.exists()
    assert armenian.partnerships.filter(partner_city__name="Erevan").exists()
    students = ExchangeProgram.objects.get(kind="students")
    assert set(students.applications.values_list("status", flat=True)) >= {
        "submitted",
        "accepted",
        "rejected",
    }
    assert ExchangeProgram.objects.filter(kind="solidarity_leave").exists()
    assert Application.objects.filter(submitted_by__username="partenaire").exists()
    document = PartnershipDocument.objects.first()
    assert document.file.read().startswith(b"%PDF-1.4")


def test_running_it_twice_changes_nothing():
    load()
    before = counts()
    last_change = max(
        model._default_manager.latest("updated_at").updated_at
        for model in (Partnership, Delegation, PartnerCity)
    )

    output = load()

    assert counts() == before
    assert "0 records created, 0 updated" in output
    assert (
        max(
            model._default_manager.latest("updated_at").updated_at
            for model in (Partnership, Delegation, PartnerCity)
        )
        == last_change
    )


def test_running_it_twice_does_not_duplicate_many_to_many_links():
    load()
    load()

    birmingham = Partnership.objects.get(partner_city__name="Birmingham", kind="twinning")
    assert sorted(birmingham.themes.values_list("code", flat=True)) == [
        "culture",
        "sport",
        "youth",
    ]
    hangzhou = Partnership.objects.get(partner_city__name="Hangzhou")
    assert hangzhou.co_partners.count() == 4
    assert list(hangzhou.co_holders.values_list("name", flat=True)) == ["Métropole de Lyon"]


def test_staff_sign_in_to_the_admin_with_the_printed_password(client):
    password = printed_password(load())

    for username in ("admin", "editeur", "lecteur"):
        client.logout()
        response = client.post(
            "/admin/login/?next=/admin/", {"username": username, "password": password}
        )
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_the_partner_member_signs_in_for_the_university():
    password = printed_password(load())

    request = RequestFactory().post("/accounts/login/")
    user = authenticate(request, username="partenaire", password=password)

    assert user is not None
    assert user.role == "partner"
    assert user.organisation.name == "Université Claude Bernard Lyon 1"
    assert not user.is_staff
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.role == "administrator"


def test_the_password_comes_from_demo_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "une-autre-phrase-secrete")

    assert printed_password(load()) == "une-autre-phrase-secrete"
    assert User.objects.get(username="lecteur").check_password("une-autre-phrase-secrete")


def test_an_existing_account_keeps_its_password_unless_asked(monkeypatch):
    UserFactory(username="editeur", role="viewer")  # with the factory's password
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-phrase")

    output = load()

    editeur = User.objects.get(username="editeur")
    assert editeur.role == "editor"
    assert not editeur.check_password("demo-pass-phrase")
    assert "editeur" in output.split("kept their password:")[1]

    load(reset_passwords=True)

    assert User.objects.get(username="editeur").check_password("demo-pass-phrase")


def test_another_default_local_government_stays_the_default():
    LocalGovernment.objects.create(name="Ville de Grenoble", is_default=True)

    load()

    assert LocalGovernment.objects.get(is_default=True).name == "Ville de Grenoble"
    assert LocalGovernment.objects.filter(name="Ville de Lyon").exists()


@pytest.mark.django_db
def test_the_sign_in_line_gives_the_port_the_portal_runs_on():
    output = load(site_url="http://127.0.0.1:8765")
    assert "http://127.0.0.1:8765/staff/" in output
    assert "http://127.0.0.1:8765/admin/" in output
    assert ":8000" not in output


def test_make_run_passes_its_port_to_the_sign_in_line():
    import subprocess

    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8765"], capture_output=True, text=True, check=True
    ).stdout
    assert "load_demo_data --site-url http://127.0.0.1:8765" in dry_run
    assert "runserver 127.0.0.1:8765" in dry_run
