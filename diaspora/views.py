"""Staff pages of the consular corps and the diaspora groups."""

from django.utils.translation import gettext_lazy

from intl_relations import staff
from intl_relations.staff import Related
from partnerships.selectors import partnership_list
from partnerships.tables import PartnershipTable

from . import selectors
from .filtersets import ConsulateFilterSet, DiasporaGroupFilterSet
from .forms import ConsulateForm, DiasporaGroupForm
from .models import Consulate, DiasporaGroup
from .tables import ConsulateTable, DiasporaGroupTable


class ConsulateList(staff.StaffListView):
    model = Consulate
    selector = selectors.consulate_list
    filterset_class = ConsulateFilterSet
    table_class = ConsulateTable


class ConsulateDetail(staff.StaffDetailView):
    model = Consulate
    selector = selectors.consulate_list
    related = (
        Related(
            gettext_lazy("Diaspora groups"),
            DiasporaGroupTable,
            lambda obj, user: selectors.diaspora_group_list(user=user).filter(consulates=obj),
        ),
    )


class ConsulateCreate(staff.StaffCreateView):
    model = Consulate
    form_class = ConsulateForm


class ConsulateUpdate(staff.StaffUpdateView):
    model = Consulate
    form_class = ConsulateForm


class ConsulateDelete(staff.StaffDeleteView):
    model = Consulate


class DiasporaGroupList(staff.StaffListView):
    model = DiasporaGroup
    selector = selectors.diaspora_group_list
    filterset_class = DiasporaGroupFilterSet
    table_class = DiasporaGroupTable
    filter_form_fields = ("q", "country", "size_source", "published")


class DiasporaGroupDetail(staff.StaffDetailView):
    model = DiasporaGroup
    selector = selectors.diaspora_group_list
    fields = (
        "name",
        "origin_country",
        "local_government",
        "estimated_size",
        "size_source",
        "size_year",
        "associations",
        "description",
        "published",
    )
    related = (
        Related(
            gettext_lazy("Consulates"),
            ConsulateTable,
            lambda obj, user: selectors.consulate_list(user=user).filter(diaspora_groups=obj),
        ),
        Related(
            gettext_lazy("Partnerships"),
            PartnershipTable,
            lambda obj, user: partnership_list(user=user).filter(diaspora_groups=obj),
        ),
    )


class DiasporaGroupCreate(staff.StaffCreateView):
    model = DiasporaGroup
    form_class = DiasporaGroupForm


class DiasporaGroupUpdate(staff.StaffUpdateView):
    model = DiasporaGroup
    form_class = DiasporaGroupForm


class DiasporaGroupDelete(staff.StaffDeleteView):
    model = DiasporaGroup
