"""Clock work of mailboxes: send the reviewed steps that are due, then catch replies and bounces; DM the owners.

Sends run one mailbox per thread (a mailbox's own steps one after another, so its daily cap holds),
each step through the delivery ledger. A mailbox is checked at most every CHECK_EVERY: the clock
that moves its `checked_at` first (compare-and-set) does the check, the others skip it.
"""

from __future__ import annotations

import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, or_, select, update

from bot.core.fanout import Job, deliver_all
from bot.core.models import Mailbox, SentMail
from bot.core.people import People, open_dm
from bot.core.services import Services
from bot.mail import sending
from bot.mail.catch import Caught, handle
from bot.mail.inbox import InboxError, fetch_new
from bot.mail.messages import caught_dm, sent_dm
from bot.mail.service import ENV_TEAM, config_of, env_mailbox

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(minutes=2)
LOOK_BACK = timedelta(days=120)  # replies to steps older than this are no longer looked for by sender
TOLD = ("sent", "failed", "uncertain")


def _sent_jobs(services: Services, outcomes: list[sending.Outcome], now: datetime) -> list[Job]:
    """One DM per owner for what this tick sent (or could not); keyed by the steps it names."""
    told = [o for o in outcomes if o.status in TOLD]
    if not told:
        return []
    with services.db.session() as session:
        owners = dict(session.execute(select(SentMail.id, SentMail.team_id.concat("|").concat(SentMail.owner_user_id))
                                      .where(SentMail.id.in_([o.sent_id for o in told]))).all())
    by_owner: dict[str, list[tuple[int, str, str | None]]] = {}
    for o in told:
        if o.sent_id in owners:
            by_owner.setdefault(owners[o.sent_id], []).append((o.sent_id, o.status, o.detail))
    jobs = []
    for key, items in by_owner.items():
        team_id, owner = key.split("|", 1)
        period = "sent:" + hashlib.sha1(repr(sorted(items)).encode()).hexdigest()[:20]

        def build(items: list[tuple[int, str, str | None]] = items) -> dict[str, Any] | None:
            with services.db.session() as session:
                return sent_dm(session=session, outcomes=items, at=now)
        jobs.append(Job(team_id, owner, "mail_sent", period, build, post_channel=open_dm(owner)))
    return jobs


