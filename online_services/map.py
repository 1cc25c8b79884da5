"""The municipalities' map as server-side SVG, coloured by coverage.

The outlines are the BKG's VG5000 (WGS84 GeoJSON, matched to bodies by AGS). They are
projected equirectangularly with the longitudes scaled by the cosine of the mean latitude,
which is true enough for a county. Every class has a fill *and* a pattern, and the legend
names its values, so the map does not rely on colour; the page repeats every figure in a table.
Only SVG presentation attributes are used (fill="…"): the CSP forbids style attributes.
"""

import itertools
import json
import math
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from smartkreis.charts import OUTLINE, format_number

GEO_DIR = settings.BASE_DIR.parent / "shared" / "data" / "geo"
GEOJSON = GEO_DIR / "rhein_sieg_gemeinden_vg5000_2021.geojson"
ATTRIBUTION = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
ATTRIBUTION_URL = "https://www.bkg.bund.de"
LICENCE = "Datenlizenz Deutschland – Namensnennung – 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"

MAP_WIDTH = 520
LEGEND_WIDTH = 230
MARGIN = 10
CLASS_COUNT = 5
NICE_STEPS = (1, 2, 2.5, 5, 10, 20)
# Light to dark; the marks of each pattern contrast with its fill.
FILLS = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
MARKS = (None, OUTLINE, OUTLINE, "#ffffff", "#ffffff")
NO_DATA_FILL = "#ffffff"
NO_DATA_MARK = "#6b6b6b"


@dataclass(frozen=True)
class Area:
    ags: str
    name: str
    rings: list  # of [(lon, lat), …]


@lru_cache(maxsize=1)
def areas():
    """The municipalities' outlines from the GeoJSON file (read once per process)."""
    with open(GEOJSON, encoding="utf-8") as file:
        collection = json.load(file)
    result = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings = [ring for polygon in polygons for ring in polygon]
        properties = feature["properties"]
        result.append(Area(ags=properties["AGS"], name=properties["GEN"], rings=rings))
    return tuple(sorted(result, key=lambda area: area.name))


def _projection(all_areas):
    points = [point for area in all_areas for ring in area.rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    scale_x = math.cos(math.radians((south + north) / 2))
    scale = MAP_WIDTH / ((east - west) * scale_x)
    height = (north - south) * scale

    def project(lon, lat):
        return (MARGIN + (lon - west) * scale_x * scale, MARGIN + (north - lat) * scale)

    return project, height


def class_bounds(maximum):
    """Class limits 0, s, 2s, … 5s with a round step s so that 5s reaches `maximum` (%)."""
    step = next((s for s in NICE_STEPS if s * CLASS_COUNT >= maximum), NICE_STEPS[-1])
    return [step * index for index in range(CLASS_COUNT + 1)]


def class_of(value, bounds):
    if value is None:
        return None
    step = bounds[1]
    return min(int(value // step), CLASS_COUNT - 1)


def class_labels(bounds):
    decimals = 0 if all(float(bound).is_integer() for bound in bounds) else 1
    shown = [format_number(bound, decimals) for bound in bounds]
    labels = [
        _("%(low)s to under %(high)s %%") % {"low": low, "high": high}
        for low, high in itertools.pairwise(shown[:-1])
    ]
    labels.append(_("%(low)s to %(high)s %%") % {"low": shown[-2], "high": shown[-1]})
    return labels


def _pattern(pattern_id, fill, mark, kind):
    shapes = {
        "plain": "",
        "dots": f'<circle cx="3" cy="3" r="1.3" fill="{mark}"/>',
        "horizontal": f'<path d="M0 3H6" stroke="{mark}" stroke-width="1.2"/>',
        "diagonal": f'<path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="{mark}" stroke-width="1.2"/>',
        "cross": f'<path d="M0 0L6 6M6 0L0 6" stroke="{mark}" stroke-width="1"/>',
        "vertical": f'<path d="M3 0V6" stroke="{mark}" stroke-width="1"/>',
    }
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{fill}"/>{shapes[kind]}</pattern>'
    )


PATTERN_KINDS = ("plain", "dots", "horizontal", "diagonal", "cross")


def render_map(*, figures, bounds, title, summary):
    """The map as inline SVG. `figures` maps AGS to (coverage %, mean level) or is missing."""
    all_areas = areas()
    project, height = _projection(all_areas)
    labels = class_labels(bounds)
    defs = [
        _pattern(f"sk-map-class-{index}", FILLS[index], MARKS[index], PATTERN_KINDS[index])
        for index in range(CLASS_COUNT)
    ]
    defs.append(_pattern("sk-map-no-data", NO_DATA_FILL, NO_DATA_MARK, "vertical"))
    paths = []
    for area in all_areas:
        coverage, mean_level = figures.get(area.ags, (None, None))
        index = class_of(coverage, bounds)
        fill = "sk-map-no-data" if index is None else f"sk-map-class-{index}"
        if coverage is None:
            tooltip = _("%(name)s: no data") % {"name": area.name}
        else:
            tooltip = _("%(name)s: %(coverage)s %% of services online, mean maturity %(level)s") % {
                "name": area.name,
                "coverage": format_number(coverage, 1),
                "level": format_number(mean_level, 1),
            }
        d = " ".join(
            "M"
            + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring))
            + " Z"
            for ring in area.rings
        )
        paths.append(
            f'<path d="{d}" fill="url(#{fill})" fill-rule="evenodd">'
            f"<title>{escape(tooltip)}</title></path>"
        )
    legend_x = MARGIN * 2 + MAP_WIDTH
    legend = [
        f'<text x="{legend_x}" y="{MARGIN + 14}" font-size="14" font-weight="bold" '
        f'fill="{OUTLINE}">{escape(_("Services online"))}</text>'
    ]
    entries = [*((f"sk-map-class-{i}", label) for i, label in enumerate(labels))]
    entries.append(("sk-map-no-data", _("no data")))
    for position, (pattern_id, label) in enumerate(entries):
        y = MARGIN + 30 + position * 30
        legend.append(
            f'<rect x="{legend_x}" y="{y}" width="28" height="20" fill="url(#{pattern_id})" '
            f'stroke="{OUTLINE}" stroke-width="1"/>'
            f'<text x="{legend_x + 38}" y="{y + 15}" font-size="13" fill="{OUTLINE}">'
            f"{escape(label)}</text>"
        )
    width = MAP_WIDTH + LEGEND_WIDTH + 3 * MARGIN
    total_height = max(height + 2 * MARGIN, MARGIN + 40 + len(entries) * 30)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_height:.0f}" '
        f'width="{width}" height="{total_height:.0f}" role="img" '
        'aria-labelledby="sk-map-title sk-map-desc" focusable="false" '
        'font-family="Fira Sans, Arial, sans-serif">'
        f'<title id="sk-map-title">{escape(title)}</title>'
        f'<desc id="sk-map-desc">{escape(summary)}</desc>'
        f"<defs>{''.join(defs)}</defs>"
        f'<g stroke="{OUTLINE}" stroke-width="1" stroke-linejoin="round">{"".join(paths)}</g>'
        f"{''.join(legend)}</svg>"
    )
    # Safe: built from numbers and escaped text only.
    return mark_safe(svg)
