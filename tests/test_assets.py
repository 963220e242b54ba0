"""The vendored assets: present, identical to their packages, licensed, inlinable."""
from __future__ import annotations

import re

import pytest

from dashboard import assets


def test_committed_static_copies_match_their_sources():
    assert assets.stale_static() == []


def test_fill_static_writes_every_file(tmp_path):
    written = assets.fill_static(tmp_path)
    assert assets.stale_static(tmp_path) == []
    assert {p.name for p in written} >= {"leaflet.js", "leaflet.css", "jquery.min.js", "leaflet-heat.js",
                                         "leaflet.markercluster.js", "layers.png", "marker-icon.png"}


@pytest.mark.parametrize("vendor_dir, licence", [
    ("leaflet", "LICENSE-leaflet.txt"),
    ("jquery", "LICENSE-jquery.txt"),
    ("leaflet.markercluster", "LICENSE-markercluster.txt"),
    ("leaflet-heat", "LICENSE-leaflet-heat.txt"),
    ("leaflet-draw", "LICENSE-leaflet-draw.txt"),
])
def test_every_vendored_library_has_its_licence(vendor_dir, licence):
    assert (assets.STATIC_DIR / "vendor" / vendor_dir).is_dir()
    text = (assets.STATIC_DIR / "vendor" / "licenses" / licence).read_text(encoding="utf-8")
    assert "Permission" in text or "Redistribution" in text
    assert f"vendor/{vendor_dir}/" in text


@pytest.mark.parametrize("bundle, kind, names", [
    ("leaflet", "js", ["leaflet"]),
    ("leaflet", "css", ["leaflet_css"]),
    ("jquery", "js", ["jquery"]),
    ("markercluster", "css", ["markerclustercss", "markerclusterdefaultcss"]),
    ("heat", "js", ["leaflet-heat.js"]),
    ("draw", "js", ["leaflet_draw_js"]),  # folium.plugins.Draw's names: its CDN links are replaced
    ("draw", "css", ["leaflet_draw_css"]),
])
def test_served_links_use_folium_names_and_local_urls(bundle, kind, names):
    got = assets.links(bundle, kind, "served")
    assert [n for n, _ in got] == names
    assert all(u.startswith("/app/static/vendor/") for _, u in got)
    assert assets.links(bundle, kind, "inline") == []


@pytest.mark.parametrize("bundle", list(assets.BUNDLES))
def test_inline_code_is_self_contained(bundle):
    for name, kind, code in assets.inline_code(bundle):
        assert not re.search(r"url\((?!['\"]?(data:|#))", code), name  # images became data: URIs
        assert "</script" not in code.lower() and "</style" not in code.lower()
        assert "{{" not in code and "{%" not in code


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError):
        assets.links("leaflet", "js", "cdn")
