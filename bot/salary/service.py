"""The team's own offers and salary bands: stored, read back for percentiles."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.models import Candidate, TeamSalary
from bot.core.render import escape_mrkdwn
from bot.core.services import Services
from scoring.salary import OfferRow, parse_offers_csv


def team_salaries(*, session: Session, team_id: str, role: str, level: str) -> list[TeamSalary]:
    """The team's own offers for a role and level."""
    return list(session.scalars(select(TeamSalary).where(TeamSalary.team_id == team_id, TeamSalary.role == role,
                                                         TeamSalary.level == level)))


def team_offers(*, session: Any, team_id: str) -> list[OfferRow]:
    """The team's stored offers as rows the salary module understands."""
    rows = session.scalars(select(TeamSalary).where(TeamSalary.team_id == team_id))
    return [OfferRow(line=0, role=r.role, level=r.level, base=Decimal(r.base), currency=r.currency,
                     location=r.location or "", region=r.region) for r in rows]


def candidate_location(*, session: Any, team_id: str, candidate_id: int) -> str | None:
    """A candidate's free-text location, read within the team (None when unknown or not this team's)."""
    return session.scalar(select(Candidate.location).where(Candidate.team_id == team_id, Candidate.id == candidate_id))


def store_offers(hb: Services, team_id: str, text: str) -> str:
    """Parse and save offers; returns a human summary with each bad line."""
    rows, errors = parse_offers_csv(text)
    with hb.db.session() as session:
        for r in rows:
            session.add(TeamSalary(team_id=team_id, role=r.role, level=r.level, location=r.location or None,
                                   region=r.region, currency=r.currency or ("EUR" if r.region == "western-europe" else "USD"),
                                   base=int(r.base), bonus=int(r.bonus) if r.bonus is not None else None,
                                   equity=(f"{r.equity_pct}%" if r.equity_pct is not None else
                                           str(r.equity_value) if r.equity_value is not None else None),
                                   offered_on=r.date.isoformat() if r.date else None))
    lines = [f"Saved {len(rows)} offer{'' if len(rows) == 1 else 's'}. `/salary` now shows your team's percentiles beside the market "
             "(from 3 matching offers up)."]
    lines += [f"• {escape_mrkdwn(str(e))}" for e in errors[:20]]
    return "\n".join(lines)
