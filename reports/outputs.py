"""The three outputs of the annual report, drawn from one set of figures.

``report_document`` turns the figures into sections of tables (each chart is drawn
from exactly one table, which is also its text alternative). The HTML page, the PDF
(WeasyPrint, from the same HTML with its print stylesheet) and the spreadsheet (one
sheet per section, one block per table) are all written from those sections, so a
number in a chart is the same number in the page, the PDF and the spreadsheet.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from insight import report as insight_report

from . import charts

# WeasyPrint narrates every page, and warns about each SVG style it leaves to its SVG
# renderer (which draws them); a worker's log wants none of it.
for _noisy in ("weasyprint", "weasyprint.progress", "fontTools"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)

INT, MONEY, PERCENT, TEXT, CHANGE = "int", "money", "percent", "text", "change"
MAP_TABLE_PAGE_LIMIT = 200
MAP_MARKS_LIMIT = 400


@dataclass
class Table:
    key: str
    caption: str
    columns: list[tuple[str, str]]
    rows: list[list[Any]]
    chart: str = ""
    note: str = ""
    # On the page, rows with nothing but zeros are left out (the spreadsheet keeps
    # them all); a table where every row counts (months, key figures) is not compact.
    compact: bool = True
    # At most this many rows on the page and in the PDF (the busiest ones, in the
    # table's order); the spreadsheet keeps them all. A national deployment's map has
    # thousands of cities: a hundred pages of PDF table help no reader.
    page_limit: int | None = None

    def _page_rows(self) -> list[list[Any]]:
        rows = [row for row in self.rows if self._shown(row)]
        if self.page_limit is None or len(rows) <= self.page_limit:
            return rows

        def activity(row: list[Any]) -> float:
            return sum(
                value
                for value, (_label, kind) in zip(row, self.columns, strict=True)
                if kind != TEXT and isinstance(value, int | float)
            )

        busiest = sorted(range(len(rows)), key=lambda i: -activity(rows[i]))[: self.page_limit]
        return [rows[i] for i in sorted(busiest)]

    def beyond_limit(self) -> int:
        """Rows shown in the spreadsheet only, past ``page_limit``."""
        shown = sum(1 for row in self.rows if self._shown(row))
        return max(0, shown - self.page_limit) if self.page_limit is not None else 0

    def _shown(self, row: list[Any]) -> bool:
        if not self.compact:
            return True
        return any(
            value for value, (_label, kind) in zip(row, self.columns, strict=True) if kind != TEXT
        )

    def formatted_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell shown on the page as (text, is a number); computed once."""
        cached = self.__dict__.get("_formatted")
        if cached is None:
            cached = self.__dict__["_formatted"] = [
                [
                    (format_value(value, kind), kind != TEXT)
                    for value, (_label, kind) in zip(row, self.columns, strict=True)
                ]
                for row in self._page_rows()
            ]
        return cached

    def omitted(self) -> int:
        return sum(1 for row in self.rows if not self._shown(row))


@dataclass
class Section:
    key: str
    title: str
    sheet: str
    lead: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figure: str = ""  # the map, for the map section


