"""Charts and the map of the annual report, drawn offline as SVG.

Charts come from matplotlib's object API (no pyplot, so no global state and no GUI
backend: safe in a worker). Text stays text in the SVG (``svg.fonttype: none``), so it
is searchable and sharp in the PDF. Every chart is shown beside a caption and the
table of its figures, which is its text alternative; the SVG itself is marked as an
image with a short label.

The map is drawn by hand on an equirectangular projection from the world-atlas
country shapes vendored under ``static/vendor/world-atlas`` (Natural Earth, public
domain): no tiles, no network.
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from django.conf import settings
from django.contrib.staticfiles import finders
from django_countries import countries
from matplotlib.figure import Figure

# Okabe-Ito: distinguishable with every common colour-vision deficiency, and dark
# enough against white for the 3:1 contrast that graphics need (WCAG 1.4.11).
BLUE = "#0072B2"
VERMILION = "#D55E00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
DARK = "#1f2937"
SERIES_COLOURS = [BLUE, VERMILION, GREEN, PURPLE]
# Hatches tell the series apart without colour, in straight lines only: dots ("..")
# were hundreds of tiny curves that WeasyPrint redrew at every bar, 0.2 s a chart.
HATCHES = ["", "//", "||", "xx"]

RC = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": "#6b7280",
    "axes.labelcolor": DARK,
    "xtick.color": DARK,
    "ytick.color": DARK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(fig: Figure, label: str, salt: str) -> str:
    """The figure as an inline ``<svg>`` element, labelled for assistive technology."""
    buffer = io.StringIO()
    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        # The constrained layout already fits the labels in the figure: no second
        # drawing to crop it ("tight" drew each chart twice, a fifth of its time).
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib numbers its element ids per figure; several charts share one page,
    # so each chart's ids get its own prefix to stay unique.
    svg = re.sub(r'id="([^"]+)"', rf'id="{salt}-\1"', svg)
    svg = svg.replace("url(#", f"url(#{salt}-").replace('href="#', f'href="#{salt}-')
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(label)}" focusable="false" ',
        1,
    )


def _new_figure(height: float) -> Figure:
    with matplotlib.rc_context(RC):
        return Figure(figsize=(7.2, height), dpi=100, layout="constrained")


def bar_chart(
    *,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    label: str,
    key: str,
    horizontal: bool = False,
    value_format: str = "{:,.0f}",
) -> str:
    """Grouped bars, one group per category, one bar per series, values written on them."""
    with matplotlib.rc_context(RC):
        bars = len(categories) * len(series)
        height = min(7.0, max(1.6, 0.16 * bars + 0.22 * len(categories) + 0.6))
        height = height if horizontal else 3.0
        fig = _new_figure(height)
        ax = fig.add_subplot()
        count = len(series)
        width = 0.8 / count
        positions = list(range(len(categories)))
        for index, (name, values) in enumerate(series):
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            style = {
                "color": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                "hatch": HATCHES[index % len(HATCHES)],
                "edgecolor": "white",
                "label": name,
            }
            if horizontal:
                bars = ax.barh(offsets, values, height=width, **style)
            else:
                bars = ax.bar(offsets, values, width=width, **style)
            labels = [value_format.format(v) if v else "" for v in values]
            ax.bar_label(bars, labels=labels, padding=2, fontsize=8, color=DARK)
        if horizontal:
            ax.set_yticks(positions, categories)
            ax.invert_yaxis()
            ax.margins(x=0.12)
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
        else:
            ax.set_xticks(
                positions,
                categories,
                rotation=45 if len(categories) > 6 else 0,
                ha="right" if len(categories) > 6 else "center",
            )
            ax.margins(y=0.15)
            ax.yaxis.set_visible(False)
            ax.spines["left"].set_visible(False)
        if count > 1:
            ax.legend(
                frameon=False,
                fontsize=9,
                ncols=count,
                loc="lower left",
                bbox_to_anchor=(0, 1.0),
            )
        return _svg(fig, label, key)


# --- the map ---------------------------------------------------------------------------

MAP_WIDTH = 960
MAP_HEIGHT = 480
# The world as drawn when the cities are spread out (Antarctica left out).
WORLD = (-180.0, 180.0, -58.0, 84.0)


def _atlas_path() -> Path:
    found = finders.find("vendor/world-atlas/countries-110m.json")
    if found:
        return Path(found)
    return Path(settings.BASE_DIR) / "static" / "vendor" / "world-atlas" / "countries-110m.json"


@lru_cache(maxsize=1)
def _country_paths() -> dict[str, str]:
    """SVG path data of each country in degrees (x = longitude, y = −latitude).

    Keyed by ISO 3166 alpha-2 code; decoded from the TopoJSON's quantised,
    delta-encoded arcs. The map scales them with one transform.
    """
    atlas = json.loads(_atlas_path().read_text())
    (sx, sy), (tx, ty) = atlas["transform"]["scale"], atlas["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in atlas["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    def ring_path(points: list[tuple[float, float]]) -> str:
        parts = []
        previous = None
        for lon, lat in points:
            # A jump across the antimeridian starts a new sub-path instead of a stripe.
            move = previous is None or abs(lon - previous) > 180
            parts.append(f"{'M' if move else 'L'}{lon:.2f} {-lat:.2f}")
            previous = lon
        return "".join(parts) + "Z"

    paths: dict[str, str] = {}
    for geometry in atlas["objects"]["countries"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        data = "".join(ring_path(ring(r)) for polygon in polygons for r in polygon)
        code = countries.alpha2(geometry["id"]) if geometry.get("id") else ""
        key = code or geometry.get("properties", {}).get("name", "")
        if key != "AQ":
            paths[key] = paths.get(key, "") + data
    return paths


def _viewport(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Longitude and latitude bounds around the points, 2:1 like the map, within the world."""
    west, east, south, north = WORLD
    if not points:
        return WORLD
    lons = [lon for lon, _lat in points]
    lats = [lat for _lon, lat in points]
    lon_min, lon_max = min(lons) - 12, max(lons) + 12
    lat_min, lat_max = min(lats) - 8, max(lats) + 8
    span_lon = max(lon_max - lon_min, 50.0, 2 * (lat_max - lat_min))
    if span_lon >= east - west:
        return WORLD
    span_lat = span_lon / 2
    centre_lon, centre_lat = (lon_min + lon_max) / 2, (lat_min + lat_max) / 2
    lon_min = min(max(centre_lon - span_lon / 2, west), east - span_lon)
    lat_min = min(max(centre_lat - span_lat / 2, south), north - span_lat)
    return lon_min, lon_min + span_lon, lat_min, lat_min + span_lat


