"""Staff pages of the imports (upload, preview, confirm, report) and the archive download."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.choices import Role
from intl_relations.exports import Column, csv_response
from intl_relations.permissions import Action, restrict, role_of
from intl_relations.staff import StaffAccessMixin

from .archive import export_archive
from .choices import ImportStatus, RowOutcome
from .forms import ImportForm, ImportMappingForm
from .importers import IMPORTERS
from .models import ImportJob
from .readers import FileFormatError
from .services import (
    file_columns,
    import_job_confirm,
    import_job_map,
    import_job_start,
    job_rejected_rows_file,
    job_rows,
)

# Rows shown on the page; the CSV report always has them all.
ROWS_SHOWN = 500


def report_columns() -> list[Column]:
    return [
        Column(_("Line"), lambda row: row["line"]),
        Column(_("Outcome"), lambda row: row.get("outcome", "")),
        Column(_("Record"), lambda row: row.get("record", "")),
        Column(_("Column"), lambda row: row.get("column", "")),
        Column(_("Value"), lambda row: row.get("value", "")),
        Column(_("Reason"), lambda row: row.get("reason", "")),
    ]


def report_lines(job: ImportJob) -> list[dict[str, Any]]:
    """One line per problem, and one per row that has none: the full row-by-row report."""
    report = job.report if isinstance(job.report, dict) else {}
    lines = [{**issue, "outcome": "rejected"} for issue in report.get("file_errors", [])]
    for row in job_rows(job):
        base = {"line": row["line"], "outcome": row["outcome"], "record": row.get("record", "")}
        errors = row.get("errors") or []
        if not errors:
            lines.append({**base, "reason": " ".join(row.get("notes", []))})
        lines.extend({**base, **error} for error in errors)
    return lines


class ImportAccessMixin(StaffAccessMixin):
    model = ImportJob
    permission_action = Action.ADD

    def get_job(self, pk: int) -> ImportJob:
        return get_object_or_404(restrict(ImportJob.objects.all(), self.request.user), pk=pk)


class ImportListView(ImportAccessMixin, View):
    template_name = "transfers/import_list.html"

    def context(self, form: ImportForm) -> dict[str, Any]:
        return {
            "title": _("Imports"),
            "form": form,
            "jobs": ImportJob.objects.select_related("requested_by")[:20],
            "formats": [
                {"kind": kind, "label": importer.kind.label, "columns": importer.columns}
                for kind, importer in IMPORTERS.items()
            ],
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        return TemplateResponse(request, self.template_name, self.context(ImportForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_job_start(
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    dry_run=True,
                    options=form.options(),
                    map_first=True,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return HttpResponseRedirect(reverse("staff:import_mapping", args=[job.pk]))
        return TemplateResponse(request, self.template_name, self.context(form), status=400)


class ImportMappingView(ImportAccessMixin, View):
    """The mapping step: each column with a few of its values and the field it feeds."""

    template_name = "transfers/import_mapping.html"

    def form(self, job: ImportJob, data: Any = None) -> ImportMappingForm | None:
        try:
            columns = file_columns(job)
        except FileFormatError:
            return None
        return ImportMappingForm(
            data,
            kind=job.kind,
            columns=columns,
            initial=ImportMappingForm.initial_of(job.options),
        )

    def render(self, job: ImportJob, form: ImportMappingForm | None, status: int = 200) -> Any:
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "title": _("Match the columns: %(file)s") % {"file": job.original_name},
                "job": job,
                "form": form,
                "columns": form.columns_with_fields() if form else [],
            },
            status=status,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_job(pk)
        if not job.can_remap:
            return HttpResponseRedirect(reverse("staff:import_detail", args=[job.pk]))
        return self.render(job, self.form(job))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_job(pk)
        form = self.form(job, request.POST)
        if form is None:
            # The file cannot be read as a table: the check says why, line and column.
            job = import_job_map(job=job, user=request.user, options=job.options)
            return HttpResponseRedirect(reverse("staff:import_detail", args=[job.pk]))
        if form.is_valid():
            try:
                job = import_job_map(
                    job=job,
                    user=request.user,
                    options=form.options(),
                    save_as=form.cleaned_data["save_as"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return HttpResponseRedirect(reverse("staff:import_detail", args=[job.pk]))
        return self.render(job, form, status=400)


class ImportDetailView(ImportAccessMixin, View):
    template_name = "transfers/import_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_job(pk)
        if job.status == ImportStatus.MAPPING:
            return HttpResponseRedirect(reverse("staff:import_mapping", args=[job.pk]))
        rows = job_rows(job)
        rejected = [row for row in rows if row.get("errors")]
        labels = dict(RowOutcome.choices)
        others = [
            {**row, "outcome_label": labels.get(row["outcome"], row["outcome"])}
            for row in rows[: ROWS_SHOWN + len(rejected)]
            if not row.get("errors")
        ]
        report = job.report if isinstance(job.report, dict) else {}
        return TemplateResponse(
            request,
            self.template_name,
            {
                "title": str(job),
                "job": job,
                "rejected_rows": rejected[:ROWS_SHOWN],
                "rejected_count": len(rejected),
                "other_rows": others[:ROWS_SHOWN],
                "rows_cut": len(rejected) > ROWS_SHOWN or len(rows) - len(rejected) > ROWS_SHOWN,
                "file_errors": report.get("file_errors", []),
                "ignored_headers": report.get("ignored_headers", []),
                "accent_twins": report.get("accent_twins", []) if job.can_remap else [],
            },
        )


class ImportMergePlacesView(ImportAccessMixin, View):
    """From the preview: treat the ticked names differing only by accents as one place."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_job(pk)
        report = job.report if isinstance(job.report, dict) else {}
        offered = {twin["key"] for twin in report.get("accent_twins", [])}
        chosen = offered & set(request.POST.getlist("places"))
        if not chosen:
            messages.error(request, _("Tick the places to merge."))
            return HttpResponseRedirect(reverse("staff:import_detail", args=[job.pk]))
        options = replace(job.options, merge_places=(*job.options.merge_places, *sorted(chosen)))
        try:
            job = import_job_map(job=job, user=request.user, options=options)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("staff:import_detail", args=[job.pk]))


