"""Staff pages of the imports and the archive, mounted under ``/staff/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("imports/<int:pk>/report.csv", views.ImportReportView.as_view(), name="import_report"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/download/", views.ArchiveDownloadView.as_view(), name="archive_download"),
]
