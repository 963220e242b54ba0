"""The caption of a shared map, laid out as a figure a newspaper could print.

Above the map: the title (the user's) and a subtitle with the counts and the filters.
Below it: the event sources, the attribution and when the figure was made. The legend and
the scale bar are the map's own controls. Every piece of text is escaped here: filter
values, titles and source names come from users and reports and are untrusted.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Sequence

from jinja2 import Template

from ..i18n import N_, comma, is_rtl, semicolon, t
from ..map.layers import ATTRIBUTION, VerbatimMacroElement

__all__ = ["CaptionInfo", "Caption", "caption_html", "caption_parts", "BOUNDARY_ATTRIBUTION", "DEFAULT_TITLE"]

BOUNDARY_ATTRIBUTION = ATTRIBUTION + " · Map drawn with Leaflet"
DEFAULT_TITLE = N_("Reported conflict events in Aleppo")
MAX_SOURCES = 6
MAX_FILTERS = 600  # characters of the filter description shown (hundreds of actors would hide the map)


@dataclass(frozen=True)
class CaptionInfo:
    """The facts a caption states (plain text; escaped when rendered)."""

    filters: str  # ViewState.describe()
    events: int
    fatalities: int
    not_drawn: int = 0  # events counted but not drawn as marks
    halos: int = 0  # of those, drawn as area halos (area-level or coarsened)
    sources: Sequence[tuple[str, int]] = ()  # (event source, events), most first
    made_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    title: str = DEFAULT_TITLE
    coarsened: bool = False
    tiles_omitted: bool = False
    attribution: str = BOUNDARY_ATTRIBUTION
    damage_sites: int = 0  # evidence drawn apart from the events (satellite damage sites)
    damage_sources: Sequence[str] = ()
    lang: str = "en"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _n(n: int) -> str:
    return f"{n:,}"


def _counts(info: CaptionInfo) -> str:
    lang = info.lang
    counts = (t("1 event", lang) if info.events == 1 else t("{n} events", lang, n=_n(info.events))) + comma(lang) + (
        t("1 reported fatality", lang) if info.fatalities == 1
        else t("{n} reported fatalities", lang, n=_n(info.fatalities)))
    if info.not_drawn:
        counts += semicolon(lang) + t("{n} not drawn as marks", lang, n=_n(info.not_drawn))
        nowhere = max(0, info.not_drawn - info.halos)
        why = [t("{n} shown as area halos", lang, n=_n(info.halos))] if info.halos else []
        why += [t("{n} not on the map (place unknown or city-level)", lang, n=_n(nowhere))] if nowhere else []
        counts += f" ({comma(lang).join(why)})" if why else ""
    return counts


def caption_parts(info: CaptionInfo) -> tuple[str, str]:
    """(the figure's head: title and subtitle; its foot: sources, credits, date), as escaped HTML."""
    lang = info.lang
    made = info.made_at if info.made_at.tzinfo else info.made_at.replace(tzinfo=timezone.utc)
    made = made.astimezone(timezone.utc)
    head = [
        f'<h1 class="cap-title">{_e(info.title)}</h1>',
        f'<p class="cap-sub"><span class="cap-counts">{_e(_counts(info))}.</span> '
        f'<span class="cap-filters"><b>{_e(t("Filters:", lang))}</b> {_e(_cut(info.filters, MAX_FILTERS))}</span></p>',
    ]
    if info.coarsened:
        head.append(f'<p class="cap-coarse"><b>{_e(t("Coarsened locations:", lang))}</b> '
                    + _e(t("every event is drawn at the representative point of its district (outside every "
                           "district: rounded to about 1 km), not where it happened.", lang)) + "</p>")
    foot = []
    if info.damage_sites:
        what = t("{n} damage sites seen on satellite imagery (evidence, not events; not in the counts above)",
                 lang, n=_n(info.damage_sites))
        src = semicolon(lang).join(_e(s) for s in info.damage_sources[:MAX_SOURCES])
        head.append(f'<p class="cap-damage">{_e(what)}{": " + src if src else ""}</p>')
    if info.sources:
        shown = [f"{_e(name or t('unknown source', lang))} ({_n(n)})" for name, n in info.sources[:MAX_SOURCES]]
        more = len(info.sources) - MAX_SOURCES
        if more > 0:
            shown.append(_e(t("and {n} more", lang, n=_n(more))))
        foot.append(f'<span class="cap-sources"><b>{_e(t("Event sources:", lang))}</b> {semicolon(lang).join(shown)}</span>')
    attribution = info.attribution
    if attribution == BOUNDARY_ATTRIBUTION:  # ours: in the caption's language
        attribution = t(ATTRIBUTION, lang) + " · " + t("Map drawn with Leaflet", lang)
    foot.append(f'<span class="cap-attr">{_e(attribution)}</span>')
    if info.tiles_omitted:
        foot.append(f'<span class="cap-note">{_e(t("Base map tiles omitted: this file works offline.", lang))}</span>')
    foot.append(f'<span class="cap-made">{_e(t("Made {when} UTC", lang, when=made.strftime("%Y-%m-%d %H:%M")))}</span>')
    return "\n".join(head), " <span class=\"cap-dot\">·</span> ".join(foot)


def caption_html(info: CaptionInfo) -> str:
    """The caption's whole text as escaped HTML (head, then foot)."""
    head, foot = caption_parts(info)
    return head + "\n" + foot


class Caption(VerbatimMacroElement):
    """The figure around a folium map: a head above it and a foot below it (the map keeps
    the rest of the page; Leaflet's own attribution line gives way to the foot's).

    Verbatim: branca would otherwise re-parse the rendered caption as a Jinja template,
    evaluating ``{{ ... }}`` from a filter text or source name (template injection).
    """

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
  html, body { height: 100%; }
  body { display: flex; flex-direction: column; background: #fff; }
  body > .folium-map { flex: 1 1 auto; height: auto !important; min-height: 0; }
  .leaflet-control-attribution { display: none; }
  .aleppo-caption { flex: none; color: #111; font: 13px/1.4 system-ui, "DejaVu Sans", Arial, sans-serif;
    overflow-wrap: anywhere; padding: 0 18px; }
  .aleppo-caption.cap-head { order: -1; padding-top: 12px; padding-bottom: 8px; border-bottom: 1px solid #d9d6cf; }
  .aleppo-caption.cap-foot { order: 1; padding-top: 6px; padding-bottom: 7px; border-top: 1px solid #d9d6cf;
    color: #444; font-size: 11.5px; }
  .aleppo-caption .cap-title { font-size: 23px; line-height: 1.2; margin: 0 0 3px; font-weight: 700; }
  .aleppo-caption .cap-sub, .aleppo-caption .cap-coarse { margin: 0; color: #333; }
  .aleppo-caption .cap-coarse { color: #8a3b00; margin-top: 2px; }
  .aleppo-caption .cap-damage { margin: 2px 0 0; color: #333; }
  .aleppo-caption .cap-dot { color: #999; }
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<header id="{{ this.get_name() }}" class="aleppo-caption cap-head" role="note"{{ this.dir }}>{{ this.head }}</header>
<footer class="aleppo-caption cap-foot"{{ this.dir }}>{{ this.foot }}</footer>
{% endmacro %}
""")

    def __init__(self, info: CaptionInfo):
        super().__init__()
        self._name = "Caption"
        self.info = info
        self.head, self.foot = caption_parts(info)
        # Arabic: the figure's text right to left (a constant attribute, no data in it)
        self.dir = f' dir="rtl" lang="{info.lang}"' if is_rtl(info.lang) else ""
        self.body = self.head + "\n" + self.foot
