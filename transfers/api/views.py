"""``/api/v1/imports/``: upload a file (preview with ``?dry_run=true``), confirm, report."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from intl_relations.api_base import ErrorDocumentingAutoSchema
from intl_relations.exports import csv_response
from intl_relations.permissions import Action, restrict
from transfers.choices import ImportStatus
from transfers.models import ImportJob
from transfers.services import import_job_confirm, import_job_start
from transfers.views import rejected_rows_response, report_columns, report_lines

from .serializers import ImportJobSerializer, ImportUploadSerializer

DRY_RUN = OpenApiParameter(
    "dry_run", OpenApiTypes.BOOL, description=_("Check the file and report, saving nothing.")
)
# The answer's status tells what happened: checked (200), saved (201), still running in
# the background (202), or rejected with nothing saved (400, with the report).
STATUS_CODES = {
    ImportStatus.PREVIEWED: status.HTTP_200_OK,
    ImportStatus.DONE: status.HTTP_201_CREATED,
    ImportStatus.REJECTED: status.HTTP_400_BAD_REQUEST,
    ImportStatus.FAILED: status.HTTP_400_BAD_REQUEST,
}


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Imports of CSV or XLSX files (editors and administrators), all or nothing.

    ``POST`` a multipart form with ``kind`` and ``file``; ``?dry_run=true`` only checks.
    ``mapping`` (JSON) matches the file's columns to fields and ``constants`` (JSON) gives
    fields a value for every row, as the staff pages' mapping step does.
    The answer is the import with its row-by-row report. A large file may still be running
    (202): poll its ``status_url``.
    """

    schema = ErrorDocumentingAutoSchema()
    queryset = ImportJob.objects.all()
    serializer_class = ImportJobSerializer
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["kind", "status"]
    ordering_fields = ["created_at"]
    search_fields = ["original_name"]
    permission_action: Action | None = None

    def get_queryset(self) -> Any:
        return restrict(ImportJob.objects.select_related("requested_by"), self.request.user)

    def _answer(self, job: ImportJob) -> Response:
        job.refresh_from_db()
        data = self.get_serializer(job).data
        code = STATUS_CODES.get(job.status, status.HTTP_202_ACCEPTED)
        return Response(data, status=code, headers={"Location": data["status_url"]})

    @extend_schema(
        summary=_("Import a file (or only check it with dry_run)"),
        request={"multipart/form-data": ImportUploadSerializer},
        parameters=[DRY_RUN],
        responses={
            200: ImportJobSerializer,
            201: ImportJobSerializer,
            202: ImportJobSerializer,
        },
    )
    def create(self, request: Request) -> Response:
        serializer = ImportUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dry_run = _truthy(request.query_params.get("dry_run", request.data.get("dry_run", "")))
        job = import_job_start(
            user=request.user,
            kind=serializer.validated_data["kind"],
            upload=serializer.validated_data["file"],
            dry_run=dry_run,
            options=serializer.validated_data["options"],
        )
        return self._answer(job)

    @extend_schema(
        summary=_("Save a checked file"),
        request=None,
        responses={201: ImportJobSerializer, 202: ImportJobSerializer},
    )
    @action(detail=True, methods=["post"], permission_action=Action.ADD)
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        job = import_job_confirm(job=self.get_object(), user=request.user)
        return self._answer(job)

    @extend_schema(
        summary=_("The row-by-row report as CSV"),
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=True, methods=["get"], url_path="report.csv", url_name="report-csv")
    def report_csv(self, request: Request, pk: str | None = None) -> Any:
        job = self.get_object()
        return csv_response(report_lines(job), report_columns(), f"import-{job.pk}-report")

    @extend_schema(
        summary=_("The rejected rows as CSV, to fix and import again"),
        description=_(
            "The file's own columns for each rejected row, and a last column saying what "
            "is wrong (ignored when the file is imported again)."
        ),
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=True, methods=["get"], url_path="rejected.csv", url_name="rejected-csv")
    def rejected_csv(self, request: Request, pk: str | None = None) -> Any:
        return rejected_rows_response(self.get_object())
