"""Staff pages of the annual report, mounted under /staff/ (namespace ``staff``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.ReportRunListView.as_view(), name="reportrun_list"),
    path("reports/<int:pk>/", views.ReportRunDetailView.as_view(), name="reportrun_detail"),
    path(
        "reports/<int:pk>/publish/",
        views.ReportRunPublishView.as_view(),
        name="reportrun_publish",
    ),
    path("reports/<int:pk>/retry/", views.ReportRunRetryView.as_view(), name="reportrun_retry"),
    path(
        "reports/<int:pk>/download/<str:fmt>/",
        views.ReportRunDownloadView.as_view(),
        name="reportrun_download",
    ),
]
