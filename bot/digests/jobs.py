"""Clock work of the digests: post every digest due now, exactly once."""

from __future__ import annotations

from datetime import datetime

from bot.core.fanout import Job as Delivery
from bot.core.fanout import deliver_all
from bot.core.services import Services
from bot.digests.service import checked_digest, due_subscriptions, mark_digested


def digest_job(services: Services, now: datetime) -> dict[str, int]:
    """Post every digest due now, exactly once."""
    with services.db.session() as session:
        dues = due_subscriptions(session=session, now=now)

    jobs = []
    for d in dues:
        seen: dict[str, str] = {}  # the fingerprint of what was built, kept once it is posted
        jobs.append(Delivery(d.team_id, d.channel_id, d.kind, d.period,
                             lambda sid=d.subscription_id, seen=seen: checked_digest(services, sid, now, seen),
                             after=lambda status, sid=d.subscription_id, seen=seen: mark_digested(services, sid, now, seen)))
    return {"digest_" + k: v for k, v in deliver_all(services, jobs, now, threads=services.settings.fanout_threads).items()}
