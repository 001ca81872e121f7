"""A bounded HTTP load generator, run as its own process: ``python -m scale.load``.

It only speaks to loopback addresses, stops after ``--duration`` seconds or
``--max-requests`` requests (whichever comes first), and prints one JSON object:
requests, errors, throughput and latency percentiles in milliseconds. Threads, each
with one request in flight, make the concurrency; the standard library only, so the
process is light next to the server it measures.

``--vary NAME`` adds ``NAME=<n>`` to each request's query string, a new ``n`` each
time: an address no cache has seen, for a parameter the server ignores.

``--cpus 0`` pins the process to those CPUs (``os.sched_setaffinity``) before the
load starts, so that it does not compete with a server pinned to the others; the
CPUs it ran on are part of its answer.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def run(
    url: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    headers: dict[str, str],
    vary: str = "",
) -> dict[str, float]:
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"Refusing to load {parts.hostname}: loopback addresses only.")
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    budget = [max_requests]
    deadline = time.monotonic() + duration
    # Unique to this run too, so that a run soon after another meets no cached answer.
    run_id = f"{time.time_ns():x}"

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
                sent = max_requests - budget[0]
            path = target
            if vary:
                path += f"{'&' if parts.query else '?'}{vary}={run_id}-{sent}"
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                connection.close()
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "seconds": round(wall, 2),
        "rps": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(1000 * percentile(latencies, 0.50), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "max_ms": round(1000 * max(latencies, default=0.0), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--vary", default="", help="a query parameter given a new value each time")
    parser.add_argument("--cpus", default="", help="CPUs to run on, comma-separated (e.g. 0)")
    args = parser.parse_args()
    if args.cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(cpu) for cpu in args.cpus.split(",")})
    headers = dict(h.split(": ", 1) for h in args.header)
    result: dict[str, object] = dict(
        run(
            args.url,
            concurrency=min(args.concurrency, 64),
            duration=min(args.duration, 120.0),
            max_requests=args.max_requests,
            headers=headers,
            vary=args.vary,
        )
    )
    if hasattr(os, "sched_getaffinity"):
        result["cpus"] = ",".join(str(cpu) for cpu in sorted(os.sched_getaffinity(0)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
