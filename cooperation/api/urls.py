from .views import (
    BudgetLineViewSet,
    CooperationProjectViewSet,
    NetworkMembershipViewSet,
    NetworkViewSet,
)

routes = [
    ("networks", NetworkViewSet, "network"),
    ("network-memberships", NetworkMembershipViewSet, "network-membership"),
    ("cooperation-projects", CooperationProjectViewSet, "cooperation-project"),
    ("budget-lines", BudgetLineViewSet, "budget-line"),
]
