from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from transfers.choices import ImportKind
from transfers.models import ImportJob


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices, help_text=_("What the file holds."))
    file = serializers.FileField(
        help_text=_("A CSV or XLSX file; its first line names the columns.")
    )


class IssueSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    column = serializers.CharField()
    value = serializers.CharField()
    reason = serializers.CharField()


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    outcome = serializers.CharField(allow_null=True)
    record = serializers.CharField()
    changes = serializers.ListField(child=serializers.CharField(), required=False)
    notes = serializers.ListField(child=serializers.CharField(), required=False)
    errors = IssueSerializer(many=True, required=False)


class ImportJobSerializer(serializers.ModelSerializer):
    """An import: its status, counts and the row-by-row report."""

    rows = serializers.SerializerMethodField()
    file_errors = serializers.SerializerMethodField()
    report_csv_url = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "status",
            "dry_run",
            "original_name",
            "total_rows",
            "processed_rows",
            "progress",
            "created_count",
            "changed_count",
            "unchanged_count",
            "duplicate_count",
            "rejected_count",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
            "report_csv_url",
            "file_errors",
            "rows",
        ]
        read_only_fields = fields

    def _report(self, job: ImportJob) -> dict[str, Any]:
        return job.report if isinstance(job.report, dict) else {}

    def get_rows(self, job: ImportJob) -> list[dict[str, Any]]:
        return ImportRowSerializer(self._report(job).get("rows", []), many=True).data

    def get_file_errors(self, job: ImportJob) -> list[dict[str, Any]]:
        return IssueSerializer(self._report(job).get("file_errors", []), many=True).data

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_status_url(self, job: ImportJob) -> str:
        return self._absolute(reverse("api:import-detail", args=[job.pk]))

    def get_report_csv_url(self, job: ImportJob) -> str:
        return self._absolute(reverse("api:import-report-csv", args=[job.pk]))
