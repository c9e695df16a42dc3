"""Fixtures: a fake Slack, databases (SQLite always, PostgreSQL when reachable), the app in this process
(signed requests through `App.dispatch`), its clock, and `hirebot serve` over HTTP for the runner tests."""

from __future__ import annotations

import io
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
from pydantic import AliasChoices
from slack_bolt import BoltRequest, BoltResponse

from bot.core.config import Settings, get_settings
from bot.core.logs import RedactingFormatter, RedactTokens
from bot.runtime import jobs
from bot.runtime.app import build_app, build_services
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
        # socketserver listens with a backlog of 5; the fan-out opens up to 16 connections at once, and a
        # connection beyond the backlog has its SYN dropped and retried by the kernel a second later.
        fake.server.request_queue_size = 128
        fake.server.server_activate()  # listen() again: on Linux this raises the backlog of the open socket
        yield fake


@pytest.fixture
def slack(slack_server: LocalSlack) -> LocalSlack:
    """The fake Slack, with recorded calls and scripted failures cleared."""
    slack_server.reset()
    return slack_server


def concurrent_ticks(env: dict[str, str], now: str, *, clocks: int = 2) -> list[tuple[int, str]]:
    """Run `hirebot tick --now` in several processes at once; (exit code, log) of each.

    Each clock logs to a file: a pipe nobody reads while another clock is awaited fills up (64 KB) and
    blocks its writer inside a transaction, which then holds the lock the other clock waits on.
    """
    logs = [tempfile.TemporaryFile("w+") for _ in range(clocks)]
    procs = [subprocess.Popen([sys.executable, "-m", "bot.runtime.cli", "tick", "--now", now], env=env, cwd=ROOT,
                              stdout=log, stderr=subprocess.STDOUT, text=True) for log in logs]
    results = []
    for proc, log in zip(procs, logs):
        proc.wait(timeout=120)
        log.seek(0)
        results.append((proc.returncode, log.read()))
        log.close()
    return results


def app_env(db_url: str, slack_url: str, **extra: str) -> dict[str, str]:
    """Environment for a Hirebot process under test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HIREBOT_", "GITHUB_", "HF_"))}
    env |= {"DATABASE_URL": db_url, "SLACK_API_URL": slack_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET, "HIREBOT_LOG_LEVEL": "INFO", "HIREBOT_SLACK_MAX_RETRIES": "2",
            "HIREBOT_SOURCE_MAX_WAIT": "0", "GITHUB_API_URL": "http://127.0.0.1:9/github",
            "HF_API_URL": "http://127.0.0.1:9/hf", "ARXIV_API_URL": "http://127.0.0.1:9/arxiv"}
    return env | extra


def settings_for(env: dict[str, str]) -> Settings:
    """The settings a Hirebot process started with exactly `env` reads (nothing else from os.environ, no .env)."""
    values: dict[str, Any] = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names = alias.choices if isinstance(alias, AliasChoices) else [alias or name.upper()]
        given = [n for n in names if n in env]
        values[name] = env[given[0]] if given else field.default
    return Settings(_env_file=None, **values)


def app_settings(db_url: str, slack_url: str, **extra: str) -> Settings:
    """What a Hirebot process under test reads from `app_env(db_url, slack_url, **extra)`."""
    return settings_for(app_env(db_url, slack_url, **extra))


def _as_http(method: str, path: str, answer: BoltResponse) -> httpx.Response:
    """Bolt's answer as the HTTP response the WSGI adapter would send."""
    headers = [(name, value) for name, values in answer.headers.items() for value in values]
    return httpx.Response(answer.status, headers=headers, content=answer.body.encode(),
                          request=httpx.Request(method, "http://hirebot.test" + path))


