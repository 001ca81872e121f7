"""Forms of the staff pages; the services check the rules when they save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import StaffModelForm

from .choices import PARTNERSHIP_TRANSITIONS
from .models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument


class LocalGovernmentForm(StaffModelForm):
    class Meta:
        model = LocalGovernment
        fields = [
            "name",
            "kind",
            "country",
            "official_code",
            "population",
            "latitude",
            "longitude",
            "is_default",
        ]


class PartnerCityForm(StaffModelForm):
    class Meta:
        model = PartnerCity
        fields = [
            "name",
            "local_name",
            "kind",
            "country",
            "region",
            "latitude",
            "longitude",
            "population",
            "population_year",
            "languages",
            "website",
            "email",
            "phone",
            "description",
            "notes",
        ]


PARTNERSHIP_FIELDS = [
    "local_government",
    "co_holders",
    "partner_city",
    "kind",
    "status",
    "signed_on",
    "last_renewed_on",
    "review_on",
    "ended_on",
    "themes",
    "co_partners",
    "officer",
    "summary",
    "notes",
    "published",
]


class PartnershipForm(StaffModelForm):
    """A new partnership may start at any status; later moves go through the life cycle."""

    class Meta:
        model = Partnership
        fields = PARTNERSHIP_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = self.fields["officer"].queryset.filter(
            role__in=["administrator", "editor", "viewer"]
        )
        if self.instance.pk is not None:
            # The status changes by its own action on the partnership's page.
            del self.fields["status"]


class PartnershipDocumentForm(StaffModelForm):
    class Meta:
        model = PartnershipDocument
        fields = ["partnership", "kind", "title", "file", "dated_on", "language", "is_public"]


class PartnershipStatusForm(forms.Form):
    """The next statuses the life cycle allows from the current one, nothing else."""

    status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(
        label=_("Effective date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Signing or ending date; today if empty."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=100)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Partnership._meta.get_field("status").choices)
        self.fields["status"].choices = [
            (status, labels[status]) for status in PARTNERSHIP_TRANSITIONS[partnership.status]
        ]


class PartnershipRenewForm(forms.Form):
    renewed_on = forms.DateField(
        label=_("Renewed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    next_review_on = forms.DateField(
        label=_("Next review or renewal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=100)
