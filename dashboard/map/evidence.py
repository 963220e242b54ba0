"""The evidence layer: satellite damage sites, drawn apart from events and never like them.

Small squares (events are round marks) in a magenta ramp by damage level (no event type uses
those colours), on their own canvas in a pane *below* every event layer, so that seventeen
thousand sites never bury a user's dozen events. Clicks are hit-tested like the event points
(the canvas lets pointer events through to the districts): a click on a site opens its
popup unless an event layer took the click first. Their own legend entry, foldable, says
what they are and how many the date range holds.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from folium.map import Layer
from folium.template import Template

from ..evidence import LEVEL_COLOURS, LEVEL_ORDER, level_name
from ..i18n import t
from .data import js_json
from .layers import VerbatimMacroElement

SCALE = 1e5  # coordinates travel as integers of 1e-5 degree (~1 m)
INFO_FIELDS = ("window_start", "window_end", "damage", "site_type", "cause", "confidence", "sensor", "place",
               "district", "source")


def damage_payload(sites: pd.DataFrame) -> dict[str, Any]:
    """The compact page payload of a ``damage_points`` frame.

    ``n`` sites; ``xy`` their integer coordinates as deltas (sorted, so mostly small numbers);
    ``lv`` one character per site, the index of its level in ``LEVEL_ORDER``; ``inf`` the
    distinct popup rows (``INFO_FIELDS``) and ``ix`` each site's row in it.
    """
    df = sites.copy()
    df = df[pd.to_numeric(df["latitude"], errors="coerce").notna() & pd.to_numeric(df["longitude"], errors="coerce").notna()]
    lat = np.round(pd.to_numeric(df["latitude"]).to_numpy(dtype=float) * SCALE).astype(np.int64)
    lon = np.round(pd.to_numeric(df["longitude"]).to_numpy(dtype=float) * SCALE).astype(np.int64)
    order = np.lexsort((lon, lat))
    lat, lon = lat[order], lon[order]
    df = df.iloc[order].reset_index(drop=True)
    xy = np.empty(2 * len(df), dtype=np.int64)
    xy[0::2] = np.diff(lat, prepend=0)
    xy[1::2] = np.diff(lon, prepend=0)
    pos = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    levels = pd.to_numeric(df.get("damage_level"), errors="coerce") if "damage_level" in df else pd.Series(
        np.nan, index=df.index)
    lv = "".join(chr(48 + pos.get(int(v) if pd.notna(v) else None, len(LEVEL_ORDER) - 1)) for v in levels)
    info = pd.DataFrame({f: (df[f].where(df[f].notna(), "").astype(str) if f in df else "") for f in INFO_FIELDS},
                        index=df.index)
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(info)) if len(info) else (np.zeros(0, np.int64), [])
    return {"n": int(len(df)), "xy": xy.tolist(), "lv": lv, "inf": [list(u) for u in uniques],
            "ix": codes.astype(int).tolist()}


def damage_by_district(sites: pd.DataFrame) -> dict[str, int]:
    """``{district: damage sites}`` of a ``damage_points`` frame (sites in no district left out)."""
    if sites is None or not len(sites) or "district" not in sites:
        return {}
    return {str(k): int(v) for k, v in sites["district"].dropna().value_counts().items()}


def level_counts(sites: pd.DataFrame) -> list[tuple[int | None, int]]:
    """(level, sites) for the levels present, in ``LEVEL_ORDER``."""
    if sites is None or not len(sites):
        return []
    levels = pd.to_numeric(sites["damage_level"], errors="coerce")
    counts = levels.value_counts(dropna=False)
    out = []
    for lv in LEVEL_ORDER:
        n = int(levels.isna().sum()) if lv is None else int(counts.get(lv, 0))
        if n:
            out.append((lv, n))
    return out


def popup_labels(lang: str) -> dict[str, str]:
    """The popup's fixed texts in ``lang``."""
    return {
        "what": t("Satellite damage assessment: evidence, not an event", lang),
        "seen_on": t("Seen on imagery of", lang), "between": t("Damage appeared between", lang),
        "span": t("{start} and {end}", lang), "damage": t("Damage as assessed", lang),
        "site": t("Site type", lang),
        "cause": t("Cause, as assessed", lang), "confidence": t("Confidence", lang), "sensor": t("Sensor", lang),
        "place": t("Place", lang), "district": t("District", lang), "source": t("Source", lang),
    }


