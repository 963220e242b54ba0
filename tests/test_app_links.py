"""AppTest runs of app.py opened from a link: a link restores the view, and no value in a link
(hostile, out of range, unknown) raises; each bad value is a notice."""
from __future__ import annotations

import re

import pytest

from tests.app_server import district_of
from tests.test_app import app_env, counts, map_script, new_app, qp, run  # noqa: F401 (app_env: a fixture)


def test_link_restores_the_view(app_env):
    at = run(new_app())
    salihin = district_of("as-Salheen")
    at.multiselect(key="f_districts").set_value([salihin])
    at.number_input(key="f_minfat").set_value(1)
    at.radio(key="m_shade").set_value("fatalities")
    at.checkbox(key="m_layer_heat").check()
    run(at)
    params = qp(at)
    assert counts(at) == (1, 1)

    again = run(new_app(params))
    assert counts(again) == (1, 1)
    assert again.multiselect(key="f_districts").value == [salihin]
    assert again.radio(key="m_shade").value == "fatalities"
    assert again.checkbox(key="m_layer_heat").value is True
    assert qp(again) == params
    assert not again.warning


def test_link_with_dates_map_view_and_year(app_env):
    at = run(new_app({"from": "2016-01-01", "to": "2016-12-31", "lat": "36.21", "lon": "37.12", "zoom": "15"}))
    assert counts(at) == (3, 6)
    assert at.selectbox(key="f_range").value == "A calendar year"
    assert '"zoom": 15' in map_script(at) or "15" in map_script(at)
    assert qp(at)["zoom"] == ["15"] and qp(at)["lat"] == ["36.21"]


HOSTILE = {
    "type": ["<script>window.__xss=1</script>", "Battles"],
    "zoom": "999",
    "from": "not-a-date",
    "precision": "7",
    "evil": '<img src=x onerror="alert(1)">',
    "lat": "1e999",
    "minfat": "-5",
    "layers": "tiles,<b>bold</b>",
}


def test_hostile_link_warns_and_never_crashes(app_env):
    at = run(new_app(HOSTILE))
    texts = [w.value for w in at.warning]
    assert len(texts) >= 6
    joined = "\n".join(texts)
    assert not re.search(r"(?<!\\)[<>]", joined)  # every angle bracket escaped for markdown
    assert "\\<img" in joined
    assert counts(at) == (2, 7)  # the one good value (type Battles) is kept
    assert "evil" not in qp(at) and qp(at)["type"] == ["Battles"]


@pytest.mark.parametrize("params", [{"from": "Infinity", "to": "9999-12-31"}, {"from": "9999-12-31", "to": "1900-01-01"}])
def test_link_dates_beyond_the_pickers_are_a_notice_not_an_exception(app_env, params):
    # Found by the attack run: the custom-range picker raised StreamlitValueAboveMaxError.
    at = run(new_app(params))
    assert not at.exception
    assert any("outside the dates" in w.value for w in at.warning)
    assert counts(at)[0] > 0


def test_unknown_district_and_online_tiles_in_a_link_are_announced_and_dismissable(app_env):
    at = run(new_app({"district": ["Nowhere Town"], "layers": ["points,tiles"]}))
    joined = "\n".join(w.value for w in at.warning).replace("\\", "")  # markdown escapes off
    assert "not a district" in joined and "tile.openstreetmap.org" in joined
    assert "district" not in qp(at)  # ignored, not silently matching nothing
    at.button(key="dismiss_notices").click().run()
    assert not at.warning
