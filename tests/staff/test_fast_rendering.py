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
