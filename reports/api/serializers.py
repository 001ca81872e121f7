from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from partnerships.models import LocalGovernment
from reports.models import YEAR, ReportRun


class ReportRunSerializer(serializers.ModelSerializer):
    """A report run as a job: status, progress, error, and its outputs once done."""

    status_url = serializers.SerializerMethodField()
    downloads = serializers.SerializerMethodField()
    requested_by = serializers.StringRelatedField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "year",
            "local_government",
            "status",
            "progress",
            "progress_message",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "attempts",
            "error",
            "published",
            "published_at",
            "status_url",
            "downloads",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_status_url(self, run: ReportRun) -> str:
        return reverse("api:report-detail", args=[run.pk], request=self.context.get("request"))

    @extend_schema_field(
        {
            "type": "object",
            "properties": {k: {"type": "string", "format": "uri"} for k in ("html", "pdf", "xlsx")},
        }
    )
    def get_downloads(self, run: ReportRun) -> dict[str, str]:
        request = self.context.get("request")
        return {
            fmt: reverse("api:report-download", args=[run.pk, fmt], request=request)
            for fmt, field in (("html", "html_file"), ("pdf", "pdf_file"), ("xlsx", "xlsx_file"))
            if getattr(run, field).name
        }


class ReportRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(validators=YEAR)
    local_government = serializers.PrimaryKeyRelatedField(
        queryset=LocalGovernment.objects.all(), required=False, allow_null=True
    )

    def validate_year(self, year: int) -> int:
        if year > timezone.localdate().year:
            raise serializers.ValidationError(_("A report covers a year that has begun."))
        return year


class ReportPublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(default=True)

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(data or {})
