"""`help` for every command, answered in the ack."""

from __future__ import annotations

from typing import Any

from bot.core.render import render
from handlers.usage import USAGE


def help_message(command: str, *, overview: bool = False) -> dict[str, Any]:
    """The ephemeral help reply for one command (with the other commands listed when `overview`)."""
    others = [c for c in USAGE if c != command] if overview else []
    return render("help/help.json.j2", usage=USAGE[command], others=others) | {"response_type": "ephemeral"}
