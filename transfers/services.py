"""Imports: checking a file, saving it all or nothing, and the job that runs them.

``import_records`` is the one way data comes in from a spreadsheet: the staff pages,
the admin, the API and the ``import_data`` command all end here. It checks every row
first and writes only when none was rejected, inside one transaction, so a file is
either saved whole or not at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_relations.db import broken_rule_message
from intl_relations.permissions import Action, can, is_staff_role

from .choices import ImportKind, ImportStatus, RowOutcome
from .engine import CoordinateConflict, FileRejected, ImportOptions, Issue
from .importers import IMPORTERS
from .models import ImportJob, SavedMapping
from .normalise import clean_text
from .readers import ACCEPTED_EXTENSIONS, FileFormatError, Table, read_table

logger = logging.getLogger(__name__)

# Share of the progress bar taken by checking the rows; saving takes the rest.
CHECK_SHARE = 90


@dataclass
class ImportResult:
    """What an import did (or would do): the counts and one entry per row."""

    kind: str
    dry_run: bool
    rows: list[dict[str, Any]] = field(default_factory=list)
    file_errors: list[dict[str, Any]] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    #: New places spelled like known ones but for accents, which the user may merge.
    accent_twins: list[dict[str, Any]] = field(default_factory=list)
    saved: bool = False
    seconds: float = 0.0
    skip_bad_rows: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(row["outcome"] for row in self.rows)
        return {outcome: counter.get(outcome, 0) for outcome in RowOutcome.values}

    @property
    def ok(self) -> bool:
        return not self.file_errors and self.counts[RowOutcome.REJECTED] == 0

    @property
    def can_save(self) -> bool:
        """No rejected row, or the user chose to skip them (the file itself was read)."""
        return self.ok or (self.skip_bad_rows and not self.file_errors)

    def issues(self) -> list[dict[str, Any]]:
        found = list(self.file_errors)
        for row in self.rows:
            found.extend(row.get("errors", []))
        return found


def check_import_permission(user: Any, kind: str, options: ImportOptions | None = None) -> None:
    """Imports are the office's editors' and administrators' (viewers only read).

    The user must also be allowed to create and change every model the import writes
    with these options (creating local governments is a right of its own).
    """
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise ValidationError({"kind": _("“%(value)s” is not a kind of import.") % {"value": kind}})
    allowed = is_staff_role(user) and can(user, Action.ADD, ImportJob)
    for model in importer.models_written(options or ImportOptions()):
        allowed = allowed and can(user, Action.ADD, model) and can(user, Action.CHANGE, model)
    if not allowed:
        raise PermissionDenied(_("Only the office's editors and administrators can import data."))


def import_columns(kind: str) -> list[dict[str, Any]]:
    """The fields a file of ``kind`` may feed: key, required, headers accepted."""
    return [
        {"key": column.key, "required": column.required, "headers": list(column.headers)}
        for column in IMPORTERS[kind].columns
    ]


def check_import_options(kind: str, options: ImportOptions) -> None:
    """Refuse a mapping or values naming fields the kind does not have, or unreadable values."""
    importer = IMPORTERS[kind](user=None, options=options)
    errors: dict[str, list[str]] = {}
    for header, key in options.mapping.items():
        if not isinstance(key, str) or (key and importer.column(key) is None):
            errors.setdefault("mapping", []).append(
                _("Column “%(header)s”: “%(field)s” is not a field of this kind of import.")
                % {"header": header, "field": key}
            )
    fed = [key for key in options.mapping.values() if isinstance(key, str) and key]
    for key in sorted({key for key in fed if fed.count(key) > 1}):
        errors.setdefault("mapping", []).append(
            _("Only one column can feed “%(field)s”.") % {"field": key}
        )
    for issue in importer.read_constants():
        errors.setdefault("constants", []).append(f"{issue.column}: {issue.reason}")
    if options.coordinates not in CoordinateConflict.values:
        errors["coordinates"] = [
            _("“%(value)s” is not one of the accepted values (%(values)s).")
            % {"value": options.coordinates, "values": ", ".join(CoordinateConflict.values)}
        ]
    if errors:
        raise ValidationError(errors)


def import_records(
    *,
    kind: str,
    data: bytes,
    filename: str,
    user: Any,
    dry_run: bool,
    options: ImportOptions | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportResult:
    """Check ``data`` (a CSV or XLSX file) row by row and, unless ``dry_run``, save it.

    Nothing is saved when a single row is rejected, unless ``options.skip_bad_rows``:
    then the rows left are checked again on their own (a row may have leant on a
    rejected one) until none is rejected, and those are saved. The write runs in one
    transaction: a database error on the way (someone else created the same record
    meanwhile) rolls everything back and is reported as a file error.
    """
    options = options or ImportOptions()
    check_import_permission(user, kind, options)
    started = time.monotonic()
    result = ImportResult(kind=kind, dry_run=dry_run, skip_bad_rows=options.skip_bad_rows)
    try:
        table = read_table(data, filename)
    except FileFormatError as error:
        result.file_errors.append(Issue(error.line, error.column, filename, str(error)).as_dict())
        return result
    importer = IMPORTERS[kind](user=user, options=options)

    def checked(done: int, total: int) -> None:
        if progress:
            progress(done, total, ImportStatus.VALIDATING)

    try:
        rows = importer.check(table, progress=checked)
    except FileRejected as refused:
        result.file_errors.extend(issue.as_dict() for issue in refused.issues)
        return result
    result.ignored_headers = importer.ignored_headers
    result.accent_twins = list(importer.accent_twins.values())
    if options.skip_bad_rows and any(row.issues for row in rows):
        # Check the good rows again without the rejected ones, until none is rejected:
        # what is saved never leans on a row that is not (an earlier line's new city).
        # The first pass is let go first: a file may be mostly rejected rows.
        rejected = [row.as_dict() for row in rows if row.issues]
        del rows, importer
        while True:
            skipped = {row["line"] for row in rejected}
            good = [(line, cells) for line, cells in table.rows if line not in skipped]
            importer = IMPORTERS[kind](user=user, options=options)
            again = importer.check(Table(table.headers, good)) if good else []
            newly = [row.as_dict() for row in again if row.issues]
            rejected.extend(newly)
            if not newly:
                result.rows = sorted(
                    [*(row.as_dict() for row in again), *rejected], key=lambda row: row["line"]
                )
                break
    else:
        result.rows = [row.as_dict() for row in rows]
    if not result.can_save or dry_run:
        result.seconds = time.monotonic() - started
        return result
    if progress:
        progress(len(result.rows), len(result.rows), ImportStatus.IMPORTING)
    reason = _("Imported from %(file)s") % {"file": PurePath(filename).name}
    try:
        with transaction.atomic():
            importer.write(reason=reason[:100])
    except (IntegrityError, DatabaseError) as error:
        logger.warning("Import of %s rolled back: %s", filename, error)
        result.file_errors.append(
            Issue(
                0,
                "",
                "",
                _("The database refused the import, so nothing was saved: %(error)s")
                % {
                    "error": broken_rule_message(error)
                    if isinstance(error, IntegrityError)
                    else str(error).strip().splitlines()[0]
                },
            ).as_dict()
        )
        return result
    result.saved = True
    result.seconds = time.monotonic() - started
    return result


# --- the job ------------------------------------------------------------------------------


def _enqueue(job: ImportJob) -> None:
    from .tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.delay(job.pk))


def import_job_start(
    *,
    user: Any,
    kind: str,
    upload: UploadedFile,
    dry_run: bool = True,
    options: ImportOptions | None = None,
    map_first: bool = False,
) -> ImportJob:
    """Record an uploaded file as a job and queue its check (and save, unless ``dry_run``).

    With ``map_first`` (the staff pages) the job waits for the user to match its columns
    (``import_job_map``) before it is checked.
    """
    options = options or ImportOptions()
    check_import_permission(user, kind, options)
    check_import_options(kind, options)
    name = PurePath(upload.name or "").name
    if PurePath(name).suffix.lower() not in ACCEPTED_EXTENSIONS:
        raise ValidationError({"file": _("Upload a CSV or XLSX file.")})
    limit = settings.IMPORT_MAX_SIZE
    if upload.size and upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)}}
        )
    with transaction.atomic():
        job = ImportJob(
            kind=ImportKind(kind),
            original_name=name,
            dry_run=dry_run or map_first,
            requested_by=user,
            status=ImportStatus.MAPPING if map_first else ImportStatus.QUEUED,
        )
        _set_options(job, options)
        job.file.save(name, upload, save=False)
        job.full_clean()
        job.save()
        if not map_first:
            _enqueue(job)
    return job


def _set_options(job: ImportJob, options: ImportOptions) -> None:
    job.mapping = dict(options.mapping)
    job.constants = {key: value for key, value in options.constants.items() if value != ""}
    job.skip_bad_rows = options.skip_bad_rows
    job.merge_accents = options.merge_accents
    job.merge_places = sorted(set(options.merge_places))
    job.coordinates = options.coordinates
    job.create_local_governments = options.create_local_governments


def import_job_map(
    *, job: ImportJob, user: Any, options: ImportOptions, save_as: str = ""
) -> ImportJob:
    """Match the job's columns (and values for every row), then queue its check.

    ``save_as`` also keeps the mapping and values under that name, to be used again.
    """
    check_import_permission(user, job.kind, options)
    check_import_options(job.kind, options)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job.can_remap:
            raise ValidationError(
                {"mapping": _("The columns can only be matched before the file is saved.")}
            )
        _set_options(job, options)
        job.status = ImportStatus.QUEUED
        job.dry_run = True
        job.progress = 0
        job.processed_rows = 0
        job.requested_by = user
        job.full_clean()
        job.save()
        if save_as.strip():
            import_mapping_save(
                user=user,
                kind=job.kind,
                name=save_as,
                mapping=options.mapping,
                constants=job.constants,
            )
        _enqueue(job)
    return job


@transaction.atomic
def import_mapping_save(
    *, user: Any, kind: str, name: str, mapping: dict[str, str], constants: dict[str, Any]
) -> SavedMapping:
    """Keep a mapping under ``name`` (replacing the one of that name and kind)."""
    check_import_permission(user, kind)
    check_import_options(kind, ImportOptions(mapping=mapping, constants=constants))
    saved = SavedMapping.objects.filter(kind=kind, name=name.strip()).first() or SavedMapping(
        kind=kind, name=name.strip(), created_by=user
    )
    saved.mapping = dict(mapping)
    saved.constants = dict(constants)
    saved.full_clean()
    saved.save()
    return saved


# Sample values shown per column on the mapping step.
SAMPLES = 3


def file_columns(job: ImportJob) -> list[dict[str, Any]]:
    """Each column of the job's file: its header, a few values and the field it feeds."""
    with job.file.open("rb") as handle:
        table = read_table(handle.read(), job.original_name or job.file.name)
    fields = IMPORTERS[job.kind].guess_columns(table.headers, job.mapping or {})
    columns = []
    for position, header in enumerate(table.headers):
        samples: list[str] = []
        for _line, cells in table.rows:
            value = clean_text(cells[position]) if position < len(cells) else ""
            if value and value not in samples:
                samples.append(value)
                if len(samples) == SAMPLES:
                    break
        columns.append(
            {"header": clean_text(header), "samples": samples, "field": fields[position]}
        )
    return columns


