"""``make fuzz``: Schemathesis over every API operation, many examples each, with links.

The quick version runs in ``make test`` (``tests/hardening/test_api_fuzz.py``, a few
examples per operation). This one takes minutes: it serves the portal on a throw-away
SQLite database filled with the demo data (or on ``DATABASE_URL`` when given), signs in
an administrator's API token, and runs ``st run`` with the example, fuzzing
and stateful phases (the stateful phase follows the schema's links: create, then read,
change and delete what was created). Every operation is fuzzed with the token, and
anonymously. The operations that can end the token's own session (signing out, revoking
a token, changing or deleting a user) run last, with a token of their own: run among the
others, one early sign-out left every later call anonymous (401). The server runs as in
production (``DEBUG`` off), so an unknown address answers the API's JSON 404, not
Django's debug page. It prints the count of server errors and of schema mismatches, and
exits non-zero unless both are 0.

    make fuzz                      # FUZZ_EXAMPLES=200 per operation
    make fuzz FUZZ_EXAMPLES=1000   # deeper
    FUZZ_PHASES=examples,coverage,fuzzing,stateful make fuzz   # also every boundary value
                                   # (half an hour more per pass on the demo data)
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER_ERRORS = {"not_a_server_error"}
SCHEMA_MISMATCHES = {
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
}
CHECKS = sorted(SERVER_ERRORS | SCHEMA_MISMATCHES)
# Operations that can sign the fuzzer's own administrator out (by name: "METHOD /path").
ACCOUNT_OPERATIONS = (
    r"^(POST /api/v1/auth/logout/"
    r"|DELETE /api/v1/auth/tokens/\{token_key\}/"
    r"|(PUT|PATCH|DELETE) /api/v1/users/\{id\}/)$"
)
# Anonymous means anonymous: Schemathesis would otherwise sign itself up and log in.
ANONYMOUS_CONFIG = "[auth]\nauto-signup = false\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the portal did not answer at {url}")


def failures_by_check(report: Path) -> Counter[str]:
    """Failed checks in Schemathesis's NDJSON events, each distinct failure once."""
    counted: Counter[str] = Counter()
    seen: set[tuple[str, str, str]] = set()
    for line in report.read_text().splitlines():
        event = json.loads(line)
        for name, body in event.items():
            if name != "ScenarioFinished":
                continue
            recorder = body.get("recorder") or {}
            for case in recorder.get("checks", {}).values():
                for check in case:
                    if str(check.get("status", "")).lower() != "failure":
                        continue
                    failure = check.get("failure_info") or {}
                    title = (
                        (failure.get("failure") or {}).get("title", "")
                        if isinstance(failure, dict)
                        else ""
                    )
                    key = (check.get("name", "?"), recorder.get("label") or "", str(title))
                    if key not in seen:
                        seen.add(key)
                        counted[check.get("name", "?")] += 1
    return counted


def new_token(env: dict[str, str]) -> str:
    """A fresh API token of the demo administrator."""
    return manage(
        env,
        "shell",
        "-c",
        "from knox.models import AuthToken; from accounts.models import User; "
        "print(AuthToken.objects.create(user=User.objects.get(username='admin'))[1])",
    ).split()[-1]


def signed_in(base: str, token: str) -> bool:
    """Whether ``token`` still opens the staff-only part of the API."""
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"{base}/api/v1/users/", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status == 200
    except OSError:
        return False


def schemathesis(
    base: str, workdir: Path, who: str, examples: str, options: list[str]
) -> Counter[str] | None:
    """One ``st run``; the failures it found by check, or None if it did not run."""
    report = workdir / f"{who.replace(' ', '-')}.ndjson"
    config = workdir / "schemathesis.toml"
    config.write_text(ANONYMOUS_CONFIG)
    print(f"== schemathesis as {who}: {examples} examples per operation", flush=True)
    finished = subprocess.run(
        [
            str(BIN / "st"),
            "--config-file",
            str(config),
            "run",
            f"{base}/api/schema/",
            "--checks",
            ",".join(CHECKS),
            "--phases",
            os.environ.get("FUZZ_PHASES", "examples,fuzzing,stateful"),
            "--max-examples",
            examples,
            "--continue-on-failure",
            "--no-shrink",
            "--seed",
            os.environ.get("FUZZ_SEED", "42"),
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(report),
            *options,
        ],
        cwd=ROOT,
        check=False,
    )
    if not report.exists():
        print(f"schemathesis did not run (exit {finished.returncode})")
        return None
    return failures_by_check(report)


def main() -> int:
    examples = os.environ.get("FUZZ_EXAMPLES", "200")
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-"))
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'fuzz.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BROKER_URL": "",
        # The fuzzer is one very fast client: no rate limit, no sign-in lock-out.
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "AXES_ENABLED": "false",
    }
    # The server as in production (no debug pages), on plain HTTP on this machine.
    server_env = {
        **env,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
    }
    print(f"== data: {env['DATABASE_URL']}", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_data")
    manage(server_env, "collectstatic", "--noinput")  # the pages name hashed files
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=server_env,
        stdout=(workdir / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    counted: Counter[str] = Counter()
    try:
        wait_for(f"{base}/api/schema/")
        token = new_token(env)
        runs = [
            (
                "administrator",
                token,
                ["-H", f"Authorization:Bearer {token}", "--exclude-name-regex", ACCOUNT_OPERATIONS],
            ),
            (
                "administrator, signing out last",
                None,
                ["--include-name-regex", ACCOUNT_OPERATIONS],
            ),
            ("anonymous", None, []),
        ]
        for who, kept_token, options in runs:
            if who.startswith("administrator,"):
                last = new_token(env)
                options = ["-H", f"Authorization:Bearer {last}", *options]
            found = schemathesis(base, workdir, who, examples, options)
            if found is None:
                return 2
            counted += found
            if kept_token is not None and not signed_in(base, kept_token):
                # Every call after the sign-out was anonymous: the run proved little.
                print(f"the {who}'s token stopped working during the run")
                return 2
    finally:
        server.terminate()
        server.wait(timeout=30)
    server_errors = sum(counted[name] for name in SERVER_ERRORS)
    mismatches = sum(counted[name] for name in SCHEMA_MISMATCHES)
    print()
    print(f"Server errors: {server_errors}")
    print(f"Schema mismatches: {mismatches}")
    for name, count in sorted(counted.items()):
        print(f"  {name}: {count}")
    print(f"(server log and reports in {workdir})")
    return 0 if server_errors == 0 and mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
