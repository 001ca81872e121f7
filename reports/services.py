"""Writes for the annual report: asking for a run, building it, publishing it.

A run is a job row: its status, progress, attempts and error are what staff see on
its page and through the API. The build is idempotent: each attempt writes the same
file names for its year (and local government), removes what an earlier attempt or an
earlier run for the same year left, and a run that is already done is not rebuilt
when the broker delivers its message again.
"""

from __future__ import annotations

import logging
import traceback
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from intl_relations.jobs import TRANSIENT_ERRORS, enqueue
from intl_relations.permissions import Action, can
from partnerships.models import LocalGovernment

from .choices import RunStatus
from .models import ReportRun, report_output_path

logger = logging.getLogger(__name__)

OUTPUT_FIELDS = ("html_file", "pdf_file", "xlsx_file")
EXTENSIONS = {"html_file": "html", "pdf_file": "pdf", "xlsx_file": "xlsx"}

# A run with no sign of life for this long is taken as abandoned (its worker died and
# the broker lost the message): asking again starts a new run instead of waiting on it.
STALE_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)

# After this many attempts (each redelivery after a crash counts) the run gives up
# instead of crashing workers forever.
MAX_ATTEMPTS = 5


class TransientReportError(Exception):
    """Raised by the build when an attempt failed for a reason worth retrying."""


def report_output_basename(run: ReportRun) -> str:
    """The deterministic file name (without extension) of a run's outputs."""
    if run.local_government_id:
        return f"bilan-{run.year}-cl{run.local_government_id}"
    return f"bilan-{run.year}"


def report_title(year: int, local_government: LocalGovernment | None) -> str:
    if local_government:
        return _("Annual activity report %(year)s – %(name)s") % {
            "year": year,
            "name": local_government.name,
        }
    return _("Annual activity report %(year)s") % {"year": year}


def report_language() -> str:
    """The portal's language, if the report's texts are translated into it; else English.

    The page says which language it is in (``<html lang>``): claiming French for
    untranslated English text would make screen readers mispronounce all of it.
    """
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        translated = _("Annual activity report %(year)s") != "Annual activity report %(year)s"
    return language if translated or language.startswith("en") else "en"


# --- asking for a run ----------------------------------------------------------------


def report_request(
    *, year: int, user: Any = None, local_government: LocalGovernment | None = None
) -> ReportRun:
    """Queue the annual report of ``year`` (for one local government, or all of them).

    While a run for the same year and scope is queued or running, it is returned
    instead of starting a second one. ``user`` is None for the yearly schedule.
    """
    if user is not None and not can(user, Action.ADD, ReportRun):
        raise PermissionDenied(_("You may not start a report."))
    with transaction.atomic():
        active = (
            ReportRun.objects.select_for_update()
            .filter(
                year=year,
                local_government=local_government,
                status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
            )
            .order_by("-created_at")
        )
        for run in active:
            if run.updated_at >= timezone.now() - STALE_AFTER:
                return run
            _mark_failed(run.pk, _("Abandoned: no progress for too long; a new run replaced it."))
        run = ReportRun(year=year, local_government=local_government, requested_by=user)
        run.full_clean()
        run.save()
        run_id = run.pk
        transaction.on_commit(lambda: _enqueue(run_id))
    return run


def _enqueue(run_id: int) -> None:
    from .tasks import build_report

    enqueue(build_report, run_id, unreachable=lambda error: _mark_failed(run_id, error))


# --- building it ---------------------------------------------------------------------


def _progress(run_id: int, percent: int, message: str) -> None:
    # A plain UPDATE, committed at once, so the run's page sees it while the build goes on.
    ReportRun.objects.filter(pk=run_id).update(
        progress=min(percent, 100), progress_message=str(message)[:200], updated_at=timezone.now()
    )


def _mark_failed(run_id: int, error: str) -> None:
    ReportRun.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED,
        error=error,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def report_build(*, run_id: int, may_retry: bool = False) -> ReportRun:
    """Compute the figures and write the HTML, PDF and XLSX of a run.

    A failure is recorded on the run (status failed, the error text) and the requester
    told. A transient failure (database or network) is raised as-is when ``may_retry``,
    so that the task retries it; the run then stays running with the error noted.
    """
    from .outputs import render_html, render_pdf, render_xlsx, report_document
    from .selectors import report_figures

    run = ReportRun.objects.select_related("local_government", "requested_by").get(pk=run_id)
    if run.status == RunStatus.DONE:
        logger.info("Report run %s is already done; nothing to do", run_id)
        return run
    if run.attempts >= MAX_ATTEMPTS:
        _mark_failed(run_id, _("Gave up after %(n)s attempts.") % {"n": run.attempts})
        run.refresh_from_db()
        _notify(run)
        return run
    now = timezone.now()
    ReportRun.objects.filter(pk=run_id).update(
        status=RunStatus.RUNNING,
        started_at=now,
        finished_at=None,
        attempts=F("attempts") + 1,
        progress=0,
        progress_message=_("Starting"),
        error="",
        updated_at=now,
    )
    labels = {
        "key_figures": _("Key figures counted"),
        "partnerships": _("Partnerships counted"),
        "delegations": _("Delegations counted"),
        "exchanges": _("Exchanges counted"),
        "consular_diaspora": _("Consular corps and diaspora counted"),
        "cooperation": _("Projects and budget counted"),
        "map": _("Partner cities located"),
        "highlights": _("Highlights gathered"),
        "reciprocity": _("Reciprocity counted"),
    }
    try:
        with translation.override(report_language()):
            title = report_title(run.year, run.local_government)
            figures = report_figures(
                year=run.year,
                local_government=run.local_government,
                on_step=lambda percent, key: _progress(run_id, percent, labels.get(key, key)),
            )
            # The charts are drawn once, for the page (and so the PDF) and the spreadsheet.
            sections = report_document(figures)
            html = render_html(figures, title=title, sections=sections)
            _progress(run_id, 65, _("HTML page and charts written"))
            pdf = render_pdf(render_html(figures, title=title, sections=sections, for_print=True))
            _progress(run_id, 85, _("PDF written"))
            xlsx = render_xlsx(figures, title=title, sections=sections)
            _progress(run_id, 95, _("Spreadsheet written"))
        run = _store_outputs(
            run_id, figures, {"html_file": html.encode(), "pdf_file": pdf, "xlsx_file": xlsx}
        )
    except TRANSIENT_ERRORS as exc:
        if may_retry:
            ReportRun.objects.filter(pk=run_id).update(
                progress_message=_("Interrupted, will retry: %(error)s") % {"error": exc},
                error=_("Attempt failed, retrying: %(error)s") % {"error": exc},
                updated_at=timezone.now(),
            )
            raise
        return _fail(run_id, exc)
    except Exception as exc:  # any failure is the run's: recorded and reported
        return _fail(run_id, exc)
    _notify(run)
    return run


