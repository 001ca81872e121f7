"""``python manage.py load_demo_data``: the City of Lyon's office, ready to explore.

Safe to run again: records are matched on their natural keys and only changed ones
are written. Existing accounts keep their password unless ``--reset-passwords``.
"""

import os

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from demo.loader import DemoLoader, portal_models

DEFAULT_PASSWORD = "demo-password-2026"  # noqa: S105 - a documented demo password


class Command(BaseCommand):
    # argparse needs plain strings: the help text is not translated, as in Django's own.
    help = (
        "Load a realistic demo data set for the City of Lyon's international relations "
        "office. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Also set the demo password on demo accounts that already exist.",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="The address the portal is served at, for the sign-in line "
            "(`make run PORT=8765` passes http://127.0.0.1:8765).",
        )

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        loader = DemoLoader(
            today=timezone.localdate(),
            password=password,
            reset_passwords=options["reset_passwords"],
        )
        result = loader.load()

        created = sum(result.created.values())
        updated = sum(result.updated.values())
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data loaded: %(created)d records created, %(updated)d updated.")
                % {"created": created, "updated": updated}
            )
        )
        self.stdout.write(
            _("Default local government: %(name)s")
            % {"name": result.default_local_government or "-"}
        )
        self.stdout.write("")
        self.stdout.write(_("Records in the portal:"))
        for model in portal_models():
            if model.__name__.startswith("Historical"):
                continue
            self.stdout.write(
                f"  {str(model._meta.verbose_name_plural).capitalize()}: "
                f"{model._default_manager.count()}"
            )

        self.stdout.write("")
        site = options["site_url"].rstrip("/")
        self.stdout.write(
            _("Sign in at %(admin)s or %(staff)s")
            % {"admin": f"{site}/admin/", "staff": f"{site}/staff/"}
        )
        self.stdout.write(
            _(
                "Users: admin (administrator), editeur (editor), lecteur (viewer), "
                "partenaire (partner organisation member)"
            )
        )
        if result.passwords_set:
            self.stdout.write(
                _("Password for %(users)s: %(password)s")
                % {"users": ", ".join(result.passwords_set), "password": password}
            )
        kept = [
            name
            for name in ("admin", "editeur", "lecteur", "partenaire")
            if name not in result.passwords_set
        ]
        if kept:
            self.stdout.write(
                _(
                    "Existing accounts kept their password: %(users)s "
                    "(use --reset-passwords to set it to the demo password)."
                )
                % {"users": ", ".join(kept)}
            )
