from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import RunStatus

YEAR = [MinValueValidator(1950), MaxValueValidator(2200)]


def report_output_path(instance: "ReportRun", filename: str) -> str:
    return f"reports/{instance.year}/{filename}"


class ReportRun(TimeStampedModel):
    """One production of the annual activity report (bilan annuel) for a year.

    The background job records its progress here; a repeated run for the same year
    replaces its own outputs.
    """

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    local_government = models.ForeignKey(
        "partnerships.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_runs",
        help_text=_("Empty for a report on every local government of the portal."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_message = models.CharField(_("current step"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    html_file = models.FileField(_("HTML page"), upload_to=report_output_path, blank=True)
    pdf_file = models.FileField(_("PDF"), upload_to=report_output_path, blank=True)
    xlsx_file = models.FileField(_("spreadsheet"), upload_to=report_output_path, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="report_progress_at_most_100",
                # "%%": Django formats the message with the constraint's name.
                violation_error_message=_("Progress cannot exceed 100 %%."),
            ),
            models.CheckConstraint(
                condition=Q(published=False) | Q(status=RunStatus.DONE),
                name="only_finished_reports_published",
                violation_error_message=_("Only a finished report can be published."),
            ),
        ]

    def __str__(self) -> str:
        return _("Annual report %(year)s") % {"year": self.year}


class ReportHighlight(TimeStampedModel):
    """A highlight of the year written by staff, shown at the top of the report."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report highlight")
        verbose_name_plural = _("report highlights")
        ordering = ["-year", "position", "title"]

    def __str__(self) -> str:
        return f"{self.year} – {self.title}"
