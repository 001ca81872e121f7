"""Public addresses of the published annual reports (no sign-in needed)."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.public_report_list, name="public_list"),
    path("<int:year>/", views.public_report, name="public_report"),
    path("<int:year>/<str:fmt>/", views.public_report, name="public_download"),
]