def partner_map(map_figures: dict[str, Any], *, label: str, legend: dict[str, str]) -> str:
    """The partner cities of the year on a map zoomed to them, as an inline SVG."""
    cities = [
        c for c in map_figures["cities"] if c["latitude"] is not None and c["longitude"] is not None
    ]
    home = map_figures.get("home") or {}
    has_home = home.get("latitude") is not None and home.get("longitude") is not None
    points = [(c["longitude"], c["latitude"]) for c in cities]
    if has_home:
        points.append((home["longitude"], home["latitude"]))
    west, east, south, north = _viewport(points)
    scale = MAP_WIDTH / (east - west)
    height = round((north - south) * scale, 1)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * scale, 1), round((north - lat) * scale, 1)

    highlighted = {c["country"] for c in cities if c["partnerships"] or c["started"]}
    shapes = [
        f'<path d="{data}" fill="{"#c7d7e8" if code in highlighted else "#e5e7eb"}"/>'
        for code, data in _country_paths().items()
    ]
    lines, marks, labels = [], [], []
    if has_home:
        hx, hy = project(home["longitude"], home["latitude"])
        for city in cities:
            x, y = project(city["longitude"], city["latitude"])
            lines.append(
                f'<line x1="{hx}" y1="{hy}" x2="{x}" y2="{y}" stroke="{BLUE}" '
                'stroke-opacity="0.45" stroke-width="1"/>'
            )
    for city in cities:
        x, y = project(city["longitude"], city["latitude"])
        if city["started"]:
            marks.append(
                f'<path d="M{x} {y - 7}L{x + 7} {y}L{x} {y + 7}L{x - 7} {y}Z" fill="{VERMILION}" '
                'stroke="#ffffff" stroke-width="1"/>'
            )
        elif city["partnerships"]:
            marks.append(
                f'<circle cx="{x}" cy="{y}" r="5" fill="{BLUE}" stroke="#ffffff" stroke-width="1"/>'
            )
        else:
            marks.append(
                f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{GREEN}" '
                'stroke="#ffffff" stroke-width="1"/>'
            )
    if has_home:
        marks.append(
            f'<circle cx="{hx}" cy="{hy}" r="6.5" fill="{DARK}" stroke="#ffffff" '
            'stroke-width="1.5"/>'
        )
    labels = _place_labels(
        ([(hx, hy, home.get("name", ""))] if has_home else [])
        + [
            (*project(c["longitude"], c["latitude"]), c["name"])
            for c in sorted(cities, key=lambda c: -(c["partnerships"] + c["delegations"]))
        ],
        width=MAP_WIDTH,
        height=height,
    )
    legend_y = height + 22
    legend_items = [
        (f'<circle cx="12" cy="{legend_y}" r="6" fill="{DARK}"/>', legend["home"]),
        (f'<circle cx="12" cy="{legend_y}" r="5" fill="{BLUE}"/>', legend["active"]),
        (
            (
                f'<path d="M12 {legend_y - 7}L19 {legend_y}L12 {legend_y + 7}L5 {legend_y}Z" '
                f'fill="{VERMILION}"/>'
            ),
            legend["started"],
        ),
        (
            f'<rect x="8" y="{legend_y - 4}" width="8" height="8" fill="{GREEN}"/>',
            legend["delegations"],
        ),
    ]
    legend_svg = []
    offset = 0.0
    for symbol, text in legend_items:
        legend_svg.append(
            f'<g transform="translate({offset:.0f} 0)">{symbol}<text x="26" y="{legend_y + 5}" '
            f'font-size="14" fill="{DARK}">{escape(text)}</text></g>'
        )
        offset += 44 + 7.6 * len(text)
    transform = f"matrix({scale:.4f} 0 0 {scale:.4f} {-west * scale:.2f} {north * scale:.2f})"
    return (
        f'<svg role="img" aria-label="{escape(label)}" focusable="false" '
        f'viewBox="0 0 {MAP_WIDTH} {height + 40}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, sans-serif">'
        f'<defs><clipPath id="partner-map-clip"><rect width="{MAP_WIDTH}" height="{height}"/>'
        "</clipPath></defs>"
        f'<g clip-path="url(#partner-map-clip)">'
        f'<rect width="{MAP_WIDTH}" height="{height}" fill="#f3f7fb"/>'
        f'<g transform="{transform}" stroke="#ffffff" stroke-width="{0.8 / scale:.4f}">'
        f"{''.join(shapes)}</g>"
        f"{''.join(lines)}{''.join(marks)}{''.join(labels)}</g>"
        f"<g>{''.join(legend_svg)}</g></svg>"
    )


