"""The events layer: every exact event in one canvas layer, popups built in the browser;
clicks on points hit-tested so that the districts below stay hoverable and clickable."""
from __future__ import annotations

import json
from typing import Any

from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from .. import assets as _assets
from .data import TYPE_COLOURS, TYPE_NAMES, js_json
from .layers import VerbatimMacroElement


def page_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the page carries it: the per-event rows ``p`` as JSON text (``ps``, parsed
    by the browser only when a popup opens) and each event's kind as one character of ``t``
    (code 48 + kind index), which is all that drawing needs."""
    out = {k: v for k, v in payload.items() if k != "p"}
    rows = payload.get("p", [])
    k = int(payload.get("k", 1)) or 1
    out["ps"] = json.dumps(rows, separators=(",", ":"))
    out["t"] = "".join(chr(48 + int(x)) for x in rows[0::k])
    return out


def rows_payload(page: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`page_payload` (for tests and tools reading a page's payload)."""
    out = {k: v for k, v in page.items() if k not in ("ps", "t")}
    out["p"] = json.loads(page["ps"]) if "ps" in page else page.get("p", [])
    return out


class EventPoints(JSCSSMixin, Layer, VerbatimMacroElement):
    """Exact events (geo precision 1) as dots coloured by event type.

    One layer for all events: the payload is :mod:`dashboard.map.encode`'s,
    decoded into flat typed arrays and painted on one canvas (a ``L.Canvas`` whose ``_draw``
    fills one path per event type: no Leaflet object per event, which is what made 100,000
    circle markers slow to open). Popups are built in the browser, with ``textContent`` only,
    when a point is clicked. With ``cluster=True`` the events become circle markers in a
    MarkerClusterGroup (chunked loading). Either way the layer has ``aleppoCount()`` (events
    in it) and ``aleppoPoints`` (their coordinates, for :class:`PointPicker`).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var D = {{ this.data }}, map = {{ this._parent.get_name() }};
                var S = D.s, P = null, K = D.k, PL = D.pl, WH = D.wh, KD = D.kd, SR = D.sr, O = D.o;
                // The per-event rows are only read for a popup: parsed then, not while the page opens.
                function rows() { return P || (P = JSON.parse(D.ps)); }
                var TC = {{ this.colours }}, TN = {{ this.type_names }};
                if (!map.getPane("aleppoPoints")) map.createPane("aleppoPoints").style.zIndex = 450;
                function el(tag, cls, text) {
                    var e = document.createElement(tag);
                    if (cls) e.className = cls;
                    if (text !== undefined && text !== null) e.textContent = String(text);
                    return e;
                }
                function row(parent, label, text) {
                    var d = el("div", "ev-row");
                    d.appendChild(el("span", "ev-label", label + ": "));
                    if (typeof text === "string") d.appendChild(document.createTextNode(text));
                    else d.appendChild(text);
                    parent.appendChild(d);
                }
                function build(i, wh) {
                    var P = rows(), b = i * K, kd = KD[P[b]], sr = SR[P[b + 5]];
                    var root = el("div", "ev-pop");
                    var head = el("div", "ev-head"), sw = el("span", "ev-swatch");
                    sw.style.background = TC[kd[0]];
                    head.appendChild(sw);
                    head.appendChild(document.createTextNode((S[P[b + 1]] || "date unknown") + " · " +
                                                             (S[kd[1]] || TN[kd[0]])));
                    root.appendChild(head);
                    if (S[kd[2]]) root.appendChild(el("div", "ev-sub", S[kd[2]]));
                    var a1 = S[P[b + 2]], a2 = S[P[b + 3]];
                    row(root, "Actors", (a1 || "unnamed") + (a2 ? " vs " + a2 : ""));
                    var f = P[b + 4];
                    row(root, "Fatalities", f < 0 ? "not reported" : String(f));
                    var w = WH[wh];
                    row(root, "Place as written", S[w[0]] || "—");
                    var res = S[w[1]], dist = S[w[2]];
                    row(root, "Resolved", (res && res !== dist ? res + (dist ? " (district " + dist + ")" : "")
                                           : (dist || res || "no district")));
                    var src = S[sr[0]], url = S[sr[1]];
                    if (url && /^https?:\\/\\//i.test(url)) {
                        var a = el("a", null, src || url);
                        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
                        row(root, "Source", a);
                    } else {
                        row(root, "Source", src || "—");
                    }
                    var note = S[P[b + 6]];
                    root.appendChild(el("p", "ev-notes", note || "Report text: see the events table."));
                    return root;
                }
                // Decode the run-length coordinates into flat arrays (no object per event).
                var n = D.n, LAT = new Float64Array(n), LON = new Float64Array(n), WHI = new Int32Array(n);
                var TY = new Uint8Array(n), lat = O[0], lon0 = O[1], i = 0;
                for (var q = 0; q < PL.length; q += 4) {
                    lat += PL[q];
                    for (var r = 0; r < PL[q + 3]; r++, i++) {
                        LAT[i] = lat / 1e5; LON[i] = (PL[q + 1] + lon0) / 1e5; WHI[i] = PL[q + 2];
                        TY[i] = KD[D.t.charCodeAt(i) - 48][0];
                    }
                }
                // Smaller, edgeless dots when there are many, so that colours stay readable.
                var rad = n <= 2000 ? 5 : n <= 20000 ? 4 : 3, edge = n <= 20000 ? 1 : 0;
                var crs = map.options.crs, proj = null;
                function projected(z) {  // pixel positions at zoom z, computed once per zoom level
                    if (proj && proj.z === z) return proj;
                    var xs = new Float64Array(n), ys = new Float64Array(n);
                    for (var j = 0; j < n; j++) {
                        var pt = crs.latLngToPoint(L.latLng(LAT[j], LON[j]), z);
                        xs[j] = pt.x; ys[j] = pt.y;
                    }
                    return (proj = {z: z, xs: xs, ys: ys});
                }
                var group, pts = {n: n, lat: LAT, lon: LON, wh: WHI, projected: projected,
                                  radius: function () { return rad; }, drawn: null, spread: function () { return []; }};
                {% if this.cluster %}
                var rend = L.canvas({padding: 0.5, tolerance: 4, pane: "aleppoPoints"});
                var markers = new Array(n);
                for (var m = 0; m < n; m++) {
                    markers[m] = L.circleMarker([LAT[m], LON[m]], {renderer: rend, radius: rad, weight: edge,
                        color: "#ffffff", opacity: 0.9, fillColor: TC[TY[m]], fillOpacity: 0.92, interactive: false,
                        ev: m, wh: WHI[m]});
                }
                group = L.markerClusterGroup({chunkedLoading: true,
                    showCoverageOnHover: false, maxClusterRadius: 45, spiderfyDistanceMultiplier: 1.4,
                    iconCreateFunction: function (c) {
                        var k = c.getChildCount(), s = k < 100 ? 30 : k < 1000 ? 36 : 44;
                        return L.divIcon({html: "<span>" + k + "</span>", className: "aleppo-cluster",
                                          iconSize: L.point(s, s)});
                    }});
                group.addLayers(markers);
                // Inside a cluster a marker is not on the map; spiderfied markers are away from their place.
                pts.drawn = function (j) { return !!markers[j]._map; };
                pts.radius = function (j) { return markers[j]._radius || rad; };
                pts.spread = function () {
                    var sp = group._spiderfied;
                    return sp && sp.getAllChildMarkers ? sp.getAllChildMarkers() : [];
                };
                {% else %}
                // One canvas for every point: Leaflet's canvas renderer gives the sizing, panning and
                // zoom animation; its _draw paints the points in one path per event type.
                var Dots = L.Canvas.extend({
                    _draw: function () {
                        var ctx = this._ctx, b = this._bounds, map_ = this._map;
                        if (!ctx || !b || !map_) return;
                        var pr = projected(map_.getZoom()), o = map_.getPixelOrigin(), xs = pr.xs, ys = pr.ys;
                        var x0 = b.min.x - rad - edge, y0 = b.min.y - rad - edge, x1 = b.max.x + rad + edge,
                            y1 = b.max.y + rad + edge, drawnNow = 0;
                        for (var t = 0; t < BY.length; t++) {
                            var idx = BY[t];
                            if (!idx.length) continue;
                            ctx.beginPath();
                            for (var k = 0; k < idx.length; k++) {
                                var j = idx[k], x = xs[j] - o.x, y = ys[j] - o.y;
                                if (x < x0 || x > x1 || y < y0 || y > y1) continue;
                                ctx.moveTo(x + rad, y);
                                ctx.arc(x, y, rad, 0, 6.283185307179586);
                                drawnNow++;
                            }
                            ctx.globalAlpha = 0.92; ctx.fillStyle = TC[t]; ctx.fill();
                            if (edge) { ctx.globalAlpha = 0.9; ctx.lineWidth = edge; ctx.strokeStyle = "#ffffff"; ctx.stroke(); }
                        }
                        ctx.globalAlpha = 1;
                        this.aleppoDrawn = drawnNow;
                    }
                });
                var BY = TC.map(function () { return []; });
                for (var e = 0; e < n; e++) BY[TY[e]].push(e);
                group = new Dots({padding: 0.5, pane: "aleppoPoints"});
                pts.drawn = function () { return true; };
                {% endif %}
                group.aleppoBuildPopup = build;
                group.aleppoPoints = pts;
                group.aleppoCount = function () { return n; };
                return group;
            })();
        {% endmacro %}
    """)

    def __init__(self, payload: dict[str, Any], *, name: str, cluster: bool = False, show: bool = True,
                 mode: str = "served"):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventPoints"
        self.cluster = cluster
        self.count = int(payload.get("n", 0))
        self.data = js_json(page_payload(payload))
        self.colours = js_json(list(TYPE_COLOURS))
        self.type_names = js_json(list(TYPE_NAMES))
        # Instance-level, never class-level: other maps keep their own lists.
        self.default_js = _assets.links("markercluster", "js", mode) if cluster else []
        self.default_css = _assets.links("markercluster", "css", mode) if cluster else []
        self.add_child(PointPicker())


