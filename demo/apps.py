from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data: a realistic data set for one city's office, loaded by a command."""

    name = "demo"
    verbose_name = _("Demo data")
