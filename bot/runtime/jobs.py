"""Every clock job, listed: what `hirebot tick` and `hirebot clock` run each minute, in this order.

Nothing registers itself on import: to add clock work, write it in `bot/<feature>/jobs.py` and list it here.
"""

from __future__ import annotations

from datetime import datetime

from bot.candidates.jobs import enrichment_job
from bot.core import clock
from bot.core.installations import prune_processed_events
from bot.core.services import Services
from bot.deadlines.jobs import deadline_job
from bot.digests.jobs import digest_job
from bot.mail.jobs import mail_job
from bot.notify.jobs import newwork_watch_job, notify_job
from bot.outreach.jobs import outreach_job
from bot.privacy.retention import forget_stale_candidates
from bot.privacy.uninstall import purge_uninstalled
from bot.roles.upgrade import upgrade_job

JOBS: tuple[clock.Job, ...] = (
    digest_job,  # channel digests at each subscription's local time
    clock.daily(forget_stale_candidates),  # HIREBOT_RETENTION_MONTHS
    clock.daily(purge_uninstalled),  # erase teams uninstalled longer than the grace period
    clock.daily(prune_processed_events),  # event ids kept for dedupe
    outreach_job,  # follow-up nudges and re-engage reminders (owners' DMs)
    mail_job,  # reviewed steps sent from owners' mailboxes; replies and bounces caught over IMAP
    deadline_job,  # hiring-stage deadlines: the owner's DM, then the escalation
    notify_job,  # new-work DMs and each person's daily summary (after the jobs that fill it)
    enrichment_job,  # slow network work goes after every delivery job
    upgrade_job,  # a new scorer version: stored scores recomputed in batches (first tick after start)
    newwork_watch_job,  # a weekly look at the public work of candidates passed on or gone quiet
)


def tick(services: Services, now: datetime | None = None) -> dict[str, int]:
    """Run every clock job once for `now` (default: the current time)."""
    return clock.tick(services, JOBS, now)


def run_clock(services: Services) -> None:
    """Tick now, then at the top of every minute, until stopped."""
    clock.run_clock(services, JOBS)
