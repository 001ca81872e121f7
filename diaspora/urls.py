"""Staff pages of the diaspora app (included in the ``staff`` namespace)."""

from intl_relations.staff import crud_urls

from . import views

urlpatterns = [
    *crud_urls(
        "consulates",
        list_view=views.ConsulateList,
        detail_view=views.ConsulateDetail,
        create_view=views.ConsulateCreate,
        update_view=views.ConsulateUpdate,
        delete_view=views.ConsulateDelete,
    ),
    *crud_urls(
        "diaspora-groups",
        list_view=views.DiasporaGroupList,
        detail_view=views.DiasporaGroupDetail,
        create_view=views.DiasporaGroupCreate,
        update_view=views.DiasporaGroupUpdate,
        delete_view=views.DiasporaGroupDelete,
    ),
]
