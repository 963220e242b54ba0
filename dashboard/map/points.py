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

from ..i18n import t
from .data import TYPE_COLOURS, TYPE_NAMES, js_json, mark_scale
from .layers import VerbatimMacroElement
from .spots import Spots

PAGE = 10  # events per popup page


def mark_payload(spots: Spots, labels: list[list[str]], rows: dict[str, Any], *,
                 more: dict[str, Any] | None = None) -> dict[str, Any]:
    """The page's data for :class:`EventMarks`: ``rows`` is ``PointEncoder.payload`` of
    ``spots.rows`` (spot by spot, newest first).

    - ``o``: origin ``[lat, lon]`` in 1e-5 degrees; ``sp``: flat, 4 ints per spot in latitude
      order: ``[dlat, lon, events, rows shown]`` (``dlat`` from the previous spot, the first
      from ``o[0]``; ``lon`` from ``o[1]``); ``mx``: flat, one count per event type per spot;
      ``sl``: each spot's ``[place, district]``; ``r``: ``mark_scale``.
    - ``ps``: the rows ``p`` as JSON text (parsed only when a popup opens), and the rest of
      the rows payload; ``more``: where the app serves the rows that are not in the page.
    """
    n = len(spots)
    o = [int(spots.lat.min()), int(spots.lon.min())] if n else [0, 0]
    sp = np.column_stack([np.diff(spots.lat, prepend=o[0]), spots.lon - o[1], spots.count, spots.shown]).ravel().tolist()
    out = {k: v for k, v in rows.items() if k != "p"}
    out.update({"ps": json.dumps(rows.get("p", []), separators=(",", ":")), "o": o, "sp": sp,
                "mx": spots.mix.ravel().tolist(), "sl": labels, "ns": n, "ne": spots.events,
                "r": mark_scale(int(spots.count.max()) if n else 1), "more": more})
    return out


def popup_labels(lang: str) -> dict[str, str]:
    """The words of the popups, in the interface language."""
    return {
        "events": t("{n} events here", lang), "one": t("1 event here", lang),
        "fat": t("{n} reported fatalities", lang), "district": t("District", lang),
        "unknownDate": t("date unknown", lang), "actors": t("Actors", lang), "unnamed": t("unnamed", lang),
        "vs": t("{a} vs {b}", lang), "fatalities": t("Fatalities", lang), "notReported": t("not reported", lang),
        "written": t("Place as written", lang), "source": t("Source", lang),
        "noNotes": t("Report text: see the events table.", lang), "newer": t("Newer", lang),
        "older": t("Older", lang), "range": t("{a}–{b} of {n}", lang),
        "notListed": t("The {n} older events here are not in this file; the events table lists them.", lang),
        "loading": t("Loading older events…", lang),
        "failed": t("Could not load older events here; the events table lists them.", lang),
        "hint": t("Click an event for its report text.", lang),
    }


