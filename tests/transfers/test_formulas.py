"""An XLSX whose formulas have no stored result is refused, naming the cell's column."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from partnerships.models import PartnerCity
from transfers.services import import_records

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db


def test_a_formula_without_its_computed_value_is_refused_naming_column_and_line(editor):
    # openpyxl, like many export libraries, writes formulas without their results.
    data = xlsx_bytes(
        [
            ["Nom", "Pays", "Population"],
            ["Mainz", "Allemagne", 218000],
            ["Bonn", "Allemagne", "=C2+100000"],
        ]
    )
    with translation.override("en"):
        result = import_records(
            kind="partner_cities", data=data, filename="cities.xlsx", user=editor, dry_run=False
        )
    assert not result.saved
    assert PartnerCity.objects.count() == 0
    [error] = result.file_errors
    assert error["line"] == 3
    assert error["column"] == "Population"
    assert error["reason"].startswith(
        "The cell C3 (column “Population”, line 3) holds a formula without its computed value"
    )


def with_stored_result(data: bytes, formula: str, result: str) -> bytes:
    """The workbook as a spreadsheet program saves it: the formula and its result."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                old = f"<f>{formula}</f><v></v>".encode()
                assert old in content
                content = content.replace(old, f"<f>{formula}</f><v>{result}</v>".encode())
            target.writestr(item, content)
    return buffer.getvalue()


def test_formulas_with_their_stored_results_are_read(editor):
    data = xlsx_bytes([["Nom", "Pays", "Population"], ["Bonn", "Allemagne", "=100000+218000"]])
    data = with_stored_result(data, "100000+218000", "318000")
    result = import_records(
        kind="partner_cities", data=data, filename="cities.xlsx", user=editor, dry_run=False
    )
    assert result.saved, result.issues()
    assert PartnerCity.objects.get(name="Bonn").population == 318000
