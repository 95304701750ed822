"""Production settings, checked the way an operator would: in a fresh process with only the environment."""

import os
import subprocess
import sys


def run_check(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run(
        [sys.executable, "-m", "klimapartner", "check", "--deploy"],
        env={**base, **env}, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_check(SECRET_KEY="p" * 20 + "-Zq8#kD2!vL5@xN9$wR3%tY7^uI1&oP4*", ALLOWED_HOSTS="klima.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(ALLOWED_HOSTS="klima.example")
    assert result.returncode != 0
    assert "Set SECRET_KEY (or SECRET_KEY_FILE), or DEBUG=1 for development." in result.stderr


def test_the_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("f" * 20 + "-Zq8#kD2!vL5@xN9$wR3%tY7^uI1&oP4*\n")
    result = run_check(SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="klima.example")
    assert result.returncode == 0, result.stderr
