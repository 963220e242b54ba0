"""The map for every reader: dark when the system is dark, usable on a phone and by keyboard.

- Theme: the page follows ``prefers-color-scheme``. In the dark the base is dark, panels,
  popups, tooltips and labels are light on dark, and the grey district shading is inverted
  (lighter = more), its legend swatches with it; event and damage colours stay as they are.
- Phone: on a narrow map (< 600 px) every legend starts folded and panels are narrower.
- Keyboard: the map is one tab stop (district outlines and the map's own buttons leave the
  tab order: otherwise some 130 outlines stand between the map and the rest of the page).
  With the map focused, Leaflet's keyboard handler pans (arrows) and zooms (+/-), R frames the
  results and L folds or unfolds the legends; a hint saying so shows while the map has the
  keyboard focus, and focus is always visible.

- Loading: until Leaflet fills the map's box (a large snapshot's script still parsing), the box
  says "Drawing the map…" instead of staying blank.

Add :class:`MapTheme` last: its script runs after every control exists.
"""
from __future__ import annotations

from folium.template import Template

from .data import js_json
from .layers import VerbatimMacroElement

THEME_CSS = """
<style>
.leaflet-container:focus-visible, .aleppo-legend summary:focus-visible, .aleppo-zoom-results:focus-visible,
.leaflet-popup a:focus-visible, .leaflet-popup button:focus-visible {
  outline: 3px solid #1f6feb; outline-offset: -3px; }
.leaflet-container:focus:not(:focus-visible) { outline: none; }
.aleppo-keys { display: none; position: absolute; left: 50%; top: 8px; transform: translateX(-50%); z-index: 1000;
  background: rgba(20, 20, 22, .86); color: #fff; font: 12px/1.35 system-ui, sans-serif; padding: 5px 9px;
  border-radius: 5px; pointer-events: none; max-width: 90%; text-align: center; }
.leaflet-container:focus-visible .aleppo-keys { display: block; }
.aleppo-damage-legend .lg-square { width: 9px; height: 9px; flex: none; margin: 0 4.5px; }
.aleppo-damage-legend summary { cursor: pointer; font-weight: 650; }
.aleppo-damage-legend[open] summary { margin-bottom: 4px; }
.leaflet-container.aleppo-over-site { cursor: pointer; }
.aleppo-popup .dmg-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; vertical-align: -1px; }
@media (max-width: 600px) {
  .aleppo-legend { max-width: 190px; box-sizing: border-box; font-size: 11px; padding: 6px 8px; }
  .aleppo-legend .lg-note { font-size: 10.5px; }
}
@media (prefers-color-scheme: dark) {
  .leaflet-container { background: #1b1c1f; color: #e6e4e0; }
  .leaflet-overlay-pane svg, .aleppo-legend .lg-box { filter: invert(.88) hue-rotate(180deg); }
  .aleppo-legend, .leaflet-popup-content-wrapper, .leaflet-popup-tip, .leaflet-tooltip,
  .leaflet-control-layers, .leaflet-bar a, .aleppo-zoom-results {
    background: rgba(36, 37, 41, .96) !important; color: #e6e4e0 !important; border-color: #55565c !important; }
  .leaflet-tooltip-top:before { border-top-color: rgba(36, 37, 41, .96); }
  .leaflet-tooltip-bottom:before { border-bottom-color: rgba(36, 37, 41, .96); }
  .leaflet-tooltip-left:before { border-left-color: rgba(36, 37, 41, .96); }
  .leaflet-tooltip-right:before { border-right-color: rgba(36, 37, 41, .96); }
  .leaflet-bar a:hover, .aleppo-zoom-results:hover { background: #33343a !important; }
  .leaflet-container .leaflet-control-attribution { background: rgba(27, 28, 31, .82); color: #c9c6c0; }
  .leaflet-container a, .leaflet-popup-content a { color: #8ab4ff; }
  .leaflet-control-scale-line { background: rgba(27, 28, 31, .7); color: #e6e4e0; border-color: #c9c6c0; }
  .aleppo-legend .lg-note, .aleppo-legend .lg-count, .aleppo-popup .ev-sub, .aleppo-popup .ev-hint,
  .aleppo-popup .ev-meta, .aleppo-popup .ev-label, .aleppo-popup .ev-mix, .aleppo-popup .ev-notes,
  .aleppo-caption .cap-attr, .aleppo-caption .cap-made, .aleppo-caption .cap-note { color: #b9b6b0 !important; }
  .aleppo-popup .ev-item { border-top-color: #44454b; }
  .aleppo-popup .ev-btn { background: #2d2e33; color: #e6e4e0; border-color: #6a6b70; }
  .aleppo-popup .ev-note { color: #f0b46a; }
  .aleppo-label { color: #eeece8; text-shadow: 0 0 2px #000, 0 0 3px #000, 0 0 4px #000; }
  body, .aleppo-caption { background: #1b1c1f !important; color: #e6e4e0 !important; border-color: #44454b !important; }
  .aleppo-caption .cap-sub, .aleppo-caption .cap-damage, .aleppo-caption.cap-foot { color: #c9c6c0 !important; }
}
</style>
"""


