"""Clock work of the candidates: retry enrichment for those left pending or stale."""

from __future__ import annotations

import itertools
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy import update

from bot.candidates.service import due_for_enrichment, enrich_candidate
from bot.core.models import Candidate
from bot.core.services import Services

log = logging.getLogger(__name__)

ENRICH_BUDGET_S = 40.0  # the tick must end before the next minute's digests and nudges are due


ENRICH_WORKERS = 4  # candidates fetched at once; each source client keeps its own rate limits


def _claim(services: Services, cid: int, seen: datetime | None, now: datetime) -> bool:
    """Move the candidate's enrich_after forward if nobody else did (compare-and-set): True when we own it."""
    with services.db.session() as session:
        return bool(session.execute(update(Candidate).where(Candidate.id == cid, Candidate.enrich_after == seen)
                                    .values(enrich_after=now + timedelta(minutes=10))).rowcount)


def _retry(services: Services, cid: int) -> bool:
    """Enrich one candidate; True when every source answered (False: still pending, or it failed)."""
    try:
        cand = enrich_candidate(services, cid)
    except Exception:  # one candidate's failure must not stop the rest
        log.exception("enrichment retry for candidate %s failed", cid)
        return False
    return cand is not None and cand.enrichment_status == "ok"


def enrichment_job(services: Services, now: datetime) -> dict[str, int]:
    """Retry enrichment for candidates left pending or stale, a few at once, within a time budget; runs after
    deliveries.

    Each candidate is claimed first (its enrich_after moved forward with a compare-and-set), so two
    clock processes never fetch the same person twice. When a whole wave comes back still pending (the
    network or the sources are down), the rest wait for a later tick instead of failing one by one.
    """
    deadline = time.monotonic() + ENRICH_BUDGET_S
    with services.db.session() as session:
        due = [(cid, session.get(Candidate, cid).enrich_after) for cid in due_for_enrichment(session=session, now=now)]
    done = 0
    queue = iter(due)
    with ThreadPoolExecutor(max_workers=ENRICH_WORKERS, thread_name_prefix="enrich") as pool:
        while time.monotonic() < deadline:
            batch = list(itertools.islice(queue, ENRICH_WORKERS))
            if not batch:
                break
            wave = [cid for cid, seen in batch if _claim(services, cid, seen, now)]  # others: another clock has them
            answered = list(pool.map(lambda cid: _retry(services, cid), wave))
            done += len(wave)
            if wave and not any(answered):
                log.info("enrichment: a wave of %d retries is still pending; the rest wait for a later tick", len(wave))
                break
    return {"enrichment_retried": done} if done else {}
