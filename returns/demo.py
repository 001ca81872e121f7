"""The demo's e-APD headings: last year's declaration shows totals and one warning.

Called by the demo loader once the projects and their budget lines are in. Every demo
spending line gets the heading its nature tells (a "1 % eau" line goes under the water
and sanitation budget, the rest under cooperation projects), except last year's
technical assistance line in Ouagadougou, left for the office to categorise: the
worksheet of last year lists it as the thing to fix before declaring.
"""

from __future__ import annotations

from typing import Any

from cooperation.choices import ApdHeading
from cooperation.models import BudgetLine, CooperationProject
from demo import data

LEFT_FOR_THE_OFFICE = "Assistance technique de la régie"


def heading_for(line: dict[str, Any]) -> str:
    if line["label"] == LEFT_FOR_THE_OFFICE:
        return ""
    if line.get("water_one_percent"):
        return ApdHeading.WATER_SANITATION
    return ApdHeading.COOPERATION


def load(loader: Any) -> None:
    """Set the headings through the loader's one write path (idempotent)."""
    for record in data.projects(loader.today):
        project = CooperationProject.objects.get(title=record["title"])
        for line in record["budget_lines"]:
            lookup = {
                "project": project,
                "year": line["year"],
                "label": line["label"],
                "funding_source": line["funding_source"],
            }
            loader.upsert(BudgetLine, lookup, {"apd_heading": heading_for(line)})