class DamageSites(Layer, VerbatimMacroElement):
    """Damage sites on their own canvas (pane ``aleppoDamage``, under halos, landmarks and events).

    The layer has ``aleppoDamageCount()`` (sites in it); it has no ``aleppoCount``, which counts
    events: evidence is never counted as events.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var D = {{ this.data }}, C = {{ this.colours }}, N = {{ this.names }}, T = {{ this.labels }};
                var map = {{ this._parent.get_name() }}, n = D.n;
                if (!map.getPane("aleppoDamage")) map.createPane("aleppoDamage").style.zIndex = 420;
                var LAT = new Float64Array(n), LON = new Float64Array(n), LV = new Uint8Array(n), la = 0, lo = 0;
                for (var i = 0; i < n; i++) {
                    la += D.xy[2 * i]; lo += D.xy[2 * i + 1];
                    LAT[i] = la / 1e5; LON[i] = lo / 1e5; LV[i] = D.lv.charCodeAt(i) - 48;
                }
                var BY = C.map(function () { return []; });
                for (var k = 0; k < n; k++) BY[LV[k]].push(k);
                var crs = map.options.crs, proj = null;
                function projected(z) {
                    if (proj && proj.z === z) return proj;
                    var xs = new Float64Array(n), ys = new Float64Array(n);
                    for (var j = 0; j < n; j++) {
                        var p = crs.latLngToPoint(L.latLng(LAT[j], LON[j]), z);
                        xs[j] = p.x; ys[j] = p.y;
                    }
                    return (proj = {z: z, xs: xs, ys: ys});
                }
                // Small at city scale, larger when zoomed in: never the size of an event mark.
                function side(z) { return z <= 12 ? 2 : z <= 13 ? 3 : z <= 15 ? 4 : z <= 16 ? 5 : 7; }
                // Faint at city scale, where thousands of sites would otherwise bury the events.
                function alpha(z) { return z <= 12 ? 0.5 : z <= 14 ? 0.6 : 0.7; }
                var Squares = L.Canvas.extend({
                    _draw: function () {
                        var ctx = this._ctx, b = this._bounds, m = this._map;
                        if (!ctx || !b || !m) return;
                        var z = m.getZoom(), pr = projected(z), o = m.getPixelOrigin(), s = side(z), h = s / 2, a = alpha(z);
                        var drawn = 0;
                        for (var t = BY.length - 1; t >= 0; t--) {  // the worst damage painted last, on top
                            var idx = BY[t];
                            ctx.fillStyle = C[t]; ctx.globalAlpha = a;
                            for (var q = 0; q < idx.length; q++) {
                                var j = idx[q], x = pr.xs[j] - o.x, y = pr.ys[j] - o.y;
                                if (x < b.min.x - s || x > b.max.x + s || y < b.min.y - s || y > b.max.y + s) continue;
                                ctx.fillRect(x - h, y - h, s, s);
                                drawn++;
                            }
                        }
                        ctx.globalAlpha = 1;
                        this.aleppoDrawn = drawn;
                    }
                });
                var layer = new Squares({padding: 0.5, pane: "aleppoDamage"});
                layer.aleppoDamageCount = function () { return n; };
                function el(tag, cls, text) {
                    var e = document.createElement(tag);
                    if (cls) e.className = cls;
                    if (text !== undefined && text !== null) e.textContent = String(text);
                    return e;
                }
                function row(parent, label, text) {
                    if (!text) return;
                    var d = el("div", "ev-row");
                    d.appendChild(el("span", "ev-label", label + ": "));
                    d.appendChild(document.createTextNode(text));
                    parent.appendChild(d);
                }
                function build(i) {
                    var f = D.inf[D.ix[i]], root = el("div", "ev-pop dmg-pop");
                    var head = el("div", "ev-head"), sw = el("span", "dmg-swatch");
                    sw.style.background = C[LV[i]];
                    head.appendChild(sw); head.appendChild(document.createTextNode(N[LV[i]]));
                    root.appendChild(head);
                    root.appendChild(el("div", "ev-sub", T.what));
                    if (f[0] === f[1]) row(root, T.seen_on, f[1]);
                    else row(root, T.between, T.span.replace("{start}", function () { return f[0]; })
                                                     .replace("{end}", function () { return f[1]; }));
                    row(root, T.damage, f[2]); row(root, T.site, f[3]); row(root, T.cause, f[4]);
                    row(root, T.confidence, f[5]); row(root, T.sensor, f[6]); row(root, T.place, f[7]);
                    row(root, T.district, f[8]); row(root, T.source, f[9]);
                    return root;
                }
                var box = map.getContainer(), CELL = 16, SPAN = 67108864, grid = null, lastMove = 0;
                function index(z) {
                    if (grid && grid.z === z) return grid;
                    var pr = projected(z), cells = new Map();
                    for (var i = 0; i < n; i++) {
                        var key = Math.floor(pr.xs[i] / CELL) * SPAN + Math.floor(pr.ys[i] / CELL);
                        var c = cells.get(key);
                        if (c) c.push(i); else cells.set(key, [i]);
                    }
                    return (grid = {z: z, cells: cells, xs: pr.xs, ys: pr.ys});
                }
                function hit(ev) {
                    if (!map.hasLayer(layer) || !n) return -1;
                    var t = ev.target;
                    if (t && t.closest && t.closest(".leaflet-control, .leaflet-popup, .leaflet-marker-icon")) return -1;
                    var z = map.getZoom(), g = index(z), p = crs.latLngToPoint(map.mouseEventToLatLng(ev), z);
                    var cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL), r = side(z) / 2 + 3, best = -1, bd = 0;
                    for (var a = cx - 1; a <= cx + 1; a++) for (var c2 = cy - 1; c2 <= cy + 1; c2++) {
                        var c = g.cells.get(a * SPAN + c2);
                        if (!c) continue;
                        for (var q = 0; q < c.length; q++) {
                            var j = c[q], dx = Math.abs(g.xs[j] - p.x), dy = Math.abs(g.ys[j] - p.y), d = dx * dx + dy * dy;
                            if (dx <= r && dy <= r && (best < 0 || d < bd || (d === bd && LV[j] < LV[best]))) { best = j; bd = d; }
                        }
                    }
                    return best;
                }
                // Registered after the event layers' own pickers: an event hit there stops the
                // click's propagation first (cancelBubble), and then the sites leave it alone.
                box.addEventListener("click", function (ev) {
                    if (ev.cancelBubble || ev.defaultPrevented || (map.dragging && map.dragging.moved())) return;
                    var i = hit(ev);
                    if (i < 0) return;
                    ev.stopPropagation();
                    L.popup({maxWidth: 320, className: "aleppo-popup"}).setLatLng([LAT[i], LON[i]])
                        .setContent(build(i)).openOn(map);
                }, true);
                box.addEventListener("mousemove", function (ev) {
                    var now = Date.now();
                    if (now - lastMove < 60) return;
                    lastMove = now;
                    L.DomUtil[hit(ev) >= 0 ? "addClass" : "removeClass"](box, "aleppo-over-site");
                }, true);
                layer.aleppoDamageHit = hit;
                layer.aleppoBuildDamagePopup = build;
                return layer;
            })();
        {% endmacro %}
    """)

    def __init__(self, sites: pd.DataFrame, *, lang: str = "en", name: str | None = None, show: bool = True):
        super().__init__(name=name or t("Damage sites (satellite evidence)", lang), overlay=True, control=True,
                         show=show)
        self._name = "DamageSites"
        payload = damage_payload(sites)
        self.count = payload["n"]
        self.data = js_json(payload)
        self.colours = js_json([LEVEL_COLOURS[lv] for lv in LEVEL_ORDER])
        self.names = js_json([t(level_name(lv), lang) for lv in LEVEL_ORDER])
        self.labels = js_json(popup_labels(lang))


