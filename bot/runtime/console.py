"""`hirebot console`: type the slash commands at a prompt, read the replies as Slack shows them, press buttons."""

from __future__ import annotations

import json
import re
import sys
import time
import uuid
from typing import IO, Any

from pydantic import SecretStr
from rich.console import Console as Terminal
from rich.text import Text
from sqlalchemy import func, select

from bot.core.config import Settings
from bot.core.db import normalize_url
from bot.core.ids import Command
from bot.core.models import Candidate
from bot.runtime import console_requests as req
from bot.runtime.app import build_app
from bot.runtime.console_input import HELP, CONSOLE_COMMANDS, parse_when, read_input
from bot.runtime.console_render import BlockRenderer, Clickable
from bot.runtime.jobs import tick as run_tick
from bot.runtime.localslack import Call, LocalSlack

BANNER = """Hirebot console: type a slash command (e.g. /shortlist ml-engineer 5), `help`, or `quit`.
Team {team} on {db}; this is #console, a private channel. Buttons are numbered: `/click N` presses one."""
SHOWN = ("response_url", "chat.postMessage", "chat.postEphemeral", "chat.update", "views.open", "views.push",
         "views.update", "views.publish", "files.completeUploadExternal")


class _Trimmed:
    """A text stream that drops the spaces rich pads wrapped lines with, so copied output has no trailing blanks."""

    _TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)\n")

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, text: str) -> int:
        """Write `text` without trailing spaces on its lines."""
        return self.stream.write(self._TRAILING.sub(r"\1\n", text))

    def flush(self) -> None:
        """Flush the underlying stream."""
        self.stream.flush()

    def isatty(self) -> bool:
        """Whether the underlying stream is a terminal (rich decides on colour and width by it)."""
        return self.stream.isatty()

    def fileno(self) -> int:
        """The underlying file descriptor (rich asks it for the terminal size)."""
        return self.stream.fileno()


