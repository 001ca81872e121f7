"""Staff pages of the official returns (included in the ``staff`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("returns/", views.ReturnsView.as_view(), name="returns_report"),
    path("returns/e-apd/", views.EapdDownloadView.as_view(), name="eapd_download"),
    path("returns/iati/", views.IatiDownloadView.as_view(), name="iati_download"),
    path("returns/atlas/", views.AtlasDownloadView.as_view(), name="atlas_download"),
]
