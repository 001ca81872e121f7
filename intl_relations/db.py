"""Shared model bases and validators for the portal's apps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and last-change times; who changed what lives in the history tables."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


def validate_language_codes(value: str) -> None:
    """Languages are stored as comma-separated ISO 639-1 codes: "de, en"."""
    for code in (part.strip() for part in value.split(",")):
        if code and not (len(code) == 2 and code.isalpha() and code.islower()):
            raise ValidationError(
                _("“%(code)s” is not an ISO 639-1 language code (two lower-case letters)."),
                params={"code": code},
                code="invalid_language",
            )
