"""Background job of the imports: a thin wrapper that receives the job's id."""

from __future__ import annotations

from intl_relations.jobs import record_task

from .services import import_job_execute


# The service records what went wrong with the file itself; only an error around it
# (the database connection dropped before the job could start) is retried.
@record_task("transfers.run_import_job", minutes=30)
def run_import_job(self, job_id: int) -> str:
    """Check (and, once confirmed, save) import job ``job_id``; the job row keeps the result."""
    return import_job_execute(job_id=job_id).status
