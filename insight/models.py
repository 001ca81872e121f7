from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Verdict


class HealthVerdict(models.Model):
    """The verdict a partnership had at the last weekly check.

    Kept so that the weekly e-mail reports the partnerships whose verdict really
    changed since the previous check, not every partnership each week.
    """

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="health_verdict",
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    since = models.DateField(_("verdict since"))
    checked_at = models.DateTimeField(_("last checked at"))

    class Meta:
        verbose_name = _("partnership health verdict")
        verbose_name_plural = _("partnership health verdicts")

    def __str__(self) -> str:
        return f"{self.partnership_id}: {self.verdict}"
