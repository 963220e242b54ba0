"""Map elements (folium style: one MacroElement per element, each with its own template).

All JavaScript is in ``script`` macros (streamlit-folium runs only those); every data
value reaches the page through :func:`dashboard.map.data.js_json` and is shown with
``textContent`` or pre-escaped HTML, never concatenated into markup.
"""
from __future__ import annotations

import html as _html
from typing import Any

from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from .. import assets as _assets
from ..i18n import N_
from .data import js_json

ATTRIBUTION = N_(
    "Neighbourhoods, landmarks, damage sites: Columbia University Center for Spatial Research, "
    "Conflict Urbanism: Aleppo (MIT); damage sites UNITAR-UNOSAT"
)


class Verbatim(Element):
    """Already-rendered text, inserted as is (branca would compile it as a Jinja template)."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class VerbatimMacroElement(MacroElement):
    """A MacroElement whose rendered macros are not re-parsed as Jinja templates.

    branca's ``MacroElement.render`` wraps each macro's output in ``Element(output)``, i.e.
    compiles data as a template: ``{{ ... }}`` in a report would be evaluated (template
    injection) and ``{% if`` breaks the page; it is also slow on megabytes of data.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                target.add_child(Verbatim(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class OfflineSetup(VerbatimMacroElement):
    """Puts inlined assets into the page (inline mode), fixes Leaflet's icon path and credits the data.

    Add it to the map first, so that its script runs before any layer is created.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}{{ this.inline_html }}{% endmacro %}
        {% macro script(this, kwargs) %}
            {%- if this.mode == "inline" %}
            L.Icon.Default.imagePath = "";
            L.Icon.Default.mergeOptions({{ this.icons }});
            {%- else %}
            L.Icon.Default.imagePath = {{ this.image_path }};
            {%- endif %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
        {% endmacro %}
    """)

    def __init__(self, *, mode: str, bundles: tuple[str, ...], attribution: str = ATTRIBUTION):
        super().__init__()
        self._name = "OfflineSetup"
        self.mode = _assets.check_mode(mode)
        self.inline_html = "".join(
            html for b in bundles for _, html in _assets.inline_tags(b)) if mode == "inline" else ""
        self.icons = js_json(_assets.icon_data_uris())
        self.image_path = js_json(_assets.LEAFLET_IMAGES)
        # Leaflet treats attribution text as HTML: ours is a constant, escaped anyway.
        self.attribution = js_json(_html.escape(attribution))


class DistrictLayer(Layer, VerbatimMacroElement):
    """District polygons shaded by a count, with an escaped English/Arabic tooltip.

    Feature properties: ``kind`` ("district"), ``id``, ``name``, ``name_ar``, ``events``,
    ``fatalities``, ``fc`` (fill colour), ``tip`` (escaped tooltip HTML). streamlit-folium
    returns them as ``last_active_drawing``; the tooltip text (first line: the English name)
    as ``last_object_clicked_tooltip``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
                style: function (f) {
                    return {fillColor: f.properties.fc, fillOpacity: 0.72, color: "#4d4a44",
                            weight: 0.8, opacity: 0.9};
                },
                onEachFeature: function (f, layer) {
                    layer.bindTooltip(f.properties.tip, {sticky: true, className: "aleppo-tip"});
                    layer.on("mouseover", function () { layer.setStyle({weight: 2.5, color: "#111"}); });
                    layer.on("mouseout", function () { layer.setStyle({weight: 0.8, color: "#4d4a44"}); });
                }
            });
        {% endmacro %}
    """)

    def __init__(self, geojson: dict[str, Any], *, name: str = "Districts", show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DistrictLayer"
        self.data = js_json(geojson)


class AreaHalos(Layer, VerbatimMacroElement):
    """Events known only to an area (geo precision 2), or coarsened: one dashed halo per place.

    ``halos``: ``[lat, lon, events, fatalities, tooltip_html (escaped), radius_px]``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var H = {{ this.data }}, g = L.featureGroup(), map = {{ this._parent.get_name() }};
                if (!map.getPane("aleppoHalos")) map.createPane("aleppoHalos").style.zIndex = 430;
                for (var i = 0; i < H.length; i++) {
                    var h = H[i];
                    L.circleMarker([h[0], h[1]], {radius: h[5], color: "#3b3b8f", weight: 2,
                        dashArray: "5 4", fillColor: "#7b7bd6", fillOpacity: 0.18, className: "aleppo-halo", pane: "aleppoHalos"})
                     .bindTooltip(h[4], {className: "aleppo-tip"}).addTo(g);
                }
                return g;
            })();
        {% endmacro %}
    """)

    def __init__(self, halos: list[list[Any]], *, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "AreaHalos"
        self.count = len(halos)
        self.data = js_json(halos)


class Landmarks(Layer, VerbatimMacroElement):
    """Cultural landmarks (points of a GeoJSON FeatureCollection), with escaped name tooltips."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var M = {{ this.data }}, g = L.featureGroup(), map = {{ this._parent.get_name() }};
                if (!map.getPane("aleppoMarks")) map.createPane("aleppoMarks").style.zIndex = 440;
                for (var i = 0; i < M.length; i++) {
                    L.circleMarker([M[i][0], M[i][1]], {radius: 3.5, color: "#7a5c12", weight: 1.2,
                        fillColor: "#fff3c4", fillOpacity: 0.95, className: "aleppo-landmark", pane: "aleppoMarks"})
                     .bindTooltip(M[i][2], {className: "aleppo-tip"}).addTo(g);
                }
                return g;
            })();
        {% endmacro %}
    """)

    def __init__(self, marks: list[list[Any]], *, name: str = "Cultural landmarks", show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "Landmarks"
        self.data = js_json(marks)


MAP_CSS = """
<style>
.leaflet-pane > svg, .leaflet-aleppoPoints-pane canvas { pointer-events: none; }
.leaflet-container { background: #f1efe9; } /* paper, not Leaflet's grey, before and around the districts */
.leaflet-container.aleppo-over-point { cursor: pointer; }
.leaflet-container .leaflet-control-attribution { font: 11px/1.4 system-ui, sans-serif;
  max-width: calc(100% - 124px); box-sizing: border-box; } /* wraps beside the scale bar, never over it */
.leaflet-container .leaflet-control-scale-line { font-size: 11px; }
.aleppo-tip { font: 12px/1.35 system-ui, sans-serif; white-space: pre-line; }
.aleppo-popup .ev-pop { font: 12.5px/1.4 system-ui, sans-serif; max-width: 340px; }
.aleppo-popup .ev-head { font-weight: 650; font-size: 13.5px; }
.aleppo-popup .ev-sub, .aleppo-popup .ev-hint { color: #555; }
.aleppo-popup .ev-hint { font-size: 11px; margin-top: 2px; }
.aleppo-popup .ev-sum { font-weight: 600; margin: 2px 0; }
.aleppo-popup .ev-mix { display: flex; flex-wrap: wrap; gap: 2px 10px; margin-bottom: 4px; color: #333; }
.aleppo-popup .ev-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 5px; border: 1px solid #fff; box-shadow: 0 0 0 1px #555; vertical-align: -1px; }
.aleppo-popup .ev-list { list-style: none; margin: 4px 0 0; padding: 0; max-height: 290px; overflow-y: auto; }
.aleppo-popup .ev-item { padding: 4px 3px; border-top: 1px solid #ddd; cursor: pointer; }
.aleppo-popup .ev-item:focus-visible { outline: 2px solid #1f5fbf; outline-offset: -2px; }
.aleppo-popup .ev-meta { color: #333; }
.aleppo-popup .ev-date { font-weight: 650; }
.aleppo-popup .ev-pair { margin-right: 8px; }
.aleppo-popup .ev-label { color: #666; }
.aleppo-popup .ev-notes { display: none; margin: 4px 0 0; color: #222; overflow-wrap: anywhere; }
.aleppo-popup .ev-item.open .ev-notes { display: block; }
.aleppo-popup .ev-pager { display: flex; align-items: center; justify-content: space-between; gap: 6px;
  margin-top: 5px; }
.aleppo-popup .ev-btn { font: inherit; padding: 1px 7px; border: 1px solid #999; border-radius: 4px;
  background: #f6f6f4; cursor: pointer; }
.aleppo-popup .ev-btn:disabled { opacity: .4; cursor: default; }
.aleppo-popup .ev-note { color: #7a4100; margin-top: 4px; }
.aleppo-label { position: absolute; white-space: nowrap; font: 600 12px/16px system-ui, "DejaVu Sans", sans-serif;
  color: #2f2d29; letter-spacing: .2px; text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.aleppo-zoom-results { font: 600 12px/1 system-ui, sans-serif; padding: 6px 9px; background: #fff;
  cursor: pointer; color: #222; }
.aleppo-zoom-results:hover { background: #f0f0ee; }
.aleppo-legend { background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 6px;
  font: 12px/1.35 system-ui, sans-serif; color: #222; box-shadow: 0 1px 4px rgba(0,0,0,.35);
  max-width: 260px; }
.aleppo-legend h4 { margin: 0 0 4px; font-size: 12.5px; }
.aleppo-legend h4.lg-sec { margin-top: 7px; }
.aleppo-legend .lg-row { display: flex; align-items: center; gap: 6px; margin: 1px 0; }
.aleppo-legend .lg-box { width: 18px; height: 12px; border: 1px solid #777; flex: none; }
.aleppo-legend .lg-dot { width: 10px; height: 10px; border-radius: 50%; border: 1px solid #fff;
  box-shadow: 0 0 0 1px #666; flex: none; margin: 0 4px; }
.aleppo-legend .lg-halo { width: 14px; height: 14px; border-radius: 50%; border: 2px dashed #3b3b8f;
  background: rgba(123,123,214,.18); flex: none; margin: 0 2px; }
.aleppo-legend .lg-dot.lg-mark { width: 7px; height: 7px; box-shadow: 0 0 0 1.2px #7a5c12; margin: 0 5.5px; }
.aleppo-legend .lg-note { margin-top: 6px; color: #444; font-size: 11.5px; }
.aleppo-legend summary { cursor: pointer; font-weight: 650; }
.aleppo-legend[open] summary { margin-bottom: 4px; }
.aleppo-legend .lg-count { margin-left: auto; padding-left: 8px; color: #444; font-variant-numeric: tabular-nums; }
.aleppo-legend .lg-size { border-radius: 50%; background: #9a948a; border: 1px solid #fff;
  box-shadow: 0 0 0 1px #666; flex: none; box-sizing: border-box; }
</style>
"""


class MapStyle(VerbatimMacroElement):
    """The CSS of the elements above (a ``<style>`` in the header; streamlit-folium keeps it)."""

    _template = Template("{% macro header(this, kwargs) %}" + MAP_CSS + "{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name = "MapStyle"


__all__ = ["ATTRIBUTION", "AreaHalos", "DistrictLayer", "Landmarks", "MapStyle",
           "OfflineSetup", "Verbatim", "VerbatimMacroElement"]