def format_value(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "–"
    if kind == INT:
        return number_format(value, 0, force_grouping=True)
    if kind == MONEY:
        return f"{number_format(value, 0, force_grouping=True)} €"
    if kind == PERCENT:
        return f"{number_format(value, 1)} %"
    if kind == CHANGE:
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        decimals = 0 if float(value).is_integer() else 2
        return f"{sign}{number_format(abs(value), decimals, force_grouping=True)}"
    return str(value)


def _nonzero(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    return [row for row in rows if any(row[k] for k in keys)]


def _chart(
    table_key: str,
    rows: list[dict[str, Any]],
    series: list[tuple[str, str]],
    label: str,
    *,
    horizontal: bool = False,
    money: bool = False,
) -> str:
    keys = [key for key, _name in series]
    rows = _nonzero(rows, *keys)
    if not rows:
        return ""
    return charts.bar_chart(
        categories=[row["label"] for row in rows],
        series=[(name, [row[key] for row in rows]) for key, name in series],
        label=label,
        key=table_key,
        horizontal=horizontal,
        value_format="{:,.0f} €" if money else "{:,.0f}",
    )


def _with_month_chart(rows: list[dict[str, Any]], label: str) -> str:
    # Every month is drawn, even an empty one: a gap in the year is information.
    return charts.bar_chart(
        categories=[row["short_label"] for row in rows],
        series=[
            (_("Received"), [row["incoming"] for row in rows]),
            (_("Sent"), [row["outgoing"] for row in rows]),
        ],
        label=label,
        key="delegations_by_month",
    )


def _map_marks(mp: dict[str, Any]) -> dict[str, Any]:
    """The map's figures with at most ``MAP_MARKS_LIMIT`` marks.

    A national deployment has thousands of partner cities: drawn one by one (each with
    its line to home) they make an unreadable map and a PDF that takes minutes to lay
    out. Beyond the limit, cities less than a degree apart share one mark (named after
    the first, carrying their sums), and the busiest marks are kept.
    """
    located = [c for c in mp["cities"] if c["latitude"] is not None and c["longitude"] is not None]
    if len(located) <= MAP_MARKS_LIMIT:
        return mp
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for city in located:
        key = (round(city["latitude"]), round(city["longitude"]))
        if key in cells:
            for field_name in ("partnerships", "started", "delegations"):
                cells[key][field_name] += city[field_name]
        else:
            cells[key] = dict(city)
    busiest = sorted(
        cells.values(), key=lambda c: -(c["partnerships"] + c["started"] + c["delegations"])
    )
    return {**mp, "cities": busiest[:MAP_MARKS_LIMIT]}


def report_document(figures: dict[str, Any]) -> list[Section]:
    """The report as sections of tables and charts, in reading order."""
    year = figures["year"]
    sections: list[Section] = []

    # Key figures, with last year's.
    key = Section("key-figures", _("Key figures"), _("Key figures"))
    key.tables.append(
        Table(
            "key_figures",
            _("Key figures of %(year)s compared with %(previous)s")
            % {"year": year, "previous": year - 1},
            [
                (_("Figure"), TEXT),
                (str(year), INT),
                (str(year - 1), INT),
                (_("Change"), CHANGE),
                (_("Change (%)"), PERCENT),
            ],
            [
                [row["label"], row["value"], row["previous"], row["change"], row["change_percent"]]
                for row in figures["key_figures"]
            ],
            compact=False,
        )
    )
    sections.append(key)

    # Partnerships.
    p = figures["partnerships"]
    section = Section("partnerships", _("Partnerships"), _("Partnerships"))
    section.lead.append(
        _(
            "%(started)s partnerships signed, %(renewed)s renewed and %(ended)s ended in "
            "%(year)s; %(active)s in force on 31 December."
        )
        % {
            **{k: format_value(p[k], INT) for k in ("started", "renewed", "ended", "active")},
            "year": year,
        }
    )
    columns = [
        (_("Kind"), TEXT),
        (_("Signed"), INT),
        (_("Renewed"), INT),
        (pgettext("partnerships counted", "Ended"), INT),
        (_("In force on 31 December"), INT),
    ]
    caption = _("Partnerships by kind, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "partnerships_by_kind",
            caption,
            columns,
            [
                [r["label"], r["started"], r["renewed"], r["ended"], r["active"]]
                for r in p["by_kind"]
            ],
            chart=_chart(
                "partnerships_by_kind",
                p["by_kind"],
                [
                    ("active", _("In force")),
                    ("started", _("Signed")),
                    ("ended", pgettext("partnerships counted", "Ended")),
                ],
                caption,
                horizontal=True,
            ),
        )
    )
    caption = _("Partnerships by theme, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "partnerships_by_theme",
            caption,
            [(_("Theme"), TEXT), *columns[1:]],
            [
                [r["label"], r["started"], r["renewed"], r["ended"], r["active"]]
                for r in p["by_theme"]
            ],
            chart=_chart(
                "partnerships_by_theme",
                p["by_theme"],
                [("active", _("In force")), ("started", _("Signed"))],
                caption,
                horizontal=True,
            ),
            note=_("A partnership with several themes is counted under each of them."),
        )
    )
    section.tables.append(
        Table(
            "partnerships_by_country",
            _("Partnerships by country of the partner city, %(year)s") % {"year": year},
            [(_("Country"), TEXT), (_("In force on 31 December"), INT), (_("Signed"), INT)],
            [[r["label"], r["active"], r["started"]] for r in p["by_country"]],
        )
    )
    sections.append(section)

    # Delegations.
    d = figures["delegations"]
    section = Section("delegations", _("Delegations"), _("Delegations"))
    section.lead.append(
        _(
            "%(incoming)s delegations received and %(outgoing)s sent, from or to "
            "%(countries)s countries, with %(members)s members in all."
        )
        % {k: format_value(d[k], INT) for k in ("incoming", "outgoing", "countries", "members")}
    )
    if d["cancelled"]:
        section.lead.append(
            _("%(cancelled)s planned delegations were cancelled and are not counted.")
            % {"cancelled": format_value(d["cancelled"], INT)}
        )
    direction = [(_("Received"), INT), (_("Sent"), INT), (_("Total"), INT)]
    caption = _("Delegations by month, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "delegations_by_month",
            caption,
            [(_("Month"), TEXT), *direction],
            [[r["label"], r["incoming"], r["outgoing"], r["total"]] for r in d["by_month"]],
            chart=_with_month_chart(d["by_month"], caption) if d["total"] else "",
            compact=False,
        )
    )
    caption = _("Delegations by country, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "delegations_by_country",
            caption,
            [(_("Country"), TEXT), *direction],
            [[r["label"], r["incoming"], r["outgoing"], r["total"]] for r in d["by_country"]],
            chart=_chart(
                "delegations_by_country",
                d["by_country"][:10],
                [("incoming", _("Received")), ("outgoing", _("Sent"))],
                caption,
                horizontal=True,
            ),
        )
    )
    section.tables.append(
        Table(
            "delegations_by_theme",
            _("Delegations by theme, %(year)s") % {"year": year},
            [(_("Theme"), TEXT), *direction],
            [[r["label"], r["incoming"], r["outgoing"], r["total"]] for r in d["by_theme"]],
            note=_("A delegation with several themes is counted under each of them."),
        )
    )
    caption = _("Members of delegations by role, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "delegation_members_by_role",
            caption,
            [
                (_("Role"), TEXT),
                (_("In delegations received"), INT),
                (_("In delegations sent"), INT),
                (_("Total"), INT),
            ],
            [[r["label"], r["incoming"], r["outgoing"], r["total"]] for r in d["members_by_role"]],
            chart=_chart(
                "delegation_members_by_role",
                d["members_by_role"],
                [("incoming", _("Received")), ("outgoing", _("Sent"))],
                caption,
                horizontal=True,
            ),
        )
    )
    section.tables.append(
        Table(
            "delegation_costs",
            _("Cost of delegations by category, %(year)s") % {"year": year},
            [(_("Category"), TEXT), (_("Amount (EUR)"), MONEY)],
            [[r["label"], r["amount"]] for r in d["costs_by_category"]]
            + [[_("Total"), d["costs_total"]]],
        )
    )
    sections.append(section)

    # Exchanges.
    e = figures["exchanges"]
    section = Section("exchanges", _("Exchange programs"), _("Exchanges"))
    section.lead.append(
        _(
            "%(programs)s exchange programs ran or took applications; %(applications)s "
            "applications were received and %(participants)s people took part "
            "(%(outgoing)s from the city, %(incoming)s welcomed from partners)."
        )
        % {
            "programs": format_value(e["programs"], INT),
            "applications": format_value(e["applications"], INT),
            "participants": format_value(e["participants"], INT),
            "outgoing": format_value(e["participants_outgoing"], INT),
            "incoming": format_value(e["participants_incoming"], INT),
        }
    )
    section.tables.append(
        Table(
            "exchanges_by_kind",
            _("Exchange programs by kind, %(year)s") % {"year": year},
            [
                (_("Kind"), TEXT),
                (_("Programs"), INT),
                (_("Places"), INT),
                (_("Applications"), INT),
                (_("Accepted"), INT),
                (_("Participants"), INT),
            ],
            [
                [
                    r["label"],
                    r["programs"],
                    r["capacity"],
                    r["applications"],
                    r["accepted"],
                    r["participants"],
                ]
                for r in e["by_kind"]
            ],
        )
    )
    caption = _("Applications by status, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "applications_by_status",
            caption,
            [(_("Status"), TEXT), (_("Applications"), INT), (_("People"), INT)],
            [[r["label"], r["applications"], r["people"]] for r in e["applications_by_status"]],
            chart=_chart(
                "applications_by_status",
                e["applications_by_status"],
                [("applications", _("Applications"))],
                caption,
                horizontal=True,
            ),
        )
    )
    section.tables.append(
        Table(
            "participants_by_status",
            _("Participants by status, %(year)s") % {"year": year},
            [(_("Status"), TEXT), (_("Participants"), INT)],
            [[r["label"], r["participants"]] for r in e["participants_by_status"]],
        )
    )
    sections.append(section)

    # Consular corps and diaspora.
    c = figures["consular_diaspora"]
    section = Section(
        "consular-diaspora", _("Consular corps and diaspora"), _("Consular corps, diaspora")
    )
    section.lead.append(
        _(
            "%(consulates)s consulates represent %(countries)s countries; %(groups)s diaspora "
            "groups count about %(people)s people. %(members)s members of this year's "
            "delegations came from the diaspora."
        )
        % {
            "consulates": format_value(c["consulates"], INT),
            "countries": format_value(c["consulate_countries"], INT),
            "groups": format_value(c["diaspora_groups"], INT),
            "people": format_value(c["diaspora_people"], INT),
            "members": format_value(c["diaspora_delegation_members"], INT),
        }
    )
    caption = _("Consulates by kind")
    section.tables.append(
        Table(
            "consulates_by_kind",
            caption,
            [(_("Kind"), TEXT), (_("Consulates"), INT)],
            [[r["label"], r["consulates"]] for r in c["consulates_by_kind"]],
            chart=_chart(
                "consulates_by_kind",
                c["consulates_by_kind"],
                [("consulates", _("Consulates"))],
                caption,
                horizontal=True,
            ),
        )
    )
    section.tables.append(
        Table(
            "relations_by_country",
            _("Diaspora and consular relations by country, %(year)s") % {"year": year},
            [
                (_("Country"), TEXT),
                (_("Diaspora groups"), INT),
                (_("Estimated people"), INT),
                (_("Consulates"), INT),
                (_("Delegations"), INT),
                (_("Partnerships in force"), INT),
            ],
            [
                [
                    r["label"],
                    r["diaspora_groups"],
                    r["people"],
                    r["consulates"],
                    r["delegations"],
                    r["partnerships"],
                ]
                for r in c["by_country"]
            ],
        )
    )
    section.tables.append(
        Table(
            "diaspora_groups",
            _("Diaspora groups and their links"),
            [
                (_("Group"), TEXT),
                (_("Origin"), TEXT),
                (_("Estimated size"), INT),
                (_("Source"), TEXT),
                (_("Year of the estimate"), TEXT),
                (_("Linked consulates"), INT),
                (_("Linked partnerships"), INT),
            ],
            [
                [
                    r["name"],
                    r["country_label"],
                    r["estimated_size"],
                    r["source"],
                    r["size_year"],
                    r["consulates"],
                    r["partnerships"],
                ]
                for r in c["groups"]
            ],
            compact=False,
        )
    )
    sections.append(section)

    # Cooperation and money.
    m = figures["cooperation"]
    section = Section("cooperation", _("Cooperation projects and budget"), _("Cooperation, budget"))
    section.lead.append(
        _(
            "%(projects)s cooperation projects under way; %(spent)s spent of %(planned)s "
            "planned, of which %(apd)s counted as official development assistance (APD) "
            "and %(water)s under the water and sanitation 1 %% law."
        )
        % {
            "projects": format_value(m["projects"], INT),
            "spent": format_value(m["spent"], MONEY),
            "planned": format_value(m["planned"], MONEY),
            "apd": format_value(m["apd"], MONEY),
            "water": format_value(m["water_one_percent"]["spent"], MONEY),
        }
    )
    money_columns = [
        (_("Planned (EUR)"), MONEY),
        (_("Spent (EUR)"), MONEY),
        (_("APD (EUR)"), MONEY),
    ]
    caption = _("Spending by funding source, %(year)s") % {"year": year}
    section.tables.append(
        Table(
            "spending_by_source",
            caption,
            [(_("Funding source"), TEXT), *money_columns],
            [[r["label"], r["planned"], r["spent"], r["apd"]] for r in m["by_funding_source"]]
            + [[_("Total"), m["planned"], m["spent"], m["apd"]]],
            chart=_chart(
                "spending_by_source",
                m["by_funding_source"],
                [("planned", pgettext("amount", "Planned")), ("spent", _("Spent"))],
                caption,
                horizontal=True,
                money=True,
            ),
        )
    )
    water = m["water_one_percent"]
    section.tables.append(
        Table(
            "water_one_percent",
            _("Water and sanitation 1 %% line, %(year)s") % {"year": year},
            [(_("Line"), TEXT), *money_columns],
            [[_("Water and sanitation 1 %"), water["planned"], water["spent"], water["apd"]]],
        )
    )
    section.tables.append(
        Table(
            "spending_by_category",
            _("Spending by category, %(year)s") % {"year": year},
            [(_("Category"), TEXT), *money_columns],
            [[r["label"], r["planned"], r["spent"], r["apd"]] for r in m["by_category"]],
        )
    )
    section.tables.append(
        Table(
            "projects_by_status",
            _("Cooperation projects under way by status, %(year)s") % {"year": year},
            [(_("Status"), TEXT), (_("Projects"), INT)],
            [[r["label"], r["projects"]] for r in m["projects_by_status"]],
        )
    )
    section.tables.append(
        Table(
            "top_projects",
            _("Projects with the most spending, %(year)s") % {"year": year},
            [(_("Project"), TEXT), (_("Country"), TEXT), *money_columns],
            [
                [r["title"], r["country_label"], r["planned"], r["spent"], r["apd"]]
                for r in m["top_projects"]
            ],
        )
    )
    sections.append(section)

    # The map of the year's partner cities.
    mp = figures["map"]
    section = Section("map", _("Map of the partner cities"), _("Partner cities"))
    located = len(mp["cities"]) - mp["without_coordinates"]
    section.lead.append(
        _("%(cities)s partner cities with a partnership in force or a delegation in %(year)s.")
        % {"cities": format_value(len(mp["cities"]), INT), "year": year}
    )
    if mp["without_coordinates"]:
        section.lead.append(
            _("%(missing)s of them have no coordinates and are listed but not drawn.")
            % {"missing": format_value(mp["without_coordinates"], INT)}
        )
    marks = _map_marks(mp)
    if marks is not mp:
        section.lead.append(
            _(
                "On the map, cities less than a degree apart share one mark and the "
                "%(marks)s busiest marks are drawn; the spreadsheet lists every city."
            )
            % {"marks": format_value(len(marks["cities"]), INT)}
        )
    map_label = _("World map of the partner cities of %(year)s") % {"year": year}
    section.figure = (
        charts.partner_map(
            marks,
            label=map_label,
            legend={
                "home": mp["home"]["name"] if mp.get("home") else _("Home"),
                "active": _("Partnership in force"),
                "started": _("New partnership"),
                "delegations": _("Delegation only"),
            },
        )
        if located
        else ""
    )
    section.tables.append(
        Table(
            "partner_cities",
            map_label,
            [
                (_("City"), TEXT),
                (_("Country"), TEXT),
                (_("Partnerships in force"), INT),
                (_("Signed in the year"), INT),
                (_("Delegations"), INT),
            ],
            [
                [r["name"], r["country_label"], r["partnerships"], r["started"], r["delegations"]]
                for r in mp["cities"]
            ],
            compact=False,
            page_limit=MAP_TABLE_PAGE_LIMIT,
        )
    )
    sections.append(section)
    sections.extend(insight_report.reciprocity_sections(figures))
    return sections


