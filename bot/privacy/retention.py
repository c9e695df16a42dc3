"""Retention: forget candidates nobody touched for HIREBOT_RETENTION_MONTHS."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from bot.core.models import AuditEvent, Candidate, Enrollment, Note, PipelineEntry, Touch
from bot.privacy.forget import forget_candidate

log = logging.getLogger(__name__)


# -- retention ----------------------------------------------------------------------------------------
RETENTION_BATCH = 200


_KEEP_ACTIONS = ("view", "export")


def _touched_since(cutoff: datetime) -> Any:
    """A condition on Candidate: someone added, changed, viewed, noted, staged or contacted them since `cutoff`,
    or an outreach sequence is still running."""
    return or_(
        Candidate.created_at >= cutoff,
        Candidate.updated_at >= cutoff,
        exists().where(Note.candidate_id == Candidate.id, Note.created_at >= cutoff),
        exists().where(PipelineEntry.candidate_id == Candidate.id, PipelineEntry.stage_entered_at >= cutoff),
        exists().where(Enrollment.candidate_id == Candidate.id,
                       or_(Enrollment.started_at >= cutoff, Enrollment.status == "active")),
        exists().where(Touch.enrollment_id == Enrollment.id, Enrollment.candidate_id == Candidate.id,
                       Touch.at >= cutoff),
        exists().where(AuditEvent.candidate_id == Candidate.id, AuditEvent.team_id == Candidate.team_id,
                       AuditEvent.action.in_(_KEEP_ACTIONS), AuditEvent.at >= cutoff),
    )


def stale_candidate_ids(*, session: Session, now: datetime, months: int, after_id: int = 0,
                        limit: int = RETENTION_BATCH, team_id: str | None = None) -> list[int]:
    """Ids of candidates nobody touched for `months` months (of one team, or of all), in id order."""
    query = select(Candidate.id).where(Candidate.id > after_id, ~_touched_since(now - relativedelta(months=months)))
    if team_id is not None:
        query = query.where(Candidate.team_id == team_id)
    return list(session.scalars(query.order_by(Candidate.id).limit(limit)))


def forget_stale_candidates(services: Any, now: datetime, *, team_id: str | None = None) -> dict[str, int]:
    """Clock job: forget candidates nobody touched for HIREBOT_RETENTION_MONTHS months (unset: keep everyone).

    Each candidate is forgotten in its own transaction with forget_candidate (the audit log
    keeps the id, with no user: the retention policy did it).
    """
    months = services.settings.retention_months
    if not months:
        return {}
    stale = ~_touched_since(now - relativedelta(months=months))
    forgotten: list[int] = []
    last_id = 0
    while True:
        with services.db.session() as session:
            ids = stale_candidate_ids(session=session, now=now, months=months, after_id=last_id, team_id=team_id)
        if not ids:
            break
        last_id = ids[-1]
        for cid in ids:
            try:
                with services.db.session() as session:
                    # Looked again inside the transaction: someone may have touched them a moment ago.
                    cand = session.scalar(select(Candidate).where(Candidate.id == cid, stale))
                    if cand is not None:
                        forget_candidate(session=session, candidate=cand, user_id=None)
                        forgotten.append(cid)
            except Exception:  # one candidate's failure must not keep everyone else past their time
                log.exception("retention: could not forget candidate %s; the next run tries again", cid)
    if forgotten:
        log.info("retention: forgot %d candidates untouched for %d months: %s", len(forgotten), months, forgotten)
    return {"retention_forgotten": len(forgotten)} if forgotten else {}
