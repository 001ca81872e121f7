"""A number no record can have is bad input: a 400 naming the parameter, on every database.

SQLite cannot bind an integer above 64 bits at all; PostgreSQL compares it and finds
nothing. Either way the user made a mistake, and every door says which parameter it is.
"""

import pytest
from django.urls import reverse

from tests import factories as f

HUGE = "830122015627130185973760"


@pytest.fixture
def partnership(db):
    return f.PartnershipFactory()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/partnerships/",
        "/api/v1/partnerships/geojson/",
        "/api/v1/partnerships/export.csv",
        "/api/v1/partnerships/export.xlsx",
        "/api/v1/contacts/",
        "/api/v1/participants/",
    ],
)
def test_an_id_out_of_range_in_an_api_filter_is_a_400_naming_it(path, partnership, api_client_for):
    parameter = "partner_city" if "partnerships" in path else None
    if parameter is None:
        parameter = {"/api/v1/contacts/": "organisation", "/api/v1/participants/": "program"}[path]
    answer = api_client_for("viewer").get(f"{path}?{parameter}={HUGE}", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400, answer.content
    error = answer.json()["error"]
    assert list(error["fields"]) == [parameter]
    assert HUGE in error["fields"][parameter][0]
    assert "not a valid id" in error["fields"][parameter][0]


@pytest.mark.django_db
def test_a_year_out_of_range_is_a_400_naming_it(api_client_for):
    f.BudgetLineFactory()
    answer = api_client_for("viewer").get(f"/api/v1/budget-lines/?year_from={HUGE}")
    assert answer.status_code == 400, answer.content
    assert list(answer.json()["error"]["fields"]) == ["year_from"]


@pytest.mark.django_db
def test_an_id_in_range_that_does_not_exist_is_still_refused(partnership, api_client_for):
    answer = api_client_for("viewer").get(f"/api/v1/partnerships/?partner_city={2**63 - 1}")
    assert answer.status_code == 400
    assert list(answer.json()["error"]["fields"]) == ["partner_city"]


@pytest.mark.django_db
def test_a_staff_list_answers_400_naming_the_filter_and_lists_nothing(partnership, client, viewer):
    client.force_login(viewer)
    url = reverse("staff:partnership_list") + f"?partner_city={HUGE}"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    html = page.content.decode()
    assert "<code>partner_city</code>" in html
    assert f"« {HUGE} » is not a valid id" in html
    assert partnership.partner_city.name not in html


@pytest.mark.django_db
def test_a_filtered_staff_list_fragment_answers_400_naming_the_filter(partnership, client, viewer):
    client.force_login(viewer)
    url = reverse("staff:partnership_list") + f"?status=active&partner_city={HUGE}"
    fragment = client.get(
        url, HTTP_ACCEPT_LANGUAGE="en", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-results"
    )
    assert fragment.status_code == 400
    assert fragment.content.decode().startswith('\n<div id="list-results"')
    assert "<code>partner_city</code>" in fragment.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_staff_export_answers_400_naming_the_filter_rather_than_every_row(
    fmt, partnership, client, viewer
):
    client.force_login(viewer)
    url = reverse("staff:partnership_list") + f"?partner_city={HUGE}&export={fmt}"
    answer = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.content.decode().startswith(f"partner_city: « {HUGE} » is not a valid id")


@pytest.mark.django_db
@pytest.mark.parametrize("digit", ["³", "¹"])
def test_a_superscript_digit_as_an_id_is_a_400_naming_it(digit, partnership, api_client_for):
    # '³'.isdigit() is true, yet int('³') fails: it is no id.
    answer = api_client_for("viewer").get(f"/api/v1/diaspora-groups/export.csv?consulate={digit}")
    assert answer.status_code == 400, answer.content
    assert list(answer.json()["error"]["fields"]) == ["consulate"]
