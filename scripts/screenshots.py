"""Take the README's screenshots of a running portal with the demo data.

    make run &                      # the quick start, on http://127.0.0.1:8000/
    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Signs in as the demo editor and writes docs/screenshots/*.png (1280 px wide, French),
with Debian's Chromium driven by Playwright (it cannot download a browser here).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-password-2026")
# (file name, address, what to wait for, sign in first)
# (the public pages first, as an anonymous visitor sees them)
SHOTS = [
    ("portal-home.png", "/", "main", False),
    ("portal-map.png", "/carte/", "#portal-map.map-ready", False),
    ("dashboard.png", "/staff/", "#partner-map .leaflet-interactive", True),
    ("partnerships-list.png", "/staff/partnerships/", "table", True),
]


def main(base: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed (apt-get install chromium).")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        for name, path, ready, staff in SHOTS:
            if staff and "sessionid" not in {c["name"] for c in context.cookies()}:
                page.goto(base + "/staff/sign-in/")
                page.fill("#id_username", "editeur")
                page.fill("#id_password", PASSWORD)
                page.locator("form[action='/staff/sign-in/'] button[type=submit]").click()
                page.wait_for_url(base + "/staff/")
            page.goto(base + path)
            page.wait_for_selector(ready)
            page.wait_for_timeout(500)  # the map's layers fade in
            page.screenshot(path=str(OUT / name), full_page=True)
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
