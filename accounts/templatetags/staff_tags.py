"""Template helpers of the staff pages: the navigation, links to records, roles."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.templatetags import l10n
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from intl_relations.permissions import role_of
from intl_relations.staff import staff_url as _staff_url

register = template.Library()

# The staff navigation: sections of (label, url name). A page not (yet) mounted is
# simply left out, so the menu never points to a 404.
NAVIGATION: list[tuple[Any, list[tuple[Any, str]]]] = [
    (
        _("Partnerships"),
        [
            (_("Partner cities"), "staff:partnercity_list"),
            (_("Partnerships"), "staff:partnership_list"),
            (_("Partnership documents"), "staff:partnershipdocument_list"),
            (_("Local governments"), "staff:localgovernment_list"),
        ],
    ),
    (
        _("Delegations"),
        [
            (_("Delegations"), "staff:delegation_list"),
            (_("Calendar"), "staff:calendar"),
        ],
    ),
    (
        _("Exchanges"),
        [
            (_("Exchange programs"), "staff:exchangeprogram_list"),
            (_("Applications"), "staff:application_list"),
            (_("Participants"), "staff:participant_list"),
        ],
    ),
    (
        _("Cooperation"),
        [
            (_("Cooperation projects"), "staff:cooperationproject_list"),
            (_("Budget lines"), "staff:budgetline_list"),
            (_("Networks"), "staff:network_list"),
            (_("Network memberships"), "staff:networkmembership_list"),
            (_("Official returns"), "staff:returns_report"),
        ],
    ),
    (
        _("Consulates and diasporas"),
        [
            (_("Consulates"), "staff:consulate_list"),
            (_("Diaspora groups"), "staff:diasporagroup_list"),
            (_("Territory diagnosis"), "staff:territory"),
        ],
    ),
    (
        _("Organisations"),
        [
            (_("Organisations"), "staff:organisation_list"),
            (_("Contacts"), "staff:contact_list"),
            (_("Proposals"), "staff:proposal_list"),
        ],
    ),
    (_("Annual reports"), [(_("Annual reports"), "staff:reportrun_list")]),
    (
        _("Insight"),
        [
            (_("Partnerships going quiet"), "staff:partnershiphealth_list"),
            (_("Reciprocity"), "staff:partnercityreciprocity_list"),
        ],
    ),
    (
        _("Data"),
        [
            (_("Imports"), "staff:import_list"),
            (_("Full export"), "staff:archive"),
            (_("Personal data"), "staff:privacy"),
        ],
    ),
]

# Links only administrators may follow; everyone else does not see them in the menu.
ADMINISTRATOR_ONLY = frozenset({"staff:archive", "staff:privacy"})


def _reverse(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def staff_navigation(context: template.Context) -> list[dict[str, Any]]:
    """The sections of the staff menu with their links, marking the current one."""
    request = context.get("request")
    current = request.path if request else ""
    is_administrator = role_of(context.get("user")) == Role.ADMINISTRATOR
    sections = []
    for label, items in NAVIGATION:
        links = []
        for item_label, name in items:
            if name in ADMINISTRATOR_ONLY and not is_administrator:
                continue
            url = _reverse(name)
            if url is not None:
                links.append({"label": item_label, "url": url, "current": current.startswith(url)})
        if links:
            sections.append(
                {"label": label, "links": links, "current": any(li["current"] for li in links)}
            )
    return sections


@register.simple_tag
def staff_url(obj: Any, action: str = "detail") -> str:
    """``{% staff_url record %}``: the staff page of a record ("" if it has none)."""
    if obj is None:
        return ""
    return _staff_url(obj, action) or ""


@register.filter
def role_label(user: Any) -> str:
    role = role_of(user)
    return str(Role(role).label) if role else ""


@register.simple_tag
def url_if_exists(name: str, *args: Any) -> str:
    """Reverse ``name`` or give "" when that page is not mounted in this deployment."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def table_rows(context: template.Context, table: Any) -> str:
    """The ``<tr>`` rows of a django-tables2 table's page, rendered in Python.

    The same markup as the loop it replaces in ``includes/table.html`` (cells rendered
    and localised as ``{{ cell }}``, ``|localize`` and ``|unlocalize`` would), without a
    template node per cell: a page of 25 rows and 9 columns is 225 cells.
    """
    rows = []
    # A column's cell attributes are the same on every row unless they are computed
    # from the record (callables): those are asked again for each cell.
    same_td: dict[str, str] = {}
    for column in table.columns:
        sources = (table.attrs or {}, column.column.attrs or {})
        if not any(
            callable(value)
            for source in sources
            for key in ("td", "cell")
            for value in (source.get(key) or {}).values()
        ):
            same_td[column.name] = column.attrs["td"].as_html()
    for row in table.paginated_rows:
        cells = []
        for column, cell in row.items():
            if column.localize is None:
                value = cell
            else:
                value = l10n.localize(cell) if column.localize else l10n.unlocalize(cell)
            td = same_td.get(column.name)
            if td is None:
                td = column.attrs["td"].as_html()
            # ``as_html`` escapes the attributes, ``render_value_in_context`` the value
            # (as ``{{ cell }}`` does): plain concatenation keeps them so.
            cells.append(f"<td {td}>{render_value_in_context(value, context)}</td>")
        rows.append(f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>")
    if not rows and table.empty_text:
        rows.append(
            format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), table.empty_text)
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part above is escaped
