from .views import ImportJobViewSet

routes = [("imports", ImportJobViewSet, "import")]
