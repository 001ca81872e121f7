"""Staff pages of the insight app: partnerships going quiet, the partners' balance."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from intl_relations import exports, staff
from partnerships.models import PartnerCity, Partnership

from . import selectors
from .exports import health_columns, reciprocity_columns
from .filtersets import PartnerCityReciprocityFilterSet, PartnershipHealthFilterSet
from .tables import PartnerCityReciprocityTable, PartnershipHealthTable


class InsightListView(staff.StaffListView):
    """A staff list of computed figures: its own title and lead, no "add" button."""

    title: Any = ""
    lead: Any = ""
    filename = "export"

    def export_columns(self) -> list[exports.Column]:
        raise NotImplementedError

    def export(self, queryset: Any, fmt: str) -> HttpResponse:
        columns = self.export_columns()
        filename = slugify(str(self.filename))
        if fmt == "csv":
            return exports.csv_response(queryset, columns, filename)
        return exports.xlsx_response(queryset, columns, filename, title=str(self.title))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            response.context_data.update(title=self.title, lead=self.lead, add_url=None)
        return response


class PartnershipHealthList(InsightListView):
    """Open partnerships, quietest first, with their verdict, reasons and next step."""

    model = Partnership
    selector = staticmethod(selectors.partnership_health_list)
    filterset_class = PartnershipHealthFilterSet
    table_class = PartnershipHealthTable
    template_name = "insight/list.html"
    title = _("Partnerships going quiet")
    lead = _(
        "The verdict comes from the records themselves: delegations both ways, exchange "
        "participants, cooperation spending, follow-up actions, documents, contacts, "
        "signing and renewals. Quietest first."
    )
    filename = "partnership-health"
    filter_form_fields = (
        "q",
        "verdict",
        "status",
        "kind",
        "country",
        "local_government",
        "quiet_since",
    )

    def export_columns(self) -> list[exports.Column]:
        return health_columns()


class PartnerCityReciprocityList(InsightListView):
    """Every partner city with the balance of visits, exchanges and money both ways."""

    model = PartnerCity
    selector = staticmethod(selectors.partner_city_reciprocity_list)
    filterset_class = PartnerCityReciprocityFilterSet
    table_class = PartnerCityReciprocityTable
    template_name = "insight/list.html"
    title = _("Reciprocity with the partner cities")
    lead = _(
        "Who visits us and we never visit: sort by the delegation balance (received "
        "minus sent). Choose a period to count only what happened in it."
    )
    filename = "partner-city-reciprocity"
    filter_form_fields = ("q", "country", "kind", "partnership_status", "date_from", "date_to")

    def export_columns(self) -> list[exports.Column]:
        return reciprocity_columns()
