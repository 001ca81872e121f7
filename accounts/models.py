from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Role


class User(AbstractUser):
    """A person who signs in: office staff (by role) or a partner organisation's member."""

    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTNER, db_index=True
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("For partner organisation members: the organisation they act for."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("fr", _("French")), ("en", _("English"))],
        default="fr",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def effective_role(self) -> str:
        """Superusers act as administrators whatever their stored role."""
        if self.is_superuser:
            return Role.ADMINISTRATOR
        return self.role
