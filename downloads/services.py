"""Whole-list downloads built by a worker when they are too big to build during a click.

A list of a few thousand rows downloads at once. Above ``DOWNLOAD_INLINE_ROWS`` (per
format: ``DOWNLOAD_CSV_INLINE_ROWS`` and ``DOWNLOAD_XLSX_INLINE_ROWS``), the click
records a ``Download`` and answers with its page at once (an API call: 202 and the
download's address, ``downloads.api``); a worker asks the list itself
for the file, as the person who clicked, and keeps it ``DOWNLOADS_KEEP_DAYS`` days. A
50,000-row spreadsheet takes seconds to write: built in the request, it would hold a web
worker that long and, at the design scale, run into the server's timeout.
"""

from __future__ import annotations

import logging
import re
import tempfile
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intl_relations.jobs import TRANSIENT_ERRORS, enqueue
from intl_relations.permissions import Action, can

from .models import Download, DownloadStatus

logger = logging.getLogger(__name__)

# Set on the request the worker replays: the list then builds the file there and then.
REPLAYED = "download_replayed"
FILENAME = re.compile(r'filename="([^"]+)"')


def downloads_for(user: Any) -> QuerySet[Download]:
    """The downloads ``user`` asked for: nobody else's, administrators included (the
    files hold what their requester could see, personal data among it)."""
    if user is None or not user.is_authenticated:
        return Download.objects.none()
    return Download.objects.filter(requested_by=user)


def rows_for_background(request: HttpRequest, fmt: str, rows: QuerySet | int) -> int | None:
    """How many rows the download holds when it is too big to build now, else None.

    ``rows`` is the filtered list (counted here) or its count. The worker's own replay
    of the request is always built at once.
    """
    limit = settings.DOWNLOAD_INLINE_ROWS.get(fmt)
    if limit is None or getattr(request, REPLAYED, False):
        return None
    count = rows if isinstance(rows, int) else rows.count()
    return count if count > limit else None


def download_if_big(
    request: HttpRequest, fmt: str, rows: QuerySet | int, *, title: str
) -> Download | None:
    """The queued download of the list at ``request`` when it is too big to build now;
    None when the list writes the file at once.

    Through the staff pages and the API alike. Someone who may not keep downloads
    (a partner member, an anonymous reader of the API) gets the file at once, as before
    there were downloads: their lists are the published rows only.
    """
    if not can(request.user, Action.ADD, Download):
        return None
    count = rows_for_background(request, fmt, rows)
    if count is None:
        return None
    return _download_request(request=request, fmt=fmt, title=title, rows=count)


def _download_request(*, request: HttpRequest, fmt: str, title: str, rows: int) -> Download:
    """Record the download of the list at ``request`` and queue its build (the caller
    has checked that its requester may keep downloads)."""
    with transaction.atomic():
        download = Download(
            requested_by=request.user,
            title=str(title)[:200],
            path=request.path_info,
            query=request.GET.urlencode(),
            format=fmt,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            rows=rows,
        )
        download.full_clean(exclude=["file"])
        download.save()
        download_id = download.pk
        transaction.on_commit(lambda: _enqueue(download_id))
    return download


def _enqueue(download_id: int) -> None:
    from .tasks import build_download

    enqueue(
        build_download,
        download_id,
        unreachable=lambda error: _finish(download_id, status=DownloadStatus.FAILED, error=error),
    )


def _finish(download_id: int, **fields: Any) -> None:
    now = timezone.now()
    Download.objects.filter(pk=download_id).update(finished_at=now, updated_at=now, **fields)


def _replayed_request(download: Download) -> HttpRequest:
    """The list's request as its requester made it, for the list to answer again."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = download.path
    request.GET = QueryDict(download.query)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    request.META = {"QUERY_STRING": download.query, "SERVER_NAME": host, "SERVER_PORT": "443"}
    request.user = download.requested_by
    request.LANGUAGE_CODE = download.language
    setattr(request, REPLAYED, True)
    return request


def _why_not(response: Any) -> str:
    if response.status_code == 400:
        text = response.content.decode(errors="replace").strip()
        return _("The list cannot be filtered as asked any more: %(reason)s") % {"reason": text}
    return _("The list answered with status %(status)s instead of a file.") % {
        "status": response.status_code
    }


def download_build(*, download_id: int, may_retry: bool = False) -> Download | None:
    """Build the file of a queued download; its status and error are kept on it."""
    download = Download.objects.select_related("requested_by").filter(pk=download_id).first()
    if download is None or download.status == DownloadStatus.DONE:
        return download  # its requester was deleted with it, or a redelivery
    now = timezone.now()
    Download.objects.filter(pk=download_id).update(
        status=DownloadStatus.RUNNING, started_at=now, updated_at=now, error=""
    )
    try:
        with translation.override(download.language):
            match = resolve(download.path)
            response = match.func(_replayed_request(download), *match.args, **match.kwargs)
            if response.status_code != 200 or not response.has_header("Content-Disposition"):
                _finish(download_id, status=DownloadStatus.FAILED, error=_why_not(response))
                return Download.objects.get(pk=download_id)
            found = FILENAME.search(response["Content-Disposition"])
            filename = found.group(1) if found else f"export.{download.format}"
            chunks = response.streaming_content if response.streaming else [response.content]
            # Spooled: a small file stays in memory, a big one goes to a temporary file.
            with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as buffer:
                for chunk in chunks:
                    buffer.write(chunk)
                size = buffer.tell()
                buffer.seek(0)
                download.file.save(filename, File(buffer, name=filename), save=False)
            # Not ``response.close()``: it sends ``request_finished``, whose handler closes
            # the database connection, in the middle of this build (and of the request,
            # when the task runs in-process).
    except TRANSIENT_ERRORS as exc:
        if may_retry:
            raise
        _finish(download_id, status=DownloadStatus.FAILED, error=str(exc))
    except PermissionDenied:
        _finish(
            download_id,
            status=DownloadStatus.FAILED,
            error=_("You may no longer see this list."),
        )
    except (Http404, Resolver404):
        _finish(download_id, status=DownloadStatus.FAILED, error=_("This list no longer exists."))
    except Exception as exc:  # any failure is the download's: recorded, shown on its page
        logger.exception("Download %s failed", download_id)
        _finish(download_id, status=DownloadStatus.FAILED, error=str(exc) or type(exc).__name__)
    else:
        _finish(
            download_id,
            status=DownloadStatus.DONE,
            file=download.file.name,
            size=size,
            error="",
        )
    return Download.objects.get(pk=download_id)


def delete_expired(now: Any = None) -> int:
    """Delete the downloads older than ``DOWNLOADS_KEEP_DAYS`` days, and their files."""
    limit = (now or timezone.now()) - timedelta(days=settings.DOWNLOADS_KEEP_DAYS)
    expired = list(Download.objects.filter(created_at__lt=limit))
    for download in expired:
        if download.file.name:
            download.file.storage.delete(download.file.name)
    Download.objects.filter(pk__in=[d.pk for d in expired]).delete()
    return len(expired)
