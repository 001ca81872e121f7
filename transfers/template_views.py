"""Downloads of the blank import templates, from the staff import page and the API."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from intl_relations.api_base import ErrorDocumentingAutoSchema
from intl_relations.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from intl_relations.permissions import Action
from intl_relations.staff import StaffAccessMixin

from .importers import IMPORTERS
from .models import ImportJob
from .templates_files import template_csv, template_xlsx

BUILDERS = {"csv": (template_csv, CSV_CONTENT_TYPE), "xlsx": (template_xlsx, XLSX_CONTENT_TYPE)}


def template_response(kind: str, extension: str) -> HttpResponse:
    if kind not in IMPORTERS:
        raise Http404(_("There is no import of this kind."))
    build, content_type = BUILDERS[extension]
    response = HttpResponse(build(kind), content_type=content_type)
    filename = f"template-{kind.replace('_', '-')}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportTemplateView(StaffAccessMixin, View):
    """The blank template of one kind (editors and administrators, as for imports)."""

    model = ImportJob
    permission_action = Action.ADD
    extension = "csv"

    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        return template_response(kind, self.extension)


class ImportTemplateAPIView(APIView):
    """A blank import template: the headers the import of ``kind`` accepts."""

    # The error answers (401, 403, 404 for an unknown kind…) documented like every call's.
    schema = ErrorDocumentingAutoSchema()

    queryset = ImportJob.objects.none()
    permission_action = Action.ADD
    extension = "csv"

    def get(self, request: Request, kind: str) -> HttpResponse:
        return template_response(kind, self.extension)


class ImportTemplateCSVAPIView(ImportTemplateAPIView):
    extension = "csv"

    @extend_schema(
        operation_id="imports_template_csv",
        summary=_("A blank import template as CSV"),
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, kind: str) -> HttpResponse:
        return super().get(request, kind)


class ImportTemplateXLSXAPIView(ImportTemplateAPIView):
    extension = "xlsx"

    @extend_schema(
        operation_id="imports_template_xlsx",
        summary=_("A blank import template as an Excel workbook, with a help sheet"),
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, kind: str) -> HttpResponse:
        return super().get(request, kind)
