"""Under the strict Content Security Policy, the pages with scripts still work in Chromium."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def watch_violations(page) -> list[str]:
    """Collect the browser's CSP refusals (console errors naming the policy)."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def test_swagger_ui_starts_from_its_script_file(page, live_server):
    refused = watch_violations(page)
    page.goto(live_server.url + reverse("api-docs"))
    # Swagger UI fetched the schema and drew the operations: its start-up script ran.
    expect(page.locator(".opblock-tag").first).to_be_visible(timeout=20_000)
    assert refused == []


def test_the_portal_map_draws_its_markers_without_a_refusal(page, live_server):
    f.PartnershipFactory(published=True)
    refused = watch_violations(page)
    page.goto(live_server.url + reverse("portal:map"))
    expect(page.locator(".leaflet-container")).to_be_visible()
    assert refused == []
