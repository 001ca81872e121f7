from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import LocalGovernment

from .models import YEAR


class ReportRequestForm(forms.Form):
    """Start the annual report of a year, for every local government or one of them."""

    year = forms.IntegerField(label=_("Year"), validators=YEAR)
    local_government = forms.ModelChoiceField(
        label=_("Local government"),
        queryset=LocalGovernment.objects.order_by("-is_default", "name"),
        required=False,
        empty_label=_("All local governments"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["year"].widget.attrs.update(min=1950, max=timezone.localdate().year)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("A report covers a year that has begun."))
        return year
