from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intl_relations.db import TimeStampedModel

from .choices import ProposalKind, ProposalStatus


class Proposal(TimeStampedModel):
    """A project or visit proposed to the office through the public portal."""

    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    partner_city_name = models.CharField(_("partner city or country"), max_length=200, blank=True)
    themes = models.ManyToManyField(
        "partnerships.Theme", verbose_name=_("themes"), blank=True, related_name="proposals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.NEW
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)

    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title
