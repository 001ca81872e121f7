from .views import ReturnsViewSet

routes = [("returns", ReturnsViewSet, "returns")]
