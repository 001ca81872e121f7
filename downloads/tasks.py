"""Background jobs of the downloads: thin wrappers around the services."""

from __future__ import annotations

from intl_relations.jobs import record_task, scheduled_task

from .services import delete_expired, download_build


# The biggest list of the design scale takes under a minute: the limit only stops a
# stuck build.
@record_task("downloads.build_download", minutes=15)
def build_download(self, download_id: int) -> str:
    download = download_build(
        download_id=download_id, may_retry=self.request.retries < self.max_retries
    )
    return download.status if download is not None else "gone"


@scheduled_task("downloads.delete_expired", minutes=10)
def delete_expired_downloads() -> int:
    """Every night: the files of downloads older than ``DOWNLOADS_KEEP_DAYS`` go."""
    return delete_expired()
