"""/candidate: add, show, note, stage, discover, export, forget."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Command
from handlers.dispatch import subcommand_router

SUBCOMMANDS: dict = {}


def register(app: App) -> None:
    """Register /candidate and its actions."""
    app.command(Command.CANDIDATE)(subcommand_router(Command.CANDIDATE, SUBCOMMANDS))
