"""Opening an uploaded CSV or XLSX file as a header and numbered rows.

Line numbers are the ones a spreadsheet shows: the header is line 1, the first record
line 2. Blank rows are skipped but keep their number, so the report points at the line
a person sees when they open the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.utils.translation import gettext as _

ACCEPTED_EXTENSIONS = (".csv", ".xlsx")
# Encodings tried in turn: Excel writes CSV as UTF-8 with a BOM or as Windows-1252.
ENCODINGS = ("utf-8-sig", "cp1252")
DELIMITERS = (";", ",", "\t", "|")


class FileFormatError(ValueError):
    """The file cannot be read as a table at all (wrong type, empty, broken).

    ``line`` and ``column`` point at the cell at fault when there is one.
    """

    def __init__(self, message: str, *, line: int = 1, column: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]


def _is_blank(cells: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileFormatError(_("The file is not UTF-8 or Windows-1252 text."))


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    headers: list[str] | None = None
    try:
        for line, cells in enumerate(reader, start=1):
            if headers is None:
                if _is_blank(cells):
                    continue
                headers = [str(cell) for cell in cells]
                continue
            if not _is_blank(cells):
                rows.append((line, cells))
    except csv.Error as error:
        raise FileFormatError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from None
    if headers is None:
        raise FileFormatError(_("The file is empty."))
    return Table(headers, rows)


# Formula cells listed in the error, at most (the file is refused at the first anyway).
FORMULAS_LISTED = 5


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (``<f>`` element)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as sheet:
                        while chunk := sheet.read(1 << 20):
                            if b"<f>" in chunk or b"<f " in chunk or b":f>" in chunk:
                                return True
    except zipfile.BadZipFile:
        return False
    return False


def _check_formulas(data: bytes, table: Table) -> None:
    """Refuse formula cells without a stored result, naming their column and line.

    openpyxl reads the result a spreadsheet program saved with the formula; a file
    written by a library or a tool that does not compute formulas has none, and the
    cell would silently read as empty.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    values = dict(table.rows)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    found: list[tuple[int, int, str]] = []
    try:
        sheet = workbook.worksheets[0]
        for line, formulas in enumerate(sheet.iter_rows(values_only=True), start=1):
            # A line missing from the table read as blank: its formulas may have no values.
            cells = values.get(line, [])
            for position, formula in enumerate(formulas):
                cached = cells[position] if position < len(cells) else None
                if cached is None and isinstance(formula, str) and formula.startswith("="):
                    found.append((line, position, formula))
            if len(found) >= FORMULAS_LISTED:
                break
    finally:
        workbook.close()
    if not found:
        return
    line, position, _formula = found[0]
    header = table.headers[position] if position < len(table.headers) else ""
    column = header or get_column_letter(position + 1)
    cells = ", ".join(f"{get_column_letter(p + 1)}{n}" for n, p, _f in found)
    raise FileFormatError(
        _(
            "The cell %(cells)s (column “%(column)s”, line %(line)s) holds a formula "
            "without its computed value: the file was written by a program that does not "
            "store formula results. Open it in a spreadsheet program and save it again, "
            "or save it as CSV."
        )
        % {"cells": cells, "column": column, "line": line},
        line=line,
        column=column,
    )


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise FileFormatError(
            _("The file is not a readable XLSX workbook (%(error)s).") % {"error": error}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        headers: list[str] | None = None
        rows: list[tuple[int, list[Any]]] = []
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if headers is None:
                if _is_blank(cells):
                    continue
                headers = ["" if cell is None else str(cell) for cell in cells]
                continue
            if not _is_blank(cells):
                rows.append((line, cells))
    finally:
        workbook.close()
    if headers is None:
        raise FileFormatError(_("The file is empty."))
    table = Table(headers, rows)
    if _has_formulas(data):
        _check_formulas(data, table)
    return table


def read_table(file: IO[bytes] | bytes, name: str) -> Table:
    """Read ``file`` (named ``name``, whose extension tells the format) as a table."""
    extension = PurePath(name).suffix.lower()
    if extension not in ACCEPTED_EXTENSIONS:
        raise FileFormatError(
            _("“%(name)s” is neither a CSV nor an XLSX file.") % {"name": PurePath(name).name}
        )
    data = file if isinstance(file, bytes) else file.read()
    if extension == ".xlsx":
        return read_xlsx(data)
    return read_csv(data)
