"""The clock: every due job (digests, enrichment retries, nudges, deadlines) once per tick; `hirebot clock` ticks each minute."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Callable

from bot.core.services import Services

log = logging.getLogger(__name__)

Job = Callable[[Services, datetime], dict[str, int]]


def digest_job(services: Services, now: datetime) -> dict[str, int]:
    """Post every digest due now, exactly once."""
    from bot.digests import service as digest
    from bot.core.fanout import Job as Delivery, deliver_all

    with services.db.session() as session:
        dues = digest.due_subscriptions(session=session, now=now)

    def build(sub_id: int):
        def _build():
            with services.db.session() as session:
                if not digest.may_post_here(services, session=session, subscription_id=sub_id):
                    return None  # recorded as skipped: nothing goes where candidates must not be named
                return digest.build_digest(session=session, subscription_id=sub_id, now=now)
        return _build

    jobs = [Delivery(d.team_id, d.channel_id, d.kind, d.period, build(d.subscription_id),
                     after=lambda status, sid=d.subscription_id: digest.mark_digested(services, sid, now))
            for d in dues]
    return {"digest_" + k: v for k, v in deliver_all(services, jobs, now, threads=services.settings.fanout_threads).items()}


ENRICH_BUDGET_S = 40.0  # the tick must end before the next minute's digests and nudges are due


def enrichment_job(services: Services, now: datetime) -> dict[str, int]:
    """Retry enrichment for candidates left pending or stale, within a time budget; runs after deliveries.

    Each candidate is claimed first (its enrich_after moved forward with a compare-and-set), so two
    clock processes never fetch the same person twice.
    """
    import time
    from datetime import timedelta

    from sqlalchemy import update

    from bot.candidates.service import due_for_enrichment, enrich_candidate
    from bot.core.models import Candidate

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


def daily(job: Job) -> Job:
    """Run `job` once per UTC day, whichever clock process ticks first (claimed in the delivery ledger)."""
    from bot.core import delivery

    def once_a_day(services: Services, now: datetime) -> dict[str, int]:
        claim = delivery.claim(services.db, team_id="*", channel_id="-", kind=f"job:{job.__name__}",
                               period=now.date().isoformat(), now=now)
        if claim is None:
            return {}
        try:
            result = job(services, now) or {}
        except Exception:
            delivery.finish(services.db, claim, status="failed", now=now, error="job raised")
            raise
        delivery.finish(services.db, claim, status="sent", now=now)
        return result

    once_a_day.__name__ = f"daily_{job.__name__}"
    return once_a_day


def _maintenance_jobs() -> list[Job]:
    from bot.access.service import forget_stale_candidates
    from bot.core.installations import prune_processed_events, purge_uninstalled

    return [daily(forget_stale_candidates), daily(purge_uninstalled), daily(prune_processed_events)]


JOBS: list[Job] = [digest_job, *_maintenance_jobs()]
LAST: list[Job] = [enrichment_job]  # slow network work goes after every delivery job


def register_job(job: Job) -> Job:
    """Add a job to every tick (outreach nudges, deadlines, retention register themselves here)."""
    if job not in JOBS:
        JOBS.append(job)
    return job


def _load_job_modules() -> None:
    """Import the modules whose jobs register themselves (kept optional so the clock runs without them)."""
    import importlib

    for name in ("bot.outreach.service", "bot.deadlines.service", "bot.retention"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def tick(services: Services, now: datetime | None = None) -> dict[str, int]:
    """Run every job due at `now` once; safe to run twice (the ledger makes deliveries exactly-once)."""
    _load_job_modules()
    now = now or datetime.now(timezone.utc)
    totals: dict[str, int] = {}
    for job in [*JOBS, *LAST]:
        try:
            for k, v in (job(services, now) or {}).items():
                totals[k] = totals.get(k, 0) + v
        except Exception:  # one kind of job failing must not stop the others
            log.exception("clock job %s failed", getattr(job, "__name__", job))
            totals["job_errors"] = totals.get("job_errors", 0) + 1
    return totals


def run_clock(services: Services) -> None:
    """`hirebot clock`: tick now (catch-up after downtime), then at the top of every minute."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    scheduler = BlockingScheduler(timezone=timezone.utc, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": 50})  # 3.x default grace is 1 s
    scheduler.add_job(lambda: log.info("tick: %s", tick(services)), CronTrigger(second=0), id="tick",
                      next_run_time=datetime.now(timezone.utc))
    log.info("clock started: ticking every minute")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
