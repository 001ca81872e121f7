"""Spam protection of the public forms: a honeypot field and a rate limit per address.

No third-party service: the honeypot is a field people never see nor reach with the
keyboard (robots fill every field), and the rate limit counts submissions per client
address in the cache (Redis in production, so every worker shares the count). When the
cache cannot be reached the form is let through (and the failure logged): a cache outage
never refuses a person's submission.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

# Submissions allowed per address and form within the window.
DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 60 * 60

HONEYPOT_FIELD = "website_confirmation"

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded header is whatever the client wants it to be
    # unless a trusted proxy sets it (the deployment can put one in front and rewrite).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, request: HttpRequest) -> str:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"portal-rate:{scope}:{digest}"


def rate_limit_settings() -> tuple[int, int]:
    return (
        int(getattr(settings, "PORTAL_FORM_RATE_LIMIT", DEFAULT_LIMIT)),
        int(getattr(settings, "PORTAL_FORM_RATE_WINDOW", DEFAULT_WINDOW_SECONDS)),
    )


def is_rate_limited(scope: str, request: HttpRequest) -> bool:
    """Has this address used up its submissions of the ``scope`` form for now?"""
    limit, _window = rate_limit_settings()
    try:
        return int(cache.get(_key(scope, request), 0)) >= limit
    except Exception:
        logger.warning("Form rate limit not read: the cache is unreachable", exc_info=True)
        return False


def count_submission(scope: str, request: HttpRequest) -> None:
    """Count one submission of the ``scope`` form from this address."""
    _limit, window = rate_limit_settings()
    key = _key(scope, request)
    try:
        # add() is atomic: only the first submission of the window sets the expiry.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)
    except Exception:
        logger.warning("Form submission not counted: the cache is unreachable", exc_info=True)
