"""Forget a candidate: every row about them, cached responses naming them, referral notes quoting them."""

from __future__ import annotations

import re

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot.candidates.service import REFERRAL_NOTE_FORGOTTEN, referral_notes_quoting
from bot.core.db import Database
from bot.core.httpcache import forget_handles
from bot.core.models import (AuditEvent, Candidate, Enrollment, InvalidAddress, MailEvent, Note, PipelineEntry, Score,
                             SentMail, Signal, Touch)


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
    scrub_notes_naming(session=session, candidate=candidate)
    enrollment_ids = list(session.scalars(select(Enrollment.id).where(Enrollment.candidate_id == cid)))
    if enrollment_ids:
        session.execute(delete(Touch).where(Touch.enrollment_id.in_(enrollment_ids)))
    # Emails sent to them (address, subject, body), replies and bounces caught, their bounced address.
    for model in (SentMail, MailEvent, InvalidAddress, Enrollment, Score, Signal, PipelineEntry, Note):
        session.execute(delete(model).where(model.candidate_id == cid))
    session.delete(candidate)
    forget_handles(session, handles)
    session.add(AuditEvent(team_id=team_id, user_id=user_id, action="forget", candidate_id=cid))


FORGOTTEN_MENTION = "[a forgotten candidate]"


def scrub_notes_naming(*, session: Session, candidate: Candidate) -> int:
    """Replace the person's full name and email in the team's other notes (typed by teammates); returns how many."""
    names = [v.strip() for v in (candidate.name, candidate.email) if isinstance(v, str) and len(v.strip()) >= 4]
    if not names:
        return 0
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE)
    low = func.lower(Note.text)
    notes = session.scalars(select(Note).where(Note.team_id == candidate.team_id, Note.candidate_id != candidate.id,
                                               or_(*(low.contains(n.lower(), autoescape=True) for n in names))))
    changed = 0
    for note in notes:
        scrubbed = pattern.sub(FORGOTTEN_MENTION, note.text)
        if scrubbed != note.text:
            note.text, changed = scrubbed, changed + 1
    return changed


def erase_from_disk(db: Database) -> None:
    """After a forget or an erasure has committed: push SQLite's WAL into the file (secure_delete zeroes it)."""
    db.checkpoint()
