"""/hirebot: help, roles, digests, settings."""

from __future__ import annotations

import shlex
from typing import Any

from slack_bolt import App
from sqlalchemy import delete

from bot.core.errors import UserError
from bot.core.ids import Command
from bot.core.models import PipelineEntry, Role, Score
from bot.core.render import escape_mrkdwn
from bot.core.teams import ensure_team, role_from_card
from bot.roles.service import get_role, list_roles, rescore_role
from handlers.access import anyone, hiring_team, hiring_team_for
from handlers.common import services, team_of
from handlers.digests import cmd_digest
from handlers.dispatch import Sub, subcommand_router
from handlers.help import help_message
from handlers.settings import cmd_settings
from scoring.scorecard import ROLE_SPEC_EXAMPLE, parse_role_spec
from scoring.types import BadInput


def _role_text(role: Role) -> str:
    def skills(items: list[str]) -> str:
        return ", ".join(escape_mrkdwn(s.replace("|", " or ")) for s in items) or "none"

    weights = ", ".join(f"{k} {v:g}" for k, v in sorted((role.weights or {}).items(), key=lambda kv: -kv[1]))
    lines = [f"*{escape_mrkdwn(role.title)}* (`{role.slug}`)" + (f" · {role.level}" if role.level else "")
             + (f" · {escape_mrkdwn(role.location)}" if role.location else ""),
             f"Must-have (70% qualifies): {skills(role.must_have)}", f"Nice-to-have: {skills(role.nice_to_have)}",
             f"Signal weights: {weights}"]
    for i, q in enumerate(role.questions or [], 1):
        lines.append(f"Q{i}. {escape_mrkdwn(q)}")
    return "\n".join(lines)


def _role_list(team_id: str, hb: Any) -> dict[str, Any]:
    with hb.db.session() as session:
        roles = list_roles(session=session, team_id=team_id)
        text = "\n".join(f"• `{r.slug}`: {escape_mrkdwn(r.title)} · must: "
                         + escape_mrkdwn(", ".join(s.replace("|", "/") for s in r.must_have[:5])) for r in roles)
    return {"text": f"*Roles* ({len(roles)})\n{text}\n_`/hirebot role show <role>` for a scorecard; "
                    "`/hirebot role add <name> must:... nice:...` to add one._"}


def cmd_role(*, args: list[str], body: dict[str, Any], context: Any, **_: Any) -> dict[str, Any]:
    """Roles and their scorecards: list, show, add, edit, remove."""
    hb = services(context)
    team_id = team_of(context, body)
    action = (args[0].lower() if args else "list")
    rest = args[1:]
    if action == "list":
        return _role_list(team_id, hb)
    if action == "show":
        if not rest:
            raise UserError("Say which role.", example="/hirebot role show ml-engineer")
        with hb.db.session() as session:
            return {"text": _role_text(get_role(session=session, team_id=team_id, name=" ".join(rest)))}
    if action in ("add", "edit"):

        try:
            card = parse_role_spec(" ".join(shlex.quote(w) for w in rest))
        except BadInput as exc:
            raise UserError(exc.message, suggestions=exc.suggestions, example=exc.example or ROLE_SPEC_EXAMPLE) from exc
        with hb.db.session() as session:
            ensure_team(session=session, team_id=team_id)
            existing = {r.slug: r for r in list_roles(session=session, team_id=team_id)}
            role = existing.get(card.slug)
            if action == "add" and role is not None:
                raise UserError(f"There already is a role `{card.slug}`; use `edit` to change it.",
                                example=f"/hirebot role edit {card.slug} must:pytorch,python")
            if action == "edit" and role is None:
                raise UserError(f"No role `{card.slug}` to edit.", suggestions=tuple(sorted(existing))[:3],
                                example=f"/hirebot role add {card.slug} must:pytorch,python")
            if role is None:
                role = role_from_card(team_id, card)
                session.add(role)
            else:
                # Edit changes only what was given; weights stay unless the template changed.
                given = {w.split(":", 1)[0].lower() for w in rest[1:] if ":" in w}
                if given & {"must", "must-have", "must_have"}:
                    role.must_have = list(card.must_have)
                if given & {"nice", "nice-to-have", "nice_to_have"}:
                    role.nice_to_have = list(card.nice_to_have)
                if given & {"q", "question"}:
                    role.questions = list(card.questions)
                if "level" in given:
                    role.level = card.level
                if given & {"location", "loc"}:
                    role.location = card.location
                if "title" in given:
                    role.title = card.title
                if given & {"base", "like"}:
                    role.weights = dict(card.weights)
            session.flush()
            role_id, text = role.id, _role_text(role)
        hb.background.submit(rescore_role, hb, team_id, role_id)
        return {"text": ("Added" if action == "add" else "Updated") + " the role; scores are being recomputed.\n" + text}
    if action == "remove":
        if not rest:
            raise UserError("Say which role to remove.", example="/hirebot role remove data-scientist")
        with hb.db.session() as session:
            role = get_role(session=session, team_id=team_id, name=" ".join(rest))
            slug = role.slug
            session.execute(delete(Score).where(Score.role_id == role.id))
            session.execute(delete(PipelineEntry).where(PipelineEntry.role_id == role.id))
            session.delete(role)
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
