"""What a CSV cell says for each kind of value, and that a cell never runs as a formula."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from django_countries.fields import Country

from intl_relations.exports import Column, csv_lines

CELLS = [
    (None, ""),
    ("Leipzig", "Leipzig"),
    (dt.date(2026, 3, 1), "2026-03-01"),
    (dt.datetime(2026, 3, 1, 14, 5, 59), "2026-03-01 14:05"),
    (42, "42"),
    (-5, "-5"),  # a negative number stays a number
    (Decimal("-12.50"), "-12.50"),
    (1.5, "1.5"),
    (True, "yes"),
    (False, "no"),
    (Country("SN"), "Senegal"),
    # Text a spreadsheet would run as a formula is quoted (CSV injection).
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
    ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-3.5", "-3.5"),  # text that is a number is not a formula
]


@pytest.mark.parametrize(("value", "text"), CELLS, ids=[repr(value) for value, _ in CELLS])
def test_a_cell_says_what_a_reader_expects(value, text):
    with translation.override("en"):
        lines = "".join(csv_lines([value], [Column("Value", lambda row: row)]))
    header, cell = list(csv.reader(io.StringIO(lines.lstrip("\ufeff"))))
    assert header == ["Value"]
    assert cell == [text]
