"""The benchmark behind ``make bench``: the national data set, measured end to end.

Steps, all bounded in time and only on loopback:

1. the PostgreSQL database of ``BENCH_DATABASE_URL`` is created and migrated if
   missing, and filled with the ``national`` data set (seed 42) if it holds less;
2. static files are collected (compressed, hashed: what production serves) and
   gunicorn starts with 2 workers on a loopback port, with the product's settings
   plus the hand-written baseline views (``scale.bench_urls``);
3. a second process (``python -m scale.load``) drives the load: API lists against
   their baseline (throughput and p95), then staff and public pages at 8 clients;
4. in this process: the annual report of the last full year (total, and its
   aggregation against hand-written SQL) and an import of 25,000 rows (rolled back);
5. the figures are printed and written to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
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
CONCURRENCY = 8

# Targets of issue 8, on a 2-core machine at national scale.
API_RATIO_TARGET = 0.5
PAGE_P95_TARGET_MS = 150.0
REPORT_TOTAL_TARGET_S = 15.0
REPORT_AGGREGATION_RATIO_TARGET = 3.0


@dataclass
class Results:
    """Everything measured in one run, printed and written to the markdown page."""

    started: float = field(default_factory=time.time)
    load_average: tuple[float, float, float] = field(default_factory=os.getloadavg)
    api: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    imports: dict[str, Any] = field(default_factory=dict)
    data: dict[str, int] = field(default_factory=dict)
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


class Server:
    """gunicorn with 2 workers on a loopback port, the bench settings, until stopped."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

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
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/robots.txt", timeout=5)  # noqa: S310
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
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
    if vary:
        command.append(f"--vary={vary}")
    for name, value in headers.items():
        command.append(f"--header={name}: {value}")
    done = subprocess.run(  # noqa: S603 - fixed arguments
        command, cwd=BASE_DIR, capture_output=True, text=True, timeout=duration + 60, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def warm(url: str, headers: dict[str, str], times: int = 3) -> None:
    for _ in range(times):
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=180) as response:  # noqa: S310
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            response.read()


# --- what is measured ---------------------------------------------------------------------

API_LISTS = [
    ("partnerships", "status=active&ordering=-signed_on"),
    ("partner-cities", "country=DE"),
    ("delegations", "direction=incoming&starts_after=2020-01-01"),
    ("delegation-members", "role=elected"),
    ("applications", "status=accepted"),
    ("participants", "status=took_part"),
]


