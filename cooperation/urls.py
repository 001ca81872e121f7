"""Staff pages of the cooperation app (included in the ``staff`` namespace)."""

from intl_relations.staff import crud_urls

from . import views

urlpatterns = [
    *crud_urls(
        "networks",
        list_view=views.NetworkList,
        detail_view=views.NetworkDetail,
        create_view=views.NetworkCreate,
        update_view=views.NetworkUpdate,
        delete_view=views.NetworkDelete,
    ),
    *crud_urls(
        "network-memberships",
        list_view=views.NetworkMembershipList,
        detail_view=views.NetworkMembershipDetail,
        create_view=views.NetworkMembershipCreate,
        update_view=views.NetworkMembershipUpdate,
        delete_view=views.NetworkMembershipDelete,
    ),
    *crud_urls(
        "projects",
        list_view=views.CooperationProjectList,
        detail_view=views.CooperationProjectDetail,
        create_view=views.CooperationProjectCreate,
        update_view=views.CooperationProjectUpdate,
        delete_view=views.CooperationProjectDelete,
    ),
    *crud_urls(
        "budget-lines",
        list_view=views.BudgetLineList,
        detail_view=views.BudgetLineDetail,
        create_view=views.BudgetLineCreate,
        update_view=views.BudgetLineUpdate,
        delete_view=views.BudgetLineDelete,
    ),
]
