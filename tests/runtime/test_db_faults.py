"""Database faults on request paths (findings 7 and 8): a deleted SQLite file is detected, and a held lock is
answered with "busy, try again" inside Slack's 3 s instead of a 30-48 s wait."""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from pathlib import Path

import psycopg
import pytest

from bot.runtime.web import wsgi_app
from tests.conftest import InProcessApp, app_settings
from tests.slackkit import SlackSender, new_team


@pytest.fixture
def own_app(tmp_path, slack):
    """An in-process app on its own SQLite file (so the test may delete or lock it)."""
    path = tmp_path / "own.db"
    app = InProcessApp(app_settings(f"sqlite:///{path}", slack.url), io.StringIO())
    yield app, path
    app.stop()


def _healthz(app) -> int:
    status: list[str] = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.input": io.BytesIO()}
    b"".join(wsgi_app(app.app)(environ, lambda s, h: status.append(s)))
    return int(status[0].split()[0])


def test_a_deleted_sqlite_file_fails_health_and_every_write_says_so(own_app, slack):
    app, path = own_app
    sender = SlackSender(app, slack.response_url("db"), team_id=new_team())
    assert sender.command("/candidate", "add github:before-rm").json()["text"].startswith("Added")
    assert _healthz(app) == 200
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for text in ("add github:after-rm", "note before-rm hello", "show before-rm"):
        reply = sender.command("/candidate", text).json()
        assert "deleted or replaced" in reply["text"] and "Error id" not in reply["text"], reply
    assert _healthz(app) == 503
    assert not path.exists()  # nothing pretended to save into a new, empty file either


def _answer_while_locked(sender: SlackSender, lock, release) -> tuple[float, dict]:
    holder = threading.Thread(target=lock)
    holder.start()
    time.sleep(0.3)
    started = time.monotonic()
    try:
        reply = sender.command("/candidate", "add github:while-locked").json()
    finally:
        release.set()
        holder.join()
    return time.monotonic() - started, reply


def test_a_locked_sqlite_database_answers_busy_within_three_seconds(own_app, slack):
    app, path = own_app
    sender = SlackSender(app, slack.response_url("db"), team_id=new_team())
    sender.command("/candidate", "add github:warm-up")
    release = threading.Event()

    def lock():
        conn = sqlite3.connect(path, timeout=1, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")  # the write lock, held like a long import would hold it
        release.wait(10)
        conn.execute("ROLLBACK")
        conn.close()

    took, reply = _answer_while_locked(sender, lock, release)
    assert took < 3, took
    assert "busy" in reply["text"] and "Error id" not in reply["text"], reply


@pytest.mark.postgres
def test_a_locked_postgres_table_answers_busy_within_three_seconds(postgres_url, slack):
    app = InProcessApp(app_settings(postgres_url, slack.url), io.StringIO())
    try:
        sender = SlackSender(app, slack.response_url("db"), team_id=new_team())
        sender.command("/candidate", "add github:warm-up-pg")
        release = threading.Event()

        def lock():
            with psycopg.connect(postgres_url.replace("+psycopg", "")) as conn:
                conn.execute("LOCK TABLE candidates IN ACCESS EXCLUSIVE MODE")
                release.wait(10)
                conn.rollback()

        took, reply = _answer_while_locked(sender, lock, release)
        assert took < 3, took
        assert "busy" in reply["text"] and "Error id" not in reply["text"], reply
    finally:
        app.stop()


def test_background_jobs_keep_the_long_wait(own_app):
    app, _ = own_app
    with app.services.db.session() as session:
        assert session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