class ImportConfirmView(ImportAccessMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_job(pk)
        try:
            job = import_job_confirm(job=job, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            job.refresh_from_db()
            if job.status == "done":
                messages.success(request, _("The file was imported."))
        return HttpResponseRedirect(reverse("staff:import_detail", args=[job.pk]))


class ImportReportView(ImportAccessMixin, View):
    """The row-by-row report as CSV: line, outcome, record, column, value, reason."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_job(pk)
        return csv_response(report_lines(job), report_columns(), f"import-{job.pk}-report")


class ImportRejectedRowsView(ImportAccessMixin, View):
    """The rejected rows with their original columns and the error, to fix and re-import."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return rejected_rows_response(self.get_job(pk))


def rejected_rows_response(job: ImportJob) -> HttpResponse:
    name = f"import-{job.pk}-rejected-rows.csv"
    return HttpResponse(
        job_rejected_rows_file(job),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


class AdministratorMixin(StaffAccessMixin):
    def has_permission(self) -> bool:
        return role_of(self.request.user) == Role.ADMINISTRATOR


class ArchiveView(AdministratorMixin, View):
    template_name = "transfers/archive.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return TemplateResponse(request, self.template_name, {"title": _("Full export")})


class ArchiveDownloadView(AdministratorMixin, View):
    """The whole office's data as a zip (see ``transfers.archive``), built on disk."""

    def post(self, request: HttpRequest) -> HttpResponse:
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        export_archive(handle)
        handle.seek(0)
        name = f"archive-{timezone.localdate().isoformat()}.zip"
        return FileResponse(handle, as_attachment=True, filename=name)
