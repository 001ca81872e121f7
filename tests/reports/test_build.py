"""Building a run: the three outputs, replacing older ones, recording failures."""

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from openpyxl import load_workbook

from reports.choices import RunStatus
from reports.models import ReportRun
from reports.services import report_build, report_publish, report_request
from reports.tasks import start_last_year_report

from .conftest import YEAR


@pytest.fixture
def build(django_capture_on_commit_callbacks):
    def run(user=None, year=YEAR, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            run = report_request(year=year, user=user, **kwargs)
        run.refresh_from_db()
        return run

    return run


@pytest.fixture
def done_run(known_year, build, editor):
    run = build(editor)
    assert run.status == RunStatus.DONE, run.error
    return run


def xlsx_table(workbook, sheet, caption):
    """The rows of the block captioned ``caption``: {first cell: [other cells]}."""
    rows = list(workbook[sheet].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == caption)
    width = sum(1 for cell in rows[start + 1] if cell is not None)
    table = {}
    for row in rows[start + 2 :]:
        if row[0] is None:
            break
        table[row[0]] = list(row[1:width])
    return table


def report_files():
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "reports").rglob("*") if p.is_file())


def test_a_run_goes_from_queued_to_done_with_three_outputs(done_run, editor):
    assert done_run.progress == 100
    assert done_run.attempts == 1
    assert done_run.requested_by == editor
    assert done_run.started_at
    assert done_run.finished_at
    assert report_files() == ["bilan-2025.html", "bilan-2025.pdf", "bilan-2025.xlsx"]
    assert done_run.figures["partnerships"]["started"] == 3
    assert mail.outbox[-1].to == [editor.email]
    assert "2025" in mail.outbox[-1].subject


def test_the_spreadsheet_holds_the_same_figures(done_run):
    workbook = load_workbook(io.BytesIO(done_run.xlsx_file.read()))
    # In the portal's language, French by default.
    assert workbook.sheetnames == [
        "À propos",
        "Chiffres clés",
        "Partenariats",
        "Délégations",
        "Échanges",
        "Corps consulaire, diaspora",
        "Coopération, budget",
        "Villes partenaires",
        "Réciprocité",
    ]
    kinds = xlsx_table(workbook, "Partenariats", "Partenariats par type, 2025")
    assert kinds["Jumelage"] == [1, 1, 0, 2]
    assert kinds["Accord d'amitié"] == [1, 0, 1, 0]
    months = xlsx_table(workbook, "Délégations", "Délégations par mois, 2025")
    assert months["Mars"] == [1, 1, 2]
    assert len(months) == 12
    roles = xlsx_table(workbook, "Délégations", "Membres des délégations par rôle, 2025")
    assert roles["Monde économique"] == [1, 2, 3]
    sources = xlsx_table(
        workbook, "Coopération, budget", "Dépenses par source de financement, 2025"
    )
    assert sources["Budget propre"] == [20000, 15000, 15000]
    assert sources["Union européenne"] == [5000, 5000, 0]
    assert sources["Total"] == [35000, 28000, 20000]
    water = xlsx_table(workbook, "Coopération, budget", "Ligne 1 % eau et assainissement, 2025")
    assert water["1 % eau et assainissement"] == [5000, 5000, 0]
    key = xlsx_table(workbook, "Chiffres clés", "Chiffres clés de 2025 comparés à 2024")
    assert key["Partenariats signés"][:3] == [3, 0, 3]
    statuses = xlsx_table(workbook, "Échanges", "Candidatures par statut, 2025")
    assert statuses["Acceptée"] == [2, 2]


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings, self.tables, self.captions, self.svgs, self.th_scopes = [], 0, 0, [], []
        self.figcaptions, self.scripts = 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th":
            self.th_scopes.append(attrs.get("scope"))
        elif tag == "svg":
            self.svgs.append(attrs)
        elif tag == "figcaption":
            self.figcaptions += 1
        elif tag == "script":
            self.scripts += 1


def test_the_page_is_accessible(done_run):
    html = done_run.html_file.read().decode()
    outline = Outline()
    outline.feed(html)
    assert outline.lang == "fr"  # the language its texts are in: the portal's, French
    assert outline.headings[0] == 1
    assert outline.headings.count(1) == 1
    # Headings never skip a level on the way down.
    assert all(b <= a + 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert outline.tables >= 15
    assert outline.captions == outline.tables
    assert outline.th_scopes
    assert all(scope in ("col", "row") for scope in outline.th_scopes)
    assert len(outline.svgs) >= 6
    assert all(svg.get("role") == "img" and svg.get("aria-label") for svg in outline.svgs)
    assert outline.figcaptions == len(outline.svgs)
    assert outline.scripts == 0
    assert "A new cooperation with Dakar" in html  # the staff's highlight
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids are unique"


def test_the_page_says_when_its_figures_were_read_in_words(done_run):
    html = done_run.html_file.read().decode()
    generated = re.search(r'<p class="generated">([^<]*)</p>', html).group(1)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", generated), "no raw ISO timestamp"
    # French dates: "1 décembre 2026 …" in the local time zone.
    assert re.search(r"\d{1,2} \w+ \d{4}", generated), generated


def test_the_pdf_is_produced_from_the_page(done_run):
    from weasyprint import HTML

    pdf = done_run.pdf_file.read()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    # The same page laid out for print: a cover, then a page or more per section.
    pages = HTML(string=done_run.html_file.read().decode()).render().pages
    assert len(pages) >= 8
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", done_run.pdf_file.path], capture_output=True, text=True, check=True
        ).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(pages)


