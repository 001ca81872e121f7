"""Staff page of the territory diagnosis (included in the ``staff`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("territory/", views.TerritoryView.as_view(), name="territory"),
]
