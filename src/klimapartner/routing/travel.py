"""Travel times between places, in whole minutes.

By default from coordinates: the great-circle distance times a detour factor,
driven at an average speed, rounded up to the minute:

- `DETOUR = 1.3`: road distance over straight-line distance. Studies of road
  networks put this "circuity factor" at about 1.2 to 1.4 (Ballou, Rahardja and
  Sakai, "Selected country circuity factors for road travel distance
  estimation", Transportation Research Part A 36 (2002) 843-848, give 1.2-1.4
  for European and North American countries); 1.3 is the middle, and the coast
  and the fjord make detours in North Jutland common rather than rare.
- `SPEED_KMH = 50`: a bus may drive 80 km/h on Danish country roads and 50 km/h
  in towns (færdselsloven's general limits, lower for many buses); with towns,
  junctions and village streets between the sites, 50 km/h door to door is an
  assumption, not a measurement. Check it against one real drive and change it.

Any leg can be overridden by hand; a matrix file (`files.read_matrix`) or a
road-routing service (`osrm_table`) can replace them all. Nothing here uses the
network unless `osrm_table` is called.
"""

from __future__ import annotations

import json
import math
import urllib.request
from typing import Iterable, Mapping

DETOUR = 1.3
SPEED_KMH = 50.0
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

Matrix = dict[tuple[str, str], int]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere of the mean Earth radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def drive_minutes(km: float, *, speed_kmh: float = SPEED_KMH, detour: float = DETOUR) -> int:
    """Whole minutes, rounded up: a timetable that is late by a minute is worse than one early."""
    # round first: 0.1 + 0.2 must not turn into a minute more
    return math.ceil(round(km * detour / speed_kmh * 60, 6))


def from_coordinates(places: Iterable, *, speed_kmh: float = SPEED_KMH, detour: float = DETOUR) -> Matrix:
    """Minutes for every ordered pair of places (anything with id, lat, lon)."""
    if speed_kmh <= 0 or detour < 1:
        raise ValueError("speed must be positive and the detour factor at least 1")
    places = list(places)
    out: Matrix = {}
    for a in places:
        for b in places:
            if a.id != b.id:
                km = great_circle_km(a.lat, a.lon, b.lat, b.lon)
                out[a.id, b.id] = drive_minutes(km, speed_kmh=speed_kmh, detour=detour)
    return out


def travel_times(places: Iterable, *, matrix: Mapping[tuple[str, str], int] | None = None,
                 overrides: Mapping[tuple[str, str], int] | None = None,
                 speed_kmh: float = SPEED_KMH, detour: float = DETOUR) -> Matrix:
    """The matrix the planner uses: `matrix` if given (it must cover every pair), else from
    coordinates; then `overrides` (directed legs set by hand) on top."""
    places = list(places)
    if matrix is not None:
        ids = [p.id for p in places]
        missing = [(a, b) for a in ids for b in ids if a != b and (a, b) not in matrix]
        if missing:
            raise KeyError(missing[0])
        out = {(a, b): int(matrix[a, b]) for a in ids for b in ids if a != b}
    else:
        out = from_coordinates(places, speed_kmh=speed_kmh, detour=detour)
    for (a, b), value in (overrides or {}).items():
        if (a, b) not in out:
            raise KeyError((a, b))
        out[a, b] = int(value)
    return out


def osrm_table(base_url: str, places: Iterable, *, profile: str = "driving", timeout: float = 10.0) -> Matrix:
    """Travel times from an OSRM-compatible table service the municipality hosts.

    Calls `{base_url}/table/v1/{profile}/{lon,lat;...}?annotations=duration` once and
    rounds each duration (seconds) up to whole minutes. Raises `ValueError` when the
    service answers with anything but a full matrix.
    """
    places = list(places)
    coords = ";".join(f"{p.lon:.6f},{p.lat:.6f}" for p in places)
    url = f"{base_url.rstrip('/')}/table/v1/{profile}/{coords}?annotations=duration"
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - the municipality's own service
        body = json.load(response)
    durations = body.get("durations")
    if body.get("code") != "Ok" or not isinstance(durations, list) or len(durations) != len(places):
        raise ValueError(f"routing service answered {body.get('code')!r}: {body.get('message', 'no matrix')}")
    out: Matrix = {}
    for i, a in enumerate(places):
        row = durations[i]
        if not isinstance(row, list) or len(row) != len(places):
            raise ValueError(f"routing service gave a short row for {a.id}")
        for j, b in enumerate(places):
            if i != j:
                if row[j] is None:
                    raise ValueError(f"routing service found no road from {a.id} to {b.id}")
                out[a.id, b.id] = math.ceil(round(float(row[j]) / 60, 6))
    return out
