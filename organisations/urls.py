"""Staff pages of the organisations app (included in the ``staff`` namespace)."""

from django.urls import path

from intl_relations.staff import crud_urls

from . import views

urlpatterns = [
    *crud_urls(
        "organisations",
        list_view=views.OrganisationList,
        detail_view=views.OrganisationDetail,
        create_view=views.OrganisationCreate,
        update_view=views.OrganisationUpdate,
        delete_view=views.OrganisationDelete,
    ),
    path(
        "organisations/<int:pk>/approve/",
        views.OrganisationApprove.as_view(),
        name="organisation_approve",
    ),
    path(
        "organisations/<int:pk>/reject/",
        views.OrganisationReject.as_view(),
        name="organisation_reject",
    ),
    *crud_urls(
        "contacts",
        list_view=views.ContactList,
        detail_view=views.ContactDetail,
        create_view=views.ContactCreate,
        update_view=views.ContactUpdate,
        delete_view=views.ContactDelete,
    ),
]
