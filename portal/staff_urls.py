"""Staff pages of proposals (included in the ``staff`` namespace)."""

from intl_relations.staff import crud_urls

from . import staff_views as views

urlpatterns = crud_urls(
    "proposals",
    list_view=views.ProposalList,
    detail_view=views.ProposalDetail,
    update_view=views.ProposalUpdate,
    delete_view=views.ProposalDelete,
)