def test_the_pdf_draws_the_page_s_charts_as_images_with_their_labels(done_run):
    """The PDF is laid out from the page with each chart as an image of the same SVG."""
    import base64

    from reports.outputs import render_html, report_document

    page = Outline()
    page.feed(done_run.html_file.read().decode())
    sections = report_document(done_run.figures)
    printed = render_html(done_run.figures, title="Bilan", sections=sections, for_print=True)
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)">', printed)
    assert "<svg" not in printed
    assert [alt for _data, alt in images] == [svg["aria-label"] for svg in page.svgs]
    drawings = [base64.b64decode(data).decode() for data, _alt in images]
    assert all(
        d.startswith("<svg ") and 'xmlns="http://www.w3.org/2000/svg"' in d for d in drawings
    )
    assert any("Jumelage" in d for d in drawings)  # the text stays text in the drawing


def test_the_spreadsheet_s_headers_and_amounts_are_formatted(done_run):
    sheet = load_workbook(io.BytesIO(done_run.xlsx_file.read()))["Coopération, budget"]
    rows = list(sheet.iter_rows())
    caption = next(
        i
        for i, row in enumerate(rows)
        if row[0].value == "Dépenses par source de financement, 2025"
    )
    assert rows[caption][0].font.bold
    header = rows[caption + 1]
    assert all(
        cell.font.bold and cell.fill.fgColor.rgb.endswith("DCE6F1") for cell in header if cell.value
    )
    own_budget = next(row for row in rows[caption + 2 :] if row[0].value == "Budget propre")
    assert own_budget[1].value == 20000
    assert own_budget[1].number_format == "#,##0.00"
    assert sheet.column_dimensions["A"].width >= len("Autres financements extérieurs")


def test_a_repeated_run_replaces_the_outputs_of_the_older_one(done_run, build, editor):
    report_publish(run=done_run, user=editor)
    again = build(editor)
    assert again.pk != done_run.pk
    assert again.status == RunStatus.DONE
    assert report_files() == ["bilan-2025.html", "bilan-2025.pdf", "bilan-2025.xlsx"]
    done_run.refresh_from_db()
    assert not done_run.html_file
    assert not done_run.pdf_file
    assert not done_run.xlsx_file
    # The public report stays public, now with the fresh figures.
    assert not done_run.published
    assert again.published


def test_a_retried_build_of_the_same_run_rewrites_its_files(done_run):
    ReportRun.objects.filter(pk=done_run.pk).update(status=RunStatus.RUNNING)
    report_build(run_id=done_run.pk)
    done_run.refresh_from_db()
    assert done_run.status == RunStatus.DONE
    assert done_run.attempts == 2
    assert report_files() == ["bilan-2025.html", "bilan-2025.pdf", "bilan-2025.xlsx"]


def test_a_redelivered_message_for_a_finished_run_does_nothing(done_run):
    report_build(run_id=done_run.pk)
    done_run.refresh_from_db()
    assert done_run.attempts == 1


def test_asking_again_while_a_run_is_queued_returns_that_run(known_year, editor):
    first = report_request(year=YEAR, user=editor)  # on_commit never runs in this test
    assert report_request(year=YEAR, user=editor) == first
    assert ReportRun.objects.count() == 1


def test_a_failing_build_records_why(known_year, build, editor, monkeypatch):
    def broken(html):
        raise RuntimeError("pango is missing")

    monkeypatch.setattr("reports.outputs.render_pdf", broken)
    run = build(editor)
    assert run.status == RunStatus.FAILED
    assert "RuntimeError: pango is missing" in run.error
    assert run.finished_at is not None
    assert not run.html_file
    assert report_files() == []
    assert mail.outbox[-1].subject == "Échec du bilan annuel 2025"
    assert "pango is missing" in mail.outbox[-1].body


def test_a_transient_error_is_raised_for_a_retry_then_recorded(known_year, editor, monkeypatch):
    from django.db import OperationalError

    def flaky(html):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("reports.outputs.render_pdf", flaky)
    run = report_request(year=YEAR, user=editor)
    with pytest.raises(OperationalError):
        report_build(run_id=run.pk, may_retry=True)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert "Tentative échouée, nouvel essai" in run.error
    report_build(run_id=run.pk, may_retry=False)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.attempts == 2


def test_only_a_finished_report_can_be_published(known_year, editor):
    from django.core.exceptions import ValidationError

    run = report_request(year=YEAR, user=editor)
    with pytest.raises(ValidationError):
        report_publish(run=run, user=editor)


def test_a_viewer_may_not_start_a_report(known_year, viewer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_request(year=YEAR, user=viewer)


def test_the_yearly_schedule_starts_last_years_report(db, django_capture_on_commit_callbacks):
    from django.utils import timezone

    schedule = settings.CELERY_BEAT_SCHEDULE["annual-report"]
    assert schedule["task"] == start_last_year_report.name
    assert schedule["schedule"].month_of_year == {1}
    assert schedule["schedule"].day_of_month == {5}
    with django_capture_on_commit_callbacks(execute=True):
        run_id = start_last_year_report.delay().get()
    run = ReportRun.objects.get(pk=run_id)
    assert run.year == timezone.localdate().year - 1
    assert run.requested_by is None
    assert run.status == RunStatus.DONE
