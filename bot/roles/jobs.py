"""Background and clock jobs: each takes ids, opens its own session, and is safe to run twice."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.candidates import store
from bot.core.models import Candidate, Role
from bot.core.services import Services

log = logging.getLogger(__name__)
BATCH = 500


def rescore_role(services: Services, team_id: str, role_id: int) -> int:
    """Recompute one role's scores for every candidate of the team (after the scorecard changed)."""
    written = 0
    last_id = 0
    while True:
        with services.db.session() as session:
            role = session.get(Role, role_id)
            if role is None or role.team_id != team_id:
                return written
            batch = list(session.scalars(select(Candidate).where(Candidate.team_id == team_id, Candidate.id > last_id)
                                         .order_by(Candidate.id).limit(BATCH)))
            if not batch:
                return written
            written += store.rescore(session=session, candidates=batch, roles=[role], today=services.now().date())
            last_id = batch[-1].id
