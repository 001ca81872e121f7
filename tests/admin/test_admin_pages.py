"""Every admin page of the portal, for every model, by role."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from knox.models import AuthToken

from partnerships.choices import ThemeCode
from partnerships.models import PartnerCity, Theme
from privacy.models import Erasure
from tests import factories

from .conftest import FACTORIES, PORTAL_MODELS, admin_url, first_row, make_row

pytestmark = pytest.mark.django_db

MODEL_IDS = [model._meta.label for model in PORTAL_MODELS]
# Written down here, not read from the code under test: the accounts, the API tokens and
# the erasure requests are the administrators' alone.
ADMINISTRATORS_ONLY = {"accounts.user", "knox.authtoken", "privacy.erasure"}
VIEWABLE_BY_VIEWER = [m for m in PORTAL_MODELS if m._meta.label_lower not in ADMINISTRATORS_ONLY]


def test_every_admin_of_the_portal_has_a_factory_to_test_it():
    missing = [m._meta.label for m in PORTAL_MODELS if m not in FACTORIES and m is not Theme]
    assert missing == []
    assert len(PORTAL_MODELS) >= 26


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=MODEL_IDS)
def test_administrator_opens_list_search_add_change_and_history(model, client_for):
    client = client_for("administrator")
    row = first_row(model)

    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert escape(str(row)) in changelist.content.decode()
    assert client.get(admin_url(model, "changelist"), {"q": "x"}).status_code == 200

    add = client.get(admin_url(model, "add"))
    model_admin = changelist.context["cl"].model_admin
    expected_add = 200 if model_admin.has_add_permission(changelist.wsgi_request) else 403
    assert add.status_code == expected_add

    change = client.get(admin_url(model, "change", row.pk))
    assert change.status_code == 200

    history = client.get(admin_url(model, "history", row.pk))
    assert history.status_code == 200
    assert escape(str(row)) in history.content.decode()


@pytest.mark.parametrize("model", VIEWABLE_BY_VIEWER, ids=lambda m: m._meta.label)
def test_viewer_reads_lists_and_records_but_cannot_add_or_save(model, client_for):
    client = client_for("viewer")
    row = first_row(model)

    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 403
    change = client.get(admin_url(model, "change", row.pk))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert client.post(admin_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("label", sorted(ADMINISTRATORS_ONLY))
@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_staff_below_administrator_are_refused_the_administrators_only_admins(
    label, role, client_for, administrator
):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    if model is AuthToken:
        row, _key = AuthToken.objects.create(factories.UserFactory())
    elif model is Erasure:
        row = Erasure.objects.create(erased_by=administrator, reason="Request", records=[])
    else:
        row = first_row(model)
    client = client_for(role)
    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "change", row.pk)).status_code == 403
    assert admin_url(model, "changelist") not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=MODEL_IDS)
def test_changelist_query_count_does_not_grow_with_the_rows(model, client_for):
    client = client_for("administrator")
    if model is Theme:
        Theme.objects.exclude(code=ThemeCode.ECONOMY).delete()
    else:
        make_row(model, 0)
    url = admin_url(model, "changelist")
    client.get(url)  # warm the caches (content types, session)

    with CaptureQueriesContext(connection) as one_row:
        assert client.get(url).status_code == 200
    for index in range(1, len(ThemeCode) if model is Theme else 20):
        make_row(model, index)
    with CaptureQueriesContext(connection) as many_rows:
        response = client.get(url)
    assert response.context["cl"].result_count >= 12
    assert len(many_rows) == len(one_row), [q["sql"] for q in many_rows.captured_queries]


def test_editor_changes_a_partner_city_and_the_history_names_them(client_for, editor):
    city = factories.PartnerCityFactory(name="Francfort", country="DE", region="Hesse")
    client = client_for("editor")

    response = client.post(
        admin_url(PartnerCity, "change", city.pk),
        {
            "name": "Frankfurt am Main",
            "local_name": "",
            "kind": "city",
            "country": "DE",
            "region": "Hesse",
            "latitude": "50.11092",
            "longitude": "8.68213",
            "population": "773068",
            "population_year": "2023",
            "languages": "de",
            "website": "",
            "email": "",
            "phone": "",
            "description": "",
            "notes": "",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name == "Frankfurt am Main"
    assert city.history.latest().history_user == editor
    history = client.get(admin_url(PartnerCity, "history", city.pk)).content.decode()
    assert escape(str(editor)) in history
    assert "773068" in history


def test_an_invalid_partner_city_is_refused_with_the_field_named(client_for):
    city = factories.PartnerCityFactory()
    response = client_for("editor").post(
        admin_url(PartnerCity, "change", city.pk),
        {
            "name": city.name,
            "kind": "city",
            "country": "DE",
            "languages": "German",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "languages" in response.context["adminform"].form.errors


@pytest.mark.parametrize("role", ["anonymous", "partner"])
def test_partner_members_and_anonymous_visitors_are_sent_to_the_admin_login(role, client_for):
    client = client_for(role)
    for url in ("/admin/", admin_url(PartnerCity, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_editor_cannot_open_the_user_admin_nor_see_it_on_the_index(client_for):
    client = client_for("editor")
    from accounts.models import User

    assert client.get(admin_url(User, "changelist")).status_code == 403
    index = client.get("/admin/")
    assert index.status_code == 200
    assert admin_url(User, "changelist") not in index.content.decode()
    assert admin_url(PartnerCity, "changelist") in index.content.decode()


def test_staff_sign_in_by_role_and_partner_members_are_refused(client):
    viewer = factories.UserFactory(username="cabinet", role="viewer", is_staff=False)
    partner = factories.PartnerUserFactory(username="assoc", is_staff=True)

    signed_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": viewer.username, "password": factories.PASSWORD},
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200

    client.logout()
    refused = client.post(
        "/admin/login/?next=/admin/",
        {"username": partner.username, "password": factories.PASSWORD},
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors


def test_country_filter_offers_only_countries_in_use_by_name(client_for):
    factories.PartnerCityFactory(name="Kraków", country="PL", region="")
    factories.PartnerCityFactory(name="Porto", country="PT", region="")
    client = client_for("viewer")
    url = admin_url(PartnerCity, "changelist")

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Poland" in page
    assert "Portugal" in page
    assert "Zimbabwe" not in page
    filtered = client.get(url, {"country": "PT"}).context["cl"].result_list
    assert [city.name for city in filtered] == ["Porto"]
    assert client.get(url, {"_facets": "1"}).status_code == 200


def test_themes_are_found_by_their_translated_name_and_cannot_be_added(client_for):
    client = client_for("administrator")
    url = admin_url(Theme, "changelist")
    found = client.get(url, {"q": "research"}, HTTP_ACCEPT_LANGUAGE="en").context["cl"]
    assert [theme.code for theme in found.result_list] == [ThemeCode.HIGHER_EDUCATION]
    assert client.get(admin_url(Theme, "add")).status_code == 403
