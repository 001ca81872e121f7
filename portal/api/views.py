from intl_relations.api_base import RecordViewSet
from intl_relations.permissions import is_staff_role
from intl_relations.services import record_create
from portal.choices import ProposalStatus
from portal.filtersets import ProposalFilterSet
from portal.models import Proposal
from portal.selectors import proposal_list

from .serializers import ProposalSerializer


class ProposalViewSet(RecordViewSet):
    """Projects and visits proposed through the public portal."""

    queryset = Proposal.objects.all()
    selector = staticmethod(proposal_list)
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet
    ordering_fields = ["created_at", "title", "status", "kind"]
    export_fields = (
        "kind",
        "title",
        "partner_city_name",
        "themes",
        "organisation",
        "organisation_name",
        "contact_name",
        "contact_email",
        "status",
        "created_at",
    )
    export_filename = "proposals"

    def create_record(self, data):
        user = self.request.user
        data["submitted_by"] = user
        if not is_staff_role(user):
            # A partner member proposes for their own organisation; the office triages.
            data["organisation"] = user.organisation
            data["status"] = ProposalStatus.NEW
        return record_create(model=Proposal, data=data, user=user)
