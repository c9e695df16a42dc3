"""The audit log: who viewed, exported or forgot which candidate, by id only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.core.models import AuditEvent


def audit(*, session: Session, team_id: str, user_id: str | None, action: str, candidate_id: int | None) -> None:
    """Record who viewed, exported or forgot which candidate (ids only)."""
    session.add(AuditEvent(team_id=team_id, user_id=user_id, action=action, candidate_id=candidate_id))
