"""The e-APD worksheet: the totals and warnings a person checks by hand (see conftest)."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from returns.eapd import WarningKind, eapd_declaration
from returns.exports import eapd_response


def amounts(declaration):
    return {h.code: h.amount for h in declaration.headings if h.amount}


def test_the_year_is_grouped_by_heading(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)
    assert amounts(declaration) == {
        "water_sanitation": Decimal("10000.00"),
        "cooperation": Decimal("5000.00"),
        "awareness": Decimal("1500.00"),
        "ngo_grants": Decimal("4000.00"),
        "staff": Decimal("1000.00"),
    }
    assert declaration.declared == Decimal("21500.00")
    assert declaration.held_back == Decimal("3500.00")
    assert declaration.dac_list.name == "2024-2025"


def test_each_country_gets_its_amount_and_its_eligibility(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)
    by_code = {c.code: c for c in declaration.countries}
    assert by_code["SN"].amount == Decimal("15000.00")
    assert by_code["SN"].income_group == "LDC"
    assert by_code["MG"].amount == Decimal("5000.00")
    assert by_code["DE"].eligible is False
    assert by_code["DE"].amount == Decimal("0.00")
    assert by_code["DE"].held_back == Decimal("2000.00")
    # Eligible countries first, the largest amount first.
    assert [c.code for c in declaration.countries][:2] == ["SN", "MG"]


def test_each_project_gets_its_declared_and_held_back_amounts(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)
    rows = {p.title: (p.declared, p.held_back) for p in declaration.projects}
    assert rows["Eau potable à Saint-Louis"] == (Decimal("15000.00"), Decimal("700.00"))
    assert rows["Jumelage Francfort"] == (Decimal("0.00"), Decimal("2000.00"))
    assert rows["Semaine de la solidarité"] == (Decimal("1500.00"), Decimal("800.00"))
    # The 2024 line of the health project is not in 2025's declaration.
    assert rows["Santé à Antananarivo"] == (Decimal("5000.00"), Decimal("0.00"))
    water = next(p for p in declaration.projects if p.title.startswith("Eau"))
    assert water.amount_for("water_sanitation") == Decimal("10000.00")


def test_what_is_missing_to_declare_is_listed(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)
    found = {(w.kind, w.project_title, w.amount) for w in declaration.warnings}
    assert found == {
        (WarningKind.NO_HEADING, "Eau potable à Saint-Louis", Decimal("700.00")),
        (WarningKind.NOT_ELIGIBLE, "Jumelage Francfort", Decimal("2000.00")),
        (WarningKind.NO_COUNTRY, "Semaine de la solidarité", Decimal("800.00")),
        (WarningKind.NO_APD_AMOUNT, "Bourses Hué", Decimal("0.00")),
    }
    # Lines without a heading come first: they are the first thing to fix.
    assert declaration.warnings[0].kind == WarningKind.NO_HEADING


def test_the_whole_portal_adds_every_local_government(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025)
    assert declaration.declared == Decimal("71500.00")
    assert {c.code: c.amount for c in declaration.countries}["SN"] == Decimal("65000.00")


def test_a_year_without_a_shipped_dac_list_is_refused(year_2025, editor):
    with pytest.raises(ValidationError) as caught:
        eapd_declaration(user=editor, year=2019)
    assert "2019" in caught.value.message_dict["year"][0]


def test_an_unknown_local_government_is_refused(year_2025, editor):
    with pytest.raises(ValidationError) as caught:
        eapd_declaration(user=editor, year=2025, local_government=999999)
    assert "local_government" in caught.value.message_dict


def test_the_worksheet_is_built_in_one_query(year_2025, editor, django_assert_num_queries):
    with django_assert_num_queries(2):  # the local government, then the aggregate
        eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)


def test_the_xlsx_worksheet_has_a_sheet_per_grouping(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)
    response = eapd_response(declaration, "xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    first = book[book.sheetnames[0]]
    rows = list(first.iter_rows(values_only=True))
    totals = {row[0]: row[1] for row in rows[1:]}
    assert Decimal(str(totals[declaration.headings[1].label])) == Decimal("10000")
    warnings = list(book[book.sheetnames[3]].iter_rows(values_only=True))
    assert len(warnings) == 1 + 4
    assert response["Content-Disposition"] == 'attachment; filename="e-apd-2025.xlsx"'


def test_the_csv_worksheet_lists_headings_countries_projects_and_warnings(year_2025, editor):
    declaration = eapd_declaration(user=editor, year=2025, local_government=year_2025.lyon.pk)
    response = eapd_response(declaration, "csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "21500.00" in text
    assert "Jumelage Francfort" in text
    # Header; 10 headings + 2 totals; 4 countries (SN, MG, VN, DE); 8 project rows (an
    # amount per heading, a held-back amount); 4 warnings.
    assert text.count("\n") == 1 + 12 + 4 + 8 + 4


def test_a_project_with_only_lines_outside_development_assistance_is_left_out(db, editor):
    from tests import factories as f
    from tests.returns.conftest import line

    project = f.CooperationProjectFactory(title="Réception d'une délégation")
    line(project, "not_oda", "3000", "0")
    declaration = eapd_declaration(user=editor, year=2025)
    assert declaration.projects == []
    assert declaration.warnings == []
    assert declaration.declared == Decimal("0.00")
