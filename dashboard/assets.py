"""Offline Leaflet, jQuery, MarkerCluster and heat assets: served by Streamlit or inlined.

Nothing here points at a CDN. The files come from the PyPI packages XStatic-Leaflet,
XStatic-jQuery and XStatic-Leaflet-MarkerCluster, plus ``dashboard/static_assets/``
(Leaflet.heat, Leaflet.draw from the npm package leaflet-draw 1.0.4, and the licence texts). :func:`fill_static` copies them into the
project's ``static/vendor/`` (committed), which Streamlit serves at ``/app/static/``
(``server.enableStaticServing = true``). Run ``python -m dashboard.assets`` to refresh.
"""
from __future__ import annotations

import base64
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.jquery as _xs_jquery
import xstatic.pkg.leaflet as _xs_leaflet
import xstatic.pkg.leaflet_markercluster as _xs_cluster

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
VENDOR = "vendor"
SERVED_PREFIX = "/app/static/"
HERE_ASSETS = Path(__file__).resolve().parent / "static_assets"
MODES = ("served", "inline")

_LEAFLET = Path(_xs_leaflet.BASE_DIR)
_JQUERY = Path(_xs_jquery.BASE_DIR)
_CLUSTER = Path(_xs_cluster.BASE_DIR)


@dataclass(frozen=True)
class Asset:
    """One JS or CSS file: its folium resource name, kind and place under ``static/``."""

    name: str  # the key folium uses in default_js / default_css
    kind: str  # "js" or "css"
    relpath: str  # under static/, e.g. "vendor/leaflet/leaflet.js"
    source: Path  # where it is copied from

    @property
    def url(self) -> str:
        """The URL Streamlit serves it at."""
        return SERVED_PREFIX + self.relpath


def _a(name: str, kind: str, sub: str, source: Path) -> Asset:
    return Asset(name, kind, f"{VENDOR}/{sub}/{source.name}", source)


# Bundles, in load order. The names match folium's so nothing is loaded twice.
BUNDLES: dict[str, tuple[Asset, ...]] = {
    "leaflet": (
        _a("leaflet", "js", "leaflet", _LEAFLET / "leaflet.js"),
        _a("leaflet_css", "css", "leaflet", _LEAFLET / "leaflet.css"),
    ),
    # folium's Popup calls $(...): kept so that any folium element works offline.
    "jquery": (_a("jquery", "js", "jquery", _JQUERY / "jquery.min.js"),),
    "markercluster": (
        _a("markerclusterjs", "js", "leaflet.markercluster", _CLUSTER / "leaflet.markercluster.js"),
        _a("markerclustercss", "css", "leaflet.markercluster", _CLUSTER / "MarkerCluster.css"),
        _a("markerclusterdefaultcss", "css", "leaflet.markercluster", _CLUSTER / "MarkerCluster.Default.css"),
    ),
    "heat": (_a("leaflet-heat.js", "js", "leaflet-heat", HERE_ASSETS / "leaflet-heat" / "leaflet-heat.js"),),
    # Leaflet.draw (npm package leaflet-draw 1.0.4): pins and areas the user draws (ui/places_panel.py).
    "draw": (
        _a("leaflet_draw_js", "js", "leaflet-draw", HERE_ASSETS / "leaflet-draw" / "leaflet.draw.js"),
        _a("leaflet_draw_css", "css", "leaflet-draw", HERE_ASSETS / "leaflet-draw" / "leaflet.draw.css"),
    ),
}
# Extra files copied into static/ (not loaded as <script>/<link>): images and licences.
_EXTRA: tuple[tuple[Path, str], ...] = (
    *((p, f"{VENDOR}/leaflet/images/{p.name}") for p in sorted((_LEAFLET / "images").glob("*.png"))),
    *((p, f"{VENDOR}/leaflet-draw/images/{p.name}") for p in sorted((HERE_ASSETS / "leaflet-draw" / "images").glob("*"))),
    *((p, f"{VENDOR}/licenses/{p.name}") for p in sorted((HERE_ASSETS / "licenses").glob("*.txt"))),
)
LEAFLET_IMAGES = SERVED_PREFIX + f"{VENDOR}/leaflet/images/"


def check_mode(mode: str) -> str:
    """Validate an ``assets=`` argument."""
    if mode not in MODES:
        raise ValueError(f"assets must be one of {MODES}, not {mode!r}")
    return mode


def links(bundle: str, kind: str, mode: str = "served") -> list[tuple[str, str]]:
    """``(name, url)`` pairs for a folium instance's ``default_js``/``default_css``.

    Inline mode returns nothing: the code is put into the page by :func:`inline_tags`.
    """
    if check_mode(mode) == "inline":
        return []
    return [(a.name, a.url) for a in BUNDLES[bundle] if a.kind == kind]


def _png_data_uri(path: Path) -> str:
    mime = "image/svg+xml" if path.suffix == ".svg" else "image/png"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@lru_cache(maxsize=None)
def inline_code(bundle: str) -> tuple[tuple[str, str, str], ...]:
    """``(name, kind, code)`` for every file of a bundle, ready to inline.

    CSS image references are replaced by ``data:`` URIs so that nothing is fetched.
    """
    out = []
    for a in BUNDLES[bundle]:
        code = a.source.read_text(encoding="utf-8")
        if a.kind == "css":
            images = a.source.parent / "images"
            code = re.sub(
                r"url\((['\"]?)images/([\w.-]+\.(?:png|svg))\1\)",
                lambda m: f"url({_png_data_uri(images / m.group(2))})",
                code,
            )
        # A literal end tag would close the inline <script>/<style> early.
        low = code.lower()
        if "</script" in low or "</style" in low or "<!--" in low:
            raise ValueError(f"{a.source} cannot be inlined safely")
        out.append((a.name, a.kind, code))
    return tuple(out)


def inline_tags(bundle: str) -> list[tuple[str, str]]:
    """``(name, html)``: ``<script>``/``<style>`` elements carrying a bundle's code."""
    return [(name, f"<script>{code}</script>" if kind == "js" else f"<style>{code}</style>")
            for name, kind, code in inline_code(bundle)]


@lru_cache(maxsize=None)
def icon_data_uris() -> dict[str, str]:
    """Leaflet's default marker images as ``data:`` URIs (for inline pages)."""
    return {key: _png_data_uri(_LEAFLET / "images" / name) for key, name in (
        ("iconUrl", "marker-icon.png"), ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"))}


def _files() -> list[tuple[Path, str]]:
    return [(a.source, a.relpath) for b in BUNDLES.values() for a in b] + list(_EXTRA)


def fill_static(dest: Path | None = None) -> list[Path]:
    """Copy every asset (and its licence) into ``dest/vendor`` (default: ``static/``)."""
    dest = Path(dest or STATIC_DIR)
    written = []
    for src, rel in _files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        written.append(target)
    return written


def stale_static(dest: Path | None = None) -> list[str]:
    """Paths under ``dest`` that are missing or differ from their source (empty: all good)."""
    dest = Path(dest or STATIC_DIR)
    return [rel for src, rel in _files()
            if not (dest / rel).is_file() or (dest / rel).read_bytes() != src.read_bytes()]


if __name__ == "__main__":  # python -m dashboard.assets
    for path in fill_static():
        print(path.relative_to(ROOT))