class DamageLegend(VerbatimMacroElement):
    """The evidence layer's own legend entry: a foldable box (``<details>``) with a square per
    damage level present and its count. Folded at first on a narrow screen (a phone)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var spec = {{ this.spec }}, ctl = L.control({position: {{ this.position }}});
                ctl.onAdd = function () {
                    var box = L.DomUtil.create("details", "aleppo-legend aleppo-damage-legend leaflet-control");
                    function add(parent, tag, cls, text) {
                        var e = document.createElement(tag);
                        if (cls) e.className = cls;
                        if (text) e.textContent = text;
                        parent.appendChild(e);
                        return e;
                    }
                    box.open = window.innerWidth > 600;
                    add(box, "summary", "lg-title", spec.title);
                    spec.levels.forEach(function (lv) {
                        var r = add(box, "div", "lg-row"), sw = add(r, "span", "lg-square");
                        sw.style.background = lv[0];
                        add(r, "span", null, lv[1]);
                    });
                    spec.notes.forEach(function (text) { add(box, "div", "lg-note", text); });
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.disableScrollPropagation(box);
                    return box;
                };
                ctl.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
    """)

    def __init__(self, sites: pd.DataFrame, *, lang: str = "en", shown: bool = True, position: str = "bottomright"):
        super().__init__()
        self._name = "DamageLegend"
        total = 0 if sites is None else int(len(sites))
        levels = [[LEVEL_COLOURS[lv], t("{level}: {n}", lang, level=t(level_name(lv), lang), n=f"{n:,}")]
                  for lv, n in level_counts(sites)]
        notes = [t("{n} damage sites whose imagery window overlaps the dates. Evidence of damage, not events: "
                   "not in the event counts.", lang, n=f"{total:,}")]
        if not shown:
            notes.append(t("The damage sites layer is off.", lang))
        self.spec_data = {"title": t("Damage sites (satellite evidence)", lang), "levels": levels if shown else [],
                          "notes": notes}
        self.spec = js_json(self.spec_data)
        self.position = js_json(position)
