"""Staff pages of networks, memberships, cooperation projects and their budget lines."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from intl_relations import staff
from intl_relations.staff import Related

from . import selectors
from .filtersets import (
    BudgetLineFilterSet,
    CooperationProjectFilterSet,
    NetworkFilterSet,
    NetworkMembershipFilterSet,
)
from .forms import (
    BudgetLineForm,
    BudgetLineFormSet,
    CooperationProjectForm,
    NetworkForm,
    NetworkMembershipForm,
)
from .models import BudgetLine, CooperationProject, Network, NetworkMembership
from .tables import BudgetLineTable, CooperationProjectTable, NetworkMembershipTable, NetworkTable


class NetworkList(staff.StaffListView):
    model = Network
    selector = selectors.network_list
    filterset_class = NetworkFilterSet
    table_class = NetworkTable


class NetworkDetail(staff.StaffDetailView):
    model = Network
    selector = selectors.network_list
    related = (
        Related(
            gettext_lazy("Memberships"),
            NetworkMembershipTable,
            lambda obj, user: selectors.network_membership_list(user=user).filter(network=obj),
            add_url=lambda obj: f"{reverse('staff:networkmembership_add')}?network={obj.pk}",
        ),
    )


class NetworkCreate(staff.StaffCreateView):
    model = Network
    form_class = NetworkForm


class NetworkUpdate(staff.StaffUpdateView):
    model = Network
    form_class = NetworkForm


class NetworkDelete(staff.StaffDeleteView):
    model = Network


class NetworkMembershipList(staff.StaffListView):
    model = NetworkMembership
    selector = selectors.network_membership_list
    filterset_class = NetworkMembershipFilterSet
    table_class = NetworkMembershipTable
    filter_form_fields = ("q", "network", "role", "current", "joined_after", "joined_before")


class NetworkMembershipDetail(staff.StaffDetailView):
    model = NetworkMembership
    selector = selectors.network_membership_list


class NetworkMembershipCreate(staff.StaffCreateView):
    model = NetworkMembership
    form_class = NetworkMembershipForm


class NetworkMembershipUpdate(staff.StaffUpdateView):
    model = NetworkMembership
    form_class = NetworkMembershipForm


class NetworkMembershipDelete(staff.StaffDeleteView):
    model = NetworkMembership


class CooperationProjectList(staff.StaffListView):
    model = CooperationProject
    selector = selectors.cooperation_project_list
    filterset_class = CooperationProjectFilterSet
    table_class = CooperationProjectTable
    filter_form_fields = (
        "q",
        "status",
        "theme",
        "country",
        "published",
        "starts_after",
        "starts_before",
    )


class CooperationProjectDetail(staff.StaffDetailView):
    model = CooperationProject
    selector = selectors.cooperation_project_list
    related = (
        Related(
            gettext_lazy("Budget lines"),
            BudgetLineTable,
            lambda obj, user: selectors.budget_line_list(user=user).filter(project=obj),
            add_url=lambda obj: f"{reverse('staff:budgetline_add')}?project={obj.pk}",
            exclude=("project",),
        ),
    )


class CooperationProjectCreate(staff.StaffCreateView):
    """A project and its budget lines, entered together."""

    model = CooperationProject
    form_class = CooperationProjectForm
    formset_classes = {"budget": BudgetLineFormSet}


class CooperationProjectUpdate(staff.StaffUpdateView):
    model = CooperationProject
    form_class = CooperationProjectForm
    formset_classes = {"budget": BudgetLineFormSet}


class CooperationProjectDelete(staff.StaffDeleteView):
    model = CooperationProject


class BudgetLineList(staff.StaffListView):
    model = BudgetLine
    selector = selectors.budget_line_list
    filterset_class = BudgetLineFilterSet
    table_class = BudgetLineTable
    filter_form_fields = (
        "q",
        "year",
        "year_from",
        "year_to",
        "category",
        "funding_source",
        "water_one_percent",
        "apd_heading",
    )


class BudgetLineDetail(staff.StaffDetailView):
    model = BudgetLine
    selector = selectors.budget_line_list


class BudgetLineCreate(staff.StaffCreateView):
    model = BudgetLine
    form_class = BudgetLineForm


class BudgetLineUpdate(staff.StaffUpdateView):
    model = BudgetLine
    form_class = BudgetLineForm


class BudgetLineDelete(staff.StaffDeleteView):
    model = BudgetLine