# --- HTML and PDF -----------------------------------------------------------------------


def render_html(
    figures: dict[str, Any],
    *,
    title: str,
    sections: list[Section] | None = None,
    for_print: bool = False,
) -> str:
    """The accessible, self-contained HTML page (styles and charts inline, no script).

    ``sections``: the figures' ``report_document`` when the caller already has it (the
    build draws the charts once for the page, the PDF and the spreadsheet).
    ``for_print``: the page the PDF is laid out from, its charts and map as images of
    the same SVG (see ``svg_image``); the published page keeps them inline.
    """
    return render_to_string(
        "reports/report.html",
        {
            "title": title,
            "figures": figures,
            "sections": sections if sections is not None else report_document(figures),
            "highlights": figures.get("highlights", []),
            "language": get_language() or "fr",
            "generated_at": _generated_at(figures),
            "print": for_print,
        },
    )


def _generated_at(figures: dict[str, Any]) -> datetime.datetime | str:
    """When the figures were read, as a datetime the page shows in the local format."""
    raw = figures.get("generated_at") or ""
    try:
        return timezone.localtime(datetime.datetime.fromisoformat(raw))
    except (TypeError, ValueError):
        return raw


def render_pdf(html: str) -> bytes:
    """The PDF of the same page, laid out by its print stylesheet."""
    from weasyprint import HTML  # imported here: it loads pango, only the worker needs it

    return HTML(string=html, base_url=None).write_pdf()


