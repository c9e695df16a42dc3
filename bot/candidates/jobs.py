"""Clock work of the candidates: retry enrichment for those left pending or stale."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from sqlalchemy import update

from bot.candidates.service import due_for_enrichment, enrich_candidate
from bot.core.models import Candidate
from bot.core.services import Services

log = logging.getLogger(__name__)

ENRICH_BUDGET_S = 40.0  # the tick must end before the next minute's digests and nudges are due


def enrichment_job(services: Services, now: datetime) -> dict[str, int]:
    """Retry enrichment for candidates left pending or stale, within a time budget; runs after deliveries.

    Each candidate is claimed first (its enrich_after moved forward with a compare-and-set), so two
    clock processes never fetch the same person twice.
    """
    deadline = time.monotonic() + ENRICH_BUDGET_S
    with services.db.session() as session:
        due = [(cid, session.get(Candidate, cid).enrich_after) for cid in due_for_enrichment(session=session, now=now)]
    done = 0
    for cid, seen in due:
        if time.monotonic() > deadline:
            break
        with services.db.session() as session:
            won = session.execute(update(Candidate).where(Candidate.id == cid, Candidate.enrich_after == seen)
                                  .values(enrich_after=now + timedelta(minutes=10))).rowcount
        if not won:
            continue  # another clock has it
        try:
            enrich_candidate(services, cid)
            done += 1
        except Exception:  # one candidate's failure must not stop the rest
            log.exception("enrichment retry for candidate %s failed", cid)
    return {"enrichment_retried": done} if done else {}
