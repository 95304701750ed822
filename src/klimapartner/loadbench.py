"""`klimapartner bench load`: the public and personal pages under load, through a real gunicorn on loopback.

A throw-away database (a SQLite file, or a PostgreSQL database next to the one DATABASE_URL names)
gets the demo programme; gunicorn serves it with production settings and collected static files;
N clients (asyncio, one connection per request, as a browser without keep-alive would) ask for one
page at a time for a fixed time. Reports requests per second and the latency percentiles.
Nothing here touches the real database.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

SECRET = "bench-" + "b" * 50
EDITOR = "redaktoer@nordstrand-sol.example"


@dataclass
class Result:
    page: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    def row(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0
        return (f"{self.page:<28} {self.requests:>8} {rate:>8.1f} {self.percentile(50):>8.0f} "
                f"{self.percentile(95):>8.0f} {self.percentile(99):>8.0f} {self.errors:>7}")


HEADER = f"{'page':<28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """A throw-away database with the demo programme, served by gunicorn with production settings."""

    def __init__(self, *, database: str, workers: int, threads: int, out):
        self.out = out
        self.tmp = Path(tempfile.mkdtemp(prefix="klimapartner-bench-"))
        self.workers, self.threads = workers, threads
        self.drop = None
        if database == "postgres":
            self.database_url = self._postgres_database()
        else:
            self.database_url = f"sqlite:///{self.tmp / 'bench.sqlite3'}"
        base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG")}
        self.env = {**base, "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": self.database_url,
                    "DATA_DIR": str(self.tmp / "var"), "SECURE_SSL_REDIRECT": "0", "EMAIL_HOST": "127.0.0.1",
                    "EMAIL_PORT": "9", "MAP_TILE_URL": "", "DJANGO_SETTINGS_MODULE": "klimapartner.settings"}
        self.server = None
        self.url = ""

    def _postgres_database(self) -> str:
        import psycopg

        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            raise SystemExit("bench load --database postgres needs DATABASE_URL=postgres://… (a server to use)")
        parts = urllib.parse.urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'klimapartner'}_bench_{uuid.uuid4().hex[:8]}"
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        self.drop = drop
        return parts._replace(path=f"/{name}").geturl()

    def command(self, *args):
        done = subprocess.run([sys.executable, "-m", "klimapartner", *args], env=self.env, capture_output=True,
                              text=True, timeout=900)
        if done.returncode:
            raise SystemExit(f"klimapartner {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def django(self, code: str):
        script = f"import django, json\ndjango.setup()\n{code}\nprint(json.dumps(result))\n"
        done = subprocess.run([sys.executable, "-c", script], env=self.env, capture_output=True, text=True,
                              timeout=300)
        if done.returncode:
            raise SystemExit(done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self):
        t0 = time.perf_counter()
        self.command("migrate", "--noinput")
        self.command("demo")
        self.command("collectstatic", "--noinput")
        port = free_port()
        self.server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}", "--workers",
             str(self.workers), *(["--threads", str(self.threads)] if self.threads > 1 else []),
             "--backlog", "2048", "--timeout", "120", "klimapartner.wsgi:application"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=30).read()
                break
            except OSError:
                if self.server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.1)
        self.out.write(f"Demo programme on {self.database_url.split(':')[0]}, gunicorn {self.workers} worker(s)"
                       f"{f' × {self.threads} threads' if self.threads > 1 else ''}, ready in "
                       f"{time.perf_counter() - t0:.0f} s\n")
        return self

    def stop(self):
        if self.server:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
        if self.drop:
            self.drop()

    def pages(self) -> list[tuple[str, str, str]]:
        """(label, path, cookie) for each page measured."""
        found = self.django(
            "from klimapartner.partners.models import Organisation\n"
            "from klimapartner.events.models import Registration, Seat\n"
            "org = Organisation.objects.filter(is_published=True, agreements__isnull=False).order_by('pk').first()\n"
            "seat = Seat.objects.filter(meeting__event__published_at__isnull=False).order_by('pk').first()\n"
            "editor = Organisation.objects.get(memberships__user__email='" + EDITOR + "')\n"
            "result = {'slug': org.slug, 'token': seat.registration.token, 'editor_slug': editor.slug}\n"
        )
        cookie = self._signed_in_cookie()
        return [
            ("front page", "/", ""),
            ("directory", "/partnere/", ""),
            ("partner page", f"/partnere/{found['slug']}/", ""),
            ("map (GeoJSON)", "/partnere/kort.json", ""),
            ("participant agenda", f"/partnerskabsdage/t/{found['token']}/", ""),
            ("CO2 account (signed in)", f"/klima/partner/{found['editor_slug']}/", cookie),
        ]

    def _signed_in_cookie(self) -> str:
        """Sign in as the demo editor, as a browser behind the TLS proxy would (the cookies are Secure)."""
        import http.client
        from http.cookies import SimpleCookie

        parts = urllib.parse.urlsplit(self.url)
        cookies = {}

        def request(method, path, body=None):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            headers = {"X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1:{parts.port}{path}",
                       "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            if body:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
            return response.status, response.read().decode()

        _status, page = request("GET", "/konto/log-ind/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _page = request("POST", "/konto/log-ind/", urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "pw-email": EDITOR, "pw-password": "klimapartner"}))
        if "sessionid" not in cookies:
            raise SystemExit(f"could not sign in as the demo editor ({status})")
        return "; ".join(f"{k}={v}" for k, v in cookies.items())


async def _client(host, port, path, cookie, deadline, latencies, failures):
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: da\r\nConnection: close\r\n"
               "X-Forwarded-Proto: https\r\n"
               + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode()
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            await writer.drain()
            data = await reader.read()
            writer.close()
            ok = data.startswith(b"HTTP/1.1 200")
        except OSError:
            ok = False
        if ok:
            latencies.append(time.perf_counter() - started)
        else:
            failures.append(1)


async def _load(url, path, cookie, clients, seconds) -> tuple[list[float], int, float]:
    parts = urllib.parse.urlsplit(url)
    latencies, failures = [], []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_client(parts.hostname, parts.port, path, cookie, deadline, latencies, failures)
                           for _ in range(clients)))
    return latencies, len(failures), time.perf_counter() - started


def run(*, database: str, clients: int, seconds: float, workers: int, threads: int, out) -> list[Result]:
    site = Site(database=database, workers=workers, threads=threads, out=out)
    try:
        site.start()
        pages = site.pages()
        out.write(f"{clients} clients for {seconds:g} s per page\n{HEADER}\n")
        results = []
        for label, path, cookie in pages:
            asyncio.run(_load(site.url, path, cookie, 2, 1))  # warm the workers' caches and connections
            latencies, errors, elapsed = asyncio.run(_load(site.url, path, cookie, clients, seconds))
            result = Result(label, len(latencies), errors, elapsed, latencies)
            out.write(result.row() + "\n")
            out.flush()
            results.append(result)
        return results
    finally:
        site.stop()


def median_ms(values) -> float:
    return statistics.median(values) * 1000 if values else float("nan")