class InProcessApp:
    """Hirebot in this process: each request is a `BoltRequest` handed to `App.dispatch`, the way slack-bolt's
    scenario tests drive an app. Signatures are checked; the app talks to the fake Slack over HTTP."""

    def __init__(self, settings: Settings, log: io.StringIO):
        self.services = build_services(settings)
        self.app = build_app(settings, self.services)
        self._log = log

    def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        """What POST /slack/events answers."""
        return _as_http("POST", "/slack/events", self.app.dispatch(BoltRequest(body=body, headers=headers)))

    def get(self, path: str, *, params: dict[str, str] | None = None,
            headers: dict[str, str] | None = None) -> httpx.Response:
        """A browser's GET: the OAuth install page and Slack's redirect back, routed as the WSGI adapter does."""
        flow = self.app.oauth_flow
        request = BoltRequest(body="", query=params or {}, headers=headers or {})
        if flow is not None and path == flow.install_path:
            return _as_http("GET", path, flow.handle_installation(request))
        if flow is not None and path == flow.redirect_uri_path:
            return _as_http("GET", path, flow.handle_callback(request))
        return _as_http("GET", path, BoltResponse(status=404, body="Not Found"))

    def log(self) -> str:
        """Every log line so far, formatted and redacted the way `hirebot serve` writes them."""
        return self._log.getvalue()

    def stop(self) -> None:
        """Let background work finish, then close the database."""
        self.services.background.shutdown()
        self.services.db.dispose()


class Clock:
    """`hirebot tick --now` in this process: every clock job once at a given moment, on its own services."""

    def __init__(self, settings: Settings):
        self.services = build_services(settings)

    def tick(self, now: str) -> dict[str, int]:
        """Run every job due at `now` (an ISO time with offset); the counts `hirebot tick` prints."""
        return jobs.tick(self.services, datetime.fromisoformat(now))

    def stop(self) -> None:
        """Stop its pool and close the database."""
        self.services.background.shutdown()
        self.services.db.dispose()


class Server:
    """A `hirebot serve` subprocess on a free port."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "w")
        self.http = httpx.Client(base_url=self.base_url, timeout=10)
        env = env | {"PORT": str(self.port), "HIREBOT_WEB_WORKERS": "1", "HIREBOT_WEB_THREADS": "4"}
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.cli", "serve"], env=env, cwd=ROOT,
                                     stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hirebot serve exited: {log_path.read_text()[-2000:]}")
            try:
                if self.http.get("/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"hirebot serve did not come up: {log_path.read_text()[-2000:]}")

    def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        """POST /slack/events over real HTTP."""
        return self.http.post("/slack/events", content=body.encode(), headers=headers)

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
            os.killpg(self.proc.pid, signal.SIGKILL)  # the worker too: killing only gunicorn's master orphans it
            self.proc.wait()
        self.http.close()
        self._log.close()


@pytest.fixture(scope="session")
def app_log() -> Iterator[io.StringIO]:
    """Log lines of every in-process app, through the handler `hirebot serve` sets up (INFO, tokens redacted)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root, alembic = logging.getLogger(), logging.getLogger("alembic")
    levels = root.level, alembic.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    alembic.setLevel(logging.WARNING)
    yield stream
    root.removeHandler(handler)
    root.setLevel(levels[0])
    alembic.setLevel(levels[1])


@pytest.fixture(scope="session")
def server(sqlite_url: str, slack_server: LocalSlack, app_log: io.StringIO) -> Iterator[InProcessApp]:
    """The app in this process, on SQLite, talking to the fake Slack, with the settings `hirebot serve` gets."""
    app = InProcessApp(app_settings(sqlite_url, slack_server.url), app_log)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def http_server(sqlite_url: str, slack_server: LocalSlack,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`hirebot serve` over real HTTP, on the same SQLite database, talking to the fake Slack."""
    srv = Server(app_env(sqlite_url, slack_server.url), tmp_path_factory.mktemp("logs") / "serve.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def clock(sqlite_url: str, slack_server: LocalSlack) -> Iterator[Clock]:
    """The clock on the served database: `clock.tick(now)` moves time as `hirebot tick --now` does."""
    found = Clock(app_settings(sqlite_url, slack_server.url))
    yield found
    found.stop()


@pytest.fixture
def team() -> str:
    """A fresh team id for this test."""
    return new_team()


@pytest.fixture
def sender(server: InProcessApp, slack: LocalSlack, team: str) -> SlackSender:
    """Signed requests into the app, as one user of a fresh team."""
    return SlackSender(server, slack.response_url("t"), team_id=team)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when the folder is absent (a fresh clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only present in the development workspace)")
    return path


@pytest.fixture(scope="session")
def services(sqlite_url: str):
    """Services on the same SQLite database the app uses, for the tests' own setup and checks."""
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
