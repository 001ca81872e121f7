from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from intl_relations.api_base import ErrorDocumentingAutoSchema
from intl_relations.permissions import Action
from reports.models import ReportRun
from reports.selectors import report_runs_for
from reports.services import report_publish, report_request
from reports.views import FORMATS, serve_output

from .serializers import ReportPublishSerializer, ReportRequestSerializer, ReportRunSerializer


class ReportRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Annual report runs. Starting one answers at once (202); poll its ``status_url``.

    Staff see every run; everyone else sees the published reports.
    """

    schema = ErrorDocumentingAutoSchema()
    queryset = ReportRun.objects.all()
    serializer_class = ReportRunSerializer
    filterset_fields = ["year", "status", "published", "local_government"]
    ordering_fields = ["year", "created_at"]
    search_fields: list[str] = []
    permission_action: Action | None = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return ReportRun.objects.none()
        return report_runs_for(self.request.user)

    @extend_schema(
        summary=_("Start the annual report of a year"),
        request=ReportRequestSerializer,
        responses={202: ReportRunSerializer},
    )
    def create(self, request: Any) -> Response:
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = report_request(
            year=serializer.validated_data["year"],
            user=request.user,
            local_government=serializer.validated_data.get("local_government"),
        )
        run.refresh_from_db()
        data = ReportRunSerializer(run, context=self.get_serializer_context()).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["status_url"]}
        )

    @extend_schema(
        summary=_("Publish a finished report on the public portal, or withdraw it"),
        request=ReportPublishSerializer,
        responses={200: ReportRunSerializer},
    )
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def publish(self, request: Any, pk: str | None = None) -> Response:
        run = self.get_object()
        serializer = ReportPublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = report_publish(
            run=run, user=request.user, published=serializer.validated_data["published"]
        )
        return Response(ReportRunSerializer(run, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Download an output of the report (html, pdf or xlsx)"),
        parameters=[
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS)),
        ],
        # The format's own media type, as ``serve_output`` sends it.
        responses={
            (200, content_type.split(";")[0]): OpenApiTypes.BINARY
            for _field, content_type in FORMATS.values()
        },
    )
    @action(detail=True, methods=["get"], url_path=r"download/(?P<fmt>html|pdf|xlsx)")
    def download(self, request: Any, pk: str | None = None, fmt: str = "pdf") -> Any:
        run = self.get_object()
        if fmt not in FORMATS:
            raise Http404
        return serve_output(run, fmt, inline=False)
