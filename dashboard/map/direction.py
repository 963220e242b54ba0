"""Right-to-left text on the map: legends, layer names, popups and tooltips in Arabic.

The map's own geometry stays as Leaflet lays it out (controls keep their corners); only the
text boxes read right to left: CSS ``direction: rtl`` on them, and ``dir="rtl"`` set on each
box (the legends and the layer list when the map is ready, a popup or tooltip when it opens),
so that screen readers and the browser's bidi rules agree. Add it after the legends.
"""
from __future__ import annotations

from folium.template import Template

from ..i18n import is_rtl
from .data import js_json
from .layers import VerbatimMacroElement

# Our own constant CSS and script (no data in them).
RTL_BOXES = (".aleppo-legend, .leaflet-control-layers, .leaflet-popup-content, .leaflet-tooltip, .aleppo-keys, "
             ".aleppo-zoom-results, .aleppo-caption")


class TextDirection(VerbatimMacroElement):
    """Text boxes of the map right to left (nothing is added for a left-to-right language)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        """ + RTL_BOXES + """ { direction: rtl; text-align: right; unicode-bidi: isolate; }
        .aleppo-legend summary { text-align: right; }
        """ + RTL_BOXES + """ { font-family: system-ui, "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans",
          sans-serif; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var BOXES = '""" + RTL_BOXES + """';
                function mark(root) {
                    if (!root) return;
                    if (root.matches && root.matches(BOXES)) root.setAttribute("dir", "rtl");
                    root.querySelectorAll && root.querySelectorAll(BOXES).forEach(function (e) {
                        e.setAttribute("dir", "rtl");
                    });
                }
                document.documentElement.setAttribute("lang", {{ this.lang }});
                map.whenReady(function () { mark(document.body); });
                setTimeout(function () { mark(document.body); }, 0);
                map.on("popupopen tooltipopen", function (e) {
                    var el = (e.popup || e.tooltip).getElement();
                    mark(el);
                    if (el && el.querySelector(".leaflet-popup-content")) {
                        el.querySelector(".leaflet-popup-content").setAttribute("dir", "rtl");
                    }
                });
            })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "TextDirection"
        self.lang = js_json(lang)


def add_text_direction(m, lang: str) -> None:
    """Lay the map's text out right to left when ``lang`` is written that way."""
    if is_rtl(lang):
        TextDirection(lang).add_to(m)
