"""The events layer: every exact event in one canvas layer, popups built in the browser;
clicks on points hit-tested so that the districts below stay hoverable and clickable."""
from __future__ import annotations

from typing import Any

from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from . import assets as _assets
from .map_data import TYPE_COLOURS, TYPE_NAMES, js_json
from .map_layers import VerbatimMacroElement


class EventPoints(JSCSSMixin, Layer, VerbatimMacroElement):
    """Exact events (geo precision 1) as canvas circle markers coloured by event type.

    One layer for all events: the payload is :func:`dashboard.map_data.encode_points`;
    popups are built in the browser, with ``textContent`` only, when a point is clicked.
    With ``cluster=True`` the markers go into a MarkerClusterGroup (chunked loading).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var D = {{ this.data }}, map = {{ this._parent.get_name() }};
                var S = D.s, P = D.p, K = D.k, PL = D.pl, WH = D.wh, KD = D.kd, SR = D.sr, O = D.o;
                var TC = {{ this.colours }}, TN = {{ this.type_names }};
                var group = {% if this.cluster %}L.markerClusterGroup({chunkedLoading: true,
                    showCoverageOnHover: false, maxClusterRadius: 45, spiderfyDistanceMultiplier: 1.4,
                    iconCreateFunction: function (c) {
                        var n = c.getChildCount(), s = n < 100 ? 30 : n < 1000 ? 36 : 44;
                        return L.divIcon({html: "<span>" + n + "</span>", className: "aleppo-cluster",
                                          iconSize: L.point(s, s)});
                    }}){% else %}L.featureGroup(){% endif %};
                if (!map.getPane("aleppoPoints")) map.createPane("aleppoPoints").style.zIndex = 450;
                var rend = L.canvas({padding: 0.5, tolerance: 4, pane: "aleppoPoints"});
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
                    var b = i * K, kd = KD[P[b]], sr = SR[P[b + 5]];
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
                var markers = new Array(D.n), lat = O[0], lon0 = O[1], i = 0;
                // Smaller, edgeless dots when there are many, so that colours stay readable.
                var rad = D.n <= 2000 ? 5 : D.n <= 20000 ? 4 : 3, edge = D.n <= 20000 ? 1 : 0;
                for (var q = 0; q < PL.length; q += 4) {
                    lat += PL[q];
                    var ll = [lat / 1e5, (PL[q + 1] + lon0) / 1e5], wh = PL[q + 2];
                    for (var r = 0; r < PL[q + 3]; r++, i++) {
                        markers[i] = L.circleMarker(ll, {renderer: rend, radius: rad, weight: edge, color: "#ffffff",
                            opacity: 0.9, fillColor: TC[KD[P[i * K]][0]], fillOpacity: 0.92, interactive: false,
                            ev: i, wh: wh});
                    }
                }
                {% if this.cluster %}group.addLayers(markers);{% else %}
                for (var j = 0; j < markers.length; j++) group.addLayer(markers[j]);{% endif %}
                group.aleppoBuildPopup = build;
                group.aleppoMarkers = markers;
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
        self.data = js_json(payload)
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
                var CELL = 16, SPAN = 67108864, M = group.aleppoMarkers, crs = map.options.crs, box = map.getContainer();
                var grid = null, lastMove = 0;
                function index(z) {
                    if (grid && grid.z === z) return grid;
                    var cells = new Map(), xs = new Float64Array(M.length), ys = new Float64Array(M.length);
                    for (var i = 0; i < M.length; i++) {
                        var p = crs.latLngToPoint(M[i]._latlng, z), k = Math.floor(p.x / CELL) * SPAN + Math.floor(p.y / CELL);
                        xs[i] = p.x; ys[i] = p.y;
                        var c = cells.get(k);
                        if (c) c.push(i); else cells.set(k, [i]);
                    }
                    return (grid = {z: z, cells: cells, xs: xs, ys: ys});
                }
                function near(m, px, py, x, y, best) {
                    // Drawn (not inside a cluster, layer shown) and within its radius plus 3 px;
                    // the nearest wins, then the one drawn last (on top).
                    if (!m._map) return best;
                    var dx = px - x, dy = py - y, d = dx * dx + dy * dy, r = (m._radius || m.options.radius) + 3;
                    return d <= r * r && (!best || d <= best.d) ? {m: m, d: d} : best;
                }
                function hit(ev) {
                    if (!map.hasLayer(group) || !M.length) return null;
                    var t = ev.target;
                    if (t && t.closest && t.closest(".leaflet-control, .leaflet-popup, .leaflet-marker-icon")) return null;
                    var z = map.getZoom(), g = index(z), p = crs.latLngToPoint(map.mouseEventToLatLng(ev), z);
                    var cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL), best = null;
                    for (var a = cx - 1; a <= cx + 1; a++) {
                        for (var b = cy - 1; b <= cy + 1; b++) {
                            var c = g.cells.get(a * SPAN + b);
                            if (c) for (var j = 0; j < c.length; j++) best = near(M[c[j]], g.xs[c[j]], g.ys[c[j]], p.x, p.y, best);
                        }
                    }
                    var sp = group._spiderfied;  // (clusters) spread-out markers are away from their place
                    if (sp && sp.getAllChildMarkers) {
                        sp.getAllChildMarkers().forEach(function (m) {
                            var q = crs.latLngToPoint(m.getLatLng(), z);
                            best = near(m, q.x, q.y, p.x, p.y, best);
                        });
                    }
                    return best && best.m;
                }
                box.addEventListener("click", function (ev) {
                    if (map.dragging && map.dragging.moved()) return;
                    var m = hit(ev);
                    if (!m) return;
                    ev.stopPropagation();
                    L.popup({maxWidth: 340, className: "aleppo-popup"}).setLatLng(m.getLatLng())
                        .setContent(group.aleppoBuildPopup(m.options.ev, m.options.wh)).openOn(map);
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
