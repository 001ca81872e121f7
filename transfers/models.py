from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from intl_relations.db import TimeStampedModel

from .choices import ImportKind, ImportStatus
from .engine import CoordinateConflict, ImportOptions


def import_file_path(instance: "ImportJob", filename: str) -> str:
    return f"imports/{filename}"


class ImportJob(TimeStampedModel):
    """One upload of a CSV or XLSX file, checked (preview) and then saved, like a job.

    The file is checked row by row first; a file with a single bad row saves nothing
    and keeps the row-by-row report. Checking and saving run in a Celery task that
    receives the job's id and records its status, progress and counts here.
    """

    kind = models.CharField(_("kind of records"), max_length=30, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=import_file_path, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    dry_run = models.BooleanField(
        _("preview only"), default=True, help_text=_("Check the file without saving anything.")
    )
    mapping = models.JSONField(
        _("columns"),
        default=dict,
        blank=True,
        help_text=_("The field each column of the file feeds (empty: the column is ignored)."),
    )
    constants = models.JSONField(
        _("values for every row"),
        default=dict,
        blank=True,
        help_text=_("A value per field, used on every row whose cell is empty or absent."),
    )
    skip_bad_rows = models.BooleanField(
        _("skip the rejected rows"),
        default=False,
        help_text=_("Save the good rows and give the rejected ones back as a file to fix."),
    )
    merge_accents = models.BooleanField(
        _("merge names differing only by accents"),
        default=False,
        help_text=_("Treat “Furth” and “Fürth” as one place (by default they are two)."),
    )
    merge_places = models.JSONField(
        _("places merged in the preview"),
        default=list,
        blank=True,
        help_text=_("Names differing only by accents that the user chose to treat as one place."),
    )
    coordinates = models.CharField(
        _("two coordinate pairs for one city"),
        max_length=10,
        choices=CoordinateConflict.choices,
        default=CoordinateConflict.STOP,
    )
    create_local_governments = models.BooleanField(
        _("create the home local governments"),
        default=False,
        help_text=_(
            "Pair files: a city of the portal's country that is not yet one of its local "
            "governments becomes one."
        ),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_count = models.PositiveIntegerField(_("created"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    duplicate_count = models.PositiveIntegerField(_("repeated in the file"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    report = models.JSONField(
        _("row-by-row report"),
        default=dict,
        blank=True,
        help_text=_("The rows (line, outcome, record, errors) and the file's own errors."),
    )
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="import_progress_at_most_100",
                violation_error_message=_("Progress cannot exceed 100 %%."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name or self.file.name}"

    @property
    def options(self) -> ImportOptions:
        return ImportOptions(
            mapping=dict(self.mapping or {}),
            constants=dict(self.constants or {}),
            skip_bad_rows=self.skip_bad_rows,
            merge_accents=self.merge_accents,
            merge_places=tuple(self.merge_places or ()),
            coordinates=self.coordinates,
            create_local_governments=self.create_local_governments,
        )

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING)

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.PREVIEWED and (
            self.rejected_count == 0 or self.skip_bad_rows
        )

    @property
    def can_remap(self) -> bool:
        """The columns can be matched again while nothing has been saved."""
        return self.dry_run and self.status in (
            ImportStatus.MAPPING,
            ImportStatus.PREVIEWED,
            ImportStatus.REJECTED,
        )


class SavedMapping(TimeStampedModel):
    """A mapping of columns and values for every row, saved by name to be used again."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind of records"), max_length=30, choices=ImportKind.choices)
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    constants = models.JSONField(_("values for every row"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_mappings",
    )

    class Meta:
        verbose_name = _("saved import mapping")
        verbose_name_plural = _("saved import mappings")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name"],
                name="import_mapping_name_unique_per_kind",
                violation_error_message=_("A mapping of this kind already has this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
