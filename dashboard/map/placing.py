"""A small map to place a new place on: click to drop a pin, or draw an area (Leaflet.draw).

Offline like the main map: Leaflet and Leaflet.draw are served from the project
(:mod:`dashboard.assets`, bundle ``draw``); the district outlines give the bearings.
streamlit-folium reports a click as ``last_clicked`` ({lat, lng}) and a drawn shape as
``last_active_drawing`` (a GeoJSON Feature).
"""
from __future__ import annotations

import html
from typing import Any

import folium
from folium.plugins import Draw

from .. import assets as _assets
from ..i18n import N_, t
from .data import js_json
from folium.template import Template

from .layers import ATTRIBUTION, OfflineSetup, VerbatimMacroElement
from .view import TILES_ATTR, TILES_NAME, TILES_URL

CENTRE = (36.2021, 37.1343)
OUTLINE = {"color": "#555555", "weight": 1, "fill": True, "fillColor": "#999999", "fillOpacity": 0.05}
SHAPE = {"color": "#d62728", "weight": 2, "fillOpacity": 0.2}


def placing_map(gazetteer: Any, *, pin: tuple[float, float] | None = None, area: dict | None = None,
                center: tuple[float, float] | None = None, zoom: int = 12, tiles: bool = False,
                lang: str = "en", generation: int = 0) -> folium.Map:
    """The map: district outlines, a pin or area to show, a draw toolbar (marker, polygon,
    rectangle); ``tiles`` adds the online OpenStreetMap layer (off by default); ``generation``
    only makes a map of another generation a different page (a fresh, empty map)."""
    m = folium.Map(location=list(center or pin or CENTRE), zoom_start=zoom, tiles=None, max_zoom=18, min_zoom=9,
                   control_scale=True, height="100%")
    m.default_js = _assets.links("leaflet", "js", "served") + _assets.links("jquery", "js", "served")
    m.default_css = _assets.links("leaflet", "css", "served")
    OfflineSetup(mode="served", bundles=("leaflet", "jquery"), attribution=t(ATTRIBUTION, lang)).add_to(m)
    if tiles:
        folium.TileLayer(TILES_URL, name=t(TILES_NAME, lang), attr=TILES_ATTR, max_zoom=19).add_to(m)
    # Outlines only (not clickable): a click anywhere is a pin, never a district.
    folium.GeoJson(gazetteer.districts_geojson(), name=t("Districts", lang), style_function=lambda _f: OUTLINE,
                   control=False, interactive=False).add_to(m)
    if area is not None:  # the choice so far (replaced by the next click or shape)
        folium.GeoJson(area, style_function=lambda _f: SHAPE, control=False, interactive=False,
                       aleppoChosen=True).add_to(m)
    if pin is not None:
        folium.Marker(list(pin), tooltip=html.escape(t("The new place", lang)), aleppoChosen=True).add_to(m)
    DrawText(lang).add_to(m)  # before the toolbar is built
    draw = Draw(position="topleft", show_geometry_on_click=False,
                draw_options={"polyline": False, "circle": False, "circlemarker": False,
                              "polygon": {"allowIntersection": False, "shapeOptions": SHAPE},
                              # showArea off: Leaflet.draw 1.0.4's area label assigns an undeclared
                              # variable and stops a rectangle being drawn with Leaflet 1.9
                              "rectangle": {"shapeOptions": SHAPE, "showArea": False}, "marker": True},
                edit_options={"edit": False, "remove": False})
    draw.default_js = _assets.links("draw", "js", "served")
    draw.default_css = _assets.links("draw", "css", "served")
    draw.add_to(m)
    PinOnClick(draw, generation).add_to(m)
    return m


