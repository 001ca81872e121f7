"""Staff pages of the delegations app (included in the ``staff`` namespace)."""

from django.urls import path

from intl_relations.staff import crud_urls

from . import views

urlpatterns = [
    *crud_urls(
        "delegations",
        list_view=views.DelegationList,
        detail_view=views.DelegationDetail,
        create_view=views.DelegationCreate,
        update_view=views.DelegationUpdate,
        delete_view=views.DelegationDelete,
    ),
    path(
        "delegations/<int:pk>/status/",
        views.DelegationStatusChange.as_view(),
        name="delegation_status",
    ),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
]
