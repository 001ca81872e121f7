from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ImportKind


class ImportForm(forms.Form):
    """Choose what the file holds and upload it; the next page previews the result."""

    kind = forms.ChoiceField(label=_("The file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first line names the columns, in French or English."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