def import_job_confirm(*, job: ImportJob, user: Any) -> ImportJob:
    """Save a checked file: the job runs again, this time writing (all or nothing)."""
    check_import_permission(user, job.kind, job.options)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job.can_confirm:
            raise ValidationError(
                {"status": _("Only a checked file without rejected rows can be imported.")}
            )
        job.dry_run = False
        job.status = ImportStatus.QUEUED
        job.progress = 0
        job.processed_rows = 0
        job.requested_by = user
        job.save()
        _enqueue(job)
    return job


def _progress(job_id: int) -> Callable[[int, int, str], None]:
    """Record the job's progress (its own row, seen by the pages while it runs)."""

    def report(done: int, total: int, status: str) -> None:
        if status == ImportStatus.VALIDATING:
            percent = (done * CHECK_SHARE) // total if total else 0
        else:
            percent = CHECK_SHARE
        ImportJob.objects.filter(pk=job_id).update(
            status=status,
            processed_rows=done,
            total_rows=total,
            progress=percent,
            updated_at=timezone.now(),
        )

    return report


def import_job_execute(*, job_id: int) -> ImportJob:
    """Run job ``job_id`` (from the Celery task). A finished job is left as it is."""
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING):
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING, started_at=timezone.now(), error="", progress=0
    )
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = import_records(
            kind=job.kind,
            data=data,
            filename=job.original_name or job.file.name,
            user=job.requested_by,
            dry_run=job.dry_run,
            options=job.options,
            progress=_progress(job.pk),
        )
    except PermissionDenied as error:
        return _finish_failed(job, str(error))
    except Exception:  # the job records what went wrong instead of vanishing
        logger.exception("Import job %s failed", job.pk)
        return _finish_failed(job, traceback.format_exc(limit=3))
    counts = result.counts
    if result.saved:
        status = ImportStatus.DONE
    elif result.can_save:
        status = ImportStatus.PREVIEWED
    else:
        status = ImportStatus.REJECTED
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        progress=100,
        total_rows=len(result.rows),
        processed_rows=len(result.rows),
        created_count=counts[RowOutcome.CREATED],
        changed_count=counts[RowOutcome.CHANGED],
        unchanged_count=counts[RowOutcome.UNCHANGED],
        duplicate_count=counts[RowOutcome.DUPLICATE],
        rejected_count=counts[RowOutcome.REJECTED] + len(result.file_errors),
        report={
            "rows": result.rows,
            "file_errors": result.file_errors,
            "ignored_headers": result.ignored_headers,
            "accent_twins": result.accent_twins,
        },
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def _finish_failed(job: ImportJob, message: str) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def job_issues(job: ImportJob) -> list[dict[str, Any]]:
    """Every issue of a job, file-level first, for the CSV report."""
    report = job.report if isinstance(job.report, dict) else {}
    issues = list(report.get("file_errors", []))
    for row in report.get("rows", []):
        issues.extend(row.get("errors", []))
    return issues


def rejected_rows_file(*, data: bytes, filename: str, rows: list[dict[str, Any]]) -> bytes:
    """The rejected rows as a CSV to fix and import again: the file's own columns as it
    gave them, and a last column saying what is wrong (ignored when imported again)."""
    reasons = {
        row["line"]: "; ".join(f"{issue['column']}: {issue['reason']}" for issue in row["errors"])
        for row in rows
        if row.get("errors")
    }
    try:
        table = read_table(data, filename)
    except FileFormatError:
        table = Table([], [])  # a file that cannot be read has no rows to give back
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([*table.headers, _("Import error")])
    for line, cells in table.rows:
        if line in reasons:
            cells = [*cells, *[""] * (len(table.headers) - len(cells))]
            writer.writerow([*(_cell_text(cell) for cell in cells), reasons[line]])
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.datetime):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def job_rejected_rows_file(job: ImportJob) -> bytes:
    with job.file.open("rb") as handle:
        data = handle.read()
    return rejected_rows_file(
        data=data, filename=job.original_name or job.file.name, rows=job_rows(job)
    )


def job_rows(job: ImportJob) -> list[dict[str, Any]]:
    report = job.report if isinstance(job.report, dict) else {}
    return report.get("rows", [])
