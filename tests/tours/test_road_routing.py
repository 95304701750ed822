"""The optional road-routing adapter: with ROUTING_TABLE_URL set, a tour's travel times come from the
municipality's OSRM-compatible table service (here a small server started as its own process); without it,
or when the service does not answer, from the coordinates."""

import subprocess
import sys
from pathlib import Path

import pytest

from klimapartner.routing.travel import travel_times
from klimapartner.tours import planning
from klimapartner.tours.adapt import DEPOT

SERVER = Path(__file__).with_name("osrm_server.py")


@pytest.fixture
def table_service():
    """A real HTTP server in its own process; every leg takes 25 minutes there."""
    process = subprocess.Popen([sys.executable, str(SERVER), "1500"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def draft_of(tour, sites):
    return planning.Draft(tour, [(s, s.visit_minutes) for s in sites], [])


def test_with_the_service_every_leg_takes_its_time(settings, table_service, tour, sites):
    settings.ROUTING_TABLE_URL = table_service
    route = planning.plan_draft(draft_of(tour, sites)).route
    assert [leg.drive for leg in route.legs] + [route.back_drive] == [25] * 6
    assert route.driving == 150


def test_without_it_the_times_come_from_the_coordinates(settings, tour, sites):
    settings.ROUTING_TABLE_URL = ""
    draft = draft_of(tour, sites)
    route = planning.plan_draft(draft).route
    estimate = travel_times(draft.day().places)
    order = [DEPOT, *[leg.id for leg in route.legs], DEPOT]
    assert [leg.drive for leg in route.legs] + [route.back_drive] == [
        estimate[a, b] for a, b in zip(order, order[1:])]
    assert route.driving == 147


def test_a_service_that_does_not_answer_falls_back_to_the_coordinates(settings, tour, sites, caplog):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.ROUTING_TABLE_URL = f"http://127.0.0.1:{port}"
    route = planning.plan_draft(draft_of(tour, sites)).route
    assert route.driving == 147
    assert "road-routing service" in caplog.text
