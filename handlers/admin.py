"""/hirebot: help, roles, digests, settings."""

from __future__ import annotations

import shlex
from typing import Any

from slack_bolt import App

from bot.core.errors import UserError
from bot.core.ids import Command
from bot.roles.messages import role_list_message, role_message
from bot.roles.service import add_role, edit_role, get_role, list_roles, remove_role, rescore_role
from handlers.access import anyone, hiring_team, hiring_team_for
from handlers.common import services, team_of
from handlers.digests import cmd_digest
from handlers.dispatch import Sub, subcommand_router
from handlers.help import help_message
from handlers.settings import cmd_settings
from scoring.scorecard import ROLE_SPEC_EXAMPLE, parse_role_spec
from scoring.types import BadInput


def cmd_role(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Roles and their scorecards: list, show, add, edit, remove."""
    hb = services(context)
    team_id = team_of(context, body)
    action = (args[0].lower() if args else "list")
    rest = args[1:]
    if action == "list":
        with hb.db.session() as session:
            return role_list_message(list_roles(session=session, team_id=team_id))
    if action == "show":
        if not rest:
            raise UserError("Say which role.", example="/hirebot role show ml-engineer")
        with hb.db.session() as session:
            return role_message(get_role(session=session, team_id=team_id, name=" ".join(rest)))
    if action in ("add", "edit"):
        try:
            card = parse_role_spec(" ".join(shlex.quote(w) for w in rest))
        except BadInput as exc:
            raise UserError(exc.message, suggestions=exc.suggestions, example=exc.example or ROLE_SPEC_EXAMPLE) from exc
        with hb.db.session() as session:
            if action == "add":
                role = add_role(session=session, team_id=team_id, card=card)
            else:
                # Edit changes only what was given; weights stay unless the template changed.
                given = {w.split(":", 1)[0].lower() for w in rest[1:] if ":" in w}
                role = edit_role(session=session, team_id=team_id, card=card, given=given)
            role_id = role.id
            message = role_message(role, notice=("Added" if action == "add" else "Updated")
                                   + " the role; scores are being recomputed.")
        hb.background.submit(rescore_role, hb, team_id, role_id)
        return message
    if action == "remove":
        if not rest:
            raise UserError("Say which role to remove.", example="/hirebot role remove data-scientist")
        with hb.db.session() as session:
            slug = remove_role(session=session, team_id=team_id, name=" ".join(rest))
        return {"text": f"Removed role `{slug}` with its scores and pipeline entries (candidates stay)."}
    raise UserError(f"`role {action}` is not something I can do: list, show, add, edit or remove.",
                    example="/hirebot role list")


def cmd_help(*, args: list[str], **_: Any) -> dict[str, Any]:
    """/hirebot help: the overview of every command."""
    return help_message(Command.HIREBOT, overview=True)


# Role edits change how candidates are ranked and digests post candidates: the hiring team's;
# settings are checked inside (workspace admins change access rules).
SUBCOMMANDS: dict[str, Sub] = {
    "help": Sub(cmd_help, anyone),
    "role": Sub(cmd_role, hiring_team_for("add", "edit", "remove")),
    "roles": Sub(cmd_role, hiring_team_for("add", "edit", "remove")),
    "digest": Sub(cmd_digest, hiring_team),
    "settings": Sub(cmd_settings, anyone),
}


def register(app: App) -> None:
    """Register /hirebot."""
    app.command(Command.HIREBOT, middleware=[anyone])(subcommand_router(Command.HIREBOT, SUBCOMMANDS, overview=True))
