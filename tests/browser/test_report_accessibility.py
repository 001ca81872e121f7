"""The annual report's HTML page in a real Chromium: the same axe-core check as the portal."""

import pytest
from django.urls import reverse

from reports.choices import RunStatus
from reports.models import ReportRun
from reports.services import report_publish, report_request
from tests.reports.conftest import YEAR, known_year  # noqa: F401 - the shared data set

from .conftest import describe, run_axe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_published_html_report_has_no_accessibility_violation(
    page,
    live_server,
    known_year,  # noqa: F811
    editor,
):
    run = report_request(year=YEAR, user=editor)  # no broker in the test: built in-process
    run = ReportRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.DONE, run.error
    report_publish(run=run, user=editor)

    page.goto(live_server.url + reverse("reports:public_report", args=[YEAR]))
    # The page a reader gets: one title, a main landmark, captioned tables, and every
    # chart or map a figure whose caption says what it shows.
    assert str(YEAR) in page.title()
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert page.locator("table caption").count() >= 3
    figures = page.locator("figure")
    assert figures.count() >= 2
    for index in range(figures.count()):
        caption_id = figures.nth(index).get_attribute("aria-labelledby")
        assert caption_id, "every chart is labelled by its caption"
        assert page.locator(f"#{caption_id}").inner_text().strip()

    violations = run_axe(page)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, describe(serious)
