"""``/api/v1/downloads/``: the files of big lists, prepared by a worker.

An export of more rows than ``DOWNLOAD_CSV_INLINE_ROWS`` or ``DOWNLOAD_XLSX_INLINE_ROWS``
answers 202 at once with the download below (and its address in ``Location``), as the
staff pages send the browser to the download's page: poll ``status_url`` until
``status`` is ``done``, then fetch ``file_url``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from downloads.models import Download
from downloads.services import downloads_for
from downloads.views import CONTENT_TYPES, file_response
from intl_relations.api_base import ErrorDocumentingAutoSchema
from intl_relations.permissions import RolePermission

from .accepted import download_answer
from .serializers import DownloadSerializer


class DownloadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's own downloads, newest first; nobody else's, administrators included.

    Each is kept ``DOWNLOADS_KEEP_DAYS`` days, then its file is deleted.
    """

    schema = ErrorDocumentingAutoSchema()
    permission_classes = [IsAuthenticated, RolePermission]
    queryset = Download.objects.all()
    serializer_class = DownloadSerializer
    filterset_fields = ["status", "format"]
    ordering_fields = ["created_at"]
    search_fields: list[str] = []
    http_method_names = ["get", "head", "options"]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Download.objects.none()
        return downloads_for(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One download: ``Retry-After`` says when to ask again while it is prepared."""
        return download_answer(request, self.get_object())

    @extend_schema(
        summary=_("The download's file, once it is ready"),
        responses={
            (200, content_type.split(";")[0]): OpenApiTypes.BINARY
            for content_type in CONTENT_TYPES.values()
        },
    )
    @action(detail=True, methods=["get"], url_path="file")
    def file(self, request: Request, pk: str | None = None) -> Any:
        return file_response(self.get_object())