LABEL_SIZE = 13
LABEL_CHAR_WIDTH = 7.4  # DejaVu Sans at 13 px, on average


MAX_MAP_LABELS = 60


def _place_labels(
    points: list[tuple[float, float, str]], *, width: float, height: float
) -> list[str]:
    """Names beside their marks, where they overlap nothing already written.

    Each name tries the right, the left, above and below its mark; a name that fits
    nowhere is left out (the table under the map lists every city). Only the first
    ``MAX_MAP_LABELS`` points (the busiest) are tried: each try is checked against
    every mark, and a national map has thousands, most of them too close to name.
    """
    # The marks themselves are obstacles too: a name never hides another city.
    placed = [(x - 7, y - 7, x + 7, y + 7) for x, y, _text in points]
    labels = []
    for x, y, text in points[:MAX_MAP_LABELS]:
        w, h = LABEL_CHAR_WIDTH * len(text), LABEL_SIZE
        for left, top in (
            (x + 9, y - h / 2),
            (x - 9 - w, y - h / 2),
            (x - w / 2, y - 9 - h),
            (x - w / 2, y + 9),
        ):
            box = (left, top, left + w, top + h)
            inside = box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2
            free = all(
                box[2] < other[0] or box[0] > other[2] or box[3] < other[1] or box[1] > other[3]
                for other in placed
            )
            if inside and free:
                placed.append(box)
                labels.append(_map_label(round(left, 1), round(top + h - 2, 1), text))
                break
    return labels


def _map_label(x: float, y: float, text: str) -> str:
    # Drawn twice, a white outline under the text, so a name stays legible over lines
    # and coasts.
    text = escape(text)
    return (
        f'<text x="{x}" y="{y}" font-size="{LABEL_SIZE}" stroke="#ffffff" stroke-width="3" '
        f'stroke-linejoin="round" fill="#ffffff">{text}</text>'
        f'<text x="{x}" y="{y}" font-size="{LABEL_SIZE}" fill="{DARK}">{text}</text>'
    )
