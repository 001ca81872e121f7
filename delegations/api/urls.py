from .views import (
    DelegationCostViewSet,
    DelegationMemberViewSet,
    DelegationViewSet,
    FollowUpActionViewSet,
    ProgrammeItemViewSet,
)

routes = [
    ("delegations", DelegationViewSet, "delegation"),
    ("delegation-members", DelegationMemberViewSet, "delegation-member"),
    ("programme-items", ProgrammeItemViewSet, "programme-item"),
    ("delegation-costs", DelegationCostViewSet, "delegation-cost"),
    ("follow-up-actions", FollowUpActionViewSet, "follow-up-action"),
]
