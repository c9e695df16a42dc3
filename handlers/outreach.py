"""/outreach: sequences, follow-up nudges and reply intents."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Command
from handlers.dispatch import subcommand_router

SUBCOMMANDS: dict = {}


def register(app: App) -> None:
    """Register /outreach and its actions."""
    app.command(Command.OUTREACH)(subcommand_router(Command.OUTREACH, SUBCOMMANDS))
