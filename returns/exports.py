"""The e-APD worksheet as CSV and as an XLSX workbook (one sheet per grouping)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from intl_relations.exports import (
    XLSX_CONTENT_TYPE,
    Column,
    csv_response,
    xlsx_response,
    xlsx_sheets_bytes,
)

from .eapd import Declaration


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def heading_rows(declaration: Declaration) -> list[dict[str, Any]]:
    rows = [
        {"heading": h.label, "amount": h.amount, "lines": h.lines} for h in declaration.headings
    ]
    rows.append(
        {"heading": _("Total declared"), "amount": declaration.declared, "lines": ""},
    )
    rows.append(
        {"heading": _("Held back (see the warnings)"), "amount": declaration.held_back, "lines": ""}
    )
    return rows


def heading_columns() -> list[Column]:
    return [
        Column(capfirst(_("e-APD heading")), lambda r: r["heading"]),
        Column(_("Amount declared (EUR)"), lambda r: r["amount"]),
        Column(_("Spending lines"), lambda r: r["lines"]),
    ]


def country_columns() -> list[Column]:
    return [
        Column(_("Country"), lambda c: c.name),
        Column(_("ISO code"), lambda c: c.code),
        Column(_("Income group (DAC list)"), lambda c: c.income_group_label),
        Column(_("ODA-eligible"), lambda c: _yes_no(c.eligible)),
        Column(_("Amount declared (EUR)"), lambda c: c.amount),
        Column(_("Held back (EUR)"), lambda c: c.held_back),
    ]


def project_columns(declaration: Declaration) -> list[Column]:
    columns = [
        Column(_("Project"), lambda p: p.title),
        Column(_("Country"), lambda p: p.country_name),
    ]
    for code, label in declaration.heading_labels:
        columns.append(Column(f"{label} (EUR)", lambda p, code=code: p.amount_for(code)))
    columns += [
        Column(_("Amount declared (EUR)"), lambda p: p.declared),
        Column(_("Held back (EUR)"), lambda p: p.held_back),
    ]
    return columns


def warning_columns() -> list[Column]:
    return [
        Column(_("Project"), lambda w: w.project_title),
        Column(_("What is missing"), lambda w: w.message),
        Column(_("Amount held back (EUR)"), lambda w: w.amount),
    ]


def eapd_sheets(declaration: Declaration) -> list[tuple[str, Any, list[Column]]]:
    return [
        (
            _("Declaration %(year)s") % {"year": declaration.year},
            heading_rows(declaration),
            heading_columns(),
        ),
        (_("Countries"), declaration.countries, country_columns()),
        (_("Projects"), declaration.projects, project_columns(declaration)),
        (_("Warnings"), declaration.warnings, warning_columns()),
    ]


def eapd_csv_rows(declaration: Declaration) -> tuple[list[Column], list[dict[str, Any]]]:
    """One flat table for CSV: section, heading, country, project, amounts, note."""
    rows: list[dict[str, Any]] = []
    for h in heading_rows(declaration):
        rows.append({"section": _("Heading"), "heading": h["heading"], "amount": h["amount"]})
    for c in declaration.countries:
        rows.append(
            {
                "section": _("Country"),
                "country": c.name,
                "amount": c.amount,
                "held_back": c.held_back,
                "note": c.income_group_label if c.eligible else _("Not ODA-eligible"),
            }
        )
    for p in declaration.projects:
        for code, label in declaration.heading_labels:
            if p.amount_for(code):
                rows.append(
                    {
                        "section": _("Project"),
                        "heading": label,
                        "country": p.country_name,
                        "project": p.title,
                        "amount": p.amount_for(code),
                    }
                )
        if p.held_back:
            rows.append(
                {
                    "section": _("Project"),
                    "country": p.country_name,
                    "project": p.title,
                    "held_back": p.held_back,
                }
            )
    for w in declaration.warnings:
        rows.append(
            {
                "section": _("Warning"),
                "project": w.project_title,
                "held_back": w.amount,
                "note": w.message,
            }
        )
    columns = [
        Column(_("Section"), lambda r: r.get("section", "")),
        Column(capfirst(_("e-APD heading")), lambda r: r.get("heading", "")),
        Column(_("Country"), lambda r: r.get("country", "")),
        Column(_("Project"), lambda r: r.get("project", "")),
        Column(_("Amount declared (EUR)"), lambda r: r.get("amount", "")),
        Column(_("Held back (EUR)"), lambda r: r.get("held_back", "")),
        Column(_("Note"), lambda r: r.get("note", "")),
    ]
    return columns, rows


IATI_CONTENT_TYPE = "application/xml; charset=utf-8"


def eapd_response(declaration: Declaration, fmt: str) -> Any:
    """The worksheet as ``csv`` or ``xlsx``."""
    name = f"e-apd-{declaration.year}"
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_sheets_bytes(eapd_sheets(declaration)), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    columns, rows = eapd_csv_rows(declaration)
    return csv_response(rows, columns, name)


def iati_response(xml: bytes, year: int) -> HttpResponse:
    response = HttpResponse(xml, content_type=IATI_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="iati-activities-{year}.xml"'
    return response


def atlas_response(rows: Any, fmt: str) -> Any:
    from .atlas import atlas_columns

    if fmt == "xlsx":
        return xlsx_response(rows, atlas_columns(), "atlas-partnerships", title=_("Partnerships"))
    return csv_response(rows, atlas_columns(), "atlas-partnerships")