class Console:
    """A local Slack workspace of one: commands and clicks go through the real app, signed; replies are printed."""

    def __init__(self, settings: Settings, *, user_id: str = "U0LOCAL", out: IO[str] = sys.stdout,
                 width: int | None = None):

        self.out = out
        self.term = Terminal(file=_Trimmed(out), width=width or (None if out.isatty() else 100), highlight=False,
                             markup=False, emoji=False)
        self.user_id = user_id
        self.team = settings.console_team_id
        self.tz = settings.default_timezone
        # The console's channel is private, as a hiring channel would be, so `/hirebot digest here` works in it.
        self.slack = LocalSlack(team_id=self.team, users={user_id: {"real_name": "You", "tz": self.tz}},
                                private_channels={req.CHANNEL_ID})
        self.slack.start()
        self.secret = "console-" + uuid.uuid4().hex
        self.settings = settings.model_copy(update={
            "slack_api_url": self.slack.url, "slack_bot_token": SecretStr("xoxb-console-local"),
            "slack_signing_secret": SecretStr(self.secret), "slack_client_id": None, "slack_client_secret": None,
        })
        self.app = build_app(self.settings, verify_requests=True)
        self.services = self.app._hirebot_services  # type: ignore[attr-defined]
        self.render = BlockRenderer(self._number, tz=self.tz, channels={req.CHANNEL_ID: req.CHANNEL_NAME, user_id: "you"})
        self.clicks: dict[int, Clickable] = {}
        self.modal: dict[str, Any] | None = None
        self._showing: dict[str, Any] = {}  # where the message being rendered sits, for the numbers it hands out
        self._seen = 0

    def close(self) -> None:
        """Stop the local Slack and the background pool."""
        self.services.background.shutdown(wait=True)
        self.slack.stop()

    # -- what the person types ---------------------------------------------------------------
    def handle(self, line: str) -> None:
        """Run one input: a slash command, a console command (/click, /tick, /submit, /cancel) or `help`."""
        line = line.strip()
        word, _, rest = line.partition(" ") if " " in line.split("\n", 1)[0] else line.partition("\n")
        word = word.lower()
        if word in ("help", "?", "/help"):
            self.term.print(Text(HELP))
            self.command("/hirebot", "help")
        elif word == "/click":
            self.click(rest.strip())
        elif word == "/submit":
            self.submit(rest)
        elif word == "/cancel":
            self.modal = None
            self.note("Closed the modal; nothing was submitted.")
        elif word == "/tick":
            self.tick(rest.strip())
        elif word in {c.value for c in Command}:
            self.command(word, rest)
        else:
            known = ", ".join([c.value for c in Command] + list(CONSOLE_COMMANDS))
            self.note(f"Unknown command {word}. Known here: {known}. `help` explains them.")

    def command(self, command: str, text: str) -> None:
        """A slash command through the app, as Slack would send it from #console."""
        body = req.command_body(team=self.team, user=self.user_id, command=command, text=text,
                                response_url=self.slack.response_url("cmd"))
        response = self.app.dispatch(req.signed(body, self.secret))
        if response.body:
            try:
                message = json.loads(response.body)
            except ValueError:
                message = {"text": response.body}
            public = message.get("response_type") == "in_channel"
            self.show(message, "Hirebot in #console" if public else "only you see this, in #console",
                      channel=req.CHANNEL_ID, ephemeral=not public)
        self.drain()

    def click(self, arg: str) -> None:
        """`/click N [yes]`: press button N as Slack would, after its confirm dialog when it has one."""
        number, _, answer = arg.partition(" ")
        target = self.clicks.get(int(number)) if number.isdigit() else None
        if target is None:
            self.note(f"No button {number or '(none given)'}: `/click N` takes a number shown in [brackets]."
                      + (f" The newest is {max(self.clicks)}." if self.clicks else " No buttons are shown yet."))
            return
        confirm = target.element.get("confirm") if target.option is None else None
        if confirm and answer.strip().lower() not in ("yes", "y"):
            title = (confirm.get("title") or {}).get("text", "Are you sure?")
            ok = (confirm.get("confirm") or {}).get("text", "Yes")
            self.term.print(Text(f"❓ {title} ", "bold") + self.render.text(confirm.get("text")))
            self.note(f"`/click {number} yes` to {ok}; anything else cancels.")
            return
        self.note(f"You clicked “{target.label}”.")
        body = req.block_actions_body(team=self.team, user=self.user_id, click=target,
                                      response_url=self.slack.response_url(f"click{number}"))
        response = self.app.dispatch(req.signed(body, self.secret))
        if response.status >= 400:
            self.note(f"The app answered the click with HTTP {response.status}.")
        self.drain()

    def submit(self, text: str) -> None:
        """`/submit TEXT`: type TEXT into the open modal's text box and press its submit button."""
        if self.modal is None:
            self.note("No modal is open: `/submit` fills the one a button opened.")
            return
        boxes = req.text_inputs(self.modal)
        if len(boxes) != 1:
            self.note(f"This modal has {len(boxes)} text boxes; the console submits modals with exactly one. "
                      "Use the slash command instead (`help` lists them).")
            return
        view = self.modal
        body = req.view_submission_body(team=self.team, user=self.user_id, view=view,
                                        values={boxes[0][0]: text.strip()})
        response = self.app.dispatch(req.signed(body, self.secret))
        answer = json.loads(response.body) if response.body else {}
        if answer.get("response_action") == "errors":
            for block_id, error in (answer.get("errors") or {}).items():
                self.note(f"⚠ {error} (the modal stays open; `/submit` again or `/cancel`)")
        elif answer.get("response_action") in ("update", "push"):
            self.modal = answer["view"] | {"id": view.get("id", "V0LOCAL")}
            self._show_view(self.modal, "the modal now shows")
        else:
            self.modal = None
            self.note("Submitted; the modal closed.")
        self.drain()

    def tick(self, when: str) -> None:
        """`/tick [ISO-TIME|HH:MM]`: run the clock jobs due at that moment, then show what they posted."""
        try:
            now = parse_when(when, self.tz)
        except ValueError as exc:
            self.note(str(exc))
            return
        totals = run_tick(self.services, now)
        done = ", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "nothing due"
        self.note(f"tick at {now.strftime('%a %Y-%m-%d %H:%M %Z')}: {done}")
        self.drain()

    # -- what the app posted -----------------------------------------------------------------
    def drain(self, settle: float = 0.3, limit: float = 30.0) -> None:
        """Wait for background work to finish, then show every message it posted, with where it went."""
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
        calls = self.slack.calls[self._seen:]
        self._seen += len(calls)
        for call in calls:
            if call.method in SHOWN:
                self._show_call(call)

    def _where(self, channel: str) -> str:
        if channel == req.CHANNEL_ID:
            return "#console"
        if channel.startswith(("D", "U")):
            return "a DM to you" if channel[1:] == self.user_id[1:] else f"a DM to @{'U' + channel[1:]}"
        return f"#{channel}"

    def _show_call(self, call: Call) -> None:
        args = dict(call.args)
        if isinstance(args.get("blocks"), str):
            args["blocks"] = json.loads(args["blocks"])
        method = call.method
        if method == "response_url":
            if args.get("delete_original"):
                self.note("Hirebot removed the message you clicked.")
                return
            public = args.get("response_type") == "in_channel"
            replaced = " (replaces the message you clicked)" if str(args.get("replace_original")).lower() == "true" \
                or args.get("replace_original") is True else ""
            self.show(args, ("Hirebot in #console" if public else "only you see this, in #console") + replaced,
                      channel=req.CHANNEL_ID, ephemeral=not public)
        elif method == "chat.postEphemeral":
            self.show(args, f"only you see this, in {self._where(args.get('channel', ''))}",
                      channel=args.get("channel", ""), ephemeral=True)
        elif method in ("chat.postMessage", "chat.update"):
            channel = (call.answer or {}).get("channel") or args.get("channel", "")
            message = (call.answer or {}).get("message") or args
            verb = "posted in" if method == "chat.postMessage" else "updated a message in"
            self.show(message, f"Hirebot {verb} {self._where(channel)}", channel=channel, ephemeral=False)
        elif method == "views.publish":
            self._show_view(json.loads(args["view"]) if isinstance(args.get("view"), str) else args.get("view") or {},
                            "your App Home tab now shows")
        elif method.startswith("views."):
            view = (call.answer or {}).get("view") or {}
            self.modal = view
            self._show_view(view, "a modal opened")
        elif method == "files.completeUploadExternal":
            titles = ", ".join(f.get("title", "a file") for f in json.loads(args.get("files") or "[]")) \
                if isinstance(args.get("files"), str) else "a file"
            self.note(f"Hirebot uploaded {titles or 'a chart'} to {self._where(args.get('channel_id', ''))} "
                      "(images are not drawn in the terminal).")

    def _show_view(self, view: dict[str, Any], heading: str) -> None:
        self._heading(heading)
        self._showing = {"view": view}
        self.term.print(self.render.view(view))
        boxes = req.text_inputs(view) if view.get("type") == "modal" else []
        if view.get("type") == "modal" and view.get("submit"):
            if len(boxes) == 1:
                self.note(f"Type `/submit <text>` to fill “{boxes[0][2]}” and press "
                          f"{view['submit'].get('text', 'Submit')}, or `/cancel`.")
            else:
                self.note(f"This modal has {len(boxes)} text boxes; the console cannot submit it. `/cancel` closes it.")
        self._showing = {}

    def show(self, message: dict[str, Any], heading: str, *, channel: str, ephemeral: bool) -> None:
        """Print one message under a line saying where it appeared; its buttons get numbers."""
        self._heading(heading)
        self._showing = {"message": message, "channel": channel, "ephemeral": ephemeral}
        self.term.print(self.render.message(message))
        self._showing = {}

    def _heading(self, heading: str) -> None:
        self.term.print(Text(f"── {heading} ", "bold cyan"))

    def _number(self, element: dict[str, Any], block_id: str, option: dict[str, Any] | None) -> int:
        # Numbers only grow, so `/click 3` still means the button that was labelled 3 when it was shown.
        n = max(self.clicks, default=0) + 1
        self.clicks[n] = Clickable(element=element, block_id=block_id, option=option,
                                   message=self._showing.get("message") or {}, channel=self._showing.get("channel", ""),
                                   ephemeral=self._showing.get("ephemeral", False), view=self._showing.get("view"))
        return n

    def note(self, text: str) -> None:
        """A line from the console itself (not from Hirebot), in mrkdwn."""
        self.term.print(Text("· ", "dim") + self.render.text({"type": "mrkdwn", "text": text}, "italic"))

    # -- the loop ----------------------------------------------------------------------------
    def loop(self, stdin: IO[str]) -> None:
        """Read inputs until EOF or `quit`; a multi-line paste is one input."""
        self.term.print(Text(BANNER.format(team=self.team, db=normalize_url(self.settings.database_url))))
        with self.services.db.session() as session:
            if not session.scalar(select(func.count()).select_from(Candidate).where(Candidate.team_id == self.team)):
                self.note("No candidates yet: `hirebot demo-data` loads a fictional sample team "
                          "(or /candidate add github:<login>).")
        interactive = stdin.isatty()
        while True:
            line = read_input(stdin, interactive, prompt="hirebot> ")
            if line is None or line in ("quit", "exit", ":q"):
                break
            if not line:
                continue
            first = line.split(None, 1)[0].lower()
            if not line.startswith("/") and first not in ("help", "?"):
                self.note("Commands start with /, e.g. /shortlist ml-engineer 5 (or `help`).")
                continue
            if not interactive:
                self.term.print(Text(f"> {line}", "bold"))
            self.handle(line)
            self.term.print()


def run(settings: Settings, commands: list[str] | None = None, stdin: IO[str] = sys.stdin,
        out: IO[str] = sys.stdout, width: int | None = None) -> Console:
    """Run the console: the given commands once, or an interactive loop; returns the closed console."""
    console = Console(settings, out=out, width=width)
    try:
        if commands:
            for line in commands:
                console.term.print(Text(f"> {line}", "bold"))
                console.handle(line)
                console.term.print()
        else:
            console.loop(stdin)
    finally:
        console.close()
    return console
