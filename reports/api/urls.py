from .views import ReportRunViewSet

routes = [
    ("reports", ReportRunViewSet, "report"),
]
