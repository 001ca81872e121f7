"""Select boxes rendered in Python: the same HTML as Django's templates, much faster.

Django renders each ``<option>`` through its own template include; the staff filter
forms hold a few long lists (250 countries, every local government), and rendering
them one template at a time took a quarter of a list page's time. These widgets build
the same markup (``django/forms/widgets/select.html`` and ``select_option.html``)
directly from the widget's context, so attributes, selection and groups are Django's.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: ``True`` gives a bare attribute, ``False`` none."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {escape(name)}")
        else:
            parts.append(f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


class PythonRenderedSelectMixin:
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        html = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{escape(group_name)}">')
            for option in options:
                html.append(
                    f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{escape(option['label'])}</option>"
                )
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


class FastSelect(PythonRenderedSelectMixin, forms.Select):
    pass


class FastSelectMultiple(PythonRenderedSelectMixin, forms.SelectMultiple):
    pass


def fast_select(widget: forms.Widget) -> forms.Widget:
    """The same select box, rendered in Python (other widgets are returned as they are)."""
    kinds = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}
    fast = kinds.get(type(widget))
    if fast is None:
        return widget
    copy = fast(attrs=widget.attrs, choices=widget.choices)
    copy.is_required = widget.is_required
    return copy


# Past this many records a choice is made by searching, not from a select box.
SEARCH_OVER = 200


class RecordSearch(forms.Widget):
    """A choice among thousands of records (a national network's local governments):
    the chosen ones as check boxes, and a search box that finds others through the API
    as one types (``static/js/record-search.js``), instead of a select box of every one.

    Only the chosen records are read and rendered. Without JavaScript the chosen ones
    can still be unticked; a link with ``?local_government=<id>`` still chooses one.
    """

    def __init__(
        self,
        *,
        queryset: Any,
        search_url: str,
        multiple: bool,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.queryset = queryset
        self.search_url = search_url
        self.allow_multiple_selected = multiple

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.allow_multiple_selected and hasattr(data, "getlist"):
            return data.getlist(name)
        return data.get(name)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, list | tuple) else [value]
        ids = [str(v) for v in values if v not in (None, "") and str(v).isdigit()]
        chosen = list(self.queryset.filter(pk__in=ids)) if ids else []
        field_id = attrs.pop("id", f"id_{name}")
        options_id = f"{field_id}_options"
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{escape(name)}" value="{record.pk}" '
            f"checked> {escape(str(record))}</label></li>"
            for record in chosen
        )
        html = (
            f'<div class="record-search" data-record-search data-name="{escape(name)}" '
            f'data-url="{escape(self.search_url)}"'
            f"{' data-multiple' if self.allow_multiple_selected else ''}>"
            f'<ul class="record-search-chosen">{boxes}</ul>'
            f'<input type="search" id="{escape(field_id)}" list="{escape(options_id)}" '
            f'autocomplete="off"{_attrs(attrs)}>'
            f'<datalist id="{escape(options_id)}"></datalist></div>'
        )
        return mark_safe(html)  # noqa: S308 - every value above is escaped


def search_url_for(model: Any) -> str | None:
    """The API list of ``model`` (``LocalGovernment`` → ``/api/v1/local-governments/``)."""
    from django.urls import NoReverseMatch, reverse

    kebab = re.sub(r"(?<!^)(?=[A-Z])", "-", model.__name__).lower()
    try:
        return reverse(f"api:{kebab}-list")
    except NoReverseMatch:
        return None


def searchable(formfield: forms.Field) -> forms.Widget:
    """A model choice field's widget: ``RecordSearch`` past ``SEARCH_OVER`` records (one
    count), the field's own widget otherwise."""
    queryset = getattr(formfield, "queryset", None)
    if queryset is None or queryset.count() <= SEARCH_OVER:
        return formfield.widget
    url = search_url_for(queryset.model)
    if url is None:
        return formfield.widget
    return RecordSearch(
        queryset=queryset,
        search_url=url,
        multiple=isinstance(formfield, forms.ModelMultipleChoiceField),
        attrs={"placeholder": _("Type a name to find one"), **formfield.widget.attrs},
    )
