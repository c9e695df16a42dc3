"""`hirebot console`: type the slash commands at a prompt and read the replies, no Slack needed."""

from __future__ import annotations

import json
import sys
import time
from typing import IO
from urllib.parse import urlencode

from pydantic import SecretStr
from slack_bolt import BoltRequest
from sqlalchemy import func, select

from bot.core.config import Settings
from bot.core.db import normalize_url
from bot.core.models import Candidate
from bot.runtime.app import build_app
from bot.runtime.localslack import LocalSlack
from bot.runtime.terminal import render_message

BANNER = """Hirebot console — type a slash command (e.g. /shortlist ml-engineer 5), `help`, or `quit`.
Team {team} on {db}. Replies are what Slack would show; buttons appear as [labels]."""


class Console:
    """A local Slack workspace of one: commands go through the real app, replies are printed."""

    def __init__(self, settings: Settings, *, user_id: str = "U0LOCAL", out: IO[str] = sys.stdout):

        self.out = out
        self.user_id = user_id
        self.team = settings.console_team_id
        self.slack = LocalSlack(team_id=self.team, users={user_id: {"real_name": "You", "tz": settings.default_timezone}})
        self.slack.start()
        self.settings = settings.model_copy(update={
            "slack_api_url": self.slack.url, "slack_bot_token": SecretStr("xoxb-console-local"),
            "slack_signing_secret": SecretStr("console"), "slack_client_id": None, "slack_client_secret": None,
        })
        self.app = build_app(self.settings, verify_requests=False)
        self.services = self.app._hirebot_services  # type: ignore[attr-defined]
        self._seen = 0

    def close(self) -> None:
        """Stop the local Slack and the background pool."""
        self.services.background.shutdown(wait=True)
        self.slack.stop()

    def run_command(self, line: str) -> str:
        """Run one `/command text` line through the app and return everything it showed."""
        command, _, text = line.strip().partition(" ")
        body = {
            "token": "console", "team_id": self.team, "team_domain": "local", "channel_id": "C0CONSOLE",
            "channel_name": "console", "user_id": self.user_id, "user_name": "you", "command": command,
            "text": text, "api_app_id": "A0LOCAL", "is_enterprise_install": "false",
            "response_url": self.slack.response_url("console"), "trigger_id": "console.trigger",
        }
        response = self.app.dispatch(BoltRequest(body=urlencode(body),
                                                 headers={"content-type": ["application/x-www-form-urlencoded"]}))
        shown: list[str] = []
        if response.status == 404:
            shown.append(f"Unknown command {command}. Try /hirebot help.")
        elif response.body:
            try:
                shown.append(render_message(json.loads(response.body)))
            except ValueError:
                shown.append(response.body)
        shown += self._drain()
        return "\n\n".join(s for s in shown if s)

    def _drain(self, settle: float = 0.3, limit: float = 30.0) -> list[str]:
        """Wait for background work to finish, then show what it posted."""
        deadline = time.monotonic() + limit
        quiet_since = time.monotonic()
        last = len(self.slack.calls)
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = len(self.slack.calls)
            if now != last:
                last, quiet_since = now, time.monotonic()
            elif self.services.background.idle() and time.monotonic() - quiet_since >= settle:
                break
        shown = []
        for call in self.slack.calls[self._seen:]:
            if call.method in ("response_url", "chat.postMessage", "chat.postEphemeral", "chat.update"):
                where = {"response_url": "", "chat.postEphemeral": "(only you) "}.get(call.method, f"(in {call.args.get('channel')}) ")
                msg = dict(call.args)
                if isinstance(msg.get("blocks"), str):
                    msg["blocks"] = json.loads(msg["blocks"])
                shown.append(where + render_message(msg))
            elif call.method == "files.completeUploadExternal":
                shown.append("(a chart was uploaded)")
        self._seen = len(self.slack.calls)
        return shown

    def loop(self, stdin: IO[str]) -> None:
        """Read commands until EOF or `quit`."""

        print(BANNER.format(team=self.team, db=normalize_url(self.settings.database_url)), file=self.out)


        with self.services.db.session() as session:
            if not session.scalar(select(func.count()).select_from(Candidate).where(Candidate.team_id == self.team)):
                print("No candidates yet: `hirebot demo-data` loads a fictional sample team "
                      "(or /candidate add github:<login>).", file=self.out)
        interactive = stdin.isatty()
        while True:
            if interactive:
                print("hirebot> ", end="", file=self.out, flush=True)
            line = stdin.readline()
            if not line:
                break
            line = line.strip()
            if not line:
                continue
            if line in ("quit", "exit", ":q"):
                break
            if not line.startswith("/"):
                line = "/hirebot help" if line in ("help", "?") else line
                if not line.startswith("/"):
                    print("Commands start with /, e.g. /shortlist ml-engineer 5 (or `help`).", file=self.out)
                    continue
            print(f"> {line}\n" if not interactive else "", end="", file=self.out)
            print(self.run_command(line) + "\n", file=self.out, flush=True)


def run(settings: Settings, commands: list[str] | None = None, stdin: IO[str] = sys.stdin) -> None:
    """Run the console: the given commands once, or an interactive loop."""
    console = Console(settings)
    try:
        if commands:
            for line in commands:
                print(f"> {line}", file=console.out)
                print(console.run_command(line) + "\n", file=console.out, flush=True)
        else:
            console.loop(stdin)
    finally:
        console.close()
