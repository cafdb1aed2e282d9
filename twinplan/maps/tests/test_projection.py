"""The Natural Earth projection and great circles."""

from __future__ import annotations

import math

import pytest

from twinplan.maps.projection import great_circle, natural_earth, split_at_antimeridian


def test_natural_earth_matches_the_published_extent():
    # d3-geo-projection's naturalEarth1Raw: x = π·0.8707 at the equator's end, y(90°) = 1.4224.
    assert natural_earth(180, 0) == pytest.approx((2.7354, 0.0), abs=1e-4)
    assert natural_earth(0, 90) == pytest.approx((0.0, 1.4224), abs=1e-4)
    assert natural_earth(0, 0) == (0.0, 0.0)


def test_natural_earth_is_symmetric_and_monotonic():
    x, y = natural_earth(30, 45)
    assert natural_earth(-30, -45) == pytest.approx((-x, -y))
    ys = [natural_earth(0, lat)[1] for lat in range(-90, 91, 10)]
    assert ys == sorted(ys)
    # Meridians bend inwards towards the poles, as in the projection's drawings.
    assert natural_earth(180, 60)[0] < natural_earth(180, 0)[0]


def test_a_great_circle_runs_from_one_town_to_the_other():
    wernigerode, hoi_an = (10.78216, 51.83652), (108.335, 15.87944)
    points = great_circle(wernigerode, hoi_an, steps=32)
    assert len(points) == 33
    assert points[0] == wernigerode
    assert points[-1] == hoi_an
    # It bows north of the straight line on the map (the shorter way over Central Asia).
    _middle_lon, middle_lat = points[16]
    assert middle_lat > (51.83652 + 15.87944) / 2
    # The middle point halves the distance on the sphere (haversine).
    def km(a, b):
        lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
        h = (math.sin((lat2 - lat1) / 2) ** 2
             + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
        return 2 * 6371.0 * math.asin(math.sqrt(h))
    assert km(wernigerode, points[16]) == pytest.approx(km(points[16], hoi_an), rel=1e-6)
    assert km(wernigerode, hoi_an) == pytest.approx(9130, rel=0.01)


def test_a_great_circle_along_the_equator_stays_on_it():
    points = great_circle((0, 0), (90, 0), steps=4)
    assert [round(lon, 6) for lon, _ in points] == [0, 22.5, 45, 67.5, 90]
    assert all(math.isclose(lat, 0, abs_tol=1e-9) for _, lat in points)


def test_the_same_point_gives_a_point_and_antipodes_are_refused():
    assert great_circle((5, 5), (5, 5)) == [(5, 5), (5, 5)]
    with pytest.raises(ValueError, match="Antipodal"):
        great_circle((0, 0), (180, 0))


def test_a_line_is_cut_where_it_crosses_the_antimeridian():
    parts = split_at_antimeridian([(170, 0), (179, 1), (-179, 2), (-170, 3)])
    assert parts == [[(170, 0), (179, 1)], [(-179, 2), (-170, 3)]]
    assert split_at_antimeridian([(0, 0), (10, 0)]) == [[(0, 0), (10, 0)]]
