"""The benchmark behind ``make bench``: the national data set, measured end to end.

Steps, all bounded in time and only on loopback:

1. the PostgreSQL database of ``BENCH_DATABASE_URL`` is created and migrated if
   missing, and filled with the ``national`` data set (seed 42) if it holds less;
2. static files are collected (compressed, hashed: what production serves) and
   gunicorn starts with 2 workers on a loopback port, pinned to one CPU, with the
   product's settings plus the hand-written baseline views (``scale.bench_urls``);
3. a second process (``python -m scale.load``), pinned to the other CPU, drives the
   load: the API lists, computed for every request, against their baseline; page 1
   against a deep page of the big lists; then the staff, public and API pages at 8
   clients, each also timed alone right after a real write to the tables it reads;
4. in this process: the annual report of the last full year (total, and its
   aggregation against hand-written SQL), the e-APD worksheet and the IATI file of
   that year, and an import of 25,000 rows (rolled back);
5. the figures are printed and written to ``docs/benchmarks.md``: only what this run
   measured, with the method; older runs are in ``docs/benchmarks-history.md``.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import importlib.util
import io
import json
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

BASE_DIR = Path(settings.BASE_DIR)
REPORT_YEAR = 2025
# The server's secret, also set in this process so that the session it signs is valid
# there (a benchmark-only value: the bench database holds generated data only).
BENCH_SECRET_KEY = "bench-only-not-a-secret-" + "0" * 32
# The IATI file needs a publisher's identifier; the generated data set has none.
BENCH_IATI_REF = "XM-BENCH-ONLY"
CONCURRENCY = 8

# Targets of issues 19 and 17, at national scale on the benchmark machine.
API_RATIO_TARGET = 0.8  # API list computed per request / the hand-written `.values()` view
PAGE_WARM_P95_MS = 150.0  # p95 under load, after a warm-up
PAGE_COLD_MS = 300.0  # one request alone, right after a write
GEOJSON_MS = 300.0  # the API GeoJSON of every partner city, warm and right after a write
DEEP_PAGE = 1000  # page 1,000 (or the last page when there are fewer)
DEEP_PAGE_RATIO_TARGET = 1.5  # deep page p50 / page 1 p50
REPORT_TOTAL_TARGET_S = 5.0
REPORT_AGGREGATION_RATIO_TARGET = 1.3
RETURNS_TARGET_S = 5.0  # the e-APD worksheet and the IATI file of a year, each

# Requests timed alone right after their own write; the median is judged.
COLD_REPEAT = 3
# A URL whose first request alone takes longer than this is timed alone only, never
# loaded: 8 clients would queue behind it for minutes and its targets are missed anyway.
SLOW_ALONE_MS = 3000.0
# The bench's own Redis database for the Celery worker that prepares big downloads.
BENCH_BROKER_URL = "redis://127.0.0.1:6379/4"
DOWNLOAD_PAGES = "/staff/downloads/"
# Where the API's 202 answer to a big export points: the download's status.
API_DOWNLOADS = "/api/v1/downloads/"
# A query parameter no endpoint reads: a new value per request makes a new address.
UNCACHED_PARAMETER = "bench_nocache"
API_ROUNDS = 3

# The tables a real write touches before each request timed "right after a write": one
# row of each (its ``updated_at`` set to now, through the ORM, committed).
WRITTEN_MODELS = (
    "partnerships.LocalGovernment",
    "partnerships.PartnerCity",
    "partnerships.Partnership",
    "organisations.Organisation",
    "organisations.Contact",
    "delegations.Delegation",
    "delegations.DelegationMember",
    "delegations.DelegationCost",
    "delegations.FollowUpAction",
    "exchanges.ExchangeProgram",
    "exchanges.Application",
    "exchanges.Participant",
    "cooperation.CooperationProject",
    "cooperation.BudgetLine",
    "diaspora.Consulate",
    "diaspora.DiasporaGroup",
)


@dataclass
class Results:
    """Everything measured in one run, printed and written to the markdown page."""

    started: float = field(default_factory=time.time)
    load_average: tuple[float, float, float] = field(default_factory=os.getloadavg)
    load_average_end: tuple[float, float, float] | None = None
    machine: str = ""
    code: str = ""
    cache_layer: bool = False
    cores: dict[str, str] = field(default_factory=dict)
    api: list[dict[str, Any]] = field(default_factory=list)
    deep: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    returns: list[dict[str, Any]] = field(default_factory=list)
    imports: dict[str, Any] = field(default_factory=dict)
    data: dict[str, int] = field(default_factory=dict)
    #: Dead rows (left by earlier writes and rolled-back imports) vacuumed before measuring.
    dead_rows: int | None = None
    notes: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine() -> str:
    """The CPU model and count from /proc/cpuinfo, and the memory."""
    model, cores = platform.processor() or "unknown CPU", os.cpu_count() or 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{model}, {cores} cores{memory}; Python {platform.python_version()}, "
        f"PostgreSQL {pg}, {platform.system()} {platform.release()}"
    )


def _git(*args: str) -> str:
    return subprocess.run(  # noqa: S603 - git with our own arguments
        ["git", *args],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    ).stdout.strip()


def code_measured() -> str:
    """The commit measured (and whether the work tree differs from it)."""
    try:
        commit = _git("log", "-1", "--format=%h %s")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    return commit + (" (with uncommitted changes)" if dirty else "")


def has_answer_cache() -> bool:
    """Whether the code measured still holds the table-version cache layer (looked up
    by name, never imported: the bench does not depend on it)."""
    return importlib.util.find_spec("intl_relations.versions") is not None


def cpu_plan() -> tuple[set[int], set[int]]:
    """(the server's CPUs, the load generator's): with two CPUs or more, gunicorn gets
    the last and the load generator the first; with one, both share it."""
    if not hasattr(os, "sched_getaffinity"):
        return set(), set()
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return set(cpus), set(cpus)
    return {cpus[-1]}, {cpus[0]}


def _cpus(cpus: set[int]) -> str:
    return ",".join(str(cpu) for cpu in sorted(cpus))


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


class Server:
    """gunicorn with 2 workers on a loopback port, the bench settings, until stopped;
    pinned to ``cpus`` where the system allows it."""

    def __init__(self, env: dict[str, str], cpus: set[int] | None = None) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.cpus = cpus or set()
        self.process: subprocess.Popen[bytes] | None = None

    def _pin(self, pid: int) -> None:
        if self.cpus and hasattr(os, "sched_setaffinity"):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(pid, self.cpus)

    def affinity(self) -> str:
        """The CPUs the master and each worker may run on, as read back from the system."""
        if not self.process or not hasattr(os, "sched_getaffinity"):
            return "not pinned"
        parts = []
        for label, pid in [("master", self.process.pid)] + [
            ("worker", child) for child in _children(self.process.pid)
        ]:
            try:
                parts.append(f"{label} {_cpus(os.sched_getaffinity(pid))}")
            except OSError:
                continue
        return "; ".join(parts)

    def __enter__(self) -> Server:
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "intl_relations.wsgi:application",
                "--workers=2",
                f"--bind=127.0.0.1:{self.port}",
                "--timeout=120",
                "--log-level=warning",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        # At once, before the master forks its workers (they inherit it); the workers
        # are pinned again below in case one was forked first.
        self._pin(self.process.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/robots.txt", timeout=5)  # noqa: S310
                for child in _children(self.process.pid):
                    self._pin(child)
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc: object) -> None:
        _stop(self.process, timeout=20)
        self.log.close()


def _stop(process: subprocess.Popen[bytes] | None, *, timeout: float) -> None:
    """Ask ``process`` to stop; kill it when it has not within ``timeout`` seconds."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Sent with every request, as browsers and HTTP libraries do: answers are compressed
