"""The caption of a shared map: what is shown, how many, from where, when.

A small folium element, always visible (fixed, not collapsible), placed at the
bottom left of the map. Every piece of text in it is escaped here: filter
values and source names come from users and reports and are untrusted.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Sequence

from jinja2 import Template

from ..map.layers import VerbatimMacroElement

__all__ = ["CaptionInfo", "Caption", "caption_html", "BOUNDARY_ATTRIBUTION"]

BOUNDARY_ATTRIBUTION = ("Neighbourhood boundaries and landmarks: Columbia University Center for "
                        "Spatial Research, “Conflict Urbanism: Aleppo” (MIT licence)")
DEFAULT_TITLE = "Reported conflict events in Aleppo"
MAX_SOURCES = 6
MAX_FILTERS = 600  # characters of the filter description shown (hundreds of actors would hide the map)


@dataclass(frozen=True)
class CaptionInfo:
    """The facts a caption states (plain text; escaped when rendered)."""

    filters: str  # ViewState.describe()
    events: int
    fatalities: int
    not_drawn: int = 0  # events counted but not drawn as points
    halos: int = 0  # of those, drawn as area halos (area-level or coarsened)
    sources: Sequence[tuple[str, int]] = ()  # (event source, events), most first
    made_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    title: str = DEFAULT_TITLE
    coarsened: bool = False
    tiles_omitted: bool = False
    attribution: str = BOUNDARY_ATTRIBUTION


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _n(n: int) -> str:
    return f"{n:,}"


def caption_html(info: CaptionInfo) -> str:
    """The caption's inner HTML; all text escaped."""
    made = info.made_at if info.made_at.tzinfo else info.made_at.replace(tzinfo=timezone.utc)
    made = made.astimezone(timezone.utc)
    counts = (f"{_n(info.events)} event{'s' if info.events != 1 else ''}, "
              f"{_n(info.fatalities)} reported fatalit{'ies' if info.fatalities != 1 else 'y'}")
    if info.not_drawn:
        counts += f"; {_n(info.not_drawn)} not drawn as points"
        nowhere = max(0, info.not_drawn - info.halos)
        why = [f"{_n(info.halos)} shown as area halos"] if info.halos else []
        why += [f"{_n(nowhere)} not on the map (place unknown or city-level)"] if nowhere else []
        counts += f" ({', '.join(why)})" if why else ""
    lines = [
        f'<div class="cap-title">{_e(info.title)}</div>',
        f'<div class="cap-filters"><b>Filters:</b> {_e(_cut(info.filters, MAX_FILTERS))}</div>',
        f'<div class="cap-counts">{_e(counts)}</div>',
    ]
    if info.coarsened:
        lines.append('<div class="cap-coarse"><b>Coarsened locations:</b> every event is drawn at '
                     "the representative point of its district (outside every district: rounded to "
                     "about 1 km), not where it happened.</div>")
    if info.sources:
        shown = [f"{_e(name or 'unknown source')} ({_n(n)})" for name, n in info.sources[:MAX_SOURCES]]
        more = len(info.sources) - MAX_SOURCES
        if more > 0:
            shown.append(f"and {_n(more)} more")
        lines.append(f'<div class="cap-sources"><b>Event sources:</b> {"; ".join(shown)}</div>')
    lines.append(f'<div class="cap-attr">{_e(info.attribution)}</div>')
    if info.tiles_omitted:
        lines.append('<div class="cap-note">Base map tiles omitted: this file works offline.</div>')
    lines.append(f'<div class="cap-made">Made {_e(made.strftime("%Y-%m-%d %H:%M"))} UTC</div>')
    return "\n".join(lines)


class Caption(VerbatimMacroElement):
    """A fixed caption box on a folium map (bottom left, above Leaflet's controls).

    Verbatim: branca would otherwise re-parse the rendered caption as a Jinja template,
    evaluating ``{{ ... }}`` from a filter text or source name (template injection).
    """

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
  #{{ this.get_name() }} {
    position: fixed; left: 10px; bottom: 54px; z-index: 1100; max-width: min(46%, 560px);
    background: rgba(255, 255, 255, 0.94); color: #111; padding: 8px 11px; border-radius: 5px;
    box-shadow: 0 1px 5px rgba(0, 0, 0, 0.35); font: 12px/1.35 system-ui, "DejaVu Sans", Arial, sans-serif;
    overflow-wrap: anywhere; pointer-events: auto;
  }
  #{{ this.get_name() }} .cap-title { font-weight: 700; font-size: 14px; margin-bottom: 3px; }
  #{{ this.get_name() }} .cap-attr, #{{ this.get_name() }} .cap-made,
  #{{ this.get_name() }} .cap-note { color: #444; font-size: 11px; }
  #{{ this.get_name() }} .cap-coarse { color: #8a3b00; }
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<div id="{{ this.get_name() }}" class="aleppo-caption" role="note">{{ this.body }}</div>
{% endmacro %}
""")

    def __init__(self, info: CaptionInfo):
        super().__init__()
        self._name = "Caption"
        self.info = info
        self.body = caption_html(info)
