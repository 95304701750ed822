"""A small stand-in for the municipality's OSRM table service, run as its own process by the tests:
`python osrm_server.py SECONDS` answers every /table/v1/driving/... with SECONDS between any two places
(0 on the diagonal) and prints the port it listens on."""

import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit


class Table(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server name
        path = urlsplit(self.path).path
        if not path.startswith("/table/v1/driving/"):
            self.send_error(404)
            return
        n = len(path.rsplit("/", 1)[1].split(";"))
        seconds = float(sys.argv[1])
        body = json.dumps({"code": "Ok", "durations": [[0 if i == j else seconds for j in range(n)]
                                                        for i in range(n)]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = HTTPServer(("127.0.0.1", 0), Table)
    print(server.server_address[1], flush=True)
    server.serve_forever()