def send_steps(services: Services, ids: list[int], now: datetime, *, threads: int | None = None) -> dict[str, int]:
    """Deliver these queued steps (one thread per mailbox), then DM each owner what went out; counts by outcome."""
    with services.db.session() as session:
        rows = session.execute(select(SentMail.id, SentMail.mailbox_id, SentMail.team_id, SentMail.owner_user_id)
                               .where(SentMail.id.in_(ids))).all() if ids else []
    by_mailbox: dict[Any, list[int]] = {}
    people = People(services)
    for sid, mid, team_id, owner in rows:
        by_mailbox.setdefault(mid, []).append(sid)
        people.get(team_id, owner)  # warmed here, before the send threads, so none waits on users.info

    def run(group: list[int]) -> list[sending.Outcome]:
        done = []
        sessions = sending.SmtpSessions()  # one login per mailbox per tick
        try:
            for sid in sorted(group):
                try:
                    done.append(sending.send_one(services, sid, now, people, sessions))
                except Exception:  # one step's failure must not stop its mailbox; the ledger retries it
                    log.exception("sending mail step %s failed", sid)
                    sessions.drop()
        finally:
            sessions.drop()
        return done

    outcomes: list[sending.Outcome] = []
    if by_mailbox:
        workers = max(1, min(threads or services.settings.fanout_threads, len(by_mailbox)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hirebot-mail") as pool:
            for found in pool.map(run, list(by_mailbox.values())):
                outcomes += found
    counts: dict[str, int] = {}
    for o in outcomes:
        counts["mail_" + o.status] = counts.get("mail_" + o.status, 0) + 1
    dms = _sent_jobs(services, outcomes, now)
    for key, value in deliver_all(services, dms, now, threads=services.settings.fanout_threads).items():
        counts["mail_dm_" + key] = counts.get("mail_dm_" + key, 0) + value
    return counts


def _take_check(services: Services, mailbox_id: int, now: datetime) -> bool:
    """Compare-and-set on checked_at: True for the one clock that checks this mailbox now."""
    with services.db.session() as session:
        won = session.execute(update(Mailbox).where(Mailbox.id == mailbox_id, or_(
            Mailbox.checked_at.is_(None), Mailbox.checked_at <= now - CHECK_EVERY)).values(checked_at=now)).rowcount
    return bool(won)


def check_mailbox(services: Services, mailbox_id: int, now: datetime) -> list[Caught]:
    """Fetch what is new in one mailbox and act on each reply or bounce; the caught ones."""
    with services.db.session() as session:
        mbox = session.get(Mailbox, mailbox_id)
        cfg = config_of(mbox, services.settings)
        recent = session.execute(select(SentMail.to_address, SentMail.sent_at).where(
            SentMail.mailbox_id == mailbox_id, SentMail.status.in_(("sent", "uncertain")),
            SentMail.sent_at >= now - LOOK_BACK).order_by(SentMail.sent_at.desc())).all()
        validity, last_uid = mbox.imap_uidvalidity, mbox.imap_last_uid
    senders = list(dict.fromkeys(addr for addr, _ in recent))
    since = min((at for _, at in recent), default=now).date()
    try:
        fetched = fetch_new(cfg, uidvalidity=validity, last_uid=last_uid, senders=senders, since=since)
    except InboxError as exc:
        with services.db.session() as session:
            session.get(Mailbox, mailbox_id).last_error = str(exc)[:300]
        log.info("mailbox %s not checked: %s", mailbox_id, exc)
        return []
    caught: list[Caught] = []
    for _uid, raw in fetched.messages:
        try:
            with services.db.session() as session:
                found = handle(session, session.get(Mailbox, mailbox_id), raw, now, services.settings.default_timezone)
            if found is not None:
                caught.append(found)
        except Exception:  # one odd message must not stop the rest; it is not seen again (UID moves on)
            log.exception("a message in mailbox %s could not be handled", mailbox_id)
    with services.db.session() as session:
        mbox = session.get(Mailbox, mailbox_id)
        mbox.imap_uidvalidity, mbox.imap_last_uid, mbox.last_error = fetched.uidvalidity, fetched.last_uid, None
    return caught


def _caught_job(caught: Caught) -> Job:
    message = caught_dm(caught)
    return Job(caught.team_id, caught.owner, "mail_caught", str(caught.event_id), lambda: message,
               post_channel=open_dm(caught.owner))


def catch_replies(services: Services, now: datetime) -> dict[str, int]:
    """Check every mailbox that has sent a step, once per CHECK_EVERY; DM the owners what came back."""
    with services.db.session() as session:
        if services.settings.smtp_url and services.settings.imap_url:
            env_mailbox(session=session, settings=services.settings)
        ids = list(session.scalars(select(Mailbox.id).where(
            exists().where(SentMail.mailbox_id == Mailbox.id, SentMail.status.in_(("sent", "uncertain"))))))
        env_ids = set(session.scalars(select(Mailbox.id).where(Mailbox.team_id == ENV_TEAM)))
    if not (services.settings.smtp_url and services.settings.imap_url):
        ids = [i for i in ids if i not in env_ids]
    ids = [i for i in ids if _take_check(services, i, now)]
    caught: list[Caught] = []
    if ids:
        with ThreadPoolExecutor(max_workers=max(1, min(8, len(ids))), thread_name_prefix="hirebot-imap") as pool:
            for found in pool.map(lambda i: check_mailbox(services, i, now), ids):
                caught += found
    counts = {"mail_checked": len(ids), "mail_replies": sum(c.kind in ("reply", "unsubscribe") for c in caught),
              "mail_bounces": sum(c.kind == "bounce" for c in caught)}
    for key, value in deliver_all(services, [_caught_job(c) for c in caught], now,
                                  threads=services.settings.fanout_threads).items():
        counts["mail_caught_dm_" + key] = value
    return counts


def mail_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: send the reviewed steps that are due, then catch replies and bounces."""
    counts = send_steps(services, sending.due_ids(services), now)
    return counts | catch_replies(services, now)
