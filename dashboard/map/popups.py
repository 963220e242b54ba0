"""The popups of the event marks: every event at a place, newest first, ten to a page.

Built in the browser with ``textContent`` only when a mark is clicked. An entry shows the
date, type, actors, fatalities, the place as written, which gazetteer place located it
(its source and the precision) and the report's source (a link only for an http(s)
address); clicking it opens the report sentence. Rows past those the page carries
come from the app (:mod:`dashboard.map.pages`) or, in a standalone file, are counted as not
listed.
"""
from __future__ import annotations

from folium.template import Template

from ..i18n import t
from .data import TYPE_NAMES, js_json
from .layers import VerbatimMacroElement

PAGE = 10  # events per popup page


def popup_labels(lang: str) -> dict[str, str]:
    """The words of the popups, in the interface language."""
    return {
        "events": t("{n} events here", lang), "one": t("1 event here", lang),
        "fat": t("{n} reported fatalities", lang), "district": t("District", lang),
        "unknownDate": t("date unknown", lang), "actors": t("Actors", lang), "unnamed": t("unnamed", lang),
        "vs": t("{a} vs {b}", lang), "fatalities": t("Fatalities", lang), "notReported": t("not reported", lang),
        "written": t("Place as written", lang), "source": t("Source", lang),
        "locatedBy": t("Located by", lang), "located": t("{place} ({source}, precision {n})", lang),
        "given": t("coordinates given in the file (precision {n})", lang), "unknownPrecision": t("unknown", lang),
        "noNotes": t("Report text: see the events table.", lang), "newer": t("Newer", lang),
        "older": t("Older", lang), "range": t("{a}–{b} of {n}", lang),
        "notListed": t("The {n} older events here are not in this file; the events table lists them.", lang),
        "loading": t("Loading older events…", lang),
        "failed": t("Could not load older events here; the events table lists them.", lang),
        "hint": t("Click an event for its report text.", lang),
    }


class MarkPopups(VerbatimMacroElement):
    """The popups of its parent :class:`~dashboard.map.points.EventMarks` (``aleppoOpen(i)``,
    ``aleppoBuildPopup(i)``, and ``aleppoFetch`` when the app serves older rows)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function (group, map) {
                var A = group.aleppoData, D = A.D, S = D.s, KD = D.kd, SR = D.sr, K = D.k, SL = D.sl, MX = D.mx;
                var LP = D.lp || [], PL = D.pl || {};
                var N = A.N, SH = A.SH, RS = A.RS, NT = A.NT, LAT = A.LAT, LON = A.LON, TC = A.TC, T = A.T;
                var rows = A.rows, W = {{ this.words }}, TN = {{ this.type_names }}, PAGE = {{ this.page }};
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
                // Which place located an event: its name and source from the per-place table PL.
                function located(parent, at, strings) {
                    if (!at) return;
                    var pid = strings[at[0]] || "", n = at[1] < 0 ? W.unknownPrecision : String(at[1]);
                    var pl = pid ? PL[pid] : null;
                    if (pl) pair(parent, W.locatedBy, fmt(W.located, {place: pl[0], source: pl[1], n: n}));
                    else if (!pid && at[1] >= 0) pair(parent, W.locatedBy, fmt(W.given, {n: n}));
                }
                function entry(R, b, strings, kinds, sources, places, open) {
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
                    if (places) located(meta2, places[R[b + 8]], strings);
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
                                list.appendChild(entry(R, (RS[i] + e) * K, S, KD, SR, LP, N[i] === 1));
                        }
                        if (b > SH[i]) {
                            if (group.aleppoFetch) {
                                note.textContent = W.loading;
                                group.aleppoFetch(i, Math.max(a, SH[i]), b, function (got) {
                                    if (serial !== shown) return;  // the reader has moved on to another page
                                    if (!got) { note.textContent = W.failed; return; }
                                    note.textContent = "";
                                    for (var g = 0; g < got.n; g++)
                                        list.appendChild(entry(got.p, g * got.k, got.s, got.kd, got.sr, got.lp, false));
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
                if (D.more) {  // the app serves older rows: ask it (streamlit-folium's click report), poll for the file
                    var chunks = {};
                    group.aleppoFetch = function (i, a, b, cb) {
                        var size = D.more.chunk, c = SH[i] + Math.floor((a - SH[i]) / size) * size;
                        function n(v) { return (v < 0 ? "n" : "") + Math.abs(Math.round(v * 1e5)); }
                        var name = D.more.token + "-" + n(LAT[i]) + "-" + n(LON[i]) + "-" + c;
                        function give(got) {
                            var k = got.k, from = a - c, to = Math.min(b - c, got.n);
                            cb({n: Math.max(0, to - from), k: k, p: got.p.slice(from * k, to * k), s: got.s,
                                kd: got.kd, sr: got.sr, lp: got.lp});
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
                group.aleppoBuildPopup = build;
                group.aleppoOpen = function (i) {
                    return L.popup({maxWidth: 360, minWidth: 240, className: "aleppo-popup", autoPanPadding: [20, 20]})
                        .setLatLng([LAT[i], LON[i]]).setContent(build(i)).openOn(map);
                };
            })({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, *, lang: str = "en"):
        super().__init__()
        self._name = "MarkPopups"
        self.page = PAGE
        self.words = js_json(popup_labels(lang))
        self.type_names = js_json([t(n, lang) for n in TYPE_NAMES])
