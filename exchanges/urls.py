"""Staff pages of the exchanges app (included in the ``staff`` namespace)."""

from django.urls import path

from intl_relations.staff import crud_urls

from . import views

urlpatterns = [
    *crud_urls(
        "exchange-programs",
        list_view=views.ExchangeProgramList,
        detail_view=views.ExchangeProgramDetail,
        create_view=views.ExchangeProgramCreate,
        update_view=views.ExchangeProgramUpdate,
        delete_view=views.ExchangeProgramDelete,
    ),
    *crud_urls(
        "applications",
        list_view=views.ApplicationList,
        detail_view=views.ApplicationDetail,
        create_view=views.ApplicationCreate,
        update_view=views.ApplicationUpdate,
        delete_view=views.ApplicationDelete,
    ),
    path(
        "applications/<int:pk>/decide/",
        views.ApplicationDecide.as_view(),
        name="application_decide",
    ),
    *crud_urls(
        "participants",
        list_view=views.ParticipantList,
        detail_view=views.ParticipantDetail,
        create_view=views.ParticipantCreate,
        update_view=views.ParticipantUpdate,
        delete_view=views.ParticipantDelete,
    ),
]
