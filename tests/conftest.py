"""Fixtures: a fake Slack, databases (SQLite always, PostgreSQL when reachable), the app served over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from bot.runtime.localslack import LocalSlack
from tests.slackkit import BOT_TOKEN, SIGNING_SECRET, SlackSender, new_team

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PG_ADMIN_URL = os.environ.get("HIREBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except Exception as exc:  # any failure means "not available here"; say which
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}"


_PG_MISSING = _postgres_reachable()


def require_postgres() -> None:
    """Skip with the reason when PostgreSQL is absent; CI sets HIREBOT_REQUIRE_POSTGRES=1 to fail instead."""
    if _PG_MISSING:
        if os.environ.get("HIREBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(_PG_MISSING + " (HIREBOT_REQUIRE_POSTGRES=1)")
        pytest.skip(_PG_MISSING)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped at the end."""
    require_postgres()
    import psycopg

    name = "hirebot_test_" + uuid.uuid4().hex[:8]
    admin = PG_ADMIN_URL.replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database file for this test run."""
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'hirebot.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest) -> str:
    """Run a test on SQLite and on PostgreSQL."""
    if request.param == "postgres":
        return request.getfixturevalue("postgres_url")
    return request.getfixturevalue("sqlite_url")


@pytest.fixture(scope="session")
def slack_server() -> Iterator[LocalSlack]:
    """The fake Slack Web API for the whole run."""
    with LocalSlack() as fake:
        yield fake


@pytest.fixture
def slack(slack_server: LocalSlack) -> LocalSlack:
    """The fake Slack, with recorded calls and scripted failures cleared."""
    slack_server.reset()
    return slack_server


def app_env(db_url: str, slack_url: str, **extra: str) -> dict[str, str]:
    """Environment for a Hirebot process under test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HIREBOT_", "GITHUB_", "HF_"))}
    env |= {"DATABASE_URL": db_url, "SLACK_API_URL": slack_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET, "HIREBOT_LOG_LEVEL": "INFO", "HIREBOT_SLACK_MAX_RETRIES": "2",
            "HIREBOT_SOURCE_MAX_WAIT": "0", "GITHUB_API_URL": "http://127.0.0.1:9/github",
            "HF_API_URL": "http://127.0.0.1:9/hf", "ARXIV_API_URL": "http://127.0.0.1:9/arxiv"}
    return env | extra


class Server:
    """A `hirebot serve` subprocess on a free port."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "w")
        env = env | {"PORT": str(self.port), "HIREBOT_WEB_WORKERS": "1", "HIREBOT_WEB_THREADS": "4"}
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.cli", "serve"], env=env, cwd=ROOT,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hirebot serve exited: {log_path.read_text()[-2000:]}")
            try:
                if httpx.get(self.base_url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"hirebot serve did not come up: {log_path.read_text()[-2000:]}")

    def log(self) -> str:
        """What the server printed so far."""
        self._log.flush()
        return self.log_path.read_text()

    def stop(self) -> None:
        """Stop the server."""
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


@pytest.fixture(scope="session")
def server(sqlite_url: str, slack_server: LocalSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`hirebot serve` over real HTTP, on SQLite, talking to the fake Slack."""
    srv = Server(app_env(sqlite_url, slack_server.url), tmp_path_factory.mktemp("logs") / "serve.log")
    yield srv
    srv.stop()


@pytest.fixture
def team() -> str:
    """A fresh team id for this test."""
    return new_team()


@pytest.fixture
def sender(server: Server, slack: LocalSlack, team: str) -> SlackSender:
    """Signed requests into the served app, as one user of a fresh team."""
    return SlackSender(server.base_url, slack.response_url("t"), team_id=team)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when the folder is absent (a fresh clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only present in the development workspace)")
    return path


@pytest.fixture(scope="session")
def services(sqlite_url: str):
    """In-process services on the same SQLite database the served app uses (for setup and checks)."""
    from bot.runtime.app import build_services
    from bot.core.config import get_settings

    svc = build_services(get_settings(DATABASE_URL=sqlite_url, GITHUB_API_URL="http://127.0.0.1:9/github",
                                      HF_API_URL="http://127.0.0.1:9/hf", ARXIV_API_URL="http://127.0.0.1:9/arxiv"))
    yield svc
    svc.background.shutdown()


def snapshot(name: str, handle: str, **signals) -> dict:
    """A small fictional profile snapshot."""
    return {"name": name, "github": handle, "email": f"{handle}@example.com", "location": signals.pop("location", "Berlin, DE"),
            "roles": signals.pop("roles", ["ml-engineer"]), "signals": signals}


def load_snapshots(services, team_id: str, snaps: list[dict]) -> None:
    """Import snapshots for a team, in-process."""
    import json

    from bot.candidates.importer import import_text

    report = import_text(services, team_id=team_id, text="\n".join(json.dumps(s) for s in snaps), kind="jsonl", source="test")
    assert not report.errors, report.errors
