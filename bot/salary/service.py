"""bot.salary.service."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.models import TeamSalary


def team_salaries(*, session: Session, team_id: str, role: str, level: str) -> list[TeamSalary]:
    """The team's own offers for a role and level."""
    return list(session.scalars(select(TeamSalary).where(TeamSalary.team_id == team_id, TeamSalary.role == role,
                                                         TeamSalary.level == level)))
