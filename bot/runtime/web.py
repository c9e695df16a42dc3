"""HTTP mode: a WSGI app (Slack at /slack/events, OAuth pages, /healthz) served by gunicorn."""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any, Callable, Iterable

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.errors import SlackApiError
from sqlalchemy import text

from bot.core.config import MissingSetting, Settings
from bot.core.slack import quick_client
from bot.runtime.app import build_app

log = logging.getLogger(__name__)


def wsgi_app(app: App) -> Callable[..., Iterable[bytes]]:
    """Wrap the Bolt app: GET /healthz checks the database; everything else goes to Bolt."""
    slack = SlackRequestHandler(app, path="/slack/events")
    services = app._hirebot_services  # type: ignore[attr-defined]

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            try:
                with services.db.engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                status, body = "200 OK", {"ok": True}
            except Exception as exc:  # health is exactly the place to report a broken database
                log.warning("health check failed: %s", type(exc).__name__)
                status, body = "503 Service Unavailable", {"ok": False, "error": "database unavailable"}
            data = json.dumps(body).encode()
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
            return [data]
        return slack(environ, start_response)

    return application


def check_slack_later(app: App, settings: Settings, *, attempts: int = 8) -> threading.Thread | None:
    """Check the bot token against Slack in the background, with backoff, so the server starts (and
    answers /healthz) while Slack is unreachable; a token Slack refuses is logged naming the variable."""
    if settings.oauth_enabled:
        return None  # tokens come per workspace from the installation store

    client = quick_client(settings, app.client)  # no retry sleeps: this loop does its own backoff

    def check() -> None:
        delay = 1.0
        for _ in range(attempts):
            try:
                client.auth_test()
                log.info("Slack accepted SLACK_BOT_TOKEN")
                return
            except SlackApiError as exc:
                log.error("Slack refused SLACK_BOT_TOKEN (%s): replies will fail until it is fixed",
                          exc.response.get("error"))
                return
            except OSError as exc:  # unreachable: keep serving, try again later
                log.warning("Slack is unreachable (%s); retrying in %.0f s", type(exc).__name__, delay)
                time.sleep(delay)
                delay = min(delay * 2, 300.0)

    thread = threading.Thread(target=check, name="hirebot-auth-check", daemon=True)
    thread.start()
    return thread


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
                # No auth.test at start: a Slack outage must not stop the server from booting.
                app = build_app(settings, token_verification=False)
            except MissingSetting as exc:  # SystemExit in a worker would only make gunicorn respawn it
                raise RuntimeError(str(exc)) from exc
            check_slack_later(app, settings)
            return wsgi_app(app)

    _Server().run()
