"""API rate limits counted in one cache counter per client and window.

DRF's throttles keep the time of every request of the window in one cached list, read,
updated and written back whole on each request: at the default 1,200 requests a minute
that is a list of 1,200 floats unpickled and pickled on every call. These count in a
single integer instead (``incr``): the window opens with a client's first request and
lasts the rate's period; once the count passes the rate, requests are refused with
``Retry-After`` set to the seconds left in the window. A client can thus make up to the
rate in any window, and at most twice the rate across the end of one window and the
start of the next.

The counters are the only thing the portal keeps in the cache: when it cannot be
reached, requests are let through (and the failure logged) rather than refused, so a
cache outage never turns a good request, a write least of all, into an error.
"""

from __future__ import annotations

import logging
from typing import Any

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


class WindowCounterMixin:
    """``allow_request`` and ``wait`` of a fixed window, for ``SimpleRateThrottle``s."""

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:  # type: ignore[attr-defined]
            return True
        self.key = self.get_cache_key(request, view)  # type: ignore[attr-defined]
        if self.key is None:
            return True
        self.now = self.timer()  # type: ignore[attr-defined]
        try:
            count = self._count()
        except Exception:  # the cache is down: no count, no limit
            logger.warning("API rate limit not counted: the cache is unreachable", exc_info=True)
            return True
        if count > self.num_requests:  # type: ignore[attr-defined]
            return self.throttle_failure()  # type: ignore[attr-defined]
        return True

    def _count(self) -> int:
        cache, duration = self.cache, self.duration  # type: ignore[attr-defined]
        try:
            count = cache.incr(self.key)
        except ValueError:  # no window open: this request opens one
            if cache.add(self.key, 1, timeout=duration):
                cache.set(f"{self.key}:opened", self.now, timeout=duration)
                return 1
            count = cache.incr(self.key)
        if count == 1:
            # The window closed between the cache's existence check and its increment,
            # which made a counter without expiry: give it its window.
            cache.touch(self.key, duration)
            cache.set(f"{self.key}:opened", self.now, timeout=duration)
        return count

    def wait(self) -> float | None:
        try:
            opened = self.cache.get(f"{self.key}:opened")  # type: ignore[attr-defined]
        except Exception:
            return None
        if opened is None:
            return None
        return max(opened + self.duration - self.now, 0.0)  # type: ignore[attr-defined]


class AnonWindowThrottle(WindowCounterMixin, AnonRateThrottle):
    """Anonymous clients, by address (``API_THROTTLE_ANON``)."""


class UserWindowThrottle(WindowCounterMixin, UserRateThrottle):
    """Signed-in clients and tokens, by account (``API_THROTTLE_USER``)."""
