"""Staff pages of organisations (with registration decisions) and contacts."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.selectors import delegation_member_list
from delegations.tables import DelegationMemberTable
from exchanges.selectors import application_list
from exchanges.tables import ApplicationTable
from intl_relations import staff
from intl_relations.staff import Related, workflow_action
from partnerships.selectors import partnership_list
from partnerships.tables import PartnershipTable

from . import selectors, services
from .choices import OrganisationStatus
from .filtersets import ContactFilterSet, OrganisationFilterSet
from .forms import ContactForm, OrganisationForm, OrganisationRejectForm
from .models import Contact, Organisation
from .tables import ContactTable, OrganisationTable


class OrganisationList(staff.StaffListView):
    model = Organisation
    selector = selectors.organisation_list
    filterset_class = OrganisationFilterSet
    table_class = OrganisationTable


class OrganisationApprove(staff.StaffActionView):
    model = Organisation

    def perform(self, obj, data):
        services.organisation_approve(organisation=obj, user=self.request.user)
        return _("The registration is approved.")


class OrganisationReject(staff.StaffActionView):
    model = Organisation
    form_class = OrganisationRejectForm
    form_prefix = "reject"

    def perform(self, obj, data):
        services.organisation_reject(
            organisation=obj, user=self.request.user, reason=data["reason"]
        )
        return _("The registration is rejected.")


class OrganisationDetail(staff.StaffDetailView):
    model = Organisation
    selector = selectors.organisation_list
    related = (
        Related(
            gettext_lazy("Contacts"),
            ContactTable,
            lambda obj, user: selectors.contact_list(user=user).filter(organisation=obj),
            add_url=lambda obj: f"{reverse('staff:contact_add')}?organisation={obj.pk}",
            exclude=("organisation",),
        ),
        Related(
            gettext_lazy("Partnerships as local co-partner"),
            PartnershipTable,
            lambda obj, user: partnership_list(user=user).filter(co_partners=obj),
        ),
        Related(
            gettext_lazy("Applications to exchange programs"),
            ApplicationTable,
            lambda obj, user: application_list(user=user).filter(organisation=obj),
            exclude=("organisation",),
        ),
        Related(
            gettext_lazy("Members of delegations"),
            DelegationMemberTable,
            lambda obj, user: delegation_member_list(user=user).filter(organisation=obj),
            exclude=("organisation",),
        ),
    )

    def get_actions(self, obj):
        if obj.status != OrganisationStatus.PENDING:
            return []
        return [
            workflow_action(
                _("Approve the registration"), reverse("staff:organisation_approve", args=[obj.pk])
            ),
            workflow_action(
                _("Reject the registration"),
                reverse("staff:organisation_reject", args=[obj.pk]),
                OrganisationReject.blank_form(obj),
                style="secondary",
            ),
        ]


class OrganisationCreate(staff.StaffCreateView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationUpdate(staff.StaffUpdateView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationDelete(staff.StaffDeleteView):
    model = Organisation


class ContactList(staff.StaffListView):
    model = Contact
    selector = selectors.contact_list
    filterset_class = ContactFilterSet
    table_class = ContactTable
    filter_form_fields = ("q",)


class ContactDetail(staff.StaffDetailView):
    model = Contact
    selector = selectors.contact_list


class ContactCreate(staff.StaffCreateView):
    model = Contact
    form_class = ContactForm


class ContactUpdate(staff.StaffUpdateView):
    model = Contact
    form_class = ContactForm


class ContactDelete(staff.StaffDeleteView):
    model = Contact
