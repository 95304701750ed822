import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from klimapartner.routing.model import Place
from klimapartner.routing.travel import drive_minutes, from_coordinates, great_circle_km, osrm_table, travel_times

HJORRING = Place("h", "Hjørring", 57.4583, 9.9826)
ONE_NORTH = Place("n", "En grad nord", 58.4583, 9.9826)


def test_one_degree_of_latitude_is_111_km():
    assert round(great_circle_km(HJORRING.lat, HJORRING.lon, ONE_NORTH.lat, ONE_NORTH.lon), 3) == 111.195


def test_minutes_are_the_road_distance_at_the_average_speed_rounded_up():
    # 10 km x 1.3 = 13 km at 50 km/h = 15.6 minutes
    assert drive_minutes(10) == 16
    assert drive_minutes(10, speed_kmh=60, detour=1.2) == 12
    assert drive_minutes(0) == 0


def test_coordinates_give_every_ordered_pair_and_overrides_win():
    assert from_coordinates([HJORRING, ONE_NORTH]) == {("h", "n"): 174, ("n", "h"): 174}
    matrix = travel_times([HJORRING, ONE_NORTH], overrides={("h", "n"): 90})
    assert matrix == {("h", "n"): 90, ("n", "h"): 174}
    with pytest.raises(KeyError):
        travel_times([HJORRING, ONE_NORTH], overrides={("h", "x"): 1})


def test_a_matrix_replaces_the_coordinates_but_must_cover_every_pair():
    assert travel_times([HJORRING, ONE_NORTH], matrix={("h", "n"): 5, ("n", "h"): 7}) == {("h", "n"): 5, ("n", "h"): 7}
    with pytest.raises(KeyError):
        travel_times([HJORRING, ONE_NORTH], matrix={("h", "n"): 5})


class _Table(BaseHTTPRequestHandler):
    answer: dict = {}
    paths: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).paths.append(self.path)
        body = json.dumps(type(self).answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def table_server():
    server = HTTPServer(("127.0.0.1", 0), _Table)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Table.paths = []
    yield f"http://127.0.0.1:{server.server_port}", _Table
    server.shutdown()
    server.server_close()


def test_the_osrm_adapter_asks_for_one_table_and_rounds_seconds_up_to_minutes(table_server):
    url, handler = table_server
    handler.answer = {"code": "Ok", "durations": [[0, 601.0], [540.2, 0]]}
    assert osrm_table(url, [HJORRING, ONE_NORTH]) == {("h", "n"): 11, ("n", "h"): 10}
    assert handler.paths == ["/table/v1/driving/9.982600,57.458300;9.982600,58.458300?annotations=duration"]


def test_the_osrm_adapter_refuses_an_answer_without_a_full_matrix(table_server):
    url, handler = table_server
    handler.answer = {"code": "InvalidQuery", "message": "Query string malformed"}
    with pytest.raises(ValueError, match="InvalidQuery"):
        osrm_table(url, [HJORRING, ONE_NORTH])
    handler.answer = {"code": "Ok", "durations": [[0, None], [3, 0]]}
    with pytest.raises(ValueError, match="no road from h to n"):
        osrm_table(url, [HJORRING, ONE_NORTH])
