"""Staff pages of the imports and the archive, mounted under ``/staff/``."""

from django.urls import path

from . import template_views, views

urlpatterns = [
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<int:pk>/mapping/", views.ImportMappingView.as_view(), name="import_mapping"),
    path(
        "imports/<int:pk>/merge-places/",
        views.ImportMergePlacesView.as_view(),
        name="import_merge_places",
    ),
    path("imports/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path(
        "imports/<int:pk>/rejected.csv",
        views.ImportRejectedRowsView.as_view(),
        name="import_rejected_rows",
    ),
    path("imports/<int:pk>/report.csv", views.ImportReportView.as_view(), name="import_report"),
    # Blank templates (issue #18).
    path(
        "imports/templates/<str:kind>.csv",
        template_views.ImportTemplateView.as_view(extension="csv"),
        name="import_template_csv",
    ),
    path(
        "imports/templates/<str:kind>.xlsx",
        template_views.ImportTemplateView.as_view(extension="xlsx"),
        name="import_template_xlsx",
    ),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/download/", views.ArchiveDownloadView.as_view(), name="archive_download"),
]