class PointPicker(VerbatimMacroElement):
    """Clicks and hovers on the points of its parent :class:`EventPoints`.

    The points canvas lets every pointer event through (CSS ``pointer-events: none``), so the
    district polygons and halos below it answer hover and click natively, exactly as without
    points. Points are hit-tested here instead, on the map container in the capture phase: a
    click on a point opens its popup and stops there (no district or map click, so no app
    rerun); elsewhere the event goes on untouched. The hit test uses a grid of the points'
    pixel positions, built once per zoom level (O(1) per mouse move at 100,000 points).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function (group, map) {
                var CELL = 16, SPAN = 67108864, PT = group.aleppoPoints, box = map.getContainer();
                var grid = null, lastMove = 0;
                function index(z) {
                    if (grid && grid.z === z) return grid;
                    var pr = PT.projected(z), cells = new Map();
                    for (var i = 0; i < PT.n; i++) {
                        var k = Math.floor(pr.xs[i] / CELL) * SPAN + Math.floor(pr.ys[i] / CELL);
                        var c = cells.get(k);
                        if (c) c.push(i); else cells.set(k, [i]);
                    }
                    return (grid = {z: z, cells: cells, xs: pr.xs, ys: pr.ys});
                }
                function near(i, px, py, x, y, best, latlng) {
                    // Drawn (not inside a cluster, layer shown) and within its radius plus 3 px;
                    // the nearest wins, then the one drawn last (on top).
                    if (!PT.drawn(i)) return best;
                    var dx = px - x, dy = py - y, d = dx * dx + dy * dy, r = PT.radius(i) + 3;
                    return d <= r * r && (!best || d <= best.d) ? {i: i, d: d, ll: latlng} : best;
                }
                function hit(ev) {
                    if (!map.hasLayer(group) || !PT.n) return null;
                    var t = ev.target;
                    if (t && t.closest && t.closest(".leaflet-control, .leaflet-popup, .leaflet-marker-icon")) return null;
                    var z = map.getZoom(), g = index(z), crs = map.options.crs;
                    var p = crs.latLngToPoint(map.mouseEventToLatLng(ev), z);
                    var cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL), best = null;
                    for (var a = cx - 1; a <= cx + 1; a++) {
                        for (var b = cy - 1; b <= cy + 1; b++) {
                            var c = g.cells.get(a * SPAN + b);
                            if (c) for (var j = 0; j < c.length; j++) best = near(c[j], g.xs[c[j]], g.ys[c[j]], p.x, p.y, best);
                        }
                    }
                    PT.spread().forEach(function (m) {  // (clusters) spread-out markers
                        var q = crs.latLngToPoint(m.getLatLng(), z);
                        best = near(m.options.ev, q.x, q.y, p.x, p.y, best, m.getLatLng());
                    });
                    if (!best) return null;
                    return {ev: best.i, wh: PT.wh[best.i], latlng: best.ll || L.latLng(PT.lat[best.i], PT.lon[best.i])};
                }
                box.addEventListener("click", function (ev) {
                    if (map.dragging && map.dragging.moved()) return;
                    var h = hit(ev);
                    if (!h) return;
                    ev.stopPropagation();
                    L.popup({maxWidth: 340, className: "aleppo-popup"}).setLatLng(h.latlng)
                        .setContent(group.aleppoBuildPopup(h.ev, h.wh)).openOn(map);
                }, true);
                box.addEventListener("mousemove", function (ev) {
                    var now = Date.now();
                    if (now - lastMove < 50) return;
                    lastMove = now;
                    L.DomUtil[hit(ev) ? "addClass" : "removeClass"](box, "aleppo-over-point");
                }, true);
                group.aleppoHit = hit;
            })({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "PointPicker"
