"""Staff pages of the proposals sent through the public portal.

Kept apart from the public portal's own ``views.py``: these pages live under /staff/.
"""

from intl_relations import staff

from . import selectors
from .filtersets import ProposalFilterSet
from .forms import ProposalReviewForm
from .models import Proposal
from .tables import ProposalTable


class ProposalList(staff.StaffListView):
    model = Proposal
    selector = selectors.proposal_list
    filterset_class = ProposalFilterSet
    table_class = ProposalTable
    filter_form_fields = ("q", "kind", "status", "theme", "created_after", "created_before")


class ProposalDetail(staff.StaffDetailView):
    model = Proposal
    selector = selectors.proposal_list
    fields = (
        "kind",
        "status",
        "title",
        "description",
        "partner_city_name",
        "themes",
        "organisation",
        "organisation_name",
        "contact_name",
        "contact_email",
        "submitted_by",
        "created_at",
        "staff_notes",
    )


class ProposalUpdate(staff.StaffUpdateView):
    model = Proposal
    form_class = ProposalReviewForm

    def get_title(self, obj):
        return str(obj)


class ProposalDelete(staff.StaffDeleteView):
    model = Proposal
