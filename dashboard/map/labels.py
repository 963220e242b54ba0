"""District names on the map, placed so that they never collide and only where they fit.

At every zoom level the names are placed again, the largest districts first: a name is
shown when it fits its district's width at that zoom and does not overlap a name already
placed. The labels are plain DOM text in a pane of their own above the marks (no pointer
events: hover and clicks reach the districts and marks below), so they show in the app, in
HTML snapshots and in PNGs alike.
"""
from __future__ import annotations

from typing import Any

from folium.map import Layer
from folium.template import Template

from .data import js_json
from .layers import VerbatimMacroElement


class DistrictLabels(Layer, VerbatimMacroElement):
    """``rows``: :func:`dashboard.map.districts.label_rows` (largest district first)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var R = {{ this.data }}, FONT = "600 12px system-ui, 'DejaVu Sans', sans-serif";
                var measure = document.createElement("canvas").getContext("2d");
                measure.font = FONT;
                var Labels = L.Layer.extend({
                    onAdd: function (map) {
                        if (!map.getPane("aleppoLabels")) {
                            var pane = map.createPane("aleppoLabels");
                            pane.style.zIndex = 460; pane.style.pointerEvents = "none";
                        }
                        this._box = L.DomUtil.create("div", "aleppo-labels", map.getPane("aleppoLabels"));
                        this._els = R.map(function (r) {
                            var d = L.DomUtil.create("div", "aleppo-label", this._box);
                            var w = measure.measureText(r[2]).width;
                            d.textContent = r[2]; d.dir = "auto";
                            d.style.marginLeft = (-w / 2 - 3) + "px"; d.style.marginTop = "-8px";  // centred on its point
                            return {el: d, w: w};
                        }, this);
                        map.on("zoomend viewreset", this._place, this);
                        this._place();
                    },
                    onRemove: function (map) {
                        map.off("zoomend viewreset", this._place, this);
                        L.DomUtil.remove(this._box);
                    },
                    _place: function () {
                        var map = this._map, placed = [], shown = 0;
                        for (var i = 0; i < R.length; i++) {
                            var r = R[i], e = this._els[i];
                            var sw = map.latLngToLayerPoint([r[3], r[4]]), ne = map.latLngToLayerPoint([r[5], r[6]]);
                            var p = map.latLngToLayerPoint([r[0], r[1]]), w = e.w + 6, h = 16;
                            var box = [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
                            var fits = e.w <= Math.abs(ne.x - sw.x) * 1.15 && Math.abs(sw.y - ne.y) >= 12;
                            for (var j = 0; fits && j < placed.length; j++) {
                                var q = placed[j];
                                if (box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]) fits = false;
                            }
                            e.el.style.display = fits ? "" : "none";
                            if (!fits) continue;
                            placed.push(box); shown++;
                            L.DomUtil.setPosition(e.el, p);
                        }
                        this.aleppoShown = shown;
                    }
                });
                return new Labels();
            })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list[Any]], *, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DistrictLabels"
        self.count = len(rows)
        self.data = js_json(rows)


class ZoomToResults(VerbatimMacroElement):
    """A "Zoom to results" button that frames the drawn events; with ``fit`` the map also
    opens framed on them (snapshots), leaving room for the legend."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function (map) {
                var B = {{ this.bounds }}, zooming = false;
                // Leaflet drops a new view asked for during a zoom animation (a "+" just
                // pressed): frame once that animation has ended instead.
                map.on("zoomanim", function () { zooming = true; });
                map.on("zoomend", function () { zooming = false; });
                function frame(animate) {
                    if (zooming) { map.once("zoomend", function () { frame(animate); }); return; }
                    var legend = map.getContainer().querySelector(".aleppo-legend"), right = 30;
                    if (legend && legend.offsetWidth && legend.offsetHeight > map.getSize().y / 3)
                        right += legend.offsetWidth;
                    map.fitBounds(B, {paddingTopLeft: [40, 40], paddingBottomRight: [right, 36], maxZoom: 16,
                                      animate: animate});
                }
                var ctl = L.control({position: "topleft"});
                ctl.onAdd = function () {
                    var b = L.DomUtil.create("button", "aleppo-zoom-results leaflet-bar");
                    b.type = "button"; b.textContent = {{ this.label }}; b.title = {{ this.title }};
                    L.DomEvent.disableClickPropagation(b);
                    L.DomEvent.on(b, "click", function () { frame(true); });
                    return b;
                };
                ctl.addTo(map);
                map.aleppoFrame = frame;
                {% if this.fit %}frame(false);{% endif %}
            })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], *, label: str, title: str, fit: bool = False):
        super().__init__()
        self._name = "ZoomToResults"
        self.bounds = js_json(bounds)
        self.label = js_json(label)
        self.title = js_json(title)
        self.fit = bool(fit)
