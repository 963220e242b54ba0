"""The map legend: district shading scale, event-type colours, halos and what is not drawn.

A Leaflet control built in the browser from a JSON spec with ``textContent`` only, so it
works the same in a standalone page and inside streamlit-folium.
"""
from __future__ import annotations

from typing import Any

from folium.template import Template

from .data import js_json
from .layers import VerbatimMacroElement


class Legend(VerbatimMacroElement):
    """``spec``: ``{"title", "classes": [[colour, label]], "types": [[colour, name]],
    "halo": label or "", "notes": [line, ...]}``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var spec = {{ this.spec }};
                var ctl = L.control({position: {{ this.position }}});
                ctl.onAdd = function () {
                    var div = L.DomUtil.create("div", "aleppo-legend leaflet-control");
                    function add(tag, cls, text) {
                        var e = document.createElement(tag);
                        if (cls) e.className = cls;
                        if (text) e.textContent = text;
                        return e;
                    }
                    function item(kind, colour, label) {
                        var r = add("div", "lg-row"), sw = add("span", kind);
                        if (colour) sw.style.background = colour;
                        r.appendChild(sw); r.appendChild(add("span", null, label));
                        div.appendChild(r);
                    }
                    div.appendChild(add("h4", null, spec.title));
                    spec.classes.forEach(function (c) { item("lg-box", c[0], c[1]); });
                    if (spec.types.length) div.appendChild(add("h4", "lg-sec", spec.types_title));
                    spec.types.forEach(function (t) { item("lg-dot", t[0], t[1]); });
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

    def __init__(self, spec: dict[str, Any], *, position: str = "bottomright"):
        super().__init__()
        self._name = "Legend"
        self.spec_data = spec
        self.spec = js_json(spec)
        self.position = js_json(position)