def page_targets() -> list[tuple[str, str, bool]]:
    """(label, path, signed in as staff) of the pages measured at 8 concurrent clients."""
    from django.urls import reverse

    from delegations.models import Delegation
    from exchanges.models import Application
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
    return [
        ("staff: partnerships list", reverse("staff:partnership_list"), True),
        (
            "staff: partnerships list, filtered",
            reverse("staff:partnership_list") + "?status=active&sort=-signed_on",
            True,
        ),
        (
            "staff: partnership detail",
            reverse("staff:partnership_detail", args=[partnership]),
            True,
        ),
        ("staff: delegations list", reverse("staff:delegation_list"), True),
        (
            "staff: delegations list, filtered",
            reverse("staff:delegation_list") + "?direction=incoming&starts_after=2020-01-01",
            True,
        ),
        ("staff: delegation detail", reverse("staff:delegation_detail", args=[delegation]), True),
        ("staff: partner cities list", reverse("staff:partnercity_list"), True),
        (
            "staff: partner city detail",
            reverse("staff:partnercity_detail", args=[staff_city]),
            True,
        ),
        ("staff: applications list", reverse("staff:application_list"), True),
        (
            "staff: application detail",
            reverse("staff:application_detail", args=[application]),
            True,
        ),
        ("staff: dashboard", reverse("staff:dashboard"), True),
        ("public: home", reverse("portal:home"), False),
        ("public: map page", reverse("portal:map"), False),
        ("public: map GeoJSON", reverse("portal:map_geojson"), False),
        ("public: partner city", reverse("portal:partner_city", args=[busiest_city]), False),
        ("public: partnership", reverse("portal:partnership", args=[partnership]), False),
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


# A query parameter no endpoint reads: a new value per request makes a new address.
UNCACHED_PARAMETER = "bench_nocache"
API_ROUNDS = 3


def median_load(loads: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over several loads of one URL (the noise of a shared
    2-core machine moves single runs by a third)."""
    import statistics

    return {key: round(statistics.median(run[key] for run in loads), 1) for key in loads[0]}


def measure_api(server: Server, token: str, results: Results, duration: float) -> None:
    """Each list three ways, against the baseline: its answer served from the cache (a
    client asking the same page again), its answer computed (a new address each time;
    the count is still the cached one, as for a client paging through), and one request
    alone right after a write (nothing cached at all). The three loads take turns,
    ``API_ROUNDS`` times, and each figure is the median of its rounds."""
    auth = {"Authorization": f"Bearer {token}"}
    for name, query in API_LISTS:
        api_url = f"{server.base}/api/v1/{name}/?{query}"
        base_url = f"{server.base}/bench-baseline/{name}/?{query}"
        warm(api_url, auth)
        warm(base_url, {})
        rounds: dict[str, list[dict[str, Any]]] = {"api": [], "computed": [], "baseline": []}
        for _ in range(API_ROUNDS):
            rounds["api"].append(load(api_url, auth, duration=duration))
            rounds["computed"].append(
                load(api_url, auth, duration=duration, vary=UNCACHED_PARAMETER)
            )
            rounds["baseline"].append(load(base_url, {}, duration=duration))
        api, computed, base = (median_load(rounds[k]) for k in ("api", "computed", "baseline"))
        ratio = api["rps"] / base["rps"] if base["rps"] else 0.0
        computed_ratio = computed["rps"] / base["rps"] if base["rps"] else 0.0
        row = {
            "endpoint": f"/api/v1/{name}/?{query}",
            "api": api,
            "computed": computed,
            "baseline": base,
            "ratio": round(ratio, 2),
            "computed_ratio": round(computed_ratio, 2),
            "after_write_ms": after_a_write_ms(server, api_url, auth),
            "baseline_alone_ms": after_a_write_ms(server, base_url, {}),
        }
        results.api.append(row)
        print(
            f"  API {name:<20} {api['rps']:7.1f} req/s p95 {api['p95_ms']:6.1f} ms | "
            f"computed {computed['rps']:7.1f} req/s p95 {computed['p95_ms']:6.1f} ms | "
            f"baseline {base['rps']:7.1f} req/s p95 {base['p95_ms']:6.1f} ms | "
            f"ratio {ratio:.2f}, computed {computed_ratio:.2f} | after a write "
            f"{row['after_write_ms']:.1f} ms (baseline alone {row['baseline_alone_ms']:.1f} ms)",
            flush=True,
        )


def after_a_write_ms(server: Server, url: str, headers: dict[str, str], repeat: int = 5) -> float:
    """One request right after every table's version moved, so that no cached count,
    fragment or value can be used: the median of ``repeat``, one client at a time."""
    import statistics

    from django.core.cache.backends.redis import RedisCache

    from intl_relations.versions import ANY_TABLE, known_tables, version_key

    store = RedisCache(server.env["CACHE_URL"], {})
    times = []
    for _ in range(repeat):
        version = time.time_ns()
        keys = [version_key(table) for table in known_tables()] + [ANY_TABLE]
        store.set_many(dict.fromkeys(keys, version), timeout=None)
        started = time.perf_counter()
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=180) as response:  # noqa: S310
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def measure_pages(server: Server, session: str, results: Results, duration: float) -> None:
    cookie = {"Cookie": f"sessionid={session}", "Accept-Language": "fr"}
    for label, path, staff in page_targets():
        headers = cookie if staff else {"Accept-Language": "fr"}
        url = server.base + path
        cold = after_a_write_ms(server, url, headers)
        warm(url, headers, times=2)
        figures = load(url, headers, duration=duration)
        results.pages.append({"page": label, "path": path, "after_write_ms": cold, **figures})
        print(
            f"  {label:<38} p95 {figures['p95_ms']:7.1f} ms  p50 {figures['p50_ms']:7.1f} ms  "
            f"{figures['rps']:6.1f} req/s  after a write {cold:7.1f} ms",
            flush=True,
        )


def _timed(function: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The best of ``repeat`` runs, in seconds (the first also warms the caches)."""
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - started)
    return best, value


def measure_report(results: Results) -> None:
    from django.utils import translation

    from reports.models import ReportRun
    from reports.selectors import YearScope, key_totals, report_figures
    from reports.services import report_build, report_language

    from .report_sql import key_totals_sql, report_aggregates_sql

    with translation.override(report_language()):
        orm_seconds, _ = _timed(lambda: report_figures(year=REPORT_YEAR))
    sql_seconds, _ = _timed(lambda: report_aggregates_sql(REPORT_YEAR))
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
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/3")
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


def missed_lines(results: Results) -> list[str]:
    """The targets this run missed, each with its figure (or that all were met)."""
    lines = []
    for row in results.api:
        for label, key in (("cached", "ratio"), ("computed", "computed_ratio")):
            if row[key] < API_RATIO_TARGET:
                lines.append(
                    f"- API `{row['endpoint']}`, answer {label}: {row[key]:g} of the "
                    f"baseline (target {API_RATIO_TARGET:g})."
                )
    for row in results.pages:
        if row["p95_ms"] >= PAGE_P95_TARGET_MS:
            lines.append(
                f"- {row['page']}: p95 {row['p95_ms']:g} ms (target under "
                f"{PAGE_P95_TARGET_MS:g} ms)."
            )
    report = results.report
    if report.get("status") != "done" or report.get("total_s", 99) >= REPORT_TOTAL_TARGET_S:
        lines.append(f"- Annual report: {report.get('total_s')} s, status {report.get('status')}.")
    if report.get("ratio", 99) > REPORT_AGGREGATION_RATIO_TARGET:
        lines.append(f"- Report aggregation: {report.get('ratio')} × the hand-written SQL.")
    if not lines:
        lines.append("- None in this run: every target above is met.")
    return lines


def write_markdown(results: Results, path: Path, command: str, duration: float) -> None:
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(results.started))
    lines = [
        "# Benchmarks at national scale",
        "",
        (
            "Measured by `make bench` (`scale/bench.py`); every figure and ratio below comes "
            "from one run, and anyone can reproduce it with the same command."
        ),
        "",
        f"- **Date**: {date}",
        f"- **Machine**: {machine()}",
        f"- **Command**: `{command}`",
        (
            "- **Load average when the run started** (1, 5, 15 min; 2 cores): "
            + ", ".join(f"{x:.1f}" for x in results.load_average)
        ),
        (
            "- **Server**: gunicorn, 2 sync workers, production settings (DEBUG off, "
            "compressed static files, Redis cache on 127.0.0.1:6379/3), on a loopback port"
        ),
        (
            f"- **Load**: a second process (`python -m scale.load`), {CONCURRENCY} concurrent "
            f"clients, {duration:g} s per URL after a warm-up, on loopback (API lists: "
            f"{API_ROUNDS} rounds, medians)"
        ),
        "- **Data**: `generate_data --scale national --seed 42`: "
        + ", ".join(f"{n:,} {label}" for label, n in results.data.items()),
        "",
        "## API lists (page of 50, typical filters) against a hand-written view",
        "",
        (
            "The baseline (`scale/baseline.py`, mounted only by the benchmark's URLs) returns "
            "the same 50 rows and columns with `.values()` and `json`: no authentication, "
            "serializer, filter form or count, and no cache. Target: the API serves at least "
            "half its throughput. Each list is loaded three ways. *Cached*: the same address "
            "again and again, as an integration polling a list or many readers of one page; "
            "the answer is kept until a table it read is written. *Computed*: every request "
            f"with an address of its own (`{UNCACHED_PARAMETER}=<n>`, ignored by the API), so "
            "the page is read, filtered, serialized and paginated each time; only the count "
            "is the cached one, as for a client paging through. *After a write*: one request "
            "alone right after every table's version moved (count included), against one "
            "baseline request alone, the median of five. The cached, computed and baseline "
            f"loads take turns {API_ROUNDS} times; each figure is the median of its rounds."
        ),
        "",
        (
            "| endpoint | cached req/s | cached p95 ms | computed req/s | computed p95 ms "
            "| baseline req/s | baseline p95 ms | ratio cached | ratio computed | ≥ 0.5 "
            "| after a write ms | baseline alone ms |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for row in results.api:
        api, computed, base = row["api"], row["computed"], row["baseline"]
        met = min(row["ratio"], row["computed_ratio"]) >= API_RATIO_TARGET
        lines.append(
            f"| `{row['endpoint']}` | {api['rps']} | {api['p95_ms']} | {computed['rps']} | "
            f"{computed['p95_ms']} | {base['rps']} | {base['p95_ms']} | {row['ratio']} | "
            f"{row['computed_ratio']} | {verdict(met)} | {row['after_write_ms']} | "
            f"{row['baseline_alone_ms']} |"
        )
    lines += [
        "",
        f"## Staff and public pages, {CONCURRENCY} concurrent clients",
        "",
        (
            "Staff pages signed in as an editor; public pages anonymous. Target: p95 under "
            f"{PAGE_P95_TARGET_MS:g} ms. The load runs after a warm-up, so the lists' counts, "
            "results and filters and the other cached parts are served from Redis, as they "
            "are for every visitor after the first since the last change. *After a write* is "
            "the other side: one request, alone, right after every table's version was moved "
            "(nothing cached can be used), the median of five."
        ),
        "",
        "| page | path | p50 ms | p95 ms | req/s | < 150 ms | after a write, ms |",
        "| --- | --- | ---: | ---: | ---: | :---: | ---: |",
    ]
    for row in results.pages:
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['rps']} | {verdict(row['p95_ms'] < PAGE_P95_TARGET_MS)} | "
            f"{row.get('after_write_ms', '')} |"
        )
    r = results.report
    imp = results.imports
    report_met = r.get("status") == "done" and r.get("total_s", 99) < REPORT_TOTAL_TARGET_S
    lines += [
        "",
        f"## Annual report {r.get('year')}",
        "",
        (
            "Total: `report_build` writing the HTML page, the PDF and the spreadsheet. "
            "Aggregation: `reports.selectors.report_figures` (best of 3) against the same "
            "aggregates in hand-written SQL (`scale/report_sql.py`, best of 3)."
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
        "## Import",
        "",
        (
            f"`import_records` of {results.imports.get('rows', 0):,} partnership rows "
            "(`make_sample_import`'s file: new partner cities, French, English and ISO country "
            "names, two date formats), checked and saved, then rolled back so "
            f"every run starts from the same data: **{results.imports.get('seconds')} s** "
            f"({imp.get('rows_per_s')} rows/s); outcome {imp.get('counts')}."
        ),
        "",
        "## What was changed for these figures (issue 8)",
        "",
        (
            "- API lists: pages built from `.values()` by a plan compiled from each "
            "endpoint's own serializer (`intl_relations/lean.py`): the page's columns in one "
            "query (foreign keys as ids, the small nested objects through the selector's "
            "joins, its annotations by name), one query per many-to-many field from the "
            "selector's own `Prefetch` querysets, and per field the cheapest conversion that "
            "gives the same JSON. `tests/api/test_lean.py` compares it with the serializer "
            "on every list endpoint, for every role. FilterSets copy their filters instead "
            "of deep-copying their querysets and 250 country choices per request; rate limits "
            "count in one cache counter instead of DRF's list of every request's time; token "
            "authentication no longer sweeps the user's other tokens on each call (a nightly "
            "task does); one Redis client per pool instead of one per cache call."
        ),
        (
            "- Table versions (`intl_relations/versions.py`): every write through Django "
            "(forms, API, admin, imports, `bulk_create`, `update()`, raw SQL on its "
            "connection) moves the version of the tables it names, at once and again at "
            "commit. List counts are cached under the versions of the tables their query "
            "names; other values (the staff lists' results and filter forms, detail pages' "
            "related sections, the dashboard's figures and lists, the public home and "
            "partner city pages, the map's GeoJSON and the dashboard's map points) are "
            "stored with the tables their computation read and recomputed as soon as one "
            "moves. Cached parts are per role, language, query string (and day where "
            "dates matter); a transaction that wrote keeps its own."
        ),
        (
            "- Answers kept until written (2026-12-05): an API list's answer per reader scope "
            "(the role; the account and organisation of a partner member), language and "
            "address; a checked API token under its hash (signing out, revoking, "
            "deactivating or changing the account applies to the next call; expiry is "
            "checked on every call); a staff detail page's record, fields and history; the "
            "public partnership page. A "
            "value or count this process has seen is checked in one Redis round trip (its "
            "entry with the versions of the tables it read), and a value is stored under "
            "the versions read before it was built, so a write meanwhile keeps it from "
            "ever being served. `tests/api/test_list_cache.py`, "
            "`tests/api/test_token_cache.py`, `tests/staff/test_detail_cache.py`."
        ),
        (
            "- Rendering: staff tables' rows and long selects rendered in Python with the "
            "same HTML (tests compare them with Django's), date columns formatted without "
            "compiling a template per cell, choice labels built once per field, the "
            "dashboard's 1.3 MB of map points moved to a cached JSON address, detail pages' "
            "related sections paged ten rows at a time."
        ),
        (
            "- Indexes (named migrations `delegations.0003`, `exchanges.0003` and `0004`) for "
            "the lists' order, checked with `EXPLAIN ANALYZE`: members and applications read a "
            "page of 50 off an index instead of sorting 250,000 rows; participants, ordered by "
            "their program's order, walk the programs' new index and each program's "
            "participants (200 ms to under 1 ms). The generator ends with `VACUUM ANALYZE`, "
            "so uncached counts are index-only scans."
        ),
        (
            "- Report: country names from one table per language (7,000 calls of "
            "`countries.name()` took 0.37 s), charts drawn once for the page and the "
            "spreadsheet, the map grouping nearby cities, the spreadsheet no longer "
            "quadratic."
        ),
        "",
        "## Where the targets are missed",
        "",
        *missed_lines(results),
        "",
        "## Before these changes",
        "",
        (
            "The first national run on 2026-12-01 (same machine and command, before the "
            "changes above, load average about 8): partnerships API 4.0 req/s, p95 2,288 ms; "
            "participants API 3.4 req/s, p95 2,476 ms; public map page p50 16 s; map GeoJSON "
            "p50 24 s; dashboard p50 8.6 s; annual report 266 s (the spreadsheet alone 90 s). "
            "The next run (07:04 UTC, indexes, report and map caches, load average 3.8): API "
            "lists 0.2 to 0.54 of the baseline, staff lists p50 0.76 to 1.46 s, dashboard and "
            "home p50 0.9 s, partner city detail p50 1.6 s, report 14.96 s. The run of "
            "2026-12-01 10:26 UTC (lean lists, table versions, rendering): API lists 0.46 to "
            "0.73 of the baseline (delegation members 0.46), staff partnership detail p95 "
            "151 ms. On 2026-12-05, before that day's changes (API lists only, one round, "
            "the answer computed each time): 0.35 to 0.70 (delegation members 0.35, "
            "partnerships 0.42, applications 0.43)."
        ),
        "",
        "## Notes",
        "",
        (
            "- The machine has 2 cores shared by the server, PostgreSQL and the load "
            "generator (and whatever else runs: see the load average above): figures are "
            "noisy, and the ratios (measured back to back in the same run) are steadier than "
            "the absolute numbers."
        ),
        (
            "- Generated rows have no edit history (bulk inserts); history tables are empty "
            "for them, which does not change list or report queries (they never read history)."
        ),
        *[f"- {note}" for note in results.notes],
        "",
    ]
    path.write_text("\n".join(lines))


PARTS = ("api", "pages", "report", "import")


def run_bench(
    *,
    duration: float,
    output: Path,
    command: str,
    progress: Callable[[str], None],
    parts: tuple[str, ...] = PARTS,
) -> Results:
    """Measure ``parts``; the page is written only when every part was measured."""
    from django.core.management import call_command

    results = Results()
    progress("Migrating…")
    call_command("migrate", verbosity=0)
    ensure_national_data(results, progress)
    progress(f"Data: {results.data}")
    token, session = bench_user()
    # Kept between runs: collectstatic then only hashes and compresses what changed.
    static_root = Path(tempfile.gettempdir()) / "intl-relations-bench-static"
    env = server_env(str(static_root))
    if "api" in parts or "pages" in parts:
        progress(f"Collecting static files (compressed) into {static_root}…")
        collect_static(env)
        with Server(env) as server:
            if "api" in parts:
                progress(f"gunicorn on {server.base}; API lists against the baseline:")
                measure_api(server, token, results, duration)
            if "pages" in parts:
                progress(f"Pages at {CONCURRENCY} concurrent clients:")
                measure_pages(server, session, results, duration)
    if "report" in parts:
        progress("Annual report:")
        measure_report(results)
    if "import" in parts:
        progress("Import:")
        measure_import(results)
    if set(parts) == set(PARTS):
        write_markdown(results, output, command, duration)
        progress(f"Written to {output}")
    else:
        progress(f"Only {', '.join(parts)} measured: {output} left as it was.")
    return results
