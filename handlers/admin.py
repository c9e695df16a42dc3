"""/hirebot: help, roles, digests, settings."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Command
from handlers.dispatch import subcommand_router

SUBCOMMANDS: dict = {}


def register(app: App) -> None:
    """Register /hirebot and its actions."""
    app.command(Command.HIREBOT)(subcommand_router(Command.HIREBOT, SUBCOMMANDS, overview=True))
