"""Staff pages of the partnerships app (included in the ``staff`` namespace)."""

from django.urls import path

from intl_relations.staff import crud_urls

from . import views

urlpatterns = [
    *crud_urls(
        "partner-cities",
        list_view=views.PartnerCityList,
        detail_view=views.PartnerCityDetail,
        create_view=views.PartnerCityCreate,
        update_view=views.PartnerCityUpdate,
        delete_view=views.PartnerCityDelete,
    ),
    *crud_urls(
        "local-governments",
        list_view=views.LocalGovernmentList,
        detail_view=views.LocalGovernmentDetail,
        create_view=views.LocalGovernmentCreate,
        update_view=views.LocalGovernmentUpdate,
        delete_view=views.LocalGovernmentDelete,
    ),
    *crud_urls(
        "partnerships",
        list_view=views.PartnershipList,
        detail_view=views.PartnershipDetail,
        create_view=views.PartnershipCreate,
        update_view=views.PartnershipUpdate,
        delete_view=views.PartnershipDelete,
    ),
    path(
        "partnerships/<int:pk>/status/",
        views.PartnershipStatusChange.as_view(),
        name="partnership_status",
    ),
    path(
        "partnerships/<int:pk>/renew/", views.PartnershipRenew.as_view(), name="partnership_renew"
    ),
    *crud_urls(
        "partnership-documents",
        list_view=views.PartnershipDocumentList,
        detail_view=views.PartnershipDocumentDetail,
        create_view=views.PartnershipDocumentCreate,
        update_view=views.PartnershipDocumentUpdate,
        delete_view=views.PartnershipDocumentDelete,
    ),
]
