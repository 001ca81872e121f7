"""Forms of the public portal: applying to an exchange program, proposing a project.

(The staff side's forms are in ``portal/forms.py``.) Every public form that anybody
may send carries the honeypot field of ``portal.spam``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from exchanges.choices import AttachmentKind
from exchanges.models import ExchangeProgram
from intl_relations.uploads import ACCEPT_ATTRIBUTE, ACCEPTED_LABEL, validate_document_upload
from partnerships.models import Theme
from portal.models import Proposal

from .spam import HONEYPOT_FIELD

DOCUMENT_SLOTS = 3


class HoneypotMixin(forms.Form):
    """A field hidden from people (CSS and ``aria-hidden``) that robots fill in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def honeypot(self) -> forms.BoundField:
        return self[HONEYPOT_FIELD]

    def visible_public_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name != HONEYPOT_FIELD]

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplicationForm(forms.Form):
    """An application fitted to its program: group size, dates, documents."""

    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why you apply and what you expect from the exchange."),
        max_length=5000,
    )
    participants_count = forms.IntegerField(label=_("Number of participants"), min_value=1)
    preferred_start_on = forms.DateField(
        label=_("Preferred start"), required=False, widget=DateInput()
    )
    preferred_end_on = forms.DateField(label=_("Preferred end"), required=False, widget=DateInput())

    def __init__(self, *args: Any, program: ExchangeProgram, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        count = self.fields["participants_count"]
        maximum = program.max_participants_per_application
        count.max_value = maximum
        count.validators.append(
            MaxValueValidator(
                maximum,
                message=_("This program takes at most %(max)d participants per application.")
                % {"max": maximum},
            )
        )
        count.widget.attrs.update({"min": 1, "max": maximum})
        count.initial = 1
        count.help_text = _("At most %(max)d for this program.") % {"max": maximum}
        for number in range(1, DOCUMENT_SLOTS + 1):
            self.fields[f"document_kind_{number}"] = forms.ChoiceField(
                label=_("Kind of document %(n)d") % {"n": number},
                choices=[("", "—"), *AttachmentKind.choices],
                required=False,
            )
            self.fields[f"document_{number}"] = forms.FileField(
                label=_("Document %(n)d") % {"n": number},
                required=False,
                validators=[validate_document_upload],
                help_text=_("%(types)s; %(size)s at most.")
                % {"types": ACCEPTED_LABEL, "size": _max_size_label()},
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
            )

    def document_slots(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"document_kind_{n}"], self[f"document_{n}"])
            for n in range(1, DOCUMENT_SLOTS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("preferred_start_on"), data.get("preferred_end_on")
        if start and end and end < start:
            self.add_error("preferred_end_on", _("The preferred end cannot be before the start."))
        for number in range(1, DOCUMENT_SLOTS + 1):
            file, kind = data.get(f"document_{number}"), data.get(f"document_kind_{number}")
            if file and not kind:
                self.add_error(f"document_kind_{number}", _("Say what kind of document it is."))
        return data

    def application_data(self) -> dict[str, Any]:
        names = ("motivation", "participants_count", "preferred_start_on", "preferred_end_on")
        return {name: self.cleaned_data[name] for name in names}

    def documents(self) -> list[tuple[str, Any]]:
        return [
            (self.cleaned_data[f"document_kind_{n}"], self.cleaned_data[f"document_{n}"])
            for n in range(1, DOCUMENT_SLOTS + 1)
            if self.cleaned_data.get(f"document_{n}")
        ]


def _max_size_label() -> str:
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(settings.FILE_UPLOAD_MAX_SIZE))


class ProposalForm(HoneypotMixin, forms.ModelForm):
    """A project or a visit proposed to the office, by anyone."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Proposal
        fields = [
            "kind",
            "title",
            "description",
            "partner_city_name",
            "themes",
            "organisation_name",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
