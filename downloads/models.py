"""A whole-list download too big to build during the click: built by a worker, kept a
few days for whoever asked for it."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intl_relations.db import TimeStampedModel


class DownloadStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class DownloadFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


def download_path(instance: Download, filename: str) -> str:
    # A random folder per file: its name says nothing and cannot be guessed.
    return f"downloads/{secrets.token_hex(16)}/{filename}"


class Download(TimeStampedModel):
    """The CSV or XLSX of a staff list as it was filtered and sorted when asked for.

    ``path`` and ``query`` are the list's address and its query string: the worker asks
    the list itself for the file, as its requester, so the file holds exactly what the
    list's own export would, and nothing the requester may no longer see.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="downloads",
    )
    title = models.CharField(_("list"), max_length=200)
    path = models.CharField(_("address"), max_length=500)
    query = models.TextField(_("filters and order"), blank=True)
    format = models.CharField(_("format"), max_length=4, choices=DownloadFormat.choices)
    language = models.CharField(_("language"), max_length=10)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=DownloadStatus.choices, default=DownloadStatus.QUEUED
    )
    file = models.FileField(_("file"), upload_to=download_path, blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_format_display()})"

    @property
    def active(self) -> bool:
        return self.status in (DownloadStatus.QUEUED, DownloadStatus.RUNNING)

    @property
    def expires_at(self) -> datetime.datetime:
        """When the nightly clean-up deletes it (``DOWNLOADS_KEEP_DAYS`` after it was asked)."""
        return self.created_at + datetime.timedelta(days=settings.DOWNLOADS_KEEP_DAYS)

    @property
    def through_api(self) -> bool:
        """Asked for through the REST API (its list is an export address, not a page)."""
        return self.path.startswith("/api/")

    @property
    def list_url(self) -> str:
        """The list as it was when the file was asked for (its filters and order)."""
        from django.http import QueryDict

        query = QueryDict(self.query, mutable=True)
        query.pop("export", None)
        encoded = query.urlencode()
        return f"{self.path}?{encoded}" if encoded else self.path
