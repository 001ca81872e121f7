"""Staff pages of the insight app (included in the ``staff`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "insight/partnership-health/",
        views.PartnershipHealthList.as_view(),
        name="partnershiphealth_list",
    ),
    path(
        "insight/reciprocity/",
        views.PartnerCityReciprocityList.as_view(),
        name="partnercityreciprocity_list",
    ),
]