# (Django's GZipMiddleware) and the figures include that work.
CLIENT_HEADERS = {"Accept-Encoding": "gzip"}

# The load generator's CPUs (set by ``run_bench``) and the ones it reported using.
LOAD_CPUS: set[int] = set()
LOAD_CPUS_SEEN: set[str] = set()


class Worker:
    """The Celery worker that prepares big downloads, beside the server and on its CPUs
    (it is the server's work), on the bench's own Redis database, until stopped."""

    def __init__(self, env: dict[str, str], cpus: set[int] | None = None) -> None:
        self.env = env
        self.cpus = cpus or set()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Worker:
        import redis

        redis.Redis.from_url(BENCH_BROKER_URL).flushdb()  # no job left from a stopped run
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "intl_relations",
                "worker",
                "-P",
                "solo",
                "-c",
                "1",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=WARNING",
                "-n",
                f"bench-{os.getpid()}@%h",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if self.cpus and hasattr(os, "sched_setaffinity"):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(self.process.pid, self.cpus)
        return self

    def __exit__(self, *exc: object) -> None:
        _stop(self.process, timeout=30)
        self.log.close()


def load(
    url: str,
    headers: dict[str, str],
    *,
    duration: float,
    concurrency: int = CONCURRENCY,
    vary: str = "",
) -> dict[str, Any]:
    """Run the load generator as a second process and return its figures.

    With ``vary``, every request has an address of its own (that parameter, ignored by
    the server, takes a new value each time), so no cached answer can serve it.
    """
    command = [
        sys.executable,
        "-m",
        "scale.load",
        url,
        f"--concurrency={concurrency}",
        f"--duration={duration}",
        "--max-requests=50000",
    ]
    if LOAD_CPUS:
        command.append(f"--cpus={_cpus(LOAD_CPUS)}")
    if vary:
        command.append(f"--vary={vary}")
    for name, value in {**CLIENT_HEADERS, **headers}.items():
        command.append(f"--header={name}: {value}")
    done = subprocess.run(  # noqa: S603 - fixed arguments
        command, cwd=BASE_DIR, capture_output=True, text=True, timeout=duration + 300, check=True
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if "cpus" in figures:
        LOAD_CPUS_SEEN.add(str(figures.pop("cpus")))
    return figures


def fetch(url: str, headers: dict[str, str], ok: tuple[int, ...] = (200,)) -> bytes:
    request = urllib.request.Request(url, headers={**CLIENT_HEADERS, **headers})  # noqa: S310
    with urllib.request.urlopen(request, timeout=180) as response:  # noqa: S310
        if response.status not in ok:
            raise RuntimeError(f"{url} answered {response.status}")
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body


def warm(url: str, headers: dict[str, str], times: int = 3) -> None:
    for _ in range(times):
        fetch(url, headers)


def write_one_row_of_each_table() -> None:
    """A real write, committed: one row of every measured table gets ``updated_at`` now
    (the first by primary key), through the ORM."""
    from django.apps import apps
    from django.utils import timezone

    now = timezone.now()
    with transaction.atomic():
        for label in WRITTEN_MODELS:
            model = apps.get_model(label)
            first = model.objects.order_by("pk").values_list("pk", flat=True).first()
            if first is not None:
                model.objects.filter(pk=first).update(updated_at=now)


def cold_times(url: str, headers: dict[str, str], repeat: int) -> list[float]:
    """``repeat`` requests, each alone right after its own real write, in milliseconds."""
    times = []
    for _ in range(repeat):
        write_one_row_of_each_table()
        started = time.perf_counter()
        fetch(url, headers)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def after_a_write(url: str, headers: dict[str, str], repeat: int = COLD_REPEAT) -> dict[str, float]:
    """The first request alone right after a real write, ``repeat`` times (each after
    its own write): the median and the slowest, in milliseconds."""
    return summary(cold_times(url, headers, repeat))


def alone_ms(url: str, headers: dict[str, str], repeat: int = COLD_REPEAT) -> float:
    """One request alone (no write before it), the median of ``repeat``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fetch(url, headers)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def download_page_of(url: str, headers: dict[str, str]) -> str | None:
    """Where a click on ``url`` points when its file is prepared by the worker: the
    download page a staff click is sent to (302), or the download an API call's 202
    names; None when the file came at once."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={**CLIENT_HEADERS, **headers})  # noqa: S310
    try:
        with opener.open(request, timeout=180) as response:
            response.read()
            location = urllib.parse.urlsplit(response.headers.get("Location", "")).path
            if response.status == 202 and location.startswith(API_DOWNLOADS):
                return location
            return None
    except urllib.error.HTTPError as answer:
        location = answer.headers.get("Location", "")
        if answer.code == 302 and location.startswith(DOWNLOAD_PAGES):
            return location
        raise


def _download_id(location: str) -> int:
    for prefix in (DOWNLOAD_PAGES, API_DOWNLOADS):
        if location.startswith(prefix):
            return int(location.removeprefix(prefix).strip("/"))
    raise ValueError(f"not a download's address: {location}")


def wait_for_download(download_id: int, timeout: float = 600) -> Any:
    """The download once the worker has finished it (done or failed)."""
    from downloads.models import Download, DownloadStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        download = Download.objects.get(pk=download_id)
        if download.status in (DownloadStatus.DONE, DownloadStatus.FAILED):
            return download
        time.sleep(0.2)
    raise RuntimeError(f"download {download_id} not ready after {timeout:g} s")


def prepared_by_the_worker(
    url: str, headers: dict[str, str], first: str, repeat: int = COLD_REPEAT
) -> dict[str, Any]:
    """A list download the worker prepares: ``repeat`` clicks, each alone right after a
    real write, timed to the download page the browser lands on (the 302 and the page);
    each file waited for before the next click, so none queues behind another. The
    file's time is the worker's, from the click's record to the file written."""
    from downloads.models import Download

    downloads = [_download_id(first)]
    clicks = []
    wait_for_download(downloads[0])
    for _ in range(repeat):
        write_one_row_of_each_table()
        started = time.perf_counter()
        # A staff click follows the redirect to the download page, as a browser does; an
        # API call gets its 202 and the download's address.
        fetch(url, headers, ok=(200, 202))
        clicks.append((time.perf_counter() - started) * 1000)
        downloads.append(Download.objects.order_by("-pk").values_list("pk", flat=True)[0])
        wait_for_download(downloads[-1])
    built = [wait_for_download(pk) for pk in downloads[1:]]
    failed = [d.error for d in built if d.status != "done"]
    if failed:
        raise RuntimeError(f"the worker failed: {failed[0][:150]}")
    ready = [(d.finished_at - d.created_at).total_seconds() for d in built]
    Download.objects.filter(pk__in=downloads).delete()  # their files: ``run_bench`` at the end
    return {
        "clicks": summary(clicks),
        "ready_s": round(statistics.median(ready), 1),
        "ready_max_s": round(max(ready), 1),
        "rows": built[0].rows,
    }


def median_load(loads: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over several loads of one URL (the noise of a shared
    2-core machine moves single runs by a third)."""
    return {key: round(statistics.median(run[key] for run in loads), 1) for key in loads[0]}


# --- what is measured ---------------------------------------------------------------------

API_LISTS = [
    ("partnerships", "status=active&ordering=-signed_on"),
    ("partner-cities", "country=DE"),
    ("delegations", "direction=incoming&starts_after=2020-01-01"),
    ("delegation-members", "role=elected"),
    ("applications", "status=accepted"),
    ("participants", "status=took_part"),
]

# The big lists paged deep: (label, address of page 1, "api" or "staff", its model).
DEEP_LISTS = [
    ("API partnerships", "/api/v1/partnerships/", "api"),
    ("API partner cities", "/api/v1/partner-cities/", "api"),
    ("API delegations", "/api/v1/delegations/", "api"),
    ("API delegation members", "/api/v1/delegation-members/", "api"),
    ("API applications", "/api/v1/applications/", "api"),
    ("API participants", "/api/v1/participants/", "api"),
    ("staff: partnerships", "staff:partnership_list", "staff"),
    ("staff: partner cities", "staff:partnercity_list", "staff"),
    ("staff: delegations", "staff:delegation_list", "staff"),
    ("staff: applications", "staff:application_list", "staff"),
    ("staff: participants", "staff:participant_list", "staff"),
]
STAFF_LIST_MODELS = {
    "staff:partnership_list": "partnerships.Partnership",
    "staff:partnercity_list": "partnerships.PartnerCity",
    "staff:delegation_list": "delegations.Delegation",
    "staff:application_list": "exchanges.Application",
    "staff:participant_list": "exchanges.Participant",
}


@dataclass(frozen=True)
class Target:
    """A page measured at 8 clients and alone right after a write."""

    group: str
    label: str
    path: str
    auth: str  # "staff" (signed-in editor), "public" (anonymous) or "api" (token)
    warm_ms: float = PAGE_WARM_P95_MS
    cold_ms: float = PAGE_COLD_MS


CORE = "Staff and public pages"
INSIGHT = "Insight, territory and official returns (issue 17)"
GEOJSON = "API GeoJSON of every partner city"
LISTS = "Whole lists downloaded (every row, all columns)"


def page_targets() -> list[Target]:
    """The pages measured at 8 concurrent clients, in the order of the page."""
    from django.urls import reverse

    from delegations.models import Delegation, DelegationMember
    from exchanges.models import Application, Participant
    from partnerships.models import PartnerCity, Partnership

    busiest_city = (
        PartnerCity.objects.filter(partnerships__published=True)
        .order_by("-delegations__starts_on")
        .values_list("pk", flat=True)
        .first()
    )
    partnership = (
        Partnership.objects.filter(published=True, partner_city=busiest_city)
        .values_list("pk", flat=True)
        .first()
    )
    delegation = Delegation.objects.order_by("-starts_on").values_list("pk", flat=True)[100]
    application = Application.objects.order_by("-submitted_at").values_list("pk", flat=True)[100]
    staff_city = PartnerCity.objects.order_by("-partnerships__signed_on").values_list(
        "pk", flat=True
    )[0]
    partnerships = reverse("staff:partnership_list")
    delegations = reverse("staff:delegation_list")
    core = [
        ("staff: partnerships list", partnerships, "staff"),
        (
            "staff: partnerships list, filtered",
            partnerships + "?status=active&sort=-signed_on",
            "staff",
        ),
        (
            "staff: partnership detail",
            reverse("staff:partnership_detail", args=[partnership]),
            "staff",
        ),
        ("staff: delegations list", delegations, "staff"),
        (
            "staff: delegations list, filtered",
            delegations + "?direction=incoming&starts_after=2020-01-01",
            "staff",
        ),
        (
            "staff: delegation detail",
            reverse("staff:delegation_detail", args=[delegation]),
            "staff",
        ),
        ("staff: partner cities list", reverse("staff:partnercity_list"), "staff"),
        (
            "staff: partner city detail",
            reverse("staff:partnercity_detail", args=[staff_city]),
            "staff",
        ),
        ("staff: applications list", reverse("staff:application_list"), "staff"),
        (
            "staff: application detail",
            reverse("staff:application_detail", args=[application]),
            "staff",
        ),
        ("staff: dashboard", reverse("staff:dashboard"), "staff"),
        ("staff: dashboard map points", reverse("staff:dashboard_map_points"), "staff"),
        ("public: home", reverse("portal:home"), "public"),
        ("public: map page", reverse("portal:map"), "public"),
        ("public: map GeoJSON", reverse("portal:map_geojson"), "public"),
        ("public: partner city", reverse("portal:partner_city", args=[busiest_city]), "public"),
        ("public: partnership", reverse("portal:partnership", args=[partnership]), "public"),
    ]
    health = reverse("staff:partnershiphealth_list")
    reciprocity = reverse("staff:partnercityreciprocity_list")
    territory = reverse("staff:territory")
    year = f"year={REPORT_YEAR}"
    returns = reverse("staff:returns_report")
    eapd = reverse("staff:eapd_download")
    insight = [
        ("staff: partnership health", health, "staff"),
        ("staff: partnership health, CSV", health + "?export=csv", "staff"),
        ("staff: partnership health, XLSX", health + "?export=xlsx", "staff"),
        ("staff: reciprocity", reciprocity, "staff"),
        ("staff: reciprocity, CSV", reciprocity + "?export=csv", "staff"),
        ("staff: reciprocity, XLSX", reciprocity + "?export=xlsx", "staff"),
        ("staff: territory diagnosis", territory, "staff"),
        ("staff: territory diagnosis, CSV", territory + "?export=csv", "staff"),
        ("staff: territory diagnosis, XLSX", territory + "?export=xlsx", "staff"),
        (f"staff: official returns {REPORT_YEAR}", f"{returns}?{year}", "staff"),
        ("staff: e-APD worksheet, CSV", f"{eapd}?{year}", "staff"),
        ("staff: e-APD worksheet, XLSX", f"{eapd}?{year}&format=xlsx", "staff"),
        ("staff: IATI file", f"{reverse('staff:iati_download')}?{year}", "staff"),
        ("staff: atlas sheet, CSV", reverse("staff:atlas_download"), "staff"),
        ("staff: atlas sheet, XLSX", reverse("staff:atlas_download") + "?format=xlsx", "staff"),
        ("API partnership health", "/api/v1/partnership-health/", "api"),
        ("API partnership health, CSV", "/api/v1/partnership-health/export.csv", "api"),
        ("API partnership health, XLSX", "/api/v1/partnership-health/export.xlsx", "api"),
        ("API reciprocity", "/api/v1/partner-city-reciprocity/", "api"),
        ("API reciprocity, CSV", "/api/v1/partner-city-reciprocity/export.csv", "api"),
        ("API reciprocity, XLSX", "/api/v1/partner-city-reciprocity/export.xlsx", "api"),
        ("API territory diagnosis", "/api/v1/territory/", "api"),
        ("API e-APD worksheet", f"/api/v1/returns/e-apd/?{year}", "api"),
        ("API e-APD worksheet, CSV", f"/api/v1/returns/e-apd.csv?{year}", "api"),
        ("API e-APD worksheet, XLSX", f"/api/v1/returns/e-apd.xlsx?{year}", "api"),
        ("API IATI file", f"/api/v1/returns/iati.xml?{year}", "api"),
        ("API atlas sheet, CSV", "/api/v1/returns/atlas.csv", "api"),
        ("API atlas sheet, XLSX", "/api/v1/returns/atlas.xlsx", "api"),
    ]

    def rows(model: Any) -> str:
        return f"{model._default_manager.count():,} rows"

    lists = [
        *(
            (f"staff: {name}, {fmt.upper()} ({rows(model)})", f"{path}?export={fmt}", "staff")
            for name, model, path in (
                ("partnerships", Partnership, partnerships),
                ("delegations", Delegation, delegations),
            )
            for fmt in ("csv", "xlsx")
        ),
        *(
            (f"API {name}, CSV ({rows(model)})", f"/api/v1/{prefix}/export.csv", "api")
            for name, model, prefix in (
                ("participants", Participant, "participants"),
                ("applications", Application, "applications"),
                ("delegation members", DelegationMember, "delegation-members"),
            )
        ),
    ]
    return [
        *(Target(CORE, *row) for row in core),
        *(Target(INSIGHT, *row) for row in insight),
        *(Target(LISTS, *row) for row in lists),
        Target(
            GEOJSON,
            f"API GeoJSON of the partner cities ({PartnerCity.objects.count():,})",
            "/api/v1/partner-cities/geojson/",
            "api",
            warm_ms=GEOJSON_MS,
            cold_ms=GEOJSON_MS,
        ),
    ]


def bench_user() -> tuple[str, str]:
    """A generated editor, its API token and a signed-in session cookie."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from knox.models import AuthToken

    from accounts.choices import Role

    user, _ = get_user_model().objects.get_or_create(
        username="gen-bench", defaults={"role": Role.EDITOR}
    )
    user.set_unusable_password()
    user.save()
    _, token = AuthToken.objects.create(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return token, session.session_key or ""


def measure_api(server: Server, token: str, results: Results, duration: float) -> None:
    """Each list computed for every request (an address of its own each time), against
    the baseline loaded the same way; the two take turns ``API_ROUNDS`` times and each
    figure is the median of its rounds. Then each alone, right after a real write."""
    auth = {"Authorization": f"Bearer {token}"}
    for name, query in API_LISTS:
        api_url = f"{server.base}/api/v1/{name}/?{query}"
        base_url = f"{server.base}/bench-baseline/{name}/?{query}"
        warm(api_url, auth)
        warm(base_url, {})
        rounds: dict[str, list[dict[str, Any]]] = {"api": [], "baseline": []}
        for _ in range(API_ROUNDS):
            rounds["api"].append(load(api_url, auth, duration=duration, vary=UNCACHED_PARAMETER))
            rounds["baseline"].append(
                load(base_url, {}, duration=duration, vary=UNCACHED_PARAMETER)
            )
        api, base = median_load(rounds["api"]), median_load(rounds["baseline"])
        ratio = api["rps"] / base["rps"] if base["rps"] else 0.0
        row = {
            "endpoint": f"/api/v1/{name}/?{query}",
            "api": api,
            "baseline": base,
            "ratio": round(ratio, 2),
            "after_write": after_a_write(api_url, auth),
            "baseline_after_write": after_a_write(base_url, {}),
        }
        results.api.append(row)
        print(
            f"  API {name:<20} {api['rps']:7.1f} req/s p95 {api['p95_ms']:6.1f} ms | "
            f"baseline {base['rps']:7.1f} req/s p95 {base['p95_ms']:6.1f} ms | "
            f"ratio {ratio:.2f} | after a write {row['after_write']['median_ms']:.1f} ms "
            f"(baseline {row['baseline_after_write']['median_ms']:.1f} ms)",
            flush=True,
        )


def deep_page_number(path: str, kind: str, headers: dict[str, str], base: str) -> int:
    """Page ``DEEP_PAGE``, or the last page when the list has fewer."""
    if kind == "api":
        count = json.loads(fetch(f"{base}{path}", headers))["count"]
        size = settings.REST_FRAMEWORK.get("PAGE_SIZE", 50)
    else:
        from django.apps import apps

        from intl_relations.staff import PER_PAGE

        count = apps.get_model(STAFF_LIST_MODELS[path]).objects.count()
        size = PER_PAGE
    return max(1, min(DEEP_PAGE, math.ceil(count / size)))


def measure_deep_pages(
    server: Server, token: str, session: str, results: Results, duration: float
) -> None:
    """Page 1 and a deep page of each big list at 8 clients, taking turns
    ``API_ROUNDS`` times: the medians of their p50s compared."""
    from django.urls import reverse

    api = {"Authorization": f"Bearer {token}"}
    staff = {"Cookie": f"sessionid={session}", "Accept-Language": "fr"}
    for label, where, kind in DEEP_LISTS:
        headers = api if kind == "api" else staff
        path = where if kind == "api" else reverse(where)
        number = deep_page_number(path if kind == "api" else where, kind, headers, server.base)
        first, deep = f"{path}?page=1", f"{path}?page={number}"
        warm(server.base + first, headers, times=2)
        warm(server.base + deep, headers, times=2)
        # Taking turns, so that the noise of the shared machine falls on both alike.
        rounds: dict[str, list[dict[str, Any]]] = {"first": [], "deep": []}
        for _ in range(API_ROUNDS):
            rounds["first"].append(load(server.base + first, headers, duration=duration / 2))
            rounds["deep"].append(load(server.base + deep, headers, duration=duration / 2))
        one, far = median_load(rounds["first"]), median_load(rounds["deep"])
        ratio = far["p50_ms"] / one["p50_ms"] if one["p50_ms"] else 0.0
        results.deep.append(
            {
                "list": label,
                "path": path,
                "page": number,
                "first": one,
                "deep": far,
                "ratio": round(ratio, 2),
            }
        )
        print(
            f"  {label:<26} page 1 p50 {one['p50_ms']:6.1f} ms | page {number} p50 "
            f"{far['p50_ms']:6.1f} ms | ratio {ratio:.2f}",
            flush=True,
        )


def measure_pages(
    server: Server,
    session: str,
    token: str,
    results: Results,
    duration: float,
    match: str = "",
) -> None:
    headers_for = {
        "staff": {"Cookie": f"sessionid={session}", "Accept-Language": "fr"},
        "public": {"Accept-Language": "fr"},
        "api": {"Authorization": f"Bearer {token}", "Accept-Language": "fr"},
    }
    for target in page_targets():
        if match.casefold() not in target.label.casefold():
            continue
        headers = headers_for[target.auth]
        url = server.base + target.path
        row: dict[str, Any] = {
            "group": target.group,
            "page": target.label,
            "path": target.path,
            "warm_target": target.warm_ms,
            "cold_target": target.cold_ms,
        }
        try:
            page = download_page_of(url, headers) if target.auth in ("staff", "api") else None
            if page is not None:
                # Each click queues a file: timed alone, never loaded at 8 clients.
                background = prepared_by_the_worker(url, headers, page)
                row.update(
                    background=background,
                    after_write=background["clicks"],
                    not_loaded=True,
                    p50_ms=background["clicks"]["median_ms"],
                    p95_ms=background["clicks"]["max_ms"],
                    rps=0.0,
                    errors=0,
                )
                results.pages.append(row)
                print(
                    f"  {target.label:<38} prepared by the worker: click "
                    f"{background['clicks']['median_ms']:7.1f} ms, file ready after "
                    f"{background['ready_s']:g} s",
                    flush=True,
                )
                continue
            cold = cold_times(url, headers, 1)
            if cold[0] > SLOW_ALONE_MS:
                row["after_write"] = summary(cold)
                alone = alone_ms(url, headers, repeat=1)
                row.update(not_loaded=True, p50_ms=alone, p95_ms=alone, rps=0.0, errors=0)
            else:
                row["after_write"] = summary(cold + cold_times(url, headers, COLD_REPEAT - 1))
                warm(url, headers, times=2)
                row.update(load(url, headers, duration=duration))
        except (OSError, RuntimeError, subprocess.SubprocessError, ValueError) as error:
            row["error"] = f"{type(error).__name__}: {error}"[:200]
            results.pages.append(row)
            print(f"  {target.label:<38} failed: {row['error']}", flush=True)
            continue
        if row.get("errors"):
            results.notes.append(
                f"{target.label}: {row['errors']} failed requests under load (not counted)."
            )
        results.pages.append(row)
        print(
            f"  {target.label:<38} p95 {row['p95_ms']:7.1f} ms  p50 {row['p50_ms']:7.1f} ms  "
            f"{row['rps']:6.1f} req/s  after a write {row['after_write']['median_ms']:7.1f} ms "
            f"(max {row['after_write']['max_ms']:.1f})",
            flush=True,
        )


def _timed_in_turn(*functions: Callable[[], Any], repeat: int = 5) -> list[float]:
    """The best of ``repeat`` runs of each function, in seconds, the functions taking
    turns (a, b, a, b, ...): a moment when the shared machine is busy costs both alike.
    The first turn also warms the caches."""
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for index, function in enumerate(functions):
            started = time.perf_counter()
            function()
            best[index] = min(best[index], time.perf_counter() - started)
    return best


def measure_report(results: Results) -> None:
    from django.utils import translation

    from reports.models import ReportRun
    from reports.selectors import YearScope, key_totals, report_figures
    from reports.services import report_build, report_language

    from .report_sql import key_totals_sql, report_aggregates_sql

    with translation.override(report_language()):
        orm_seconds, sql_seconds = _timed_in_turn(
            lambda: report_figures(year=REPORT_YEAR),
            lambda: report_aggregates_sql(REPORT_YEAR),
        )
    orm_keys = key_totals(YearScope(REPORT_YEAR))
    sql_keys = key_totals_sql(REPORT_YEAR)
    agree = orm_keys == sql_keys
    run = ReportRun.objects.create(year=REPORT_YEAR)
    started = time.perf_counter()
    run = report_build(run_id=run.pk)
    total = time.perf_counter() - started
    results.report = {
        "year": REPORT_YEAR,
        "status": run.status,
        "error": run.error[:300],
        "total_s": round(total, 2),
        "aggregation_s": round(orm_seconds, 3),
        "sql_s": round(sql_seconds, 3),
        "ratio": round(orm_seconds / sql_seconds, 2) if sql_seconds else 0.0,
        "key_figures_agree": agree,
        "sizes": {
            name: getattr(run, name).size if getattr(run, name) else 0
            for name in ("html_file", "pdf_file", "xlsx_file")
        },
    }
    if not agree:
        results.notes.append(f"Key figures differ: ORM {orm_keys} against SQL {sql_keys}.")
    print(
        f"  report {REPORT_YEAR}: {run.status}, total {total:.2f} s (HTML, PDF, XLSX); "
        f"aggregation {orm_seconds:.3f} s against hand-written SQL {sql_seconds:.3f} s "
        f"(ratio {results.report['ratio']:.2f}); key figures agree: {agree}",
        flush=True,
    )


def _first_and_best(function: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
    """(the first run, the best of ``repeat``), in seconds, and the last value."""
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return times[0], min(times), value


def _size(response: Any) -> int:
    """The bytes of a response's body, read to the end when it is streamed."""
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def measure_returns(results: Results) -> None:
    """The official returns of ``REPORT_YEAR`` built in this process, as the downloads
    build them: the e-APD worksheet (declaration, CSV and XLSX) and the IATI file."""
    from django.contrib.auth import get_user_model

    from returns.eapd import eapd_declaration
    from returns.exports import eapd_response
    from returns.iati import iati_activities_xml

    user = get_user_model().objects.get(username="gen-bench")

    def worksheet() -> tuple[Any, int, int]:
        declaration = eapd_declaration(user=user, year=REPORT_YEAR)
        csv_bytes = _size(eapd_response(declaration, "csv"))
        xlsx_bytes = _size(eapd_response(declaration, "xlsx"))
        return declaration, csv_bytes, xlsx_bytes

    first, best, (declaration, csv_bytes, xlsx_bytes) = _first_and_best(worksheet)
    results.returns.append(
        {
            "name": f"e-APD worksheet {REPORT_YEAR} (declaration, CSV and XLSX)",
            "first_s": round(first, 2),
            "best_s": round(best, 2),
            "output": (
                f"{len(declaration.projects):,} projects, {len(declaration.warnings):,} "
                f"warnings; CSV {csv_bytes:,} bytes, XLSX {xlsx_bytes:,} bytes"
            ),
        }
    )
    first, best, xml = _first_and_best(lambda: iati_activities_xml(user=user, year=REPORT_YEAR))
    results.returns.append(
        {
            "name": f"IATI activity file {REPORT_YEAR}",
            "first_s": round(first, 2),
            "best_s": round(best, 2),
            "output": f"{len(xml):,} bytes of XML",
        }
    )
    for row in results.returns:
        print(
            f"  {row['name']}: first {row['first_s']:.2f} s, best {row['best_s']:.2f} s "
            f"({row['output']})",
            flush=True,
        )


def measure_import(results: Results, rows: int = 25000) -> None:
    from django.contrib.auth import get_user_model

    from partnerships.models import LocalGovernment
    from transfers.management.commands.make_sample_import import HEADER, sample_rows
    from transfers.services import import_records

    user = get_user_model().objects.get(username="gen-bench")
    user.role = "administrator"
    user.save(update_fields=["role"])
    lg = LocalGovernment.objects.get(is_default=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(sample_rows(rows, lg.name))
    data = buffer.getvalue().encode()
    started = time.perf_counter()
    # Rolled back afterwards, so that every run imports into the same data set.
    with transaction.atomic():
        result = import_records(
            kind="partnerships", data=data, filename="bench.csv", user=user, dry_run=False
        )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    user.role = "editor"
    user.save(update_fields=["role"])
    vacuum_analyze()  # the rolled-back rows, not left for the next run to read
    results.imports = {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "counts": dict(result.counts),
    }
    print(
        f"  import of {rows} rows: {seconds:.2f} s ({rows / seconds:.0f} rows/s), {result.counts}",
        flush=True,
    )


def vacuum_analyze() -> int | None:
    """``VACUUM ANALYZE`` the whole database; the dead rows found before, or None when
    the database is not PostgreSQL.

    Each run starts from the same tables and leaves them so. The import's rollback
    leaves 25,000 dead partnerships and thousands of dead partner cities behind, and
    the "after a write" requests some more. Where autovacuum is off (as on the machines
    this runs on), the next run read partnerships three times their size: a count of the
    mapped partner cities took 21 ms instead of 8.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        if connection.pg_version >= 150000:
            # This connection's own counts (the import it rolled back) reach the
            # statistics when it is next idle, not before the sum below is read.
            cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT COALESCE(SUM(n_dead_tup), 0) FROM pg_stat_user_tables")
        (dead,) = cursor.fetchone()
        cursor.execute("VACUUM ANALYZE")
    return int(dead)


# --- the run and its page ----------------------------------------------------------------


def ensure_database() -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    import psycopg
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
        return
    except OperationalError:
        pass
    params = settings.DATABASES["default"]
    with psycopg.connect(
        host=params.get("HOST") or "127.0.0.1",
        port=params.get("PORT") or 5432,
        user=params.get("USER") or "postgres",
        password=params.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'CREATE DATABASE "{params["NAME"]}"')
    connection.close()


def ensure_national_data(results: Results, progress: Callable[[str], None]) -> None:
    from delegations.models import Delegation, DelegationMember
    from exchanges.models import Application, Participant
    from partnerships.models import PartnerCity, Partnership

    from .generator import SCALES, generate

    national = SCALES["national"]
    if (
        Delegation.objects.count() < national.delegations
        or PartnerCity.objects.count() < national.partner_cities
    ):
        progress("Generating the national data set (seed 42)…")
        generate(scale="national", seed=42, reset=True, progress=lambda s: progress(f"  {s}"))
    results.data = {
        "partnerships": Partnership.objects.count(),
        "partner cities": PartnerCity.objects.count(),
        "delegations": Delegation.objects.count(),
        "delegation members": DelegationMember.objects.count(),
        "applications": Application.objects.count(),
        "participants": Participant.objects.count(),
    }


def server_env(static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="scale.bench_settings",
        DEBUG="false",
        SECRET_KEY=BENCH_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
        DATABASE_URL=os.environ["DATABASE_URL"],
        # Rate limits stay on (their cache lookups are part of the cost), just high
        # enough that 8 clients are never throttled.
        API_THROTTLE_USER="100000000/min",
        API_THROTTLE_ANON="100000000/min",
        LOG_LEVEL="WARNING",
    )
    env.setdefault("IATI_REPORTING_ORG_REF", BENCH_IATI_REF)
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/3")
    # As deployed: a worker prepares the big downloads (``Worker``), into files of its own.
    env["CELERY_BROKER_URL"] = BENCH_BROKER_URL
    env["MEDIA_ROOT"] = str(Path(tempfile.gettempdir()) / "intl-relations-bench-media")
    return env


def collect_static(env: dict[str, str]) -> None:
    """``collectstatic`` (hashed, compressed), skipped when nothing changed since the last.

    Compressing every file (admin, API docs) takes minutes on a busy machine.
    """
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    if manifest.is_file():
        newest = max(
            (p.stat().st_mtime for p in (BASE_DIR / "static").rglob("*") if p.is_file()),
            default=0.0,
        )
        if newest < manifest.stat().st_mtime:
            return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=600,
    )


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _warm_met(row: dict[str, Any]) -> bool:
    return "error" not in row and not row.get("not_loaded") and row["p95_ms"] < row["warm_target"]


def _cold_met(row: dict[str, Any]) -> bool:
    return "error" not in row and row["after_write"]["median_ms"] < row["cold_target"]


def missed_lines(results: Results) -> dict[str, list[str]]:
    """The targets this run missed, each with its figure: under load (warm), right after
    a write (cold), and the ratios and builds."""
    warm_missed, cold_missed, other = [], [], []
    for row in results.api:
        if row["ratio"] < API_RATIO_TARGET:
            other.append(
                f"API `{row['endpoint']}` computed per request: {row['ratio']:g} × the "
                f"baseline's throughput (target ≥ {API_RATIO_TARGET:g})."
            )
        if row["after_write"]["median_ms"] >= PAGE_COLD_MS:
            cold_missed.append(
                f"API `{row['endpoint']}`: {row['after_write']['median_ms']:g} ms right "
                f"after a write (target under {PAGE_COLD_MS:g} ms)."
            )
    for row in results.deep:
        if row["ratio"] > DEEP_PAGE_RATIO_TARGET:
            other.append(
                f"{row['list']}: page {row['page']:,} p50 {row['deep']['p50_ms']:g} ms, "
                f"{row['ratio']:g} × page 1's {row['first']['p50_ms']:g} ms (target ≤ "
                f"{DEEP_PAGE_RATIO_TARGET:g})."
            )
    for row in results.pages:
        if "error" in row:
            warm_missed.append(f"{row['page']} (`{row['path']}`): not measured, {row['error']}.")
            continue
        if "background" in row:
            bg = row["background"]
            other.append(
                f"{row['page']} (`{row['path']}`): prepared by the worker, not loaded at "
                f"{CONCURRENCY} clients (each click queues a file); its file was ready "
                f"{bg['ready_s']:g} s after the click (slowest {bg['ready_max_s']:g} s; no "
                "target)."
            )
        elif row.get("not_loaded"):
            warm_missed.append(
                f"{row['page']} (`{row['path']}`): one request alone took {row['p95_ms']:g} "
                f"ms warm, so it was not loaded at {CONCURRENCY} clients (target p95 under "
                f"{row['warm_target']:g} ms)."
            )
        elif not _warm_met(row):
            warm_missed.append(
                f"{row['page']} (`{row['path']}`): p95 {row['p95_ms']:g} ms, p50 "
                f"{row['p50_ms']:g} ms (target p95 under {row['warm_target']:g} ms)."
            )
        if not _cold_met(row):
            cold_missed.append(
                f"{row['page']} (`{row['path']}`): {row['after_write']['median_ms']:g} ms "
                f"(slowest {row['after_write']['max_ms']:g} ms; target under "
                f"{row['cold_target']:g} ms)."
            )
    report = results.report
    if report.get("status") != "done" or report.get("total_s", 99) >= REPORT_TOTAL_TARGET_S:
        other.append(
            f"Annual report, three outputs: {report.get('total_s')} s, status "
            f"{report.get('status')} (target under {REPORT_TOTAL_TARGET_S:g} s)."
        )
    if report.get("ratio", 99) > REPORT_AGGREGATION_RATIO_TARGET:
        other.append(
            f"Annual report aggregation: {report.get('ratio')} × the hand-written SQL "
            f"(target ≤ {REPORT_AGGREGATION_RATIO_TARGET:g})."
        )
    for row in results.returns:
        if row["first_s"] >= RETURNS_TARGET_S:
            other.append(
                f"{row['name']}: {row['first_s']:g} s (target under {RETURNS_TARGET_S:g} s)."
            )
    return {
        "Under load (warm)": warm_missed,
        "Right after a write (cold)": cold_missed,
        "Ratios and builds": other,
    }


def _load_average(values: tuple[float, float, float] | None) -> str:
    return ", ".join(f"{x:.1f}" for x in values) if values else "not read"


def write_markdown(results: Results, path: Path, command: str, duration: float) -> None:
    """The page: only what this run measured, with the method that measured it."""
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(results.started))
    cores = results.cores
    lines = [
        "# Benchmarks at national scale",
        "",
        (
            "Written by `make bench` (`scale/bench.py`): every figure below was measured "
            "in the run described here, and anyone can reproduce it with the same command. "
            "Earlier runs and what changed between them are in "
            "[benchmarks-history.md](benchmarks-history.md), written by hand."
        ),
        "",
        f"- **Date**: {date}",
        f"- **Machine**: {results.machine}",
        f"- **Code measured**: {results.code}",
        (
            "- **Answer cache layer** (`intl_relations/versions.py`) in the code measured: "
            + ("yes" if results.cache_layer else "no: every page and answer is computed")
        ),
        f"- **Command**: `{command}`",
        (
            "- **Load average** (1, 5, 15 min; 2 cores): "
            f"{_load_average(results.load_average)} when the run started, "
            f"{_load_average(results.load_average_end)} when it ended. The machine is "
            "shared with other engineers' work (tests, other runs): absolute figures are "
            "noisy, ratios measured back to back less so."
        ),
        (
            "- **Server**: gunicorn, 2 sync workers, production settings (DEBUG off, "
            "compressed static files, Redis on 127.0.0.1:6379/3), on a loopback port; "
            f"pinned to CPU {cores.get('server_plan', '?')} (read back: "
            f"{cores.get('server', 'not read')}); beside it on the same CPU, as deployed, "
            "one Celery worker (solo) that prepares the big list downloads (broker: Redis "
            "127.0.0.1:6379/4)"
        ),
        (
            f"- **Load**: a second process (`python -m scale.load`), {CONCURRENCY} "
            f"concurrent clients, {duration:g} s per URL after a warm-up, on loopback; "
            f"pinned to CPU {cores.get('load_plan', '?')} (read back by the process: "
            f"{cores.get('load', 'not read')}). Every request, its own and the timed "
            "ones, says `Accept-Encoding: gzip` as browsers and HTTP libraries do: "
            "the server's compression is in the figures"
        ),
        (
            "- **Not pinned**: PostgreSQL and Redis (system services, free to use both "
            "CPUs) and this process (the writes, the report, the returns, the import)"
        ),
        "- **Data**: `generate_data --scale national --seed 42`: "
        + ", ".join(f"{n:,} {label}" for label, n in results.data.items())
        + (
            f"; `VACUUM ANALYZE` before measuring ({results.dead_rows:,} dead rows left by "
            "earlier runs' writes) and after the import's rollback"
            if results.dead_rows is not None
            else ""
        ),
        "",
        "## API lists computed per request, against a hand-written view",
        "",
        (
            "The baseline (`scale/baseline.py`, mounted only by the benchmark's URLs) returns "
            "the same 50 rows and columns with `.values()` and `json`: no authentication, "
            "serializer, filter form or count. Every request, to the API and to the "
            f"baseline, has an address of its own (`{UNCACHED_PARAMETER}=<n>`, read by "
            "neither), so each answer is read, filtered, serialized and paginated, count "
            f"included. Target: the API serves at least {API_RATIO_TARGET:g} × the "
            f"baseline's throughput. The two loads take turns {API_ROUNDS} times; each "
            "figure is the median of its rounds. *After a write*: one request alone right "
            f"after a real write, {COLD_REPEAT} times, the median (target under "
            f"{PAGE_COLD_MS:g} ms)."
        ),
        "",
        (
            "There is no cached or ETag figure: "
            + (
                "the code measured still holds an answer cache, which this load bypasses."
                if results.cache_layer
                else "the code measured keeps no answer and sends no ETag."
            )
        ),
        "",
        (
            "| endpoint | API req/s | API p95 ms | baseline req/s | baseline p95 ms | ratio "
            f"| ≥ {API_RATIO_TARGET:g} | after a write ms | baseline after a write ms |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for row in results.api:
        api, base = row["api"], row["baseline"]
        lines.append(
            f"| `{row['endpoint']}` | {api['rps']} | {api['p95_ms']} | {base['rps']} | "
            f"{base['p95_ms']} | {row['ratio']} | {verdict(row['ratio'] >= API_RATIO_TARGET)} "
            f"| {row['after_write']['median_ms']} | {row['baseline_after_write']['median_ms']} |"
        )
    lines += [
        "",
        "## Deep pages of the big lists",
        "",
        (
            f"Page {DEEP_PAGE:,} of each list (its last page when it has fewer), unfiltered, "
            f"against page 1, each loaded at {CONCURRENCY} clients for {duration / 2:g} s, "
            f"taking turns {API_ROUNDS} times (medians of the rounds). "
            f"Target: the deep page's p50 at most {DEEP_PAGE_RATIO_TARGET:g} × page 1's. "
            "API pages hold 50 rows, staff pages 25."
        ),
        "",
        (
            "| list | page 1 p50 ms | page 1 p95 ms | deep page | deep p50 ms | deep p95 ms "
            f"| ratio (p50) | ≤ {DEEP_PAGE_RATIO_TARGET:g} |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for row in results.deep:
        lines.append(
            f"| {row['list']} (`{row['path']}`) | {row['first']['p50_ms']} | "
            f"{row['first']['p95_ms']} | {row['page']:,} | {row['deep']['p50_ms']} | "
            f"{row['deep']['p95_ms']} | {row['ratio']} | "
            f"{verdict(row['ratio'] <= DEEP_PAGE_RATIO_TARGET)} |"
        )
    lines += [
        "",
        f"## Pages at {CONCURRENCY} concurrent clients, and right after a write",
        "",
        (
            "Staff pages signed in as an editor, public pages anonymous, API calls with the "
            "editor's token. *Warm*: p50 and p95 under load, after two warm-up requests. "
            f"*After a write*: before each of {COLD_REPEAT} requests, made alone, one row of "
            "every table the pages read (partnerships, partner cities, local governments, "
            "organisations, contacts, delegations and their members, costs and follow-ups, "
            "programmes, applications, participants, projects, budget lines, consulates, "
            "diaspora groups) gets a new `updated_at` through the ORM, committed; the "
            "median is judged, the slowest shown. Targets: p95 under "
            f"{PAGE_WARM_P95_MS:g} ms warm and under {PAGE_COLD_MS:g} ms right after a "
            f"write; the API GeoJSON of every partner city under {GEOJSON_MS:g} ms both "
            "ways. Exports and downloads are held to the page targets too. A URL whose "
            f"first request alone takes over {SLOW_ALONE_MS / 1000:g} s is not loaded (8 "
            "clients would only queue behind it): it is timed once right after a write "
            "and once more alone, and both targets count as missed. A staff download too "
            "big to write during the click (more rows than `DOWNLOAD_CSV_INLINE_ROWS` or "
            "`DOWNLOAD_XLSX_INLINE_ROWS`) answers with its download page, an API export "
            "as big with 202 and the download's address; the worker prepares the file: "
            "each click queues a file, so it is not loaded at "
            f"{CONCURRENCY} clients. It is clicked {COLD_REPEAT} times alone, each right "
            "after a write and once the previous file is ready, timed to the download "
            "page the browser lands on or to the API's 202 (the cold target); the "
            "worker's time from the "
            "click to the file written is shown beside it (no target)."
        ),
    ]
    groups: list[str] = []
    for row in results.pages:
        if row["group"] not in groups:
            groups.append(row["group"])
    for group in groups:
        lines += [
            "",
            f"### {group}",
            "",
            (
                "| page | path | p50 ms | p95 ms | req/s | warm target met "
                "| after a write ms (median) | slowest ms | cold target met |"
            ),
            "| --- | --- | ---: | ---: | ---: | :---: | ---: | ---: | :---: |",
        ]
        for row in results.pages:
            if row["group"] != group:
                continue
            if "error" in row:
                lines.append(
                    f"| {row['page']} | `{row['path']}` | failed: {row['error']} | | | "
                    "**no** | | | **no** |"
                )
                continue
            warm_target = f"{verdict(_warm_met(row))} (< {row['warm_target']:g})"
            cold_target = f"{verdict(_cold_met(row))} (< {row['cold_target']:g})"
            if "background" in row:
                lines.append(
                    f"| {row['page']} | `{row['path']}` | click alone: {row['p50_ms']} | | | "
                    f"not loaded: each click queues a file; ready after "
                    f"{row['background']['ready_s']:g} s | {row['after_write']['median_ms']} | "
                    f"{row['after_write']['max_ms']} | {cold_target} |"
                )
                continue
            if row.get("not_loaded"):
                lines.append(
                    f"| {row['page']} | `{row['path']}` | not loaded | alone: {row['p95_ms']} "
                    f"| | {warm_target} | {row['after_write']['median_ms']} | "
                    f"{row['after_write']['max_ms']} | {cold_target} |"
                )
                continue
            lines.append(
                f"| {row['page']} | `{row['path']}` | {row['p50_ms']} | {row['p95_ms']} | "
                f"{row['rps']} | {warm_target} | {row['after_write']['median_ms']} | "
                f"{row['after_write']['max_ms']} | {cold_target} |"
            )
    r = results.report
    imp = results.imports
    report_met = r.get("status") == "done" and r.get("total_s", 99) < REPORT_TOTAL_TARGET_S
    lines += [
        "",
        f"## Annual report {r.get('year')}",
        "",
        (
            "Total: `report_build` writing the HTML page, the PDF and the spreadsheet, once. "
            "Aggregation: `reports.selectors.report_figures` against the same aggregates "
            "in hand-written SQL (`scale/report_sql.py`), taking turns 5 times, the best "
            "of each."
        ),
        "",
        "| measure | value | target | met |",
        "| --- | ---: | ---: | :---: |",
        (
            f"| total, three outputs | {r.get('total_s')} s | < {REPORT_TOTAL_TARGET_S:g} s | "
            f"{verdict(report_met)} |"
        ),
        f"| aggregation (ORM) | {r.get('aggregation_s')} s | | |",
        f"| same figures, hand-written SQL | {r.get('sql_s')} s | | |",
        (
            f"| ratio | {r.get('ratio')} | ≤ {REPORT_AGGREGATION_RATIO_TARGET:g} | "
            f"{verdict(r.get('ratio', 99) <= REPORT_AGGREGATION_RATIO_TARGET)} |"
        ),
        f"| key figures agree (ORM = SQL) | {r.get('key_figures_agree')} | | |",
        "",
        f"Outputs: {', '.join(f'{k} {v:,} bytes' for k, v in r.get('sizes', {}).items())}.",
        "",
        f"## Official returns {REPORT_YEAR}",
        "",
        (
            "Built in this process as the staff downloads build them (`returns` app), three "
            "times each; the first run is judged, the best shown. Target: under "
            f"{RETURNS_TARGET_S:g} s each."
        ),
        "",
        "| output | first s | best of 3 s | target | met | what it holds |",
        "| --- | ---: | ---: | ---: | :---: | --- |",
    ]
    for row in results.returns:
        lines.append(
            f"| {row['name']} | {row['first_s']} | {row['best_s']} | < {RETURNS_TARGET_S:g} s "
            f"| {verdict(row['first_s'] < RETURNS_TARGET_S)} | {row['output']} |"
        )
    lines += [
        "",
        "## Import",
        "",
        (
            f"`import_records` of {imp.get('rows', 0):,} partnership rows "
            "(`make_sample_import`'s file: new partner cities, French, English and ISO country "
            "names, two date formats), checked and saved, then rolled back so "
            f"every run starts from the same data: **{imp.get('seconds')} s** "
            f"({imp.get('rows_per_s')} rows/s); outcome {imp.get('counts')}. No target."
        ),
        "",
        "## Targets missed",
    ]
    missed = missed_lines(results)
    if not any(missed.values()):
        lines += ["", "None in this run: every target above is met, warm and cold."]
    for heading, items in missed.items():
        lines += ["", f"### {heading}", ""]
        lines += [f"- {item}" for item in items] or ["- None."]
    lines += [
        "",
        "## Notes",
        "",
        (
            "- Generated rows have no edit history (bulk inserts); history tables are empty "
            "for them, which does not change list or report queries (they never read history)."
        ),
        (
            "- The writes before the cold requests leave the data as it was but for the "
            "`updated_at` of the first row of each table."
        ),
        (
            f"- With gunicorn on one CPU, {CONCURRENCY} clients queue for it: a p95 under "
            f"load is close to {CONCURRENCY} × the time of one request, which the *after a "
            "write* column gives (one request alone)."
        ),
        *[f"- {note}" for note in results.notes],
        "",
    ]
    path.write_text("\n".join(lines))


PARTS = ("api", "deep", "pages", "report", "returns", "import")


def run_bench(
    *,
    duration: float,
    output: Path,
    command: str,
    progress: Callable[[str], None],
    parts: tuple[str, ...] = PARTS,
    page_match: str = "",
) -> Results:
    """Measure ``parts``; the page is written only when every part was measured (and
    every page: ``page_match`` keeps only the pages whose label holds it)."""
    from django.core.management import call_command

    results = Results()
    progress("Migrating…")
    call_command("migrate", verbosity=0)
    ensure_national_data(results, progress)
    results.dead_rows = vacuum_analyze()
    progress(f"Data: {results.data}; dead rows vacuumed before measuring: {results.dead_rows}")
    results.machine = machine()
    results.code = code_measured()
    results.cache_layer = has_answer_cache()
    token, session = bench_user()
    # Kept between runs: collectstatic then only hashes and compresses what changed.
    static_root = Path(tempfile.gettempdir()) / "intl-relations-bench-static"
    env = server_env(str(static_root))
    server_cpus, load_cpus = cpu_plan()
    LOAD_CPUS.clear()
    LOAD_CPUS.update(load_cpus)
    LOAD_CPUS_SEEN.clear()
    results.cores = {
        "server_plan": _cpus(server_cpus) or "none",
        "load_plan": _cpus(load_cpus) or "none",
    }
    if {"api", "deep", "pages"} & set(parts):
        progress(f"Collecting static files (compressed) into {static_root}…")
        collect_static(env)
        with Server(env, server_cpus) as server, Worker(env, server_cpus):
            results.cores["server"] = server.affinity()
            progress(
                f"gunicorn on {server.base}, CPUs {results.cores['server']}; load generator "
                f"on CPU {results.cores['load_plan']}"
            )
            if "api" in parts:
                progress("API lists against the baseline:")
                measure_api(server, token, results, duration)
            if "deep" in parts:
                progress("Deep pages against page 1:")
                measure_deep_pages(server, token, session, results, duration)
            if "pages" in parts:
                progress(f"Pages at {CONCURRENCY} concurrent clients and after a write:")
                measure_pages(server, session, token, results, duration, page_match)
        results.cores["load"] = "; ".join(sorted(LOAD_CPUS_SEEN)) or "not read"
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)  # the files the worker wrote
    if "report" in parts:
        progress("Annual report:")
        measure_report(results)
    if "returns" in parts:
        progress("Official returns:")
        measure_returns(results)
    if "import" in parts:
        progress("Import:")
        measure_import(results)
    results.load_average_end = os.getloadavg()
    if set(parts) == set(PARTS) and not page_match:
        write_markdown(results, output, command, duration)
        progress(f"Written to {output}")
    else:
        progress(f"Only {', '.join(parts)} measured: {output} left as it was.")
    return results
