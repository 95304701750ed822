"""A live site for tests that need real parallel requests: gunicorn (processes × threads) on loopback,
with its own database of the kind the suite runs on — a SQLite file, or a PostgreSQL database next
to the test database. Data is prepared and read back in separate Django processes, the way a second
server would see it."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

SECRET = "live-" + "s" * 50


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveSite:
    def __init__(self, tmp_path: Path, *, workers=2, threads=8):
        self.tmp_path = tmp_path
        self.workers, self.threads = workers, threads
        self.database_url, self._drop = self._new_database()
        base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
        self.env = {**base, "DEBUG": "1", "SECRET_KEY": SECRET, "DATABASE_URL": self.database_url,
                    "DATA_DIR": str(tmp_path / "var"), "ALLOWED_HOSTS": "127.0.0.1",
                    "DJANGO_SETTINGS_MODULE": "klimapartner.settings", "EMAIL_HOST": "", "LOG_LEVEL": "ERROR"}
        self.server = None
        self.url = ""

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgres")

    def _new_database(self):
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            return f"sqlite:///{self.tmp_path / 'live.sqlite3'}", None
        import psycopg

        parts = urllib.parse.urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'klimapartner'}_live_{uuid.uuid4().hex[:8]}"
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return parts._replace(path=f"/{name}").geturl(), drop

    def start(self):
        migrated = subprocess.run([sys.executable, "-m", "klimapartner", "migrate", "--noinput"], env=self.env,
                                  capture_output=True, text=True, timeout=300)
        assert migrated.returncode == 0, migrated.stderr
        port = free_port()
        self.server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}",
             "--workers", str(self.workers), "--threads", str(self.threads), "--worker-class", "gthread",
             "--timeout", "120", "klimapartner.wsgi:application"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180  # a busy machine can take a while to boot the workers
        try:
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(self.url + "/", timeout=30).read()
                    return self
                except OSError:  # refused while booting, or timed out
                    assert self.server.poll() is None, self.server.stderr.read()
                    time.sleep(0.2)
            raise AssertionError("gunicorn did not answer")
        except BaseException:
            self.stop()  # a fixture that fails to start gets no teardown: leave nothing running
            raise

    def stop(self):
        if self.server:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # requests still hanging: a failed test, don't leave it running
                self.server.kill()
                self.server.wait(timeout=30)
        if self._drop:
            self._drop()

    def django(self, code: str, **values):
        """Run `code` in a Django process against the site's database; it sets `result`, which comes back as JSON."""
        script = "import django, json, sys\ndjango.setup()\nvalues = json.loads(sys.argv[1])\nresult = None\n"
        script += textwrap.dedent(code) + "\nprint(json.dumps(result, default=str))\n"
        done = subprocess.run([sys.executable, "-c", script, json.dumps(values)], env=self.env, cwd=Path.cwd(),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])


class Browser:
    """One visitor: cookies, and the CSRF token from the last form it read."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect)
        self.token = ""

    def request(self, path, data=None):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **data}, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Referer": self.base + path, "Accept-Language": "da"})
        try:
            with self.opener.open(request, timeout=120) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        if found := re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text):
            self.token = found.group(1)
        return status, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
