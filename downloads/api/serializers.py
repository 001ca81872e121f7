from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from downloads.models import Download, DownloadStatus


class DownloadSerializer(serializers.ModelSerializer):
    """A big list's file as a job: its status, then the address of its file."""

    list = serializers.CharField(source="title", help_text=_("The list the file holds."))
    status_url = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()
    expires_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Download
        fields = [
            "id",
            "list",
            "format",
            "rows",
            "status",
            "error",
            "size",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "status_url",
            "file_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_status_url(self, download: Download) -> str:
        return reverse(
            "api:download-detail", args=[download.pk], request=self.context.get("request")
        )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file_url(self, download: Download) -> str | None:
        """Set once the file is ready."""
        if download.status != DownloadStatus.DONE:
            return None
        return reverse("api:download-file", args=[download.pk], request=self.context.get("request"))