class EventMarks(Layer, VerbatimMacroElement):
    """Exact events (geo precision 1): one mark per spot, on one canvas.

    The payload (:func:`mark_payload`) is decoded into flat typed arrays and painted by a
    ``L.Canvas`` whose ``_draw`` paints every mark (largest first, so small ones stay on top):
    no Leaflet object per mark or event. Popups are built in the browser with ``textContent``
    only. The layer has ``aleppoCount()`` (events in it), ``aleppoMarks()`` (marks),
    ``aleppoMark(i)`` (a mark's events, shown rows and mix), ``aleppoOpen(i)`` and
    ``aleppoSpots`` (for :class:`MarkPicker`).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var D = {{ this.data }}, map = {{ this._parent.get_name() }}, W = {{ this.words }};
                var S = D.s, KD = D.kd, SR = D.sr, K = D.k, SL = D.sl, MX = D.mx, P = null, PAGE = {{ this.page }};
                var TC = {{ this.colours }}, TN = {{ this.type_names }}, T = TC.length;
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

                function el(tag, cls, text) {
                    var e = document.createElement(tag);
                    if (cls) e.className = cls;
                    if (text !== undefined && text !== null) e.textContent = String(text);
                    return e;
                }
                function fmt(s, v) { return s.replace(/\\{(\\w+)\\}/g, function (_, k) { return k in v ? v[k] : ""; }); }
                function num(n) { return Number(n).toLocaleString("en-US"); }
                function pair(parent, label, value) {
                    var sp = el("span", "ev-pair");
                    sp.appendChild(el("span", "ev-label", label + ": "));
                    if (typeof value === "string") sp.appendChild(document.createTextNode(value));
                    else sp.appendChild(value);
                    parent.appendChild(sp);
                }
                // One event: a row of the payload (or of a page fetched later, same layout).
                function entry(R, b, strings, kinds, sources, open) {
                    var kd = kinds[R[b]], sr = sources[R[b + 5]], str = function (x) { return strings[x] || ""; };
                    var li = el("li", "ev-item" + (open ? " open" : ""));
                    li.tabIndex = 0; li.setAttribute("role", "button"); li.setAttribute("aria-expanded", open ? "true" : "false");
                    var head = el("div", "ev-line"), sw = el("span", "ev-swatch");
                    sw.style.background = TC[kd[0]];
                    head.appendChild(sw);
                    head.appendChild(el("span", "ev-date", str(R[b + 1]) || W.unknownDate));
                    var sub = str(kd[2]);
                    head.appendChild(document.createTextNode(" · " + (str(kd[1]) || TN[kd[0]]) + (sub ? " · " + sub : "")));
                    li.appendChild(head);
                    var a1 = str(R[b + 2]), a2 = str(R[b + 3]), f = R[b + 4], meta = el("div", "ev-meta");
                    pair(meta, W.actors, a2 ? fmt(W.vs, {a: a1 || W.unnamed, b: a2}) : (a1 || W.unnamed));
                    pair(meta, W.fatalities, f < 0 ? W.notReported : num(f));
                    li.appendChild(meta);
                    var meta2 = el("div", "ev-meta"), src = str(sr[0]), url = str(sr[1]);
                    pair(meta2, W.written, str(R[b + 7]) || "—");
                    if (url && /^https?:\\/\\//i.test(url)) {
                        var a = el("a", null, src || url);
                        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
                        a.addEventListener("click", function (ev) { ev.stopPropagation(); });
                        pair(meta2, W.source, a);
                    } else {
                        pair(meta2, W.source, src || "—");
                    }
                    li.appendChild(meta2);
                    li.appendChild(el("p", "ev-notes", str(R[b + 6]) || W.noNotes));
                    function toggle() {
                        var on = !li.classList.contains("open");
                        li.classList.toggle("open", on); li.setAttribute("aria-expanded", on ? "true" : "false");
                    }
                    li.addEventListener("click", toggle);
                    li.addEventListener("keydown", function (ev) {
                        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); }
                    });
                    return li;
                }
                function build(i) {
                    var root = el("div", "ev-pop"), label = SL[i] || ["", ""];
                    root.appendChild(el("div", "ev-head", label[0] || "—"));
                    if (label[1]) root.appendChild(el("div", "ev-sub", W.district + ": " + label[1]));
                    var summary = el("div", "ev-sum", N[i] === 1 ? W.one : fmt(W.events, {n: num(N[i])}));
                    root.appendChild(summary);
                    if (NT[i] > 1) {
                        var mix = el("div", "ev-mix");
                        for (var t = 0; t < T; t++) {
                            var c = MX[i * T + t];
                            if (!c) continue;
                            var chip = el("span", "ev-chip"), sw = el("span", "ev-swatch");
                            sw.style.background = TC[t];
                            chip.appendChild(sw); chip.appendChild(document.createTextNode(TN[t] + " " + num(c)));
                            mix.appendChild(chip);
                        }
                        root.appendChild(mix);
                    }
                    var list = el("ol", "ev-list"), pager = el("div", "ev-pager"), note = el("div", "ev-note");
                    root.appendChild(list);
                    if (N[i] > 1) root.appendChild(el("div", "ev-hint", W.hint));
                    root.appendChild(pager); root.appendChild(note);
                    var pages = Math.ceil(N[i] / PAGE);
                    var shown = 0;
                    function show(page) {
                        var serial = ++shown;
                        list.textContent = ""; note.textContent = ""; pager.textContent = "";
                        var a = page * PAGE, b = Math.min(N[i], a + PAGE);
                        if (a < SH[i]) {
                            var R = rows();
                            for (var e = a; e < Math.min(b, SH[i]); e++)
                                list.appendChild(entry(R, (RS[i] + e) * K, S, KD, SR, N[i] === 1));
                        }
                        if (b > SH[i]) {
                            if (group.aleppoFetch) {
                                note.textContent = W.loading;
                                group.aleppoFetch(i, Math.max(a, SH[i]), b, function (got) {
                                    if (serial !== shown) return;  // the reader has moved on to another page
                                    if (!got) { note.textContent = W.failed; return; }
                                    note.textContent = "";
                                    for (var g = 0; g < got.n; g++)
                                        list.appendChild(entry(got.p, g * got.k, got.s, got.kd, got.sr, false));
                                });
                            } else {
                                note.textContent = fmt(W.notListed, {n: num(N[i] - SH[i])});
                            }
                        }
                        if (pages > 1) {
                            var prev = el("button", "ev-btn", "‹ " + W.newer), next = el("button", "ev-btn", W.older + " ›");
                            prev.type = next.type = "button";
                            prev.disabled = page === 0; next.disabled = page >= pages - 1;
                            prev.addEventListener("click", function (ev) { ev.stopPropagation(); show(page - 1); });
                            next.addEventListener("click", function (ev) { ev.stopPropagation(); show(page + 1); });
                            pager.appendChild(prev);
                            pager.appendChild(el("span", "ev-range", fmt(W.range, {a: num(a + 1), b: num(b), n: num(N[i])})));
                            pager.appendChild(next);
                        }
                    }
                    show(0);
                    return root;
                }
                group.aleppoSpots = {n: ns, lat: LAT, lon: LON, rad: RAD, order: ORD, projected: projected};
                group.aleppoBuildPopup = build;
                group.aleppoCount = function () { return D.ne; };
                group.aleppoMarks = function () { return ns; };
                group.aleppoMark = function (i) {
                    return {events: N[i], shown: SH[i], lat: LAT[i], lon: LON[i], radius: RAD[i],
                            mix: Array.prototype.slice.call(MX, i * T, i * T + T), place: SL[i]};
                };
                group.aleppoRadius = radius;
                if (D.more) {  // the app serves older rows: ask it (streamlit-folium's click report), poll for the file
                    var chunks = {};
                    group.aleppoFetch = function (i, a, b, cb) {
                        var size = D.more.chunk, c = SH[i] + Math.floor((a - SH[i]) / size) * size;
                        function n(v) { return (v < 0 ? "n" : "") + Math.abs(Math.round(v * 1e5)); }
                        var name = D.more.token + "-" + n(LAT[i]) + "-" + n(LON[i]) + "-" + c;
                        function give(got) {
                            var k = got.k, from = a - c, to = Math.min(b - c, got.n);
                            cb({n: Math.max(0, to - from), k: k, p: got.p.slice(from * k, to * k), s: got.s,
                                kd: got.kd, sr: got.sr});
                        }
                        if (chunks[name]) return give(chunks[name]);
                        var text = "aleppo-rows:" + name, tip = {getContent: function () { return text; }};
                        var via = group.listens("click") ? group : null;
                        map.eachLayer(function (l) { if (!via && l.listens && l.listens("click")) via = l; });
                        if (via) via.fire("click", {latlng: L.latLng(LAT[i], LON[i]),
                            sourceTarget: {getTooltip: function () { return tip; }, _tooltip: {_content: text}}});
                        var tries = 0;
                        (function poll() {
                            fetch(D.more.base + name + ".json", {cache: "no-store"}).then(function (r) {
                                if (!r.ok) throw new Error(String(r.status));
                                return r.json();
                            }).then(function (got) { chunks[name] = got; give(got); }, function () {
                                if (++tries < 75) setTimeout(poll, 200); else cb(null);
                            });
                        })();
                    };
                }
                group.aleppoOpen = function (i) {
                    return L.popup({maxWidth: 360, minWidth: 240, className: "aleppo-popup", autoPanPadding: [20, 20]})
                        .setLatLng([LAT[i], LON[i]]).setContent(build(i)).openOn(map);
                };
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
        self.page = PAGE
        self.words = js_json(popup_labels(lang))
        self.colours = js_json(list(TYPE_COLOURS))
        self.type_names = js_json([t(n, lang) for n in TYPE_NAMES])
        self.add_child(MarkPicker())


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
