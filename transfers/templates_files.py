"""Blank import templates: one CSV and one XLSX per kind, headers the importer accepts.

The headers are the columns' keys (``partner_city``, ``signed_on``…), required ones
marked ``*``; the XLSX adds a help sheet listing, for each column, whether it is
required and every header accepted in its place. Built from the importers' own column
declarations, so a template never names a column the import would not read.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from .engine import Col
from .importers import IMPORTERS


def template_headers(kind: str) -> list[str]:
    """The header line of the blank template of ``kind`` (``KeyError`` if unknown)."""
    return [_header(column) for column in IMPORTERS[kind].columns]


def _header(column: Col) -> str:
    return f"{column.key} *" if column.required else column.key


def template_csv(kind: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(template_headers(kind))
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    importer = IMPORTERS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(importer.kind.label)[:31]
    sheet.append(template_headers(kind))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("Help")[:31])
    help_sheet.append([_("Column"), _("Required"), _("Headers accepted")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in importer.columns:
        help_sheet.append(
            [column.key, _("yes") if column.required else _("no"), ", ".join(column.headers)]
        )
    help_sheet.append([])
    help_sheet.append(
        [
            _(
                "Fill the first sheet, one record per line, and import it as it is. Countries "
                "in French, English or as ISO codes; dates as 31/12/2024 or 2024-12-31; "
                "several values in one cell separated by “;”. An empty cell never erases a "
                "stored value."
            )
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
