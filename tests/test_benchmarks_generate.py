"""The benchmark data generator: deterministic, ACLED-shaped, realistic enough to mean something."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from benchmarks import generate, queries
from dashboard.schema import EVENT_TYPES, EXPORT_COLUMNS

ACLED_31 = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
    "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
    "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
    "tags timestamp"
).split()
ARABIC = re.compile("[\u0600-\u06ff]")


def _csv(n: int, seed: int) -> str:
    buf = io.StringIO()
    generate.write_acled_csv(buf, n, seed)
    return buf.getvalue()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_csv(3000, 7))))


def test_same_seed_same_bytes_other_seed_other_bytes():
    assert _csv(500, 3) == _csv(500, 3)
    assert _csv(500, 3) != _csv(500, 4)


def test_header_is_acleds_31_columns(rows):
    assert generate.ACLED_COLUMNS == tuple(ACLED_31)
    assert list(rows[0]) == ACLED_31
    assert len(rows) == 3000


def test_types_dates_and_points_are_valid(rows):
    for r in rows:
        assert r["sub_event_type"] in EVENT_TYPES[r["event_type"]]
        assert "2012-07-19" <= r["event_date"] <= "2016-12-31" and r["year"] == r["event_date"][:4]
        assert 36.0 < float(r["latitude"]) < 36.4 and 36.9 < float(r["longitude"]) < 37.4
        assert r["geo_precision"] in {"1", "2", "3"}
        assert int(r["fatalities"]) >= 0
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_mix_is_realistic(rows):
    types = Counter(r["event_type"] for r in rows)
    assert types.most_common(1)[0][0] == "Explosions/Remote violence"
    assert len(types) == len(EVENT_TYPES)
    precision = Counter(r["geo_precision"] for r in rows)
    assert precision["1"] > 0.8 * len(rows) and precision["2"] > 0 and precision["3"] > 0
    assert sum(bool(ARABIC.search(r["location"])) for r in rows) > 0.05 * len(rows)
    assert len({r["location"] for r in rows}) > 500  # many spellings, not one per place
    actors = {r["actor1"] for r in rows} | {r["actor2"] for r in rows if r["actor2"]}
    assert 100 < len(actors) <= 200


def test_sheikh_saeed_is_spelled_many_ways():
    p = next(p for p in generate.places(1) if p.key == "sheikh-saeed")
    every = {s for v in p.spellings.values() for s in v}
    assert {"Sheikh Saeed", "Sheikh Said", "Cheikh Saïd", "شيخ سعيد"} <= every
    assert any(s.startswith("حي ") for s in every)


def test_unresolvable_share_is_about_two_percent():
    truth = [p for _, p in generate.events(20_000, 1)]
    share = sum(p.kind == "unresolvable" for p in truth) / len(truth)
    assert 0.01 < share < 0.03


def test_frames_have_the_store_shapes():
    df = generate.events_frame(400, 2)
    assert tuple(df.columns) == EXPORT_COLUMNS and len(df) == 400
    pts = generate.map_points_frame(400, 2)
    assert tuple(pts.columns) == generate.MAP_COLUMNS
    assert pts["latitude"].notna().all() and len(pts) < 400
    stats = generate.district_stats_frame(pts)
    assert list(stats.columns) == ["district", "events", "fatalities"]
    assert stats["events"].sum() == pts["district"].notna().sum()


@pytest.mark.parametrize("kind,n,low,high", [
    ("realistic", 20_000, 1000, 2000),
    ("exact", 5_000, 50, 800),
    ("fuzzy", 2_000, 500, 2000),
])
def test_query_mixes(kind, n, low, high):
    qs = queries.query_mix(kind, n, 1)
    assert len(qs) == n and qs == queries.query_mix(kind, n, 1)
    assert low <= len(set(qs)) <= high


def test_query_spellings_are_distinct_with_non_places():
    triples = queries.query_spellings(2000, 1)
    assert len({q for q, _, _ in triples}) == 2000
    bad = [q for q, p, fam in triples if p is None]
    assert 20 <= len(bad) <= 60
    assert all(fam == "non-place" for _, p, fam in triples if p is None)
    assert {fam for _, _, fam in triples} == {"canonical", "latin", "arabic", "typo", "non-place"}
    counts = Counter(queries.query_mix("realistic", 100_000, 1))
    top = counts.most_common(1)[0][1]
    assert top > 20 * (100_000 / 2000)  # Zipf-like: the head repeats far above the mean


def test_cli_writes_a_csv(tmp_path):
    out = tmp_path / "x.csv"
    assert generate.main(["--n", "25", "--format", "acled", "--out", str(out), "--seed", "5"]) == 0
    assert out.read_text(encoding="utf-8") == _csv(25, 5)
    qout = tmp_path / "q.txt"
    assert generate.main(["--n", "30", "--format", "queries", "--out", str(qout)]) == 0
    assert len(qout.read_text(encoding="utf-8").splitlines()) == 30
