"""/salary <role> [level] [region] [specialty]: salary benchmarks with sources."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.ids import Command
from handlers.common import split_args, wants_help
from handlers.help import help_message


def handle_salary(ack: Any, body: dict[str, Any], context: Any) -> None:
    """Answer in the ack: stored scores make this cheap."""
    words = split_args(body.get("text", ""))
    if wants_help(words):
        ack(**help_message(Command.SALARY))
        return
    raise NotImplementedError


def register(app: App) -> None:
    """Register /salary and its chart button."""
    app.command(Command.SALARY)(handle_salary)
