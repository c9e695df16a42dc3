"""A wrong setting is one line naming it, exit code 2, no traceback; a Slack outage does not stop `serve`."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import app_env, free_port

SECRET = "xoxb-secret-never-echo-0000"


def _run(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    full = app_env(f"sqlite:///{tmp_path / 'h.db'}", "http://127.0.0.1:9/") | env
    return subprocess.run([sys.executable, "-m", "bot.runtime.cli", *args], capture_output=True, text=True,
                          env=full, cwd=tmp_path, timeout=60)


@pytest.mark.parametrize("variable,value,args", [
    ("DATABASE_URL", "garbage", ("tick",)),
    ("DATABASE_URL", "mysql://root:hunter2@localhost/db", ("tick",)),
    ("DATABASE_URL", "sqlite:////no-such-folder/deeper/hirebot.db", ("tick",)),
    ("HIREBOT_WEB_WORKERS", "abc", ("tick",)),
    ("HIREBOT_DEFAULT_TIMEZONE", "Mars/Olympus", ("tick",)),
    ("SLACK_APP_TOKEN", SECRET, ("socket",)),
    ("SLACK_BOT_TOKEN", "xapp-1-A0-secret-never-echo", ("tick",)),
])
def test_a_wrong_setting_is_one_line_naming_it(tmp_path, variable, value, args):
    proc = _run(tmp_path, *args, **{variable: value})
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0].startswith(f"hirebot: {variable} ")
    assert "hunter2" not in proc.stderr and "secret-never-echo" not in proc.stderr  # secrets are never echoed


def test_an_unusable_database_location_names_database_url(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")  # unopenable even for root
    proc = _run(tmp_path, "tick", DATABASE_URL=f"sqlite:///{blocker / 'h.db'}")
    assert proc.returncode == 2 and "DATABASE_URL" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_serve_starts_and_is_healthy_while_slack_is_unreachable(tmp_path):
    port = free_port()
    env = app_env(f"sqlite:///{tmp_path / 'h.db'}", f"http://127.0.0.1:{free_port()}/") | {
        "PORT": str(port), "HIREBOT_WEB_WORKERS": "1", "HIREBOT_WEB_THREADS": "2"}
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.cli", "serve"], env=env, cwd=tmp_path,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert status == 200, (tmp_path / "serve.log").read_text()[-2000:]
        time.sleep(2)
        assert proc.poll() is None, "serve exited while Slack was unreachable"
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
