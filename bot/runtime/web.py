"""HTTP mode: a WSGI app (Slack at /slack/events, OAuth pages, /healthz) served by gunicorn."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any, Callable, Iterable

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text

from bot.core.config import MissingSetting, Settings
from bot.runtime.app import build_app
from bot.runtime.gate import answer, too_large

log = logging.getLogger(__name__)


def _read_capped(environ: dict[str, Any], limit: int) -> bytes | None:
    """The request body, or None when it is (or says it is) over `limit`: read no further than that."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if length > limit:
        return None
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    raw = stream.read(length if length >= 0 else limit + 1)
    return None if len(raw) > limit else raw


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    found = {k.lower().replace("_", "-"): v for k, v in environ.items() if k in ("CONTENT_LENGTH", "CONTENT_TYPE")}
    found |= {k[5:].lower().replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
    return found


def wsgi_app(app: App) -> Callable[..., Iterable[bytes]]:
    """Wrap the Bolt app: GET /healthz checks the database; POST /slack/events passes the gate; OAuth pages to Bolt."""
    slack = SlackRequestHandler(app, path="/slack/events")
    services = app._hirebot_services  # type: ignore[attr-defined]
    secret = app._hirebot_signing_secret  # type: ignore[attr-defined]
    limit = services.settings.max_body_bytes

    def events(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        raw = _read_capped(environ, limit)
        reply = too_large() if raw is None else answer(app, raw, query=environ.get("QUERY_STRING", ""),
                                                       headers=_headers(environ), max_bytes=limit, secret=secret)
        data = reply.body.encode() if isinstance(reply.body, str) else reply.body
        headers = [(k, v) for k, values in reply.headers.items() for v in values if k.lower() != "content-length"]
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}",
                       headers + [("Content-Length", str(len(data)))])
        return [data]

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            try:
                services.db.check_storage()  # a deleted SQLite file still answers SELECT 1 from the open handle
                with services.db.engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                status, body = "200 OK", {"ok": True}
            except Exception as exc:  # health is exactly the place to report a broken database
                log.warning("health check failed: %s", type(exc).__name__)
                status, body = "503 Service Unavailable", {"ok": False, "error": "database unavailable"}
            data = json.dumps(body).encode()
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
            return [data]
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/slack/events":
            return events(environ, start_response)
        return slack(environ, start_response)

    return application


def serve(settings: Settings) -> None:
    """Run gunicorn (gthread workers) on $PORT; each worker builds its own app after the fork."""

    class _Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"0.0.0.0:{settings.port}")
            self.cfg.set("workers", settings.web_workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", settings.web_threads)
            self.cfg.set("timeout", 30)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("backlog", 2048)
            self.cfg.set("loglevel", settings.log_level.lower())
            self.cfg.set("proc_name", "hirebot-web")

        def load(self) -> Callable[..., Iterable[bytes]]:

            try:
                # No auth.test at start: a Slack outage must not stop the server from booting. Bolt checks
                # the token lazily, on the first request, through the retrying client.
                app = build_app(settings, token_verification=False)
            except MissingSetting as exc:  # SystemExit in a worker would only make gunicorn respawn it
                raise RuntimeError(str(exc)) from exc
            return wsgi_app(app)

    _Server().run()
