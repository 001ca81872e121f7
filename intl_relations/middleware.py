"""Middleware of the project: a request id for the logs, and the Content Security Policy.

Django 5.2 has no Content Security Policy of its own (it arrives in Django 6.0), so the
header is built here from ``settings.CONTENT_SECURITY_POLICY``, a mapping of directive
to sources. The pages load every script from ``/static/``: no inline script, no inline
event handler, so ``script-src 'self'`` holds everywhere.
"""

from __future__ import annotations

import contextvars
import re
import uuid
from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The id of the request being answered, for the log formatter (``-`` outside a request).
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# An id handed over by the proxy is kept only if it looks like one (no log injection).
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def build_policy(directives: Mapping[str, Sequence[str]]) -> str:
    """``{"default-src": ["'self'"], ...}`` as the header's value."""
    parts = []
    for directive, sources in directives.items():
        parts.append(" ".join([directive, *sources]) if sources else directive)
    return "; ".join(parts)


class RequestIdMiddleware:
    """Give each request an id: kept from ``X-Request-ID`` if sane, sent back, logged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class ContentSecurityPolicyMiddleware:
    """Send the policy of ``settings.CONTENT_SECURITY_POLICY`` on every response.

    With ``CONTENT_SECURITY_POLICY_REPORT_ONLY`` the browser reports violations
    without blocking, for trying a stricter policy on a live site first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy(getattr(settings, "CONTENT_SECURITY_POLICY", {}))
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False)
        self.header = (
            "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and self.header not in response:
            response[self.header] = self.policy
        return response
