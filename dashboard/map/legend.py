"""The map legend: district shading, the event types drawn (with their counts), mark sizes,
halos and what is not drawn; it folds away.

A Leaflet control built in the browser from a JSON spec with ``textContent`` only, so it
works the same in a standalone page and inside streamlit-folium. Its counts are the marks'
own: the types listed are those present among the drawn marks, and their counts add up to
the events the marks stand for.
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
from folium.template import Template

from ..i18n import semicolon, t
from .data import (MARK_RMAX, MARK_RMIN, TYPE_COLOURS, TYPE_NAMES, ZERO_COLOUR, break_labels, js_json,
                   shade_colour, size_steps)
from .layers import VerbatimMacroElement


def _n(n: int) -> str:
    return f"{int(n):,}"


def legend_spec(breaks: list[int], top: int, shade: str, s: dict[str, int], mix: np.ndarray,
                largest: int, layers: Iterable[str] = ("points", "areas"), lang: str = "en") -> dict:
    """The legend of a map: ``s`` is the map's summary, ``mix`` the drawn events per type
    (``TYPE_NAMES`` order), ``largest`` the events of the largest mark."""
    layers = set(layers)
    points_on, areas_on = "points" in layers, "areas" in layers
    word = {"fatalities": t("0 fatalities", lang), "damage": t("0 damage sites", lang)}.get(shade, t("0 events", lang))
    classes = [[ZERO_COLOUR, word]] + [[shade_colour(b, breaks), lab] for b, lab in zip(breaks, break_labels(breaks, top))]
    types = [[TYPE_COLOURS[i], t(TYPE_NAMES[i], lang), _n(c)] for i, c in enumerate(mix.tolist()) if c] if points_on else []
    sizes: list[list[Any]] = []
    if points_on and largest > 1:
        sizes = [[round(r, 1), _n(c) if c == 1 or r > MARK_RMIN else t("1 to {n}", lang, n=_n(c))]
                 for c, r in size_steps(largest)]
    if points_on:
        notes = [t("{n} of {total} events are drawn as {marks} marks, one per place (exact place).", lang,
                   n=_n(s["points"]), total=_n(s["events"]), marks=_n(s["marks"]))]
    else:
        notes = [t("{n} of {total} events have an exact place (marks layer off).", lang,
                   n=_n(s["points"]), total=_n(s["events"]))]
    not_drawn = []
    if s["area"]:
        not_drawn.append(t("{n} known only to an area (dashed halos)", lang, n=_n(s["area"])) if areas_on
                         else t("{n} known only to an area (halos layer off)", lang, n=_n(s["area"])))
    if s["coarsened"]:
        not_drawn.append(t("{n} coarsened to their district (halos)", lang, n=_n(s["coarsened"])) if points_on
                         else t("{n} coarsened to their district (marks layer off)", lang, n=_n(s["coarsened"])))
    if s["city"]:
        not_drawn.append(t("{n} known only to the city (not drawn)", lang, n=_n(s["city"])))
    if s["unresolved"]:
        not_drawn.append(t("{n} with an unresolved place name (not drawn)", lang, n=_n(s["unresolved"])))
    if not_drawn:
        notes.append(t("Not drawn as marks: {list}.", lang, list=semicolon(lang).join(not_drawn)))
    halo = t("Area-level events (size = count)", lang) if (s["area"] and areas_on) or (s["coarsened"] and points_on) else ""
    title = {"fatalities": t("Districts: fatalities (filtered)", lang),
             "damage": t("Districts: damage sites (filtered)", lang)}.get(shade, t("Districts: events (filtered)", lang))
    return {"fold": t("Legend", lang), "title": title, "classes": classes,
            "types_title": t("Events by type (drawn)", lang) if types else "", "types": types,
            "sizes_title": t("Events at one place", lang) if sizes else "", "sizes": sizes,
            "halo": halo, "notes": notes, "rmax": MARK_RMAX}


class Legend(VerbatimMacroElement):
    """``spec``: :func:`legend_spec` (and ``landmarks``: a label, when that layer is on).

    A ``<details>`` element: its summary folds the legend away (keyboard and screen readers
    included); ``open`` sets how it starts."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var spec = {{ this.spec }};
                var ctl = L.control({position: {{ this.position }}});
                ctl.onAdd = function () {
                    var div = L.DomUtil.create("details", "aleppo-legend leaflet-control");
                    div.open = {{ this.open }};
                    function add(tag, cls, text) {
                        var e = document.createElement(tag);
                        if (cls) e.className = cls;
                        if (text) e.textContent = text;
                        return e;
                    }
                    function item(kind, colour, label, count) {
                        var r = add("div", "lg-row"), sw = add("span", kind);
                        if (colour) sw.style.background = colour;
                        r.appendChild(sw); r.appendChild(add("span", null, label));
                        if (count) r.appendChild(add("span", "lg-count", count));
                        div.appendChild(r);
                        return sw;
                    }
                    div.appendChild(add("summary", null, spec.fold));
                    div.appendChild(add("h4", null, spec.title));
                    spec.classes.forEach(function (c) { item("lg-box", c[0], c[1]); });
                    if (spec.types.length) div.appendChild(add("h4", "lg-sec", spec.types_title));
                    spec.types.forEach(function (t) { item("lg-dot", t[0], t[1], t[2]); });
                    if (spec.sizes.length) {
                        div.appendChild(add("h4", "lg-sec", spec.sizes_title));
                        spec.sizes.forEach(function (z) {
                            var sw = item("lg-size", null, z[1]), d = 2 * z[0];
                            sw.style.width = sw.style.height = d + "px";
                            sw.style.margin = "1px " + (spec.rmax - z[0] + 2) + "px";
                        });
                    }
                    if (spec.halo) item("lg-halo", null, spec.halo);
                    if (spec.landmarks) item("lg-dot lg-mark", "#fff3c4", spec.landmarks);
                    spec.notes.forEach(function (n) { div.appendChild(add("div", "lg-note", n)); });
                    L.DomEvent.disableClickPropagation(div);
                    L.DomEvent.disableScrollPropagation(div);
                    return div;
                };
                ctl.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
    """)

    def __init__(self, spec: dict[str, Any], *, position: str = "bottomright", open: bool = True):
        super().__init__()
        self._name = "Legend"
        self.spec_data = spec
        self.spec = js_json(spec)
        self.position = js_json(position)
        self.open = "true" if open else "false"
