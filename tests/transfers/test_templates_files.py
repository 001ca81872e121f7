"""Blank templates: one per kind, in CSV and XLSX, that the import reads as they are."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from transfers.importers import IMPORTERS
from transfers.services import import_records

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_import_page_links_a_blank_template_per_kind(client, editor):
    client.force_login(editor)
    html = client.get(reverse("staff:import_list")).content.decode()
    for kind in IMPORTERS:
        assert reverse("staff:import_template_xlsx", args=[kind]) in html
        assert reverse("staff:import_template_csv", args=[kind]) in html


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_each_blank_template_is_accepted_by_its_import(client, editor, kind):
    client.force_login(editor)
    csv_answer = client.get(reverse("staff:import_template_csv", args=[kind]))
    assert csv_answer.status_code == 200
    assert csv_answer["Content-Disposition"].endswith('.csv"')
    data = body(csv_answer)
    headers = next(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert headers == [
        f"{column.key} *" if column.required else column.key for column in IMPORTERS[kind].columns
    ]
    result = import_records(kind=kind, data=data, filename="t.csv", user=editor, dry_run=True)
    # Headers only: no missing column, none ignored, no row.
    assert (result.file_errors, result.ignored_headers, result.rows) == ([], [], [])

    xlsx_answer = client.get(reverse("staff:import_template_xlsx", args=[kind]))
    assert xlsx_answer.status_code == 200
    workbook = load_workbook(io.BytesIO(body(xlsx_answer)))
    first, help_sheet = workbook.worksheets
    assert [cell.value for cell in first[1]] == headers
    assert [row[0] for row in help_sheet.iter_rows(min_row=2, max_col=1, values_only=True)][
        : len(headers)
    ] == [column.key for column in IMPORTERS[kind].columns]
    result = import_records(
        kind=kind, data=body(xlsx_answer), filename="t.xlsx", user=editor, dry_run=True
    )
    assert (result.file_errors, result.ignored_headers, result.rows) == ([], [], [])


def test_the_api_serves_the_templates_to_editors_only(api_client_for):
    url = "/api/v1/imports/templates/partnerships.xlsx"
    answer = api_client_for("editor").get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert api_client_for("viewer").get(url).status_code == 403
    assert api_client_for("editor").get("/api/v1/imports/templates/unicorns.csv").status_code == (
        404
    )
    assert (
        api_client_for("administrator")
        .get("/api/v1/imports/templates/partner_cities.csv")
        .content.decode("utf-8-sig")
        .startswith("name *;country *;")
    )


def test_a_viewer_gets_no_template_page(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("staff:import_template_csv", args=["partnerships"])).status_code == (
        403
    )
