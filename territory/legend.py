"""The map's colour classes: equal steps from 1 to the largest value, at most five."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .selectors import CountryDiagnosis

# ColorBrewer "Blues", light to dark; countries with nothing recorded stay grey.
COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NOTHING_COLOUR = "#f1f1f1"
MAX_CLASSES = len(COLOURS)


@dataclass(frozen=True)
class LegendClass:
    index: int  # 1 to 5; 0 is "nothing recorded"
    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        if self.low == self.high:
            return number_format(self.low, force_grouping=True)
        return _("%(low)s to %(high)s") % {
            "low": number_format(self.low, force_grouping=True),
            "high": number_format(self.high, force_grouping=True),
        }


def _round_up(value: float) -> int:
    """``value`` rounded up to two significant digits (4 860 → 4 900), at least 1."""
    if value <= 1:
        return 1
    magnitude = 10 ** max(math.floor(math.log10(value)) - 1, 0)
    return int(math.ceil(value / magnitude) * magnitude)


def legend(rows: list[CountryDiagnosis], measure: str) -> tuple[list[LegendClass], int]:
    """The classes of ``measure`` over ``rows`` and the step between them."""
    largest = max((row.value(measure) or 0 for row in rows), default=0)
    if largest <= 0:
        return [], 0
    step = _round_up(largest / min(MAX_CLASSES, largest))
    count = math.ceil(largest / step)
    classes = [
        LegendClass(
            index=i,
            low=(i - 1) * step + 1,
            high=min(i * step, largest),
            colour=COLOURS[_shade(i, count)],
        )
        for i in range(1, count + 1)
    ]
    return classes, step


def _shade(index: int, count: int) -> int:
    """The palette entry of class ``index`` of ``count``: the top class is the darkest."""
    if count <= 1:
        return MAX_CLASSES - 1
    return round((index - 1) * (MAX_CLASSES - 1) / (count - 1))


def class_of(value: int | None, step: int) -> int:
    if not value or step <= 0:
        return 0
    return min(math.ceil(value / step), MAX_CLASSES)


def map_data(rows: list[CountryDiagnosis], measure: str, label: Any) -> dict[str, Any]:
    """What ``static/js/territory-map.js`` draws: each country's class and colour."""
    classes, step = legend(rows, measure)
    colours = [NOTHING_COLOUR, *(c.colour for c in classes)]
    countries = []
    for row in rows:
        if not row.numeric:
            continue
        value = row.value(measure)
        index = class_of(value, step)
        countries.append(
            {
                "id": row.numeric,
                "code": row.code,
                "name": row.name,
                "value": number_format(value, force_grouping=True) if value else "0",
                "colour": colours[index],
                "gaps": len(row.gaps),
            }
        )
    return {
        "measure": str(label),
        "nothing": NOTHING_COLOUR,
        "countries": countries,
        "classes": [c.index for c in classes],
    }
