"""/hirebot: help, roles, digests, settings, notify."""

from __future__ import annotations

import shlex
from typing import Any

from slack_bolt import App

from bot.core.errors import UserError
from bot.core.ids import ActionId, Command
from bot.roles.messages import (
    remove_confirm_message,
    rescored_message,
    reset_confirm_message,
    role_list_message,
    role_message,
)
from bot.roles.service import (
    add_role,
    default_role_changes,
    edit_role,
    get_role,
    list_roles,
    removal_counts,
    remove_role,
    rescore_team,
    reset_roles,
    role_by_slug,
)
from handlers.access import anyone, hiring_team, hiring_team_for
from handlers.common import services, team_of
from handlers.digests import cmd_digest
from handlers.dispatch import Sub, subcommand_router
from handlers.help import help_message
from handlers.notify import cmd_notify
from handlers.settings import cmd_settings
from scoring.scorecard import ROLE_SPEC_EXAMPLE, parse_role_spec
from scoring.types import BadInput


def cmd_role(*, args: list[str], body: dict[str, Any], context: Any, respond: Any = None, **_: Any) -> dict[str, Any]:
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
            role_id, role_slug = role.id, role.slug
            message = role_message(role, notice=("Added" if action == "add" else "Updated")
                                   + " the role; scores are being recomputed.")
        hb.background.submit(_rescore_then_say, hb, team_id, [(role_id, role_slug)], respond)
        return message
    if action == "remove":
        confirmed = bool(rest) and rest[-1].lower() == "confirm"
        names = rest[:-1] if confirmed else rest
        if len(names) != 1:
            raise UserError("Say the slug of the one role to remove (`/hirebot role list` shows them).",
                            example="/hirebot role remove data-scientist")
        if confirmed:
            return _remove(hb, team_id, names[0])
        with hb.db.session() as session:
            role = role_by_slug(session=session, team_id=team_id, slug=names[0])
            scores, entries = removal_counts(session=session, role=role)
            return remove_confirm_message(role, scores=scores, entries=entries)
    if action == "reset":
        if rest and rest[-1].lower() == "confirm":
            return _reset(hb, team_id, respond)
        with hb.db.session() as session:
            missing, edited = default_role_changes(session=session, team_id=team_id)
        if not missing and not edited:
            return {"text": "The default roles are all here with their default scorecards: nothing to reset."}
        return reset_confirm_message(missing=missing, edited=edited)
    raise UserError(f"`role {action}` is not something I can do: list, show, add, edit, remove or reset.",
                    example="/hirebot role list")


def _remove(hb: Any, team_id: str, slug: str) -> dict[str, Any]:
    with hb.db.session() as session:
        slug, scores, entries = remove_role(session=session, team_id=team_id, slug=slug)
    return {"text": f"Removed role `{slug}` with its {scores} scores and {entries} pipeline entries (candidates stay)."}


def _rescore_then_say(hb: Any, team_id: str, roles: list[tuple[int, str]], respond: Any) -> None:
    """Background: rescore the roles from stored features, then tell the person who changed them."""
    written = rescore_team(hb, team_id, [rid for rid, _ in roles])
    if respond is not None and roles:
        respond(response_type="ephemeral", replace_original=False,
                **rescored_message([slug for _, slug in roles], written // len(roles)))


def _reset(hb: Any, team_id: str, respond: Any = None) -> dict[str, Any]:
    with hb.db.session() as session:
        changed = [(r.id, r.slug) for r in reset_roles(session=session, team_id=team_id)]
    if changed:
        hb.background.submit(_rescore_then_say, hb, team_id, changed, respond)
    if not changed:
        return {"text": "The default roles are all here with their default scorecards: nothing to reset."}
    return {"text": "Reset " + ", ".join(f"`{slug}`" for _, slug in changed) + "; scores are being recomputed."}


def handle_remove_click(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """The danger button under a removal question (Slack's confirm dialog was already accepted)."""
    ack()
    hb = services(context)
    outcome = _remove(hb, team_of(context, body), body["actions"][0].get("value") or "")
    respond(replace_original=True, response_type="ephemeral", text=outcome["text"])


def handle_reset_click(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """The danger button under a reset question."""
    ack()
    respond(replace_original=True, response_type="ephemeral", text=_reset(services(context), team_of(context, body), respond)["text"])


def cmd_help(*, args: list[str], **_: Any) -> dict[str, Any]:
    """/hirebot help: the overview of every command."""
    return help_message(Command.HIREBOT, overview=True)


# Role edits change how candidates are ranked and digests post candidates: the hiring team's;
# settings are checked inside (workspace admins change access rules).
SUBCOMMANDS: dict[str, Sub] = {
    "help": Sub(cmd_help, anyone),
    "role": Sub(cmd_role, hiring_team_for("add", "edit", "remove", "reset")),
    "roles": Sub(cmd_role, hiring_team_for("add", "edit", "remove", "reset")),
    "digest": Sub(cmd_digest, hiring_team),
    "settings": Sub(cmd_settings, anyone),
    "notify": Sub(cmd_notify, anyone),  # a person's own notifications
}


def register(app: App) -> None:
    """Register /hirebot and the buttons that confirm a role removal or reset."""
    app.command(Command.HIREBOT, middleware=[anyone])(subcommand_router(Command.HIREBOT, SUBCOMMANDS, overview=True))
    app.action(ActionId.ROLE_REMOVE, middleware=[hiring_team])(handle_remove_click)
    app.action(ActionId.ROLE_RESET, middleware=[hiring_team])(handle_reset_click)
