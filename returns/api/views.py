"""``/api/v1/returns/``: the e-APD worksheet, the IATI activity file, the atlas sheet."""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from cooperation.models import BudgetLine
from downloads.api.accepted import ACCEPTED, BIG_EXPORTS, accepted_if_big
from intl_relations.api_base import ErrorDocumentingAutoSchema
from intl_relations.exports import XLSX_CONTENT_TYPE
from intl_relations.permissions import Action, can, is_staff_role
from returns.atlas import atlas_rows
from returns.eapd import eapd_declaration, year_from
from returns.exports import atlas_response, eapd_response, iati_response
from returns.iati import iati_activities_xml
from returns.views import ATLAS_TITLE

from .serializers import DeclarationSerializer

YEAR = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    description=_("The year declared (default: the previous calendar year)."),
)
LOCAL_GOVERNMENT = OpenApiParameter(
    "local_government",
    OpenApiTypes.INT,
    description=_("Only this local government's projects (default: all of the portal's)."),
)


ATLAS_EXPORTS = format_lazy(
    "{} {}", _("Takes the filters of the partnership list (/api/v1/partnerships/)."), BIG_EXPORTS
)


class OfficeStaffReadsBudgets(BasePermission):
    """Office staff who may read the budget lines, through the one permission helper."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_staff_role(request.user) and can(request.user, Action.VIEW, BudgetLine)


class ReturnsViewSet(viewsets.ViewSet):
    """Official returns built from the portal's data (office staff only)."""

    schema = ErrorDocumentingAutoSchema()
    permission_classes = [OfficeStaffReadsBudgets]

    def _declaration(self, request: Request) -> Any:
        return eapd_declaration(
            user=request.user,
            year=year_from(request.query_params),
            local_government=request.query_params.get("local_government"),
        )

    @extend_schema(
        summary=_("The e-APD worksheet of a year"),
        parameters=[YEAR, LOCAL_GOVERNMENT],
        responses=DeclarationSerializer,
    )
    @action(detail=False, methods=["get"], url_path="e-apd", url_name="e-apd")
    def eapd(self, request: Request) -> Response:
        return Response(DeclarationSerializer(self._declaration(request)).data)

    @extend_schema(
        summary=_("The e-APD worksheet as CSV"),
        parameters=[YEAR, LOCAL_GOVERNMENT],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"], url_path=r"e-apd\.csv", url_name="e-apd-csv")
    def eapd_csv(self, request: Request) -> Any:
        return eapd_response(self._declaration(request), "csv")

    @extend_schema(
        summary=_("The e-APD worksheet as an Excel workbook"),
        parameters=[YEAR, LOCAL_GOVERNMENT],
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"], url_path=r"e-apd\.xlsx", url_name="e-apd-xlsx")
    def eapd_xlsx(self, request: Request) -> Any:
        return eapd_response(self._declaration(request), "xlsx")

    @extend_schema(
        summary=_("The IATI 2.03 activity file of a year's cooperation projects"),
        parameters=[YEAR, LOCAL_GOVERNMENT],
        responses={(200, "application/xml"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"], url_path=r"iati\.xml", url_name="iati-xml")
    def iati_xml(self, request: Request) -> Any:
        year = year_from(request.query_params)
        xml = iati_activities_xml(
            user=request.user,
            year=year,
            local_government=request.query_params.get("local_government"),
        )
        return iati_response(xml, year)

    def _atlas(self, request: Request, fmt: str) -> Any:
        filters = request.query_params.copy()
        rows = atlas_rows(user=request.user, filters=filters)
        later = accepted_if_big(request, fmt, rows, title=str(ATLAS_TITLE))
        return later or atlas_response(rows, fmt)

    @extend_schema(
        summary=_("The partnership sheet of the national atlas, as CSV"),
        description=ATLAS_EXPORTS,
        responses={(200, "text/csv"): OpenApiTypes.BINARY, **ACCEPTED},
    )
    @action(detail=False, methods=["get"], url_path=r"atlas\.csv", url_name="atlas-csv")
    def atlas_csv(self, request: Request) -> Any:
        return self._atlas(request, "csv")

    @extend_schema(
        summary=_("The partnership sheet of the national atlas, as an Excel workbook"),
        description=ATLAS_EXPORTS,
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY, **ACCEPTED},
    )
    @action(detail=False, methods=["get"], url_path=r"atlas\.xlsx", url_name="atlas-xlsx")
    def atlas_xlsx(self, request: Request) -> Any:
        return self._atlas(request, "xlsx")
