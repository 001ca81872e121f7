"""The report's charts, as the SVG the page and the PDF draw."""

import re

import pytest

from reports import charts

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _patterns(svg):
    """Each hatch pattern of the chart: its id and the path data of its lines."""
    return {
        id_: " ".join(re.findall(r'<path d="([^"]*)"', body))
        for id_, body in re.findall(r'<pattern id="([^"]+)"[^>]*>(.*?)</pattern>', svg, re.S)
    }


@pytest.mark.parametrize("horizontal", [False, True])
def test_each_series_has_its_own_hatch_drawn_in_straight_lines(horizontal):
    svg = charts.bar_chart(
        categories=["Lyon", "Dakar", "Frankfurt"],
        series=[(name, [3, 5, 2]) for name in ("In force", "Signed", "Ended", "Renewed")],
        label="Partnerships",
        key="four",
        horizontal=horizontal,
    )
    patterns = _patterns(svg)
    # The first series is plain; each other one is filled with a hatch of its own, told
    # apart by its lines (not only by its colour, which its pattern also holds).
    assert len(patterns) == 3
    assert len(set(patterns.values())) == 3
    # Lines only, no curve: WeasyPrint redraws a pattern at every bar, and the dots of a
    # ".." hatch were hundreds of Bézier circles (a fifth of a second per chart).
    for data in patterns.values():
        assert set(NUMBER.sub(" ", data).split()) <= {"M", "L", "Z", "z"}
