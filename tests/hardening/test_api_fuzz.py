"""Schemathesis over the whole OpenAPI schema, against the real app and test database.

Every operation gets generated requests, as an anonymous client and as an
administrator's API token: none may answer 5xx, and every answer must match what the
schema says (status code, content type, body).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from intl_relations.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Generated requests per operation (each sent twice): small enough for CI, more with
# API_FUZZ_EXAMPLES=50 for a deeper run.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "3"))
# Schemathesis asks for gzip as HTTP libraries do, but its WSGI transport hands the
# compressed bytes to the checks as they are: ask for the answers as text. (Compression
# itself is tested in tests/portal/test_compression.py; `make fuzz` goes over HTTP.)
UNCOMPRESSED = {"Accept-Encoding": "identity"}


@pytest.fixture
def token_headers(db, administrator):
    from knox.models import AuthToken

    _, token = AuthToken.objects.create(user=administrator)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go to the WSGI app directly: keep Django from closing the test's connection.

    Django's own test client does the same; without it, the connection opened in the
    test's transaction is closed after a request once ``CONN_MAX_AGE`` has passed.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    # DRF reads the rates once, at import; a rate of None lets every request through.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
@pytest.mark.django_db
def test_every_operation_answers_as_documented(case, token_headers):
    # Each generated request goes out twice: with an administrator's token (every write
    # is allowed, so the request reaches the serializers and services) and anonymously.
    case.call_and_validate(headers={**token_headers, **UNCOMPRESSED}, checks=CHECKS)
    case.call_and_validate(headers=UNCOMPRESSED, checks=CHECKS)
