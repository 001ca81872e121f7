"""gunicorn settings of the web process: ``gunicorn -c gunicorn.conf.py intl_relations.wsgi``.

Every value can be changed from the environment (``WEB_CONCURRENCY``, ``PORT``, ...).
On SIGTERM (``docker stop``, a rolling deploy) the workers stop accepting connections
and get ``GUNICORN_GRACEFUL_TIMEOUT`` seconds to finish the requests in flight, which
must stay shorter than the orchestrator's own grace period (docker's default is 10 s,
so set ``stop_grace_period`` above this value).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as error:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from error


bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{_int('PORT', 8000)}"  # noqa: S104
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
# A request longer than this is a stuck worker: it is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Only the proxy in front may set X-Forwarded-*: list its address(es).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs on the standard streams, for the container runtime to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Who, what, status, size, time in microseconds, and the request id the app sends back.
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(D)sus request_id=%({x-request-id}o)s referer="%(f)s" agent="%(a)s"'
)
