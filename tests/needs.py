"""What a test needs from the machine: skipped locally when it is missing, failed in CI.

The README promises that a fresh clone's ``make test`` passes with nothing installed
beyond Python; the services and tools some tests need are then skipped. Under
``CI=true`` (``.ci/run``) nothing may be skipped for a missing part: the test fails.
"""

from __future__ import annotations

import functools
import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
#: The Redis the tests marked ``redis`` use (each test picks its own database on it).
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def missing(reason: str) -> None:
    """Skip the test locally; fail it in CI."""
    if IN_CI:
        pytest.fail(f"{reason}, and CI=true requires it")
    pytest.skip(reason)


@functools.cache
def redis_error() -> str | None:
    import redis

    try:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        return f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT} ({exc})"
    return None


def need_redis() -> None:
    if (error := redis_error()) is not None:
        missing(error)


def need_tool(command: str, package: str) -> None:
    if shutil.which(command) is None:
        missing(f"{command} is not installed (apt-get install {package})")
