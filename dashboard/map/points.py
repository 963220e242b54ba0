"""The events layer: one mark per spot, painted on one canvas; popups list the spot's events.

A mark's area is proportional to its number of events, its wedges show the mix of event
types (in the type colours) and its count is written on it when it is more than one. Clicks
and hovers are hit-tested on the map container so that the districts below stay hoverable
and clickable (see :class:`MarkPicker`).
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np
from folium.map import Layer
from folium.template import Template

from .data import TYPE_COLOURS, js_json, mark_scale
from .layers import VerbatimMacroElement
from .picker import MarkPicker
from .popups import MarkPopups
from .spots import Spots


def mark_payload(spots: Spots, labels: list[list[str]], rows: dict[str, Any], *,
                 more: dict[str, Any] | None = None, places: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The page's data for :class:`EventMarks`: ``rows`` is ``PointEncoder.payload`` of
    ``spots.rows`` (spot by spot, newest first).

    - ``o``: origin ``[lat, lon]`` in 1e-5 degrees; ``sp``: flat, 4 ints per spot in latitude
      order: ``[dlat, lon, events, rows shown]`` (``dlat`` from the previous spot, the first
      from ``o[0]``; ``lon`` from ``o[1]``); ``mx``: flat, one count per event type per spot;
      ``sl``: each spot's ``[place, district]``; ``r``: ``mark_scale``.
    - ``ps``: the rows ``p`` as JSON text (parsed only when a popup opens), and the rest of
      the rows payload; ``more``: where the app serves the rows that are not in the page;
      ``pl``: ``{place id: [name, source]}`` of the places that located the rows (every place
      when ``more`` serves further rows), for the popups' "Located by" line.
    """
    n = len(spots)
    o = [int(spots.lat.min()), int(spots.lon.min())] if n else [0, 0]
    sp = np.column_stack([np.diff(spots.lat, prepend=o[0]), spots.lon - o[1], spots.count, spots.shown]).ravel().tolist()
    out = {k: v for k, v in rows.items() if k != "p"}
    out.update({"ps": json.dumps(rows.get("p", []), separators=(",", ":")), "o": o, "sp": sp,
                "mx": spots.mix.ravel().tolist(), "sl": labels, "ns": n, "ne": spots.events,
                "r": mark_scale(int(spots.count.max()) if n else 1), "more": more, "pl": places or {}})
    return out


