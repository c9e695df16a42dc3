"""Clock work of notifications: each person's daily summary, new-work DMs, the weekly look at watched candidates.

A summary is one DM per person per summary moment, keyed in the delivery ledger by that moment, so it
is posted once; the items it carries are marked sent after it goes out (or, after a crash between the
post and that mark, when the ledger already shows it sent).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from bot.core.fanout import Job, deliver_all
from bot.core.models import Delivery, HeldNotification, NewWorkAlert
from bot.core.people import People, Person, open_dm, working_hours
from bot.core.services import Services
from bot.notify.messages import newwork_message, summary_message
from bot.notify.newwork import ALERT_GAP, watch_job
from bot.notify.prefs import Kind, held_until
from bot.notify.route import Router, drop_stale_holds

KIND_SUMMARY = "notify-summary"
KIND_NEWWORK = "newwork"


def _mark_items(services: Services, ids: list[int]) -> None:
    with services.db.session() as session:
        session.execute(update(HeldNotification).where(HeldNotification.id.in_(ids),
                                                       HeldNotification.status == "pending").values(status="sent"))


def summary_jobs(services: Services, now: datetime, router: Router) -> list[Job]:
    """One Job per person whose summary moment has come (and who is not in quiet hours or snoozed)."""
    with services.db.session() as session:
        rows = session.execute(select(HeldNotification.id, HeldNotification.team_id, HeldNotification.user_id,
                                      HeldNotification.release_at, HeldNotification.message, HeldNotification.created_at)
                               .where(HeldNotification.status == "pending", HeldNotification.mode == "summary",
                                      HeldNotification.release_at <= now)
                               .order_by(HeldNotification.release_at, HeldNotification.id)).all()
    batches: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in rows:
        batches[(row.team_id, row.user_id)].append(row)
    jobs = []
    for (team_id, user_id), items in batches.items():
        p = router.prefs(team_id, user_id)
        if held_until(p, now, p.tz or services.settings.default_timezone) is not None:
            continue  # the summary waits for the end of the quiet window too
        # Stable across retries: the first moment it was due and its first item (leftovers get a new key).
        period = f"{items[0].release_at.isoformat(timespec='minutes')}:{items[0].id}"
        ids = [r.id for r in items]
        with services.db.session() as session:
            done = session.execute(select(Delivery.status, Delivery.claimed_at).where(
                Delivery.team_id == team_id, Delivery.channel_id == user_id, Delivery.kind == KIND_SUMMARY,
                Delivery.period == period)).first()
        if done is not None and done.status in ("sent", "skipped"):
            # Posted before a crash kept us from marking its items: those written before it was claimed.
            _mark_items(services, [r.id for r in items if r.created_at <= done.claimed_at])
            continue
        lines = [dict(r.message or {}) for r in items]
        jobs.append(Job(team_id, user_id, KIND_SUMMARY, period, lambda lines=lines: summary_message(lines),
                        post_channel=open_dm(user_id), after=lambda status, ids=ids: _mark_items(services, ids)))
    return jobs


def _newwork_build(services: Services, alert_id: int):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            return newwork_message(session=session, alert_id=alert_id)
    return build


def _newwork_done(services: Services, alert_id: int) -> None:
    with services.db.session() as session:
        session.execute(update(NewWorkAlert).where(NewWorkAlert.id == alert_id).values(dm_status="done"))


def newwork_jobs(services: Services, now: datetime, router: Router) -> list[Job]:
    """The owner's DM for each new-work alert, in their working hours, through their preferences."""
    people = People(services)
    with services.db.session() as session:
        rows = session.execute(select(NewWorkAlert.id, NewWorkAlert.team_id, NewWorkAlert.owner_user_id,
                                      NewWorkAlert.candidate_id)
                               .where(NewWorkAlert.dm_status == "pending", NewWorkAlert.created_at > now - ALERT_GAP)
                               .order_by(NewWorkAlert.id).limit(500)).all()
    jobs = []
    for alert_id, team_id, owner_id, cid in rows:
        owner: Person | None = people.get(team_id, owner_id) if owner_id else None
        if owner is None or not working_hours(now, owner.tz):
            continue  # like every DM: the owner's working hours
        job = router.job(team_id=team_id, owner=owner, pref=Kind.NEWWORK, kind=KIND_NEWWORK, subject=str(alert_id),
                         period=str(alert_id), build=_newwork_build(services, alert_id), candidate_id=cid,
                         after=lambda status, aid=alert_id: _newwork_done(services, aid))
        if job is not None:
            jobs.append(job)
    return jobs


def notify_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: new-work DMs and every summary due now, exactly once each; old unclaimed holds dropped."""
    router = Router(services, now)
    threads = services.settings.fanout_threads
    counts = {"newwork_" + k: v for k, v in deliver_all(services, newwork_jobs(services, now, router), now,
                                                        threads=threads).items()}
    counts |= {"summary_" + k: v for k, v in deliver_all(services, summary_jobs(services, now, router), now,
                                                         threads=threads).items()}
    dropped = drop_stale_holds(services, now)
    if dropped:
        counts["held_dropped"] = dropped
    return counts


def newwork_watch_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: a weekly look at the public work of candidates the team passed on or who went quiet."""
    return watch_job(services, now)

