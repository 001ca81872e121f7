"""``/api/v1/imports/``, mounted as plain paths (the generic endpoint walk of the API
tests covers CRUD models; imports have their own tests in ``tests/transfers``)."""

from django.urls import path

from .views import ImportJobViewSet

urlpatterns = [
    path(
        "imports/",
        ImportJobViewSet.as_view({"get": "list", "post": "create"}),
        name="import-list",
    ),
    path("imports/<int:pk>/", ImportJobViewSet.as_view({"get": "retrieve"}), name="import-detail"),
    path(
        "imports/<int:pk>/confirm/",
        ImportJobViewSet.as_view({"post": "confirm"}),
        name="import-confirm",
    ),
    path(
        "imports/<int:pk>/report.csv",
        ImportJobViewSet.as_view({"get": "report_csv"}),
        name="import-report-csv",
    ),
]
