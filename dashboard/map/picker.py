"""Clicks and hovers on the event marks, hit-tested so that the districts below stay live."""
from __future__ import annotations

from folium.template import Template

from .layers import VerbatimMacroElement


class MarkPicker(VerbatimMacroElement):
    """Clicks and hovers on the marks of its parent :class:`EventMarks`.

    The marks canvas lets every pointer event through (CSS ``pointer-events: none``), so the
    district polygons and halos below it answer hover and click natively, exactly as without
    marks. Marks are hit-tested here instead, on the map container in the capture phase: a
    click on a mark opens its popup and stops there (no district or map click, so no app
    rerun); elsewhere the event goes on untouched. The topmost mark under the pointer wins
    (marks are drawn largest first); a grid of the marks' pixel positions, built once per
    zoom level, keeps that O(1) per mouse move.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function (group, map) {
                var SP = group.aleppoSpots, box = map.getContainer(), CELL = 32, SPAN = 67108864;
                var grid = null, lastMove = 0, rank = new Int32Array(SP.n), big = 0;
                for (var k = 0; k < SP.n; k++) { rank[SP.order[k]] = k; big = Math.max(big, SP.rad[k]); }
                var reach = Math.ceil((big + 3) / CELL);
                function index(z) {
                    if (grid && grid.z === z) return grid;
                    var pr = SP.projected(z), cells = new Map();
                    for (var i = 0; i < SP.n; i++) {
                        var key = Math.floor(pr.xs[i] / CELL) * SPAN + Math.floor(pr.ys[i] / CELL);
                        var c = cells.get(key);
                        if (c) c.push(i); else cells.set(key, [i]);
                    }
                    return (grid = {z: z, cells: cells, xs: pr.xs, ys: pr.ys});
                }
                function hit(ev) {
                    if (!map.hasLayer(group) || !SP.n) return null;
                    var t = ev.target;
                    if (t && t.closest && t.closest(".leaflet-control, .leaflet-popup, .leaflet-marker-icon")) return null;
                    var z = map.getZoom(), g = index(z), p = map.options.crs.latLngToPoint(map.mouseEventToLatLng(ev), z);
                    var cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL), best = -1;
                    for (var a = cx - reach; a <= cx + reach; a++) {
                        for (var b = cy - reach; b <= cy + reach; b++) {
                            var c = g.cells.get(a * SPAN + b);
                            if (!c) continue;
                            for (var j = 0; j < c.length; j++) {
                                var i = c[j], dx = g.xs[i] - p.x, dy = g.ys[i] - p.y, r = SP.rad[i] + 2;
                                if (dx * dx + dy * dy <= r * r && (best < 0 || rank[i] > rank[best])) best = i;
                            }
                        }
                    }
                    return best < 0 ? null : best;
                }
                box.addEventListener("click", function (ev) {
                    if (map.dragging && map.dragging.moved()) return;
                    var i = hit(ev);
                    if (i === null) return;
                    ev.stopPropagation();
                    group.aleppoOpen(i);
                }, true);
                box.addEventListener("mousemove", function (ev) {
                    var now = Date.now();
                    if (now - lastMove < 50) return;
                    lastMove = now;
                    L.DomUtil[hit(ev) !== null ? "addClass" : "removeClass"](box, "aleppo-over-point");
                }, true);
                group.aleppoHit = hit;
            })({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "MarkPicker"