class EventMarks(Layer, VerbatimMacroElement):
    """Exact events (geo precision 1): one mark per spot, on one canvas.

    The payload (:func:`mark_payload`) is decoded into flat typed arrays and painted by a
    ``L.Canvas`` whose ``_draw`` paints every mark (largest first, so small ones stay on top):
    no Leaflet object per mark or event. Popups are built in the browser with ``textContent``
    only (:class:`~dashboard.map.popups.MarkPopups`). The layer has ``aleppoCount()`` (events in
    it), ``aleppoMarks()`` (marks), ``aleppoMark(i)`` (a mark's events, shown rows and mix),
    ``aleppoSpots`` (for :class:`~dashboard.map.picker.MarkPicker`) and ``aleppoData`` (for the popups).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var D = {{ this.data }}, map = {{ this._parent.get_name() }};
                var SL = D.sl, MX = D.mx, P = null, TC = {{ this.colours }}, T = TC.length;
                function rows() { return P || (P = JSON.parse(D.ps)); }
                if (!map.getPane("aleppoPoints")) map.createPane("aleppoPoints").style.zIndex = 450;
                var ns = D.ns, LAT = new Float64Array(ns), LON = new Float64Array(ns), N = new Int32Array(ns),
                    SH = new Int32Array(ns), RS = new Int32Array(ns), RAD = new Float32Array(ns),
                    NT = new Uint8Array(ns), FT = new Uint8Array(ns);
                var lat = D.o[0], rs = 0, rmin = D.r[0], rmax = D.r[1], top = D.r[2];
                function radius(n) { return Math.max(rmin, rmax * Math.sqrt(n / top)); }
                for (var i = 0, q = 0; i < ns; i++, q += 4) {
                    lat += D.sp[q];
                    LAT[i] = lat / 1e5; LON[i] = (D.sp[q + 1] + D.o[1]) / 1e5; N[i] = D.sp[q + 2];
                    SH[i] = D.sp[q + 3]; RS[i] = rs; rs += SH[i]; RAD[i] = radius(N[i]);
                    for (var t = T - 1; t >= 0; t--) if (MX[i * T + t]) { NT[i]++; FT[i] = t; }
                }
                // Largest first; equal ones grouped by type so that runs of one colour share a path.
                var ORD = Array.from({length: ns}, function (_, j) { return j; });
                ORD.sort(function (a, b) { return N[b] - N[a] || NT[a] - NT[b] || FT[a] - FT[b]; });
                var crs = map.options.crs, proj = null;
                function projected(z) {  // pixel positions at zoom z, computed once per zoom level
                    if (proj && proj.z === z) return proj;
                    var xs = new Float64Array(ns), ys = new Float64Array(ns);
                    for (var j = 0; j < ns; j++) {
                        var pt = crs.latLngToPoint(L.latLng(LAT[j], LON[j]), z);
                        xs[j] = pt.x; ys[j] = pt.y;
                    }
                    return (proj = {z: z, xs: xs, ys: ys});
                }
                function short(n) {
                    return n < 1000 ? String(n) : n < 10000 ? (Math.round(n / 100) / 10) + "k"
                         : n < 1e6 ? Math.round(n / 1000) + "k" : (Math.round(n / 1e5) / 10) + "M";
                }
                var Marks = L.Canvas.extend({
                    _draw: function () {
                        var ctx = this._ctx, b = this._bounds, m = this._map;
                        if (!ctx || !b || !m) return;
                        var pr = projected(m.getZoom()), o = m.getPixelOrigin(), xs = pr.xs, ys = pr.ys;
                        var shown = [], events = 0, run = -1;
                        function flush() {
                            if (run < 0) return;
                            ctx.fillStyle = TC[run]; ctx.fill(); ctx.stroke(); run = -1;
                        }
                        ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 1; ctx.globalAlpha = 0.95;
                        for (var k = 0; k < ns; k++) {
                            var j = ORD[k], x = xs[j] - o.x, y = ys[j] - o.y, r = RAD[j];
                            if (x + r < b.min.x || x - r > b.max.x || y + r < b.min.y || y - r > b.max.y) continue;
                            shown.push(j); events += N[j];
                            if (NT[j] === 1) {  // one type: one disc, batched with its neighbours of that colour
                                if (run !== FT[j]) { flush(); ctx.beginPath(); run = FT[j]; }
                                ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 6.283185307179586);
                                continue;
                            }
                            flush();
                            var a = -1.5707963267948966;
                            for (var t = 0; t < T; t++) {
                                var c = MX[j * T + t];
                                if (!c) continue;
                                var e = a + 6.283185307179586 * c / N[j];
                                ctx.beginPath(); ctx.moveTo(x, y); ctx.arc(x, y, r, a, e); ctx.closePath();
                                ctx.fillStyle = TC[t]; ctx.fill();
                                a = e;
                            }
                            ctx.beginPath(); ctx.arc(x, y, r, 0, 6.283185307179586); ctx.stroke();
                        }
                        flush();
                        ctx.globalAlpha = 1;
                        // Counts: inside a mark when they fit, else beside it where no other count is.
                        ctx.font = "600 11px system-ui, 'DejaVu Sans', sans-serif";
                        ctx.textBaseline = "middle"; ctx.lineJoin = "round";
                        var taken = new Set();
                        function free(x0, y0, w) {
                            for (var cx = Math.floor(x0 / 8); cx <= Math.floor((x0 + w) / 8); cx++)
                                for (var cy = Math.floor((y0 - 6) / 8); cy <= Math.floor((y0 + 6) / 8); cy++)
                                    if (taken.has(cx * 100003 + cy)) return false;
                            for (cx = Math.floor(x0 / 8); cx <= Math.floor((x0 + w) / 8); cx++)
                                for (cy = Math.floor((y0 - 6) / 8); cy <= Math.floor((y0 + 6) / 8); cy++)
                                    taken.add(cx * 100003 + cy);
                            return true;
                        }
                        var labelled = [];
                        for (var s = 0; s < shown.length; s++) {
                            var i2 = shown[s];
                            if (N[i2] < 2) continue;
                            var text = short(N[i2]), w = ctx.measureText(text).width;
                            var x2 = xs[i2] - o.x, y2 = ys[i2] - o.y, r2 = RAD[i2], inside = w + 4 <= 2 * r2;
                            var lx = inside ? x2 - w / 2 : x2 + r2 + 2;
                            if (!free(lx, y2, w)) continue;
                            ctx.lineWidth = 3; ctx.strokeStyle = inside ? "rgba(0,0,0,.55)" : "#ffffff";
                            ctx.strokeText(text, lx, y2);
                            ctx.fillStyle = inside ? "#ffffff" : "#111111"; ctx.fillText(text, lx, y2);
                            labelled.push([i2, text]);
                        }
                        this.aleppoDrawn = events;
                        this.aleppoShown = shown.length;
                        this.aleppoLabelled = labelled;  // [mark, count text] painted (for tests)
                    }
                });
                var group = new Marks({padding: 0.5, pane: "aleppoPoints"});

                group.aleppoSpots = {n: ns, lat: LAT, lon: LON, rad: RAD, order: ORD, projected: projected};
                group.aleppoCount = function () { return D.ne; };
                group.aleppoMarks = function () { return ns; };
                group.aleppoMark = function (i) {
                    return {events: N[i], shown: SH[i], lat: LAT[i], lon: LON[i], radius: RAD[i],
                            mix: Array.prototype.slice.call(MX, i * T, i * T + T), place: SL[i]};
                };
                group.aleppoRadius = radius;
                group.aleppoData = {D: D, rows: rows, N: N, SH: SH, RS: RS, NT: NT, LAT: LAT, LON: LON, TC: TC, T: T};
                return group;
            })();
        {% endmacro %}
    """)

    def __init__(self, payload: dict[str, Any], *, name: str, show: bool = True, lang: str = "en"):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventMarks"
        self.count = int(payload.get("ne", 0))
        self.payload = payload
        self.data = js_json(payload)
        self.colours = js_json(list(TYPE_COLOURS))
        self.add_child(MarkPopups(lang=lang))
        self.add_child(MarkPicker())
