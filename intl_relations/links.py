"""Links to many records of one kind, for answers that carry thousands of them."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

# A number no record has, replaced by each record's own: ``reverse`` once, not per row.
_SENTINEL = "987654321"


def url_of(name: str) -> Callable[[int], str]:
    """``pk -> reverse(name, args=[pk])``, reversed once (a map carries 8,000 links)."""
    pattern = reverse(name, args=[int(_SENTINEL)])
    return lambda pk: pattern.replace(_SENTINEL, str(pk))


def url_expression(name: str, pk: str = "pk") -> Concat:
    """The same link written by the database for each row (``pk``: the id's field)."""
    before, after = reverse(name, args=[int(_SENTINEL)]).split(_SENTINEL)
    return Concat(Value(before), Cast(F(pk), CharField()), Value(after), output_field=CharField())
