from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    """How a partnership is doing, from the dates of its own records."""

    LIVELY = "lively", _("Lively")
    SLOWING = "slowing", _("Slowing")
    DORMANT = "dormant", _("Dormant")