def _fail(run_id: int, exc: BaseException) -> ReportRun:
    logger.error("Report run %s failed", run_id, exc_info=exc)
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    _mark_failed(run_id, detail[:5000])
    run = ReportRun.objects.select_related("requested_by").get(pk=run_id)
    _notify(run)
    return run


@transaction.atomic
def _store_outputs(run_id: int, figures: dict[str, Any], contents: dict[str, bytes]) -> ReportRun:
    """Write the outputs under their fixed names and retire older runs' files."""
    run = ReportRun.objects.select_for_update().get(pk=run_id)
    basename = report_output_basename(run)
    names: dict[str, str] = {}
    for field_name in OUTPUT_FIELDS:
        field_file = getattr(run, field_name)
        storage = field_file.storage
        target = report_output_path(run, f"{basename}.{EXTENSIONS[field_name]}")
        if field_file.name and field_file.name != target:
            storage.delete(field_file.name)  # this run's previous file under another name
        if storage.exists(target):
            storage.delete(target)  # an earlier attempt's or an earlier run's
        field_file.save(target.rsplit("/", 1)[-1], ContentFile(contents[field_name]), save=False)
        names[field_name] = field_file.name
    run.figures = figures
    run.status = RunStatus.DONE
    run.progress = 100
    run.progress_message = pgettext("report run status", "Done")
    run.error = ""
    run.finished_at = timezone.now()

    # A new run for a year supersedes the older ones: their files are removed (or were
    # just overwritten) and a publication carries over to the new report.
    older = (
        ReportRun.objects.select_for_update()
        .filter(year=run.year, local_government_id=run.local_government_id)
        .exclude(pk=run.pk)
    )
    for old in older:
        changed = False
        for field_name in OUTPUT_FIELDS:
            old_file = getattr(old, field_name)
            if old_file.name:
                if old_file.name not in names.values():
                    old_file.storage.delete(old_file.name)
                setattr(old, field_name, "")
                changed = True
        if old.published:
            old.published = False
            run.published = True
            run.published_at = timezone.now()
            changed = True
        if changed:
            old.save(update_fields=[*OUTPUT_FIELDS, "published", "updated_at"])
    run.save()
    return run


def _notify(run: ReportRun) -> None:
    """Tell whoever asked for the run that it is done, or why it failed."""
    user = run.requested_by
    if user is None or not user.email:
        return
    with translation.override(getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE):
        try:
            link = settings.SITE_URL.rstrip("/") + reverse("staff:reportrun_detail", args=[run.pk])
        except NoReverseMatch:
            link = settings.SITE_URL
        if run.status == RunStatus.DONE:
            subject = _("Annual report %(year)s is ready") % {"year": run.year}
            body = _(
                "The annual activity report %(year)s is ready: the web page, the PDF and "
                "the spreadsheet can be downloaded from %(link)s"
            ) % {"year": run.year, "link": link}
        else:
            subject = _("Annual report %(year)s failed") % {"year": run.year}
            body = _(
                "The annual activity report %(year)s could not be produced.\n\nError: "
                "%(error)s\n\nDetails and a new attempt: %(link)s"
            ) % {"year": run.year, "error": run.error, "link": link}
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        # A mail server problem must not turn a finished report into a failed one.
        logger.exception("Could not e-mail the requester of report run %s", run.pk)


# --- publishing ---------------------------------------------------------------------


@transaction.atomic
def report_publish(*, run: ReportRun, user: Any, published: bool = True) -> ReportRun:
    """Publish a finished report on the public portal (or withdraw it).

    One report per year and scope is public: publishing a run withdraws the others.
    """
    if user is not None and not can(user, Action.CHANGE, ReportRun):
        raise PermissionDenied(_("You may not publish reports."))
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if published and run.status != RunStatus.DONE:
        raise ValidationError(
            {"published": _("Only a finished report can be published.")}, code="not_done"
        )
    if published:
        ReportRun.objects.filter(
            year=run.year, local_government_id=run.local_government_id, published=True
        ).exclude(pk=run.pk).update(published=False, updated_at=timezone.now())
    run.published = published
    run.published_at = timezone.now() if published else None
    run.full_clean()
    run.save(update_fields=["published", "published_at", "updated_at"])
    return run
