"""Background jobs of the downloads: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task

from intl_relations.jobs import TRANSIENT_ERRORS, scheduled_task

from .services import delete_expired, download_build

# The biggest list of the design scale takes under a minute; the limits only stop a
# stuck build, well under the broker's visibility timeout.
TIME_LIMIT = 15 * 60


@shared_task(
    bind=True,
    name="downloads.build_download",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=10,
    retry_jitter=True,
    time_limit=TIME_LIMIT,
    soft_time_limit=TIME_LIMIT - 60,
)
def build_download(self, download_id: int) -> str:
    download = download_build(
        download_id=download_id, may_retry=self.request.retries < self.max_retries
    )
    return download.status if download is not None else "gone"


@scheduled_task("downloads.delete_expired", minutes=10)
def delete_expired_downloads() -> int:
    """Every night: the files of downloads older than ``DOWNLOADS_KEEP_DAYS`` go."""
    return delete_expired()
