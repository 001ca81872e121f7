"""Every list's CSV and XLSX download, staff page and API, read as values: the same cells
as model instances would give, in a bounded number of queries.

The demo office is the data: partnerships with themes, delegations with and without a
partner city, participants, contacts, documents, choices and countries of every kind.
"""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from intl_relations import api_base, exports
from intl_relations.api_urls import router
from tests import factories as f
from tests.staff.conftest import PAGES

pytestmark = pytest.mark.django_db

STAFF_LISTS = [reverse(f"staff:{pages.name}_list") for pages in PAGES]
API_LISTS = [
    f"/api/v1/{prefix}/"
    for prefix, viewset, _basename in router.registry
    if getattr(viewset, "export_fields", ())
]


def body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def downloads(client, lang: str = "fr") -> dict[str, bytes]:
    """Every list's CSV and XLSX, by address."""
    addresses = [f"{url}?export={fmt}" for url in STAFF_LISTS for fmt in ("csv", "xlsx")]
    addresses += [f"{url}export.{fmt}" for url in API_LISTS for fmt in ("csv", "xlsx")]
    return {address: body(client.get(address, HTTP_ACCEPT_LANGUAGE=lang)) for address in addresses}


def cells(workbook: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(workbook)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def instance_columns(queryset, spec):
    return exports.columns_for(queryset.model, spec)


@pytest.fixture
def demo_office():
    with translation.override("en"):
        call_command("load_demo_data", stdout=io.StringIO())


def test_every_list_download_reads_values_and_gives_the_cells_instances_give(
    demo_office, client, administrator, monkeypatch
):
    client.force_login(administrator)

    def no_instances(model, spec):
        raise AssertionError(f"{model.__name__} download read model instances: {spec}")

    with monkeypatch.context() as patch:
        patch.setattr(exports, "columns_for", no_instances)
        as_values = downloads(client)
    with monkeypatch.context() as patch:
        patch.setattr(exports, "list_columns", instance_columns)
        patch.setattr(api_base, "list_columns", instance_columns)
        as_instances = downloads(client)

    assert len(as_values) == 2 * (len(STAFF_LISTS) + len(API_LISTS)) > 40
    rows = 0
    for address, content in as_values.items():
        if "csv" in address:
            assert content == as_instances[address], address
            rows += len(list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))) - 1
        else:
            assert cells(content) == cells(as_instances[address]), address
    assert rows > 300  # the demo office has something in most lists


def test_related_records_are_named_as_the_lists_name_them(client, administrator):
    city = f.PartnerCityFactory(name="Leipzig", country="DE")
    partnership = f.PartnershipFactory(partner_city=city)
    partnership.themes.add(f.theme("water"), f.theme("culture"))
    f.DelegationFactory(title="Without a city", partner_city=None)
    f.DelegationFactory(title="To Leipzig", partner_city=city, partnership=partnership)
    client.force_login(administrator)

    lines = body(client.get("/staff/partnerships/?export=csv", HTTP_ACCEPT_LANGUAGE="en")).decode(
        "utf-8-sig"
    )
    row = next(csv.DictReader(io.StringIO(lines)))
    assert row["Partner city – name"] == "Leipzig"
    assert row["Partner city – country"] == "Germany"
    assert row["Themes"] == "Culture; Water and sanitation"  # in the themes' order
    assert row["Other holders"] == ""

    lines = body(
        client.get("/api/v1/delegations/export.csv?ordering=title", HTTP_ACCEPT_LANGUAGE="en")
    ).decode("utf-8-sig")
    by_title = {row["Title"]: row for row in csv.DictReader(io.StringIO(lines))}
    assert by_title["To Leipzig"]["Partner city"] == "Leipzig (DE)"
    assert by_title["Without a city"]["Partner city"] == ""
    assert by_title["Without a city"]["Themes"] == ""


@pytest.mark.parametrize(
    "address", ["/staff/delegations/?export=csv", "/api/v1/delegations/export.csv"]
)
def test_a_download_costs_the_same_queries_with_few_and_many_related_records(
    client, administrator, address
):
    client.force_login(administrator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            body(client.get(address))
        return len(context.captured_queries)

    for i in range(3):
        f.DelegationFactory(partner_city=f.PartnerCityFactory(name=f"City {i}"))
    few = queries()
    for i in range(3, 40):
        f.DelegationFactory(partner_city=f.PartnerCityFactory(name=f"City {i}"))
    assert queries() == few
