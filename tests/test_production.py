"""The README's production path, run the way a municipality would: production settings in fresh processes,
`collectstatic`, then pages served by a real gunicorn."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
SECRET = "p" * 20 + "-Zq8#kD2!vL5@xN9$wR3%tY7^uI1&oP4*"


def production_env(tmp_path) -> dict:
    base = {k: v for k, v in os.environ.items()
            if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")}
    return {**base, "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1", "DATA_DIR": str(tmp_path / "var")}


def klimapartner(env, *args):
    return subprocess.run([sys.executable, "-m", "klimapartner", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    # Behind the municipality's TLS proxy: without the header Django redirects to https.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "Accept-Language": "da"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    collected = klimapartner(env, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    migrated = klimapartner(env, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "klimapartner.wsgi:application"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # a busy machine can take a while to boot the workers
        while time.monotonic() < deadline:
            try:
                get(base + "/")
                break
            except OSError:  # refused while booting, or timed out
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.2)
        yield base, tmp_path
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_collectstatic_with_production_settings_collects_every_vendored_file(gunicorn):
    _base, tmp_path = gunicorn
    static = tmp_path / "var" / "static"
    manifest = (static / "staticfiles.json").read_text()
    for name in ("vendor/dkfds/css/dkfds.min.css", "vendor/dkfds/js/dkfds.min.js", "vendor/leaflet/leaflet.js",
                 "vendor/dkfds/fonts/IBMPlexSans/complete/ttf/IBMPlexSans-Regular.ttf"):
        assert f'"{name}"' in manifest


@pytest.mark.parametrize("path", ["/", "/partnere/", "/konto/log-ind/", "/admin/login/", "/en/"])
def test_gunicorn_serves_the_pages(gunicorn, path):
    base, _tmp = gunicorn
    status, headers, body = get(base + path)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Server Error" not in body


def test_gunicorn_serves_the_hashed_static_files_the_pages_name(gunicorn):
    base, _tmp = gunicorn
    _status, _headers, body = get(base + "/")
    stylesheet = re.search(rb'href="(/static/vendor/dkfds/css/dkfds\.min\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, body[:2000]
    status, headers, css = get(base + stylesheet.group(1).decode())
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    font = re.search(rb"url\(\"(\.\./fonts/IBMPlexSans/complete/ttf/IBMPlexSans-Regular\.[0-9a-f]{12}\.ttf)\"\)", css)
    assert font, "the stylesheet names the hashed font"
    status, _headers, _font = get(base + "/static/vendor/dkfds/fonts/IBMPlexSans/complete/ttf/"
                                  + font.group(1).decode().rsplit("/", 1)[1])
    assert status == 200
