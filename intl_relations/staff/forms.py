"""The staff forms' base."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import (
    CheckboxSelectMultiple,
)

from intl_relations.widgets import fast_select

# --- Forms ----------------------------------------------------------------------------


class StaffModelForm(forms.ModelForm):
    """A ModelForm with the browser's date pickers and checkboxes for short choice lists."""

    #: Many-to-many fields with few choices, shown as checkboxes rather than a list box.
    checkbox_fields: Sequence[str] = ("themes",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, formfield in self.fields.items():
            widget = formfield.widget
            if isinstance(formfield, forms.SplitDateTimeField):
                continue
            if isinstance(formfield, forms.DateTimeField):
                formfield.widget = forms.DateTimeInput(
                    attrs={**widget.attrs, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                )
            elif isinstance(formfield, forms.DateField):
                formfield.widget = forms.DateInput(
                    attrs={**widget.attrs, "type": "date"}, format="%Y-%m-%d"
                )
            elif name in self.checkbox_fields:
                formfield.widget = CheckboxSelectMultiple(choices=formfield.choices)
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)
            else:
                formfield.widget = fast_select(widget)  # 250 countries, every partner city
