from .views import ProposalViewSet

routes = [("proposals", ProposalViewSet, "proposal")]
