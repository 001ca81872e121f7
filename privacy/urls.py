"""The "Personal data" staff pages, mounted under ``/staff/privacy/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("privacy/", views.PersonSearchView.as_view(), name="privacy"),
    path("privacy/export/", views.PersonExportView.as_view(), name="privacy_export"),
    path("privacy/erase/", views.PersonEraseView.as_view(), name="privacy_erase"),
]
