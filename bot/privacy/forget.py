"""Forget a candidate: every row about them, cached responses naming them, referral notes quoting them."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.candidates.service import REFERRAL_NOTE_FORGOTTEN, referral_notes_quoting
from bot.core.httpcache import forget_handles
from bot.core.models import AuditEvent, Candidate, Enrollment, Note, PipelineEntry, Score, Signal, Touch


def forget_candidate(*, session: Session, candidate: Candidate, user_id: str | None) -> None:
    """Erase every row about a person; the audit trail keeps only ids.

    Beyond the rows keyed by the candidate: the public-API responses cached under their handles
    (bot.httpcache.forget_handles says why even when another team has the same handle), and the
    referral notes on other candidates that quote their name and reply (rewritten to say a
    forgotten candidate referred them).
    """

    cid, team_id = candidate.id, candidate.team_id
    snap = candidate.snapshot if isinstance(candidate.snapshot, dict) else {}
    handles = [h for h in (candidate.github, candidate.huggingface, snap.get("github"), snap.get("huggingface"))
               if isinstance(h, str)]
    for note in referral_notes_quoting(session=session, candidate=candidate):
        note.text = REFERRAL_NOTE_FORGOTTEN
    enrollment_ids = list(session.scalars(select(Enrollment.id).where(Enrollment.candidate_id == cid)))
    if enrollment_ids:
        session.execute(delete(Touch).where(Touch.enrollment_id.in_(enrollment_ids)))
    for model in (Enrollment, Score, Signal, PipelineEntry, Note):
        session.execute(delete(model).where(model.candidate_id == cid))
    session.delete(candidate)
    forget_handles(session, handles)
    session.add(AuditEvent(team_id=team_id, user_id=user_id, action="forget", candidate_id=cid))
