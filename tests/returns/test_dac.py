"""The DAC List of ODA Recipients shipped with the portal, read for the year declared."""

import csv

import pytest
from django.core.exceptions import ValidationError
from django_countries import countries

from returns.dac import DATA, covered_years, dac_list_for, dac_lists


def test_every_year_is_covered_by_exactly_one_list():
    years = covered_years()
    assert sorted(years) == [2022, 2023, 2024, 2025]
    assert len(years) == len(set(years))


def test_the_file_holds_iso_codes_and_known_income_groups():
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {row["income_group"] for row in rows} == {"LDC", "LIC", "LMIC", "UMIC"}
    for row in rows:
        assert row["iso2"] == "XK" or countries.name(row["iso2"]), row
    # The 2024-2025 list has 141 recipients, 45 of them least developed countries.
    current = dac_list_for(2025)
    assert len(current.groups) == 141
    assert sum(1 for group in current.groups.values() if group == "LDC") == 45


@pytest.mark.parametrize(
    ("country", "year", "group"),
    [
        ("SN", 2025, "LDC"),
        ("MG", 2024, "LDC"),
        ("VN", 2025, "LMIC"),
        ("CN", 2025, "UMIC"),
        ("SY", 2023, "LIC"),
        ("BT", 2023, "LDC"),  # left the UN list of LDCs in December 2023
        ("BT", 2024, "LMIC"),
        ("NR", 2025, "UMIC"),  # graduation deferred to 1 January 2026
        ("DE", 2025, None),
        ("AG", 2022, None),  # Antigua and Barbuda graduated on 1 January 2022
        ("UY", 2024, None),
    ],
)
def test_a_country_is_eligible_by_the_list_of_the_year(country, year, group):
    assert dac_list_for(year).income_group(country) == group
    assert dac_list_for(year).is_eligible(country) is (group is not None)


@pytest.mark.parametrize("year", [2021, 2026])
def test_a_year_outside_every_shipped_list_is_refused_by_name(year):
    with pytest.raises(ValidationError) as caught:
        dac_list_for(year)
    assert str(year) in caught.value.message_dict["year"][0]


def test_the_lists_are_read_in_order():
    assert [item.name for item in dac_lists()] == ["2022-2023", "2024-2025"]
