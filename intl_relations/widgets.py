"""Select boxes rendered in Python: the same HTML as Django's templates, much faster.

Django renders each ``<option>`` through its own template include; the staff filter
forms hold a few long lists (250 countries, every local government), and rendering
them one template at a time took a quarter of a list page's time. These widgets build
the same markup (``django/forms/widgets/select.html`` and ``select_option.html``)
directly from the widget's context, so attributes, selection and groups are Django's.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


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
