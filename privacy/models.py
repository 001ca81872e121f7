from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Erasure(models.Model):
    """The trace of one "erase this person" request: who, when, why and which records.

    It never says whose data it was (no name, no e-mail): the point of the erasure is
    that the portal no longer knows. The records are kept as ``app.model:pk`` labels,
    so an auditor can open their history, where the erasure is the latest change.
    """

    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True, editable=False)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasures",
    )
    reason = models.TextField(_("reason"))
    records = models.JSONField(_("records erased"), default=list, blank=True)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return _("Erasure of %(date)s") % {"date": self.erased_at.date().isoformat()}
