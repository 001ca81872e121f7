from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transfers.choices import ImportKind
from transfers.engine import CoordinateConflict, ImportOptions
from transfers.models import ImportJob, SavedMapping


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "example": {"city2": "partner_city", "Notes": ""},
    }
)
class MappingField(serializers.JSONField):
    """A JSON object: file header → field key ("" ignores the column)."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict) or not all(
            isinstance(key, str) and isinstance(item, str) for key, item in value.items()
        ):
            raise serializers.ValidationError(_("Give a JSON object of texts."))
        return value


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "boolean"}, {"type": "number"}]
        },
        "example": {"kind": "twinning", "status": "active", "published": True},
    }
)
class ConstantsField(serializers.JSONField):
    """A JSON object: field key → value used on every row whose cell is empty or absent."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict) or not all(
            isinstance(item, str | bool | int | float) for item in value.values()
        ):
            raise serializers.ValidationError(
                _("Give a JSON object of texts, numbers or booleans.")
            )
        return value


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices, help_text=_("What the file holds."))
    file = serializers.FileField(
        help_text=_("A CSV or XLSX file; its first line names the columns.")
    )
    mapping = MappingField(
        binary=True,
        required=False,
        help_text=_(
            "JSON object: the field each column of the file feeds, by its header "
            '("" ignores the column). Columns not named are matched by their headers.'
        ),
    )
    constants = ConstantsField(
        binary=True,
        required=False,
        help_text=_("JSON object: a value per field, used on every row whose cell is empty."),
    )
    saved_mapping = serializers.CharField(
        required=False,
        help_text=_("Name of a saved mapping of this kind to start from."),
    )
    merge_accents = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Treat place names differing only by accents as one place."),
    )
    merge_places = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=_(
            "Names differing only by accents to treat as one place (the keys of a preview's "
            "accent_twins)."
        ),
    )
    coordinates = serializers.ChoiceField(
        choices=CoordinateConflict.choices,
        default=CoordinateConflict.STOP,
        help_text=_(
            "When the file gives one city two different pairs of coordinates: stop (reject "
            "the row), first or last (keep that pair)."
        ),
    )
    create_local_governments = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Partnerships from a pair file: when neither city of a row is a local government "
            "of the portal, the one in the portal's country becomes one."
        ),
    )
    skip_bad_rows = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Save the good rows and skip the rejected ones (download them from "
            "rejected_csv_url); by default a single rejected row saves nothing."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        mapping: dict[str, str] = {}
        constants: dict[str, Any] = {}
        name = attrs.get("saved_mapping")
        if name:
            saved = SavedMapping.objects.filter(kind=attrs["kind"], name=name).first()
            if saved is None:
                raise serializers.ValidationError(
                    {"saved_mapping": _("No saved mapping of this kind has this name.")}
                )
            mapping.update(saved.mapping)
            constants.update(saved.constants)
        mapping.update(attrs.get("mapping") or {})
        constants.update(attrs.get("constants") or {})
        attrs["options"] = ImportOptions(
            mapping=mapping,
            constants=constants,
            merge_accents=attrs["merge_accents"],
            merge_places=tuple(attrs["merge_places"]),
            skip_bad_rows=attrs["skip_bad_rows"],
            coordinates=attrs["coordinates"],
            create_local_governments=attrs["create_local_governments"],
        )
        return attrs


class IssueSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    column = serializers.CharField()
    value = serializers.CharField()
    reason = serializers.CharField()


class AccentTwinSerializer(serializers.Serializer):
    """A new place spelled like a known one but for accents (imported as another place)."""

    key = serializers.CharField(help_text=_("Give it in merge_places to merge them."))
    names = serializers.ListField(child=serializers.CharField())
    line = serializers.IntegerField()


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
    accent_twins = serializers.SerializerMethodField()
    file_errors = serializers.SerializerMethodField()
    report_csv_url = serializers.SerializerMethodField()
    rejected_csv_url = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "status",
            "dry_run",
            "original_name",
            "mapping",
            "constants",
            "skip_bad_rows",
            "merge_accents",
            "merge_places",
            "coordinates",
            "create_local_governments",
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
            "rejected_csv_url",
            "file_errors",
            "accent_twins",
            "rows",
        ]
        read_only_fields = fields

    def _report(self, job: ImportJob) -> dict[str, Any]:
        return job.report if isinstance(job.report, dict) else {}

    def get_rows(self, job: ImportJob) -> list[dict[str, Any]]:
        return ImportRowSerializer(self._report(job).get("rows", []), many=True).data

    def get_accent_twins(self, job: ImportJob) -> list[dict[str, Any]]:
        return AccentTwinSerializer(self._report(job).get("accent_twins", []), many=True).data

    def get_file_errors(self, job: ImportJob) -> list[dict[str, Any]]:
        return IssueSerializer(self._report(job).get("file_errors", []), many=True).data

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_status_url(self, job: ImportJob) -> str:
        return self._absolute(reverse("api:import-detail", args=[job.pk]))

    def get_rejected_csv_url(self, job: ImportJob) -> str | None:
        if not job.rejected_count or not job.file:
            return None
        return self._absolute(reverse("api:import-rejected-csv", args=[job.pk]))

    def get_report_csv_url(self, job: ImportJob) -> str:
        return self._absolute(reverse("api:import-report-csv", args=[job.pk]))
