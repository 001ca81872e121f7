"""The API's answer to an export too big to write during the call: 202 and the download.

Staff pages send the browser to the download's page; the API answers 202 at once with
the download (its address in ``Location``, when to ask again in ``Retry-After``). The
file is the one the export would have sent, written by a worker as the caller.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from downloads.models import Download
from downloads.services import download_if_big

from .serializers import DownloadSerializer

# Seconds a client waits before it asks again about a file being prepared.
POLL_AFTER = 2

#: The answer of an export too big to write during the call, for the OpenAPI schema.
ACCEPTED = {202: DownloadSerializer}

BIG_EXPORTS = _(
    "A list of more rows than "
    "`DOWNLOAD_CSV_INLINE_ROWS` (CSV, 20,000 by default) or `DOWNLOAD_XLSX_INLINE_ROWS` "
    "(XLSX, 5,000) is written by a worker: the answer is then 202 with the download, "
    "whose `status_url` is also in `Location`. Ask it again after `Retry-After` seconds "
    "until its `status` is `done`, then fetch its `file_url`. Office staff only; other "
    "callers get the file at once."
)


def download_answer(
    request: Request, download: Download, code: int = status.HTTP_200_OK
) -> Response:
    """The download as JSON; ``Retry-After`` while it is prepared."""
    data = DownloadSerializer(download, context={"request": request}).data
    headers = {"Retry-After": str(POLL_AFTER)} if download.active else {}
    if code == status.HTTP_202_ACCEPTED:
        headers["Location"] = data["status_url"]
    return Response(data, status=code, headers=headers)


def accepted_if_big(request: Request, fmt: str, rows: Any, *, title: str) -> Response | None:
    """202 with the queued download when the export of ``rows`` (the filtered queryset,
    or its count) is too big to write during the call; None when the endpoint writes
    the file at once."""
    download = download_if_big(request, fmt, rows, title=title)
    if download is None:
        return None
    # With tasks run in-process the file is already written: say so at once.
    download.refresh_from_db()
    return download_answer(request, download, status.HTTP_202_ACCEPTED)
