"""Real headless Chromium for the browser tests (Playwright's sync API + live_server).

Shared by every browser test of the project (staff journeys, public portal, report
accessibility checks):

* ``page``: pytest-playwright's page, launched on Debian's ``chromium`` (Playwright
  cannot download its own browser here), 1280 px wide, French by default;
* ``sign_in(page, live_server, user)``: signs a user in through the real form;
* ``run_axe(page)``: runs axe-core (vendored from npm in ``tests/browser/vendor``) on
  the current page and returns the WCAG 2.1 A/AA violations.

Every test in this folder is marked ``browser`` and uses ``live_server``, so a
transactional database: mark the module with
``pytest.mark.django_db(transaction=True, serialized_rollback=True)`` so that the data
migrations' rows (the twelve themes) are put back after each test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

# The live server runs in a thread while Playwright's event loop runs in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe.min.js"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: Any, items: list) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            # Locally a machine without Chromium skips them; CI must run them.
            if CHROMIUM is None and os.environ.get("CI", "").lower() != "true":
                item.add_marker(pytest.mark.skip(reason="chromium is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "locale": "fr-FR",
        "accept_downloads": True,
    }


def sign_in(page: Any, live_server: Any, user: Any, password: str | None = None) -> None:
    from tests.factories import PASSWORD

    page.goto(f"{live_server.url}/staff/sign-in/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(password or PASSWORD)
    page.locator("form[action='/staff/sign-in/'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/staff/")


def run_axe(
    page: Any,
    *,
    tags: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    exclude: tuple[str, ...] = (),
) -> list[dict]:
    """The axe-core violations of the current page for the given WCAG tags."""
    # Evaluated through the DevTools protocol, so a Content-Security-Policy without
    # inline scripts does not stop it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async ([tags, exclude]) => {
            const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
            return await axe.run(context, {runOnly: {type: "tag", values: tags}});
        }""",
        [list(tags), list(exclude)],
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """A readable list of violations for an assertion message."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    )


@pytest.fixture
def axe():
    """``axe(page)`` returns the violations; kept as a fixture for tests that prefer one."""
    return run_axe
