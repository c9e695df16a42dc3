"""/shortlist <role> [N] [filters]: the team's best candidates for a role, answered in the ack."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from sqlalchemy import select

from bot.core.ids import Command
from bot.core.models import Team
from bot.core.text import split_args, wants_help
from bot.core.versioning import RenderCache
from bot.shortlist.messages import shortlist_message
from handlers.access import hiring_team
from handlers.common import services, team_of
from handlers.help import help_message

# Rendered shortlists, reused until the team's data version moves (bot/versioning.py). Safe
# because the reply depends only on the team's data and the command text, never on the caller.
_CACHE = RenderCache()


def handle_shortlist(ack: Any, body: dict[str, Any], context: Any) -> None:
    """Stored scores make this cheap, so the answer goes in the ack."""
    if wants_help(split_args(body.get("text", ""))):
        ack(**help_message(Command.SHORTLIST))
        return
    hb = services(context)
    team_id = team_of(context, body)
    text = " ".join(body.get("text", "").split())
    with hb.db.session() as session:
        version = session.execute(select(Team.data_version, Team.created_at).where(Team.team_id == team_id)).first()
        key = (team_id, *version, text) if version else None
        message = _CACHE.get(key) if key else None
        if message is None:
            message = shortlist_message(session=session, team_id=team_id, text=text)
            if key:
                _CACHE.put(key, message)
    ack(response_type="ephemeral", **message)


def register(app: App) -> None:
    """Register /shortlist (its buttons live in handlers.candidate_actions)."""
    app.command(Command.SHORTLIST, middleware=[hiring_team])(handle_shortlist)
