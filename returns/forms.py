"""The returns page's choice of year and local government.

The form only draws the choice: the services check what comes back (``year_from``,
``eapd_declaration``), and say what is wrong with it, for the page and the API alike.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intl_relations.widgets import FastSelect, searchable
from partnerships.filtersets import local_government_field

from . import dac


class ReturnsChoiceForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year declared"), coerce=int, widget=FastSelect)
    local_government = local_government_field(empty_label=_("All local governments of the portal"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "returns-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The years a shipped DAC list covers, the latest first.
        years = sorted(set(dac.covered_years()), reverse=True)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        chooser = self.fields["local_government"]
        # A national network's thousands are found by typing, not listed.
        chooser.widget = searchable(chooser)
