"""Shared model bases and validators for the portal's apps."""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
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


_SQLITE_UNIQUE = "UNIQUE constraint failed: "
_SQLITE_CHECK = "CHECK constraint failed: "


def broken_rule(error: IntegrityError) -> models.BaseConstraint | None:
    """The model constraint a database error reports, whichever database wrote it.

    PostgreSQL names the constraint; SQLite names a check constraint but only the
    columns of a unique one, which identify it just as well. ``None`` for an error that
    is not one of the models' declared rules (a foreign key, a ``NOT NULL``).
    """
    cause = error.__cause__
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)
    text = str(error).strip()
    columns: tuple[str, set[str]] | None = None
    if name is None and text.startswith(_SQLITE_CHECK):
        name = text.removeprefix(_SQLITE_CHECK).strip()
    elif name is None and text.startswith(_SQLITE_UNIQUE + "index '"):
        # A unique constraint on expressions is an index SQLite names.
        name = text.removeprefix(_SQLITE_UNIQUE + "index '").rstrip("'")
    elif name is None and text.startswith(_SQLITE_UNIQUE):
        pairs = [
            part.strip().rsplit(".", 1) for part in text.removeprefix(_SQLITE_UNIQUE).split(",")
        ]
        if all(len(pair) == 2 for pair in pairs):
            columns = (pairs[0][0], {column for _, column in pairs})
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if name is not None and constraint.name == name:
                return constraint
            if columns is not None and model._meta.db_table == columns[0]:
                fields = getattr(constraint, "fields", ())
                if fields and {model._meta.get_field(f).column for f in fields} == columns[1]:
                    return constraint
    return None


def broken_rule_message(error: IntegrityError) -> str:
    """The sentence a user reads when the database refused a change: the rule it breaks."""
    constraint = broken_rule(error)
    if constraint is not None:
        return str(constraint.get_violation_error_message())
    return str(_("The database refused this change: it conflicts with a record already saved."))
