"""Shared model bases and validators for the portal's apps."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

_choice_labels: dict[models.Field, dict[Any, Any]] = {}


class ChoiceDisplayMixin:
    """``get_FOO_display()`` from a table of labels built once per field.

    Django builds the whole ``{value: label}`` table again on every call (every label
    a lazy translation, made hashable one by one); a list page calls it for each cell
    of a choice column. The table keeps the lazy labels, so each call still answers in
    the active language. Fields whose choices are not a fixed list (countries, choices
    from a callable) are left to Django.
    """

    def _get_FIELD_display(self, field: models.Field) -> Any:  # noqa: N802 - Django's name
        if not isinstance(field.choices, list | tuple) or field.flatchoices is None:
            return super()._get_FIELD_display(field)  # type: ignore[misc]
        labels = _choice_labels.get(field)
        if labels is None:
            labels = _choice_labels[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class TimeStampedModel(ChoiceDisplayMixin, models.Model):
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