# Leaflet.draw's own words (L.drawLocal), in the map's language: (path, message).
DRAW_TEXT = (
    ("draw.toolbar.buttons.polygon", N_("Draw an area (polygon)")),
    ("draw.toolbar.buttons.rectangle", N_("Draw an area (rectangle)")),
    ("draw.toolbar.buttons.marker", N_("Drop a pin")),
    ("draw.toolbar.actions.title", N_("Cancel drawing")),
    ("draw.toolbar.actions.text", N_("Cancel")),
    ("draw.toolbar.finish.title", N_("Finish drawing")),
    ("draw.toolbar.finish.text", N_("Finish")),
    ("draw.toolbar.undo.title", N_("Delete the last point drawn")),
    ("draw.toolbar.undo.text", N_("Delete last point")),
    ("draw.handlers.polygon.tooltip.start", N_("Click to start drawing the area.")),
    ("draw.handlers.polygon.tooltip.cont", N_("Click to continue drawing the area.")),
    ("draw.handlers.polygon.tooltip.end", N_("Click the first point to close the area.")),
    ("draw.handlers.rectangle.tooltip.start", N_("Click and drag to draw the area.")),
    ("draw.handlers.simpleshape.tooltip.end", N_("Release the mouse to finish.")),
    ("draw.handlers.marker.tooltip.start", N_("Click the map to drop the pin.")),
)


class DrawText(VerbatimMacroElement):
    """Sets Leaflet.draw's toolbar titles and drawing hints (``L.drawLocal``) in ``lang``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (texts) {
            texts.forEach(function (pair) {
                var keys = pair[0].split("."), node = L.drawLocal;
                for (var i = 0; i < keys.length - 1; i++) { node = node[keys[i]] = node[keys[i]] || {}; }
                node[keys[keys.length - 1]] = pair[1];
            });
        })({{ this.texts }});
        {% endmacro %}
    """)

    def __init__(self, lang: str = "en"):
        super().__init__()
        self._name = "DrawText"
        self.texts = js_json([[path, t(msg, lang)] for path, msg in DRAW_TEXT])


class PinOnClick(VerbatimMacroElement):
    """A plain click on the map drops a pin (reported like a drawn marker, so that clicks made
    while drawing a polygon's corners do not count); a new pin or shape replaces the old one."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, drawn, generation) {
            var drawing = false;
            map.on("draw:drawstart", function () { drawing = true; });
            map.on("draw:drawstop", function () { setTimeout(function () { drawing = false; }, 0); });
            map.on("draw:created", function (e) {
                drawn.eachLayer(function (l) { if (l !== e.layer) { drawn.removeLayer(l); } });
                map.eachLayer(function (l) { if (l.options && l.options.aleppoChosen) { map.removeLayer(l); } });
                if (!drawn.hasLayer(e.layer)) { drawn.addLayer(e.layer); }
            });
            map.on("click", function (e) {
                if (drawing) { return; }
                map.fire("draw:created", {layer: L.marker(e.latlng), layerType: "marker"});
            });
        })({{ this._parent.get_name() }}, drawnItems_{{ this.draw.get_name() }}, {{ this.generation }});
        {% endmacro %}
    """)

    def __init__(self, draw: Draw, generation: int = 0):
        super().__init__()
        self._name = "PinOnClick"
        self.draw = draw
        self.generation = int(generation)


def drawn_shape(out: dict | None) -> tuple[tuple[float, float] | None, dict | None]:
    """(pin, area) from a streamlit-folium report (``last_active_drawing``, a GeoJSON Feature):
    a pin as (lat, lon), an area as a GeoJSON geometry; (None, None) for anything else."""
    feat = (out or {}).get("last_active_drawing")
    geom = feat.get("geometry") if isinstance(feat, dict) else None
    if not isinstance(geom, dict) or "id" in (feat.get("properties") or {}):  # a bundled feature, not a drawing
        return None, None
    if geom.get("type") in ("Polygon", "MultiPolygon"):
        return None, geom
    if geom.get("type") == "Point":
        try:
            lon, lat = (float(v) for v in geom["coordinates"][:2])
        except (TypeError, ValueError, KeyError):
            return None, None
        return (round(lat, 6), round(lon, 6)), None
    return None, None
