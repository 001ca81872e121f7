"""Forms of the staff pages: a delegation planned with its members, programme, costs."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from intl_relations.staff import StaffModelForm

from .models import Delegation, DelegationCost, DelegationMember, FollowUpAction, ProgrammeItem

STAFF_ROLES = [Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER]


class DelegationForm(StaffModelForm):
    class Meta:
        model = Delegation
        fields = [
            "title",
            "direction",
            "status",
            "local_government",
            "partner_city",
            "partnership",
            "country",
            "destination",
            "starts_on",
            "ends_on",
            "purpose",
            "themes",
            "outcomes",
            "officer",
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        field.queryset = field.queryset.select_related("local_government", "partner_city")
        self.fields["officer"].queryset = self.fields["officer"].queryset.filter(
            role__in=STAFF_ROLES
        )
        if self.instance.pk is not None:
            # The status moves by its own buttons on the delegation's page.
            del self.fields["status"]


class MemberForm(StaffModelForm):
    class Meta:
        model = DelegationMember
        fields = ["full_name", "role", "position", "organisation", "email", "phone", "is_head"]


class ProgrammeItemForm(StaffModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "kind", "title", "location", "host", "notes"]


class CostForm(StaffModelForm):
    class Meta:
        model = DelegationCost
        fields = ["category", "label", "amount", "paid_by"]


class FollowUpForm(StaffModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "due_on", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = self.fields["owner"].queryset.filter(role__in=STAFF_ROLES)


def _formset(model, form, extra):
    return inlineformset_factory(Delegation, model, form=form, extra=extra, can_delete=True)


MemberFormSet = _formset(DelegationMember, MemberForm, 2)
ProgrammeItemFormSet = _formset(ProgrammeItem, ProgrammeItemForm, 1)
CostFormSet = _formset(DelegationCost, CostForm, 1)
FollowUpFormSet = _formset(FollowUpAction, FollowUpForm, 1)


class DelegationStatusForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=100)
