from .views import TerritoryViewSet

routes = [
    ("territory", TerritoryViewSet, "territory"),
]
