"""The clock runner: run a list of jobs once per tick (`hirebot tick`), or every minute (`hirebot clock`).

Which jobs run is decided in one place, `bot/runtime/jobs.py`; nothing registers itself on import.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Callable, Sequence

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.core import delivery
from bot.core.services import Services

log = logging.getLogger(__name__)

Job = Callable[[Services, datetime], dict[str, int]]


def daily(job: Job) -> Job:
    """Run `job` once per UTC day, whichever clock process ticks first (claimed in the delivery ledger)."""
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


def tick(services: Services, jobs: Sequence[Job], now: datetime | None = None) -> dict[str, int]:
    """Run every job in `jobs` once for `now`; safe to run twice (the ledger makes deliveries exactly-once)."""
    now = now or datetime.now(timezone.utc)
    totals: dict[str, int] = {}
    for job in jobs:
        try:
            for k, v in (job(services, now) or {}).items():
                totals[k] = totals.get(k, 0) + v
        except Exception:  # one kind of job failing must not stop the others
            log.exception("clock job %s failed", getattr(job, "__name__", job))
            totals["job_errors"] = totals.get("job_errors", 0) + 1
    return totals


def run_clock(services: Services, jobs: Sequence[Job]) -> None:
    """`hirebot clock`: tick now (catch-up after downtime), then at the top of every minute."""
    scheduler = BlockingScheduler(timezone=timezone.utc, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": 50})  # 3.x default grace is 1 s
    scheduler.add_job(lambda: log.info("tick: %s", tick(services, jobs)), CronTrigger(second=0), id="tick",
                      next_run_time=datetime.now(timezone.utc))
    log.info("clock started: ticking every minute")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
