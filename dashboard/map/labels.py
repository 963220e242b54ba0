"""District names on the map, placed so that they never collide and only where they fit.

At every zoom level the names are placed again, the largest districts first: a name is
shown when it fits its district's width at that zoom and does not overlap a name already
placed. The labels are plain DOM text in a pane of their own above the marks (no pointer
events: hover and clicks reach the districts and marks below), so they show in the app, in
HTML snapshots and in PNGs alike. A name never covers an event mark: it moves just off the
marks it would hide (events often sit on their district's representative point, where its
name is), or it is not shown at that zoom.
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
                        map.on("layeradd layerremove", this._marksChanged, this);
                        this._place();
                    },
                    onRemove: function (map) {
                        map.off("zoomend viewreset", this._place, this);
                        map.off("layeradd layerremove", this._marksChanged, this);
                        L.DomUtil.remove(this._box);
                    },
                    _marksChanged: function (ev) {
                        if (ev.layer && ev.layer.aleppoSpots) { this._grid = null; this._place(); }
                    },
                    // The event marks on the map at zoom z, as discs in a grid of world pixels.
                    _marks: function (z) {
                        if (this._grid && this._grid.z === z) return this._grid;
                        var cells = new Map(), CELL = 64, SPAN = 67108864;
                        this._map.eachLayer(function (l) {
                            var S = l.aleppoSpots;
                            if (!S) return;
                            var pr = S.projected(z);
                            for (var i = 0; i < S.n; i++) {
                                var x = pr.xs[i], y = pr.ys[i], r = S.rad[i] + 2, d = [x, y, r];
                                for (var a = Math.floor((x - r) / CELL); a <= Math.floor((x + r) / CELL); a++)
                                    for (var b = Math.floor((y - r) / CELL); b <= Math.floor((y + r) / CELL); b++) {
                                        var k = a * SPAN + b, c = cells.get(k);
                                        if (c) c.push(d); else cells.set(k, [d]);
                                    }
                            }
                        });
                        function hits(box) {  // the discs a box touches
                            var out = [];
                            for (var a = Math.floor(box[0] / CELL); a <= Math.floor(box[2] / CELL); a++)
                                for (var b = Math.floor(box[1] / CELL); b <= Math.floor(box[3] / CELL); b++) {
                                    var c = cells.get(a * SPAN + b) || [];
                                    for (var q = 0; q < c.length; q++) {
                                        var d = c[q], dx = d[0] - Math.max(box[0], Math.min(d[0], box[2])),
                                            dy = d[1] - Math.max(box[1], Math.min(d[1], box[3]));
                                        if (dx * dx + dy * dy < d[2] * d[2]) out.push(d);
                                    }
                                }
                            return out;
                        }
                        return (this._grid = {z: z, hits: hits});
                    },
                    // A name never covers an event mark: on a mark it moves just below (or above)
                    // the marks it would cover, inside its district's extent, else it is not shown.
                    _place: function () {
                        var map = this._map, z = map.getZoom(), crs = map.options.crs, o = map.getPixelOrigin();
                        var marks = this._marks(z), placed = [], shown = 0, moved = 0, h = 16;
                        function at(ll) { return crs.latLngToPoint(L.latLng(ll[0], ll[1]), z); }
                        function free(box) {
                            for (var j = 0; j < placed.length; j++) {
                                var q = placed[j];
                                if (box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]) return false;
                            }
                            return !marks.hits(box).length;
                        }
                        for (var i = 0; i < R.length; i++) {
                            var r = R[i], e = this._els[i], sw = at([r[3], r[4]]), ne = at([r[5], r[6]]);
                            var p = at([r[0], r[1]]), w = e.w + 6, box = null;
                            if (e.w <= Math.abs(ne.x - sw.x) * 1.15 && Math.abs(sw.y - ne.y) >= 12) {
                                var ys = [p.y], under = marks.hits([p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2]);
                                if (under.length) {
                                    var low = -Infinity, high = Infinity;
                                    under.forEach(function (d) { low = Math.max(low, d[1] + d[2]); high = Math.min(high, d[1] - d[2]); });
                                    ys = [low + h / 2 + 1, high - h / 2 - 1].filter(function (y) { return y <= sw.y && y >= ne.y; });
                                }
                                for (var c = 0; c < ys.length && !box; c++) {
                                    var b = [p.x - w / 2, ys[c] - h / 2, p.x + w / 2, ys[c] + h / 2];
                                    if (free(b)) box = b;
                                }
                            }
                            e.el.style.display = box ? "" : "none";
                            if (!box) continue;
                            placed.push(box); shown++;
                            if (box[1] !== p.y - h / 2) moved++;
                            L.DomUtil.setPosition(e.el, L.point(p.x - o.x, (box[1] + box[3]) / 2 - o.y));
                        }
                        this.aleppoShown = shown;
                        this.aleppoMoved = moved;  // names moved off a mark (for tests)
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
                    // Every legend (events, damage sites) stacks in the bottom right corner: a tall
                    // stack keeps the events to its left, a short one above it.
                    var size = map.getSize(), c = map.getContainer().getBoundingClientRect(), right = 30, bottom = 36;
                    var left = Infinity, top = Infinity;
                    map.getContainer().querySelectorAll(".aleppo-legend").forEach(function (e) {
                        var r = e.getBoundingClientRect();
                        if (r.width && r.height) { left = Math.min(left, r.left - c.left); top = Math.min(top, r.top - c.top); }
                    });
                    if (left < Infinity) {
                        if (size.y - top > size.y / 3) right = Math.min(Math.max(right, size.x - left + 12), size.x * 0.6);
                        else bottom = Math.max(bottom, size.y - top + 8);
                    }
                    map.fitBounds(B, {paddingTopLeft: [40, 40], paddingBottomRight: [right, bottom], maxZoom: 16,
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
