"""``/api/v1/imports/``, mounted as plain paths (the generic endpoint walk of the API
tests covers CRUD models; imports have their own tests in ``tests/transfers``)."""

from django.urls import path

from transfers.template_views import ImportTemplateCSVAPIView, ImportTemplateXLSXAPIView

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
    path(
        "imports/<int:pk>/rejected.csv",
        ImportJobViewSet.as_view({"get": "rejected_csv"}),
        name="import-rejected-csv",
    ),
    # Blank templates (issue #18).
    path(
        "imports/templates/<str:kind>.csv",
        ImportTemplateCSVAPIView.as_view(),
        name="import-template-csv",
    ),
    path(
        "imports/templates/<str:kind>.xlsx",
        ImportTemplateXLSXAPIView.as_view(),
        name="import-template-xlsx",
    ),
]
