"""Small helpers shared by the listeners: who is asking, and how to read what they typed."""

from __future__ import annotations

from typing import Any

from bot.core.errors import UserError
from bot.core.services import Services


def services(context: Any) -> Services:
    """The Services object the middleware put into Bolt's context."""
    return context["hb"]


def team_of(context: Any, body: dict[str, Any] | None = None) -> str:
    """The Slack team a request belongs to (org-wide installs fall back to the enterprise id)."""
    team = context.get("team_id") or context.get("enterprise_id")
    if not team and body:
        team = body.get("team_id") or (body.get("team") or {}).get("id")
    if not team:
        raise UserError("This request carries no Slack team, so Hirebot cannot tell whose data to use.")
    return team


def nudge_value(value: str) -> tuple[int, int]:
    """A nudge button's value, `enrollment_id:step`; a value Hirebot did not write asks to rerun the command."""
    try:
        enr, step = value.split(":", 1)
        return int(enr), int(step)
    except ValueError as exc:
        raise UserError("That button is from an older Hirebot message; run `/outreach status`.") from exc