class MapTheme(VerbatimMacroElement):
    """Dark mode, narrow screens and keyboard use for the whole map (see the module docstring)."""

    _template = Template("""
        {% macro header(this, kwargs) %}""" + THEME_CSS + """
            <style>
            .folium-map:empty { display: flex; align-items: center; justify-content: center; background: #f2f0eb; }
            .folium-map:empty::after { content: {{ this.wait }}; font: 15px/1.4 system-ui, sans-serif; color: #55534f; }
            @media (prefers-color-scheme: dark) {
              .folium-map:empty { background: #1b1c1f; }
              .folium-map:empty::after { color: #c9c6c0; }
            }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var box = map.getContainer();
                box.setAttribute("role", "application");
                box.setAttribute("aria-label", {{ this.label }});
                // One tab stop: everything inside the map leaves the tab order (mouse and touch
                // still reach it; the keyboard has the keys below and the sidebar's controls).
                var skip = "a[href], button, input, select, summary, path.leaflet-interactive, .leaflet-marker-icon";
                function untab() {
                    box.querySelectorAll(skip).forEach(function (e) {
                        if (!e.closest(".leaflet-popup")) e.setAttribute("tabindex", "-1");
                    });
                }
                untab();
                map.on("layeradd", untab);
                var hint = L.DomUtil.create("div", "aleppo-keys", box);
                hint.textContent = {{ this.keys }};
                function legends() { return box.querySelectorAll("details.aleppo-legend"); }
                if (box.clientWidth && box.clientWidth < 600) legends().forEach(function (d) { d.open = false; });
                L.DomEvent.on(box, "keydown", function (ev) {
                    if (ev.target !== box || ev.ctrlKey || ev.metaKey || ev.altKey) return;
                    var k = (ev.key || "").toLowerCase();
                    if (k === "r" && map.aleppoFrame) { map.aleppoFrame(true); L.DomEvent.preventDefault(ev); }
                    else if (k === "l") {
                        var all = legends(), open = [].some.call(all, function (d) { return d.open; });
                        all.forEach(function (d) { d.open = !open; });
                        L.DomEvent.preventDefault(ev);
                    }
                });
            })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, *, label: str, keys: str, wait: str = "Drawing the map…"):
        super().__init__()
        self._name = "MapTheme"
        self.label = js_json(label)
        self.keys = js_json(keys)
        self.wait = css_string(wait)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string, the rule or the style element."""
    out = []
    for ch in text:
        out.append(f"\\{ord(ch):x} " if ch in '"\\<>\n\r' or ord(ch) < 32 else ch)
    return '"' + "".join(out) + '"'
