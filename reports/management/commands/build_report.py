"""``manage.py build_report 2025``: produce the annual report from the command line.

Without a broker the report is built right here; with one it is queued for the
workers, as from the staff pages.
"""

from django.core.management.base import BaseCommand, CommandError

from partnerships.models import LocalGovernment
from reports.services import report_request


class Command(BaseCommand):
    help = "Produce the annual activity report of a year (HTML, PDF and spreadsheet)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--local-government", type=int, help="Id of one local government (default: all)."
        )

    def handle(self, *args, year: int, local_government: int | None = None, **options):
        scope = None
        if local_government is not None:
            scope = LocalGovernment.objects.filter(pk=local_government).first()
            if scope is None:
                raise CommandError(f"No local government with id {local_government}.")
        run = report_request(year=year, local_government=scope)
        run.refresh_from_db()
        self.stdout.write(f"Report run {run.pk}: {run.status}")
        if run.error:
            raise CommandError(run.error)
        for field in ("html_file", "pdf_file", "xlsx_file"):
            if getattr(run, field):
                self.stdout.write(getattr(run, field).path)
