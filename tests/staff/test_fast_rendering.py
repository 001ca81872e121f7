"""The staff pages' Python-rendered parts give the same HTML as Django's templates."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import timezone, translation

from intl_relations.staff import DateColumn, DateTimeColumn
from intl_relations.widgets import FastSelect, FastSelectMultiple, fast_select

CHOICES = [
    ("", "---------"),
    ("DE", "Allemagne"),
    ("CI", "Côte d'Ivoire & <Sénégal>"),
    ("Europe", [("IT", "Italie"), ("ES", "Espagne")]),
    (7, "Sept"),
]
ATTRS = {"id": "id_country", "size": 5, "required": True, "disabled": False, "data-x": None}


@pytest.mark.parametrize(
    ("django_widget", "fast_widget", "value"),
    [
        (forms.Select, FastSelect, "CI"),
        (forms.Select, FastSelect, None),
        (forms.SelectMultiple, FastSelectMultiple, ["DE", "IT", 7]),
        (forms.SelectMultiple, FastSelectMultiple, []),
    ],
)
def test_fast_selects_render_exactly_what_django_does(django_widget, fast_widget, value):
    expected = django_widget(choices=CHOICES).render("country", value, ATTRS)
    fast = fast_widget(choices=CHOICES).render("country", value, ATTRS)
    # The same elements, attributes and text (Django's templates add line breaks).
    assert parse_html(fast) == parse_html(expected)
    assert "&lt;Sénégal&gt;" in fast


def test_fast_select_keeps_the_widget_settings():
    widget = forms.SelectMultiple(attrs={"size": 5}, choices=CHOICES)
    widget.is_required = True
    fast = fast_select(widget)
    assert isinstance(fast, FastSelectMultiple)
    assert fast.attrs == {"size": 5}
    assert fast.is_required
    assert list(fast.choices) == list(widget.choices)
    other = forms.CheckboxSelectMultiple(choices=CHOICES)
    assert fast_select(other) is other


@pytest.mark.parametrize("language", ["fr", "en"])
def test_date_columns_show_what_the_date_filter_shows(language, settings):
    moment = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # 1 April in Paris
    day = dt.date(2026, 4, 2)
    template = Template('{{ d|date:"SHORT_DATE_FORMAT" }}|{{ t|date:"SHORT_DATETIME_FORMAT" }}')
    with translation.override(language), timezone.override("Europe/Paris"):
        expected = template.render(Context({"d": day, "t": moment}))
        shown = f"{DateColumn().render(day)}|{DateTimeColumn().render(moment)}"
        assert shown == expected
        # A time in a date column is shown on its local day, as the filter does.
        assert DateColumn().render(moment) == Template('{{ t|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"t": moment})
        )


# The loop ``{% table_rows %}`` replaced in ``includes/table.html``.
TEMPLATE_ROWS = "".join(
    [
        "{% load l10n %}{% for row in table.paginated_rows %}",
        "<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}",
        "<td {{ column.attrs.td.as_html }}>",
        "{% if column.localize == None %}{{ cell }}{% else %}",
        "{% if column.localize %}{{ cell|localize }}{% else %}{{ cell|unlocalize }}{% endif %}",
        "{% endif %}</td>{% endfor %}</tr>",
        "{% empty %}{% if table.empty_text %}",
        '<tr><td colspan="{{ table.columns|length }}">{{ table.empty_text }}</td></tr>',
        "{% endif %}{% endfor %}",
    ]
)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [0, 3])
def test_table_rows_render_what_the_template_loop_did(rf, rows):
    from django_tables2 import RequestConfig

    from partnerships.models import Partnership
    from partnerships.tables import PartnershipTable
    from tests.factories import PartnershipFactory, theme

    for index in range(rows):
        partnership = PartnershipFactory(review_on=None if index else dt.date(2027, 5, 1))
        partnership.themes.add(theme("culture"))
    request = rf.get("/staff/partnerships/", {"sort": "-signed_on"})

    def render(template: str) -> str:
        # A table for each rendering: rows take their odd/even class from a counter.
        table = PartnershipTable(Partnership.objects.all(), request=request)
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        return Template(template).render(Context({"table": table}))

    with translation.override("fr"):
        expected = render(TEMPLATE_ROWS)
        shown = render("{% load staff_tags %}{% table_rows table %}")
    assert parse_html(shown) == parse_html(expected)
    assert shown.count("<tr") == (rows or 1)
