from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScaleConfig(AppConfig):
    """Scale: a generated data set of any size, and the benchmark that measures it."""

    name = "scale"
    verbose_name = _("Scale and benchmarks")
