"""The small map for a new place (dashboard.map.placing): offline assets, the draw toolbar, and
what a streamlit-folium report means (a pin, an area, or nothing)."""
from __future__ import annotations

import re

import pytest

import gazetteer
from dashboard.map.placing import drawn_shape, placing_map

SQUARE = {"type": "Polygon", "coordinates": [[[37.13, 36.24], [37.15, 36.24], [37.15, 36.25], [37.13, 36.24]]]}


def test_the_map_is_offline_with_a_draw_toolbar():
    html = placing_map(gazetteer.load()).get_root().render()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/app/static/vendor/") for u in urls), urls
    assert "/app/static/vendor/leaflet-draw/leaflet.draw.js" in urls
    assert "L.Control.Draw" in html and '"showArea": false' in html
    assert '"polyline": false' in html and '"circle": false' in html


def test_a_new_generation_is_a_different_page_and_the_same_one_is_not():
    g = gazetteer.load()

    def script(gen):
        from streamlit_folium import _get_map_string  # what the component is keyed by
        return _get_map_string(placing_map(g, generation=gen))

    assert script(0) == script(0) and script(0) != script(1)


@pytest.mark.parametrize("report,pin,area", [
    (None, None, None),
    ({"last_active_drawing": None}, None, None),
    ({"last_active_drawing": {"type": "Feature", "properties": {},
                              "geometry": {"type": "Point", "coordinates": [37.1234567, 36.2345678]}}},
     (36.234568, 37.123457), None),
    ({"last_active_drawing": {"type": "Feature", "properties": {}, "geometry": SQUARE}}, None, SQUARE),
    # a bundled feature clicked (it has an id): not a drawing
    ({"last_active_drawing": {"type": "Feature", "properties": {"id": "hanano"}, "geometry": SQUARE}}, None, None),
    ({"last_active_drawing": {"type": "Feature", "properties": {},
                              "geometry": {"type": "LineString", "coordinates": [[37.1, 36.2], [37.2, 36.2]]}}},
     None, None),
    ({"last_active_drawing": {"type": "Feature", "properties": {},
                              "geometry": {"type": "Point", "coordinates": ["x", None]}}}, None, None),
])
def test_drawn_shape(report, pin, area):
    assert drawn_shape(report) == (pin, area)


@pytest.mark.parametrize("lang,title", [("en", "Drop a pin"), ("ar", "ضع دبوساً")])
def test_the_draw_toolbar_speaks_the_interface_language(lang, title):
    html = placing_map(gazetteer.load(), lang=lang).get_root().render()
    assert f'"draw.toolbar.buttons.marker","{title}"' in html
    assert html.index("L.drawLocal") < html.index("new L.Control.Draw")  # set before the toolbar is built
    from dashboard.i18n import t
    from dashboard.map.layers import ATTRIBUTION

    assert t(ATTRIBUTION, lang)[:12] in html  # the credits too
