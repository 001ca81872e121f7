"""Generic bases of the staff pages at ``/staff/``.

Each app's staff views are short declarations on these bases (NetBox's habit): a
model, the selector that gives its tuned queryset, the shared FilterSet, a table and
a form. The bases do the rest the same way everywhere:

* who may see the page (``access``): one mixin asks the permission helper (``can`` /
  ``restrict``); anonymous visitors are sent to sign in, partner members get 403, rows
  out of scope 404; ``crud_urls`` mounts a model's pages;
* lists (``lists``, with the tables of ``tables``): FilterSet form with its ``q``
  search, sortable columns, pagination, CSV and XLSX export of the filtered rows
  through the shared exports module;
* details (``details``): fields, related records, and the record's history (who,
  when, what changed);
* writes (``edits``, with the form base of ``forms``): ModelForms whose ``save`` goes
  through the generic services with the user, a delete confirmation that explains a
  protected record instead of failing, and workflow actions.
"""

from .access import (
    ModelStaffView,
    StaffAccessMixin,
    StaffPageView,
    crud_urls,
    staff_url,
    url_name,
)
from .details import (
    HISTORY_CHANGES,
    HISTORY_LIMIT,
    RELATED_PER_PAGE,
    Related,
    StaffDetailView,
    display_value,
    history_of,
)
from .edits import (
    RowRejectedError,
    StaffActionView,
    StaffCreateView,
    StaffDeleteView,
    StaffFormView,
    StaffUpdateView,
    form_data,
    save_form,
    save_formset,
    share_choices,
    workflow_action,
)
from .forms import (
    StaffModelForm,
)
from .lists import (
    CHECKBOX_LIMIT,
    EXPORT_FORMATS,
    PER_PAGE,
    StaffListView,
    bad_filters_response,
    filter_errors,
)
from .tables import (
    CountryColumn,
    DateColumn,
    DateTimeColumn,
    LinkColumn,
    ManyColumn,
    StaffTable,
    StatusColumn,
    YesNoColumn,
    detail_link,
    related_link,
)

__all__ = [
    "CHECKBOX_LIMIT",
    "EXPORT_FORMATS",
    "HISTORY_CHANGES",
    "HISTORY_LIMIT",
    "PER_PAGE",
    "RELATED_PER_PAGE",
    "CountryColumn",
    "DateColumn",
    "DateTimeColumn",
    "LinkColumn",
    "ManyColumn",
    "ModelStaffView",
    "Related",
    "RowRejectedError",
    "StaffAccessMixin",
    "StaffActionView",
    "StaffCreateView",
    "StaffDeleteView",
    "StaffDetailView",
    "StaffFormView",
    "StaffListView",
    "StaffModelForm",
    "StaffPageView",
    "StaffTable",
    "StaffUpdateView",
    "StatusColumn",
    "YesNoColumn",
    "bad_filters_response",
    "crud_urls",
    "detail_link",
    "display_value",
    "filter_errors",
    "form_data",
    "history_of",
    "related_link",
    "save_form",
    "save_formset",
    "share_choices",
    "staff_url",
    "url_name",
    "workflow_action",
]
