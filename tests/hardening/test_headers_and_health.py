"""Security headers, the health endpoint and the structured logs."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from intl_relations import health
from intl_relations.log import JsonFormatter, RequestIdFilter


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/staff/sign-in/", "/admin/login/", "/api/docs/"])
def test_pages_forbid_inline_script_by_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/staff/sign-in/", "/admin/login/", "/api/docs/"])
def test_pages_carry_no_inline_script(client, path):
    html = client.get(path).content.decode()
    opening_tags = html.split("<script")[1:]
    assert opening_tags, "expected the page to load scripts"
    for tag in opening_tags:
        head = tag.split(">", 1)[0]
        assert "src=" in head, f"inline script on {path}: <script{head}>"
    assert " onclick=" not in html
    assert " onload=" not in html


@pytest.mark.django_db
def test_the_swagger_start_up_script_is_served_as_javascript(client):
    response = client.get("/api/docs/?script=")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert "SwaggerUIBundle" in response.content.decode()


def htmx_config(html: str) -> dict:
    return json.loads(re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', html)[1])


@pytest.mark.django_db
def test_htmx_does_not_inject_its_indicator_styles(client):
    assert htmx_config(client.get("/").content.decode())["includeIndicatorStyles"] is False


@pytest.mark.django_db
def test_htmx_shows_a_400_answer_that_names_the_filter_at_fault(client):
    # A list answers 400 for a filter it cannot apply, with the reason in place of the
    # results: htmx swaps that in like a 200 (by default it drops every 4xx).
    handling = htmx_config(client.get("/").content.decode())["responseHandling"]
    first_match = next(rule for rule in handling if re.fullmatch(rule["code"], "400"))
    assert first_match["swap"] is True
    assert next(rule for rule in handling if re.fullmatch(rule["code"], "404"))["swap"] is False


@pytest.mark.django_db
def test_each_response_names_its_request_id(client):
    first = client.get("/health/")
    assert len(first["X-Request-ID"]) == 32
    kept = client.get("/health/", HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert kept["X-Request-ID"] == "proxy-id-12345678"
    forged = client.get("/health/", HTTP_X_REQUEST_ID="bad id\nFAKE LOG LINE")
    assert forged["X-Request-ID"] != "bad id\nFAKE LOG LINE"


@pytest.mark.django_db
def test_health_answers_ok_for_database_broker_and_storage(client, settings):
    settings.CELERY_BROKER_URL = ""  # the quick start: tasks in-process (CI names a broker)
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "eager", "storage": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.redis
@pytest.mark.django_db
def test_health_checks_a_real_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/4"
    assert client.get(reverse("health")).json()["checks"]["broker"] == "ok"


@pytest.mark.django_db
def test_health_answers_503_naming_the_failing_part_only(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "broker": "error", "storage": "ok"},
    }


@pytest.mark.django_db
def test_health_reports_a_storage_that_cannot_be_written(client, monkeypatch):
    def broken(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(health.default_storage, "save", broken)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error"
    assert "read-only" not in response.content.decode()


@pytest.mark.django_db
def test_health_is_not_throttled_with_the_api(client, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/min", "user": "1/min"})
    cache.clear()
    assert client.get(reverse("api:theme-list")).status_code == 200
    assert client.get(reverse("api:theme-list")).status_code == 429
    for _ in range(5):
        assert client.get(reverse("health")).status_code == 200
    cache.clear()


def test_json_logs_are_one_object_a_line_with_the_request_id():
    record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "Hello %s", ("you",), None)
    record.partnership_id = 12
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "Hello you"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "portal"
    assert entry["request_id"] == "-"
    assert entry["partnership_id"] == 12
    assert "\n" not in line


@pytest.mark.django_db
def test_an_unknown_api_address_answers_404_in_the_api_error_shape(client):
    response = client.get("/api/v1/partnerships/0.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == 404
    page = client.get("/nowhere-at-all/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
