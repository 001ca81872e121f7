"""Links to many records of one kind, for answers that carry thousands of them."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# A number no record has, replaced by each record's own: ``reverse`` once, not per row.
_SENTINEL = "987654321"


def url_of(name: str) -> Callable[[int], str]:
    """``pk -> reverse(name, args=[pk])``, reversed once (a map carries 8,000 links)."""
    pattern = reverse(name, args=[int(_SENTINEL)])
    return lambda pk: pattern.replace(_SENTINEL, str(pk))
