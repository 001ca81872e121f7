"""The staff tables' base and columns (django-tables2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import django_tables2 as tables
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2.columns import library as tables_library
from django_tables2.utils import OrderByTuple

from .access import staff_url

# --- Tables ---------------------------------------------------------------------------


class StaffTable(tables.Table):
    """Base of the staff tables: our accessible template, the first column links."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, column in cls.base_columns.items():
            if isinstance(column, CountryColumn) and not column.reads_name:
                # Read the Country's own name: django-tables2 would otherwise call
                # ``get_country_display()``, which rebuilds the 250 choices per cell.
                # Sorting stays on the stored code.
                accessor = str(column.accessor or name)
                column.accessor = tables.A(f"{accessor}__name")
                column.order_by = column.order_by or OrderByTuple((accessor,))
                column.reads_name = True

    class Meta:
        template_name = "includes/table.html"
        attrs = {"class": "striped"}
        empty_text = gettext_lazy("No records match.")


def detail_link(record: models.Model) -> str | None:
    return staff_url(record, "detail")


def LinkColumn(*args: Any, **kwargs: Any) -> tables.Column:  # noqa: N802
    """A column whose cell links to the record's detail page."""
    kwargs.setdefault("linkify", detail_link)
    return tables.Column(*args, **kwargs)


def related_link(accessor: str) -> Callable[[models.Model], str | None]:
    """A ``linkify`` for a column that shows a related record (``partner_city``)."""

    def link(record: models.Model) -> str | None:
        target = record
        for part in accessor.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return staff_url(target, "detail")

    return link


class ManyColumn(tables.Column):
    """Comma-separated names of a prefetched many-to-many relation; never sortable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return ", ".join(str(item) for item in value.all())


class CountryColumn(tables.Column):
    """A country by its name in the active language."""

    reads_name = False

    def render(self, value: Any) -> str:
        return str(getattr(value, "name", value))


def _local(value: Any) -> Any:
    """A time in the current zone, as the ``date`` filter shows it; dates as they are."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@tables_library.register
class DateColumn(tables.DateColumn):
    """django-tables2's date column, formatted in Python.

    Its own renders a template, which it compiles again for every cell: a tenth of a
    list page. Registered, it is the column the tables pick for date fields.
    """

    empty_values = (None, "")  # shown as the column's default, as before

    def __init__(self, format: str | None = None, short: bool = True, **kwargs: Any) -> None:
        self.date_format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(format=format, short=short, **kwargs)

    def render(self, value: Any) -> str:
        return date_format(_local(value), self.date_format)


@tables_library.register
class DateTimeColumn(tables.DateTimeColumn):
    """django-tables2's date-time column, in local time, formatted in Python."""

    empty_values = (None, "")

    def __init__(self, format: str | None = None, short: bool = True, **kwargs: Any) -> None:
        self.date_format = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
        super().__init__(format=format, short=short, **kwargs)

    def render(self, value: Any) -> str:
        return date_format(_local(value), self.date_format)


class StatusColumn(tables.Column):
    """A status as a badge with its translated label (colour is never the only cue)."""

    def render(self, value: Any, record: models.Model, bound_column: Any) -> str:
        label = getattr(record, f"get_{bound_column.accessor}_display", lambda: value)()
        # The class names the stored value: ``value`` is already the (translated) label.
        raw = bound_column.accessor.resolve(record, quiet=True) or value
        return format_html('<span class="badge badge-{}">{}</span>', raw, label)


class YesNoColumn(tables.BooleanColumn):
    def render(self, value: Any, record: Any, bound_column: Any) -> str:
        return _("Yes") if value else _("No")
