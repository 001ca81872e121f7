"""Staff form of a proposal: its review status and the office's notes."""

from intl_relations.staff import StaffModelForm

from .models import Proposal


class ProposalReviewForm(StaffModelForm):
    class Meta:
        model = Proposal
        fields = ["status", "staff_notes", "themes"]
