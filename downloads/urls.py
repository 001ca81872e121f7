"""Staff pages of the downloads, mounted under /staff/ (namespace ``staff``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("downloads/", views.DownloadListView.as_view(), name="download_list"),
    path("downloads/<int:pk>/", views.DownloadDetailView.as_view(), name="download_detail"),
    path("downloads/<int:pk>/file/", views.DownloadFileView.as_view(), name="download_file"),
]
