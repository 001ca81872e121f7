from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do in the portal. The permission helper maps each to actions."""

    ADMINISTRATOR = "administrator", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer (read only)")
    PARTNER = "partner", _("Partner organisation member")
