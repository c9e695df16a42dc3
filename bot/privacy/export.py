"""Export a candidate: everything stored about a person, as plain JSON-able data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.candidates.service import referral_notes_quoting
from bot.core.models import (
    AuditEvent,
    Candidate,
    Enrollment,
    HeldNotification,
    NewWorkAlert,
    Note,
    PipelineEntry,
    Score,
    Signal,
    Touch,
)


def _row(obj: Any) -> dict[str, Any]:
    return {col.name: (v.isoformat() if hasattr(v, "isoformat") else v)
            for col in obj.__table__.columns for v in [getattr(obj, col.key)]}


def export_data(*, session: Session, candidate: Candidate) -> dict[str, Any]:
    """Everything stored about a person, as plain JSON-able data: outreach and its replies and the audit trail too."""
    c = candidate
    enrollments = list(session.scalars(select(Enrollment).where(Enrollment.candidate_id == c.id).order_by(Enrollment.id)))
    touches = list(session.scalars(select(Touch).where(Touch.enrollment_id.in_([e.id for e in enrollments]))
                                   .order_by(Touch.at, Touch.id))) if enrollments else []
    audit = session.scalars(select(AuditEvent).where(AuditEvent.team_id == c.team_id, AuditEvent.candidate_id == c.id)
                            .order_by(AuditEvent.at, AuditEvent.id))
    return {
        "candidate": _row(c),
        "signals": [_row(s) for s in session.scalars(select(Signal).where(Signal.candidate_id == c.id))],
        "scores": [_row(s) for s in session.scalars(select(Score).where(Score.candidate_id == c.id))],
        "pipeline": [_row(p) for p in session.scalars(select(PipelineEntry).where(PipelineEntry.candidate_id == c.id))],
        "notes": [_row(n) for n in session.scalars(select(Note).where(Note.candidate_id == c.id))],
        "enrollments": [_row(e) for e in enrollments],
        "touches": [_row(t) for t in touches],
        "quoted_in_notes": [_row(n) for n in referral_notes_quoting(session=session, candidate=c)],
        "audit": [_row(a) for a in audit],
        "new_work_alerts": [_row(a) for a in session.scalars(select(NewWorkAlert).where(NewWorkAlert.candidate_id == c.id))],
        "held_notifications": [_row(h) for h in session.scalars(select(HeldNotification)
                                                                .where(HeldNotification.candidate_id == c.id))],
    }
