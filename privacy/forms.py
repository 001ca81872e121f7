"""Forms of the "Personal data" staff page: find a person, erase them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import PersonRecord


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("E-mail or name"),
        required=False,
        max_length=254,
        help_text=_(
            "An e-mail address finds every record that carries it; a name (three letters "
            "or more) finds records that may be the same person."
        ),
    )


class PersonEraseForm(forms.Form):
    """Erase what the search found: records with the e-mail always, others if ticked."""

    records = forms.MultipleChoiceField(
        label=_("Records found by name that are this person too"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the history of each record, for example: request of 3 March by e-mail."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the person's data will be gone for good."),
    )

    def __init__(
        self,
        *args: Any,
        sure_records: list[PersonRecord],
        optional_records: list[PersonRecord],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sure_records = sure_records
        records = self.fields["records"]
        assert isinstance(records, forms.MultipleChoiceField)
        records.choices = [
            (record.label, f"{record.kind.label}: {record.name} – {record.context}")
            for record in optional_records
        ]
        if not optional_records:
            del self.fields["records"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.sure_records and not data.get("records"):
            raise forms.ValidationError(_("Choose at least one record to erase."))
        return data