# --- XLSX -----------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
EXCEL_FORMATS = {INT: "#,##0", MONEY: "#,##0.00", PERCENT: "0.0", CHANGE: "+#,##0.##;-#,##0.##;0"}


def render_xlsx(
    figures: dict[str, Any], *, title: str, sections: list[Section] | None = None
) -> bytes:
    """One sheet per section; each table as a block: caption, header row, figures.

    Written in openpyxl's write-only mode: rows go straight to the file (a national
    map's thousands of cities), so each sheet's column widths are set before its rows.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("About"))
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 80
    sheet.append([_styled(sheet, title, font=Font(bold=True, size=14))])
    sheet.append([_("Year"), figures["year"]])
    sheet.append([_("Local government"), figures["local_government"] or _("All")])
    sheet.append([_("Generated at"), figures["generated_at"]])
    for highlight in figures.get("highlights", []):
        sheet.append([highlight["title"], highlight["text"]])
    caption_font, header_font, note_font = (
        Font(bold=True, size=12),
        Font(bold=True),
        Font(italic=True),
    )
    header_alignment = Alignment(wrap_text=True, vertical="top")
    for section in sections if sections is not None else report_document(figures):
        sheet = workbook.create_sheet(_sheet_title(section.sheet))
        for column, width in _column_widths(section.tables).items():
            sheet.column_dimensions[get_column_letter(column)].width = width
        for table in section.tables:
            sheet.append([_styled(sheet, table.caption, font=caption_font)])
            sheet.append(
                [
                    _styled(
                        sheet, label, font=header_font, fill=HEADER_FILL, alignment=header_alignment
                    )
                    for label, _kind in table.columns
                ]
            )
            formats = {
                index: EXCEL_FORMATS[kind]
                for index, (_label, kind) in enumerate(table.columns)
                if kind in EXCEL_FORMATS
            }
            for row in table.rows:
                sheet.append(
                    [
                        _styled(sheet, value, number_format=formats[index])
                        if index in formats
                        else value
                        for index, value in enumerate(row)
                    ]
                )
            if table.note:
                sheet.append([_styled(sheet, table.note, font=note_font)])
            sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_widths(tables: list[Table]) -> dict[int, int]:
    """Each column as wide as its longest text in any of the sheet's tables (10 to 50)."""
    widths: dict[int, int] = {}
    for table in tables:
        for column, (label, _kind) in enumerate(table.columns, start=1):
            longest = max([len(str(label))] + [len(str(r[column - 1] or "")) for r in table.rows])
            widths[column] = max(widths.get(column, 10), min(longest + 2, 50))
    return widths


def _styled(sheet: Any, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _sheet_title(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31]
