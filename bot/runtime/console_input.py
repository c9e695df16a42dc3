"""What the console reads: one input per Enter (a multi-line paste stays one input), `/tick` times, the help."""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta
from typing import IO
from zoneinfo import ZoneInfo

try:  # GNU readline reads a bracketed paste, newlines and all, as one line; Windows has no readline
    import readline  # noqa: F401 - imported for its side effect on input()
    HAS_READLINE = True
except ImportError:  # pragma: no cover - platform dependent
    HAS_READLINE = False

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # xterm bracketed paste markers
CONSOLE_COMMANDS = ("/click N", "/submit TEXT", "/cancel", "/tick [TIME]", "help", "quit")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

HELP = """How to read the console
  ── only you see this, in #console   an ephemeral reply: in Slack only you would see it
  ── Hirebot posted in #console       a channel message (#console is a private channel)
  ── Hirebot posted in a DM to you    a direct message, e.g. a follow-up nudge
  (replaces the message you clicked)  Slack shows it where the clicked message was
  [3 Start outreach]                  a button: `/click 3` presses it (green: the main action)
  [4 Pass!]                           destructive (red), Slack asks first: `/click 4 yes`
  ⋯ [5 Details] [6 Salary for role]   a "more" menu: each option has its own number
  ▌ text                              a quote: a draft message, a candidate's reply
  underlined words, grey address      a link; the address is printed whole, to copy
  · text                              a note from the console itself, not from Hirebot

Console commands, besides Hirebot's own /shortlist, /salary, /candidate, /outreach, /hirebot:
  /click N [yes]   press button N as Slack would (yes answers its confirm dialog)
  /submit TEXT     type TEXT into the open modal's text box and submit it; /cancel closes it
  /tick [TIME]     run the clock jobs (digests, follow-up nudges, deadlines) as at TIME (now,
                   HH:MM: the next such time in your timezone, or ISO) and show what they post
  quit             leave (Ctrl-D works too)
A multi-line paste (a CSV after /salary import, a reply after /outreach reply) is one input.
"""


def parse_when(text: str, tz: str, now: datetime | None = None) -> datetime:
    """'' -> now; 'HH:MM' -> the next such local time; an ISO time (local when it has no offset)."""
    zone = ZoneInfo(tz)
    current = (now or datetime.now(zone)).astimezone(zone)
    text = text.strip()
    if not text or text.lower() == "now":
        return current
    m = _HHMM.match(text)
    if m:
        moment = current.replace(hour=int(m.group(1)), minute=int(m.group(2)), second=0, microsecond=0)
        return moment if moment > current else moment + timedelta(days=1)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a time: `/tick`, `/tick 09:00` or `/tick 2026-11-23T09:00`.") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _read_line(stdin: IO[str], interactive: bool, prompt: str) -> str | None:
    if interactive and stdin is sys.stdin:
        try:
            return input(prompt)
        except EOFError:
            return None
    line = stdin.readline()
    return line or None


def read_input(stdin: IO[str], interactive: bool, *, prompt: str = "> ") -> str | None:
    """The next input (None at end of input); lines inside a bracketed paste are joined into one."""
    line = _read_line(stdin, interactive, prompt)
    if line is None:
        return None
    if PASTE_START in line:
        while PASTE_END not in line:
            more = _read_line(stdin, interactive, "")
            if more is None:
                break
            line = line.rstrip("\n") + "\n" + more
    return line.replace(PASTE_START, "").replace(PASTE_END, "").strip()
