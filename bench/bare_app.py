"""The baseline: a bare Bolt app served exactly the way `hirebot serve` serves Hirebot.

An App with process_before_response=True, a bot token (so it calls auth.test once, like
Hirebot) and one listener per measured command that acks a short text. It goes through the
same slack_bolt.adapter.wsgi.SlackRequestHandler behind the same kind of WSGI shim (GET
/healthz answered before Bolt, without a database), in gunicorn gthread with the same
settings bot/runtime/web.py uses. Reads PORT, HIREBOT_WEB_WORKERS, HIREBOT_WEB_THREADS,
SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL.

Run by bench/ack.py and bench/shortlist.py; by hand: `SLACK_... PORT=3001 python bench/bare_app.py`.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Iterable

from gunicorn.app.base import BaseApplication


def build_app():
    """The bare Bolt app: /hirebot (and /shortlist, so shortlist runs send the same body) ack a short text."""
    from slack_bolt import App
    from slack_sdk import WebClient

    token = os.environ["SLACK_BOT_TOKEN"]
    base_url = os.environ.get("SLACK_API_URL", "https://slack.com/api/")
    app = App(signing_secret=os.environ["SLACK_SIGNING_SECRET"], process_before_response=True,
              client=WebClient(token=token, base_url=base_url if base_url.endswith("/") else base_url + "/"))

    def ack_short(ack: Any) -> None:
        ack("bare ack: ok")

    app.command("/hirebot")(ack_short)
    app.command("/shortlist")(ack_short)
    return app


def wsgi_app() -> Callable[..., Iterable[bytes]]:
    """The WSGI callable: /healthz, then Bolt's own WSGI adapter."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    slack = SlackRequestHandler(build_app(), path="/slack/events")
    health = json.dumps({"ok": True}).encode()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(health)))])
            return [health]
        return slack(environ, start_response)

    return application


class _Server(BaseApplication):
    """The gunicorn settings of bot/runtime/web.py, verbatim except the bind address (loopback here)."""

    def load_config(self) -> None:
        self.cfg.set("bind", f"127.0.0.1:{int(os.environ.get('PORT', '3001'))}")
        self.cfg.set("workers", int(os.environ.get("HIREBOT_WEB_WORKERS", "2")))
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("threads", int(os.environ.get("HIREBOT_WEB_THREADS", "8")))
        self.cfg.set("timeout", 30)
        self.cfg.set("graceful_timeout", 10)
        self.cfg.set("backlog", 2048)
        self.cfg.set("loglevel", os.environ.get("HIREBOT_LOG_LEVEL", "INFO").lower())
        self.cfg.set("proc_name", "hirebot-bench-bare")

    def load(self) -> Callable[..., Iterable[bytes]]:
        return wsgi_app()


if __name__ == "__main__":
    _Server().run()
