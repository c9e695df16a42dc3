"""The delivery ledger: claim a (team, channel, kind, period) key, post once, confirm, reconcile after a crash.

Protocol (safe with any number of clock processes, on SQLite and PostgreSQL):
1. claim: INSERT the ledger row (the unique key decides who owns the delivery). A row that is
   already `sent` or `skipped` ends here; a `claimed` row whose lease expired belonged to a process
   that died, and a `failed` row whose retry time has come is up for another attempt: both are
   taken over with a compare-and-set UPDATE on `claimed_at`, so only one process wins.
2. a taken-over claim is reconciled first: the channel's history is searched for a message that
   carries this ledger id in its metadata; if it is there the post happened and the row is marked sent.
3. post with `metadata={"event_type": "hirebot_delivery", "event_payload": {"ledger_id": ...}}`.
4. mark the row sent with the message ts.
A crash after 1 re-posts after the lease; a crash after 3 is found by 2. Nothing is posted twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from slack_sdk.errors import SlackApiError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.core.db import Database
from bot.core.models import Delivery

log = logging.getLogger(__name__)

EVENT_TYPE = "hirebot_delivery"
LEASE = timedelta(minutes=2)
RETRY_AFTER_FAILURE = timedelta(minutes=5)
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class Claim:
    """A delivery this process owns: the ledger id, and whether an earlier owner may have posted."""

    id: int
    team_id: str
    channel_id: str
    kind: str
    period: str
    taken_over: bool


class RateLimited(Exception):
    """Slack answered 429 for this workspace; try again after `retry_after` seconds."""

    def __init__(self, retry_after: float):
        super().__init__(f"rate limited for {retry_after}s")
        self.retry_after = retry_after


def claim(db: Database, *, team_id: str, channel_id: str, kind: str, period: str, now: datetime,
          lease: timedelta = LEASE) -> Claim | None:
    """Own the delivery for this key, or None when it is done or someone else holds a live claim."""
    # The lease runs on the wall clock too: a slow tick's logical `now` must not make its own live
    # claims look expired to another clock process. (Tests time-travel forward, so max() keeps theirs.)
    now = max(now, datetime.now(timezone.utc))
    with db.session() as session:
        try:
            with session.begin_nested():
                row = Delivery(team_id=team_id, channel_id=channel_id, kind=kind, period=period, status="claimed",
                               attempts=1, claimed_at=now)
                session.add(row)
            return Claim(row.id, team_id, channel_id, kind, period, taken_over=False)
        except IntegrityError:
            pass
        row = session.scalar(select(Delivery).where(Delivery.team_id == team_id, Delivery.channel_id == channel_id,
                                                    Delivery.kind == kind, Delivery.period == period))
        if row is None or row.status in ("sent", "skipped"):
            return None
        if row.attempts >= MAX_ATTEMPTS:
            log.error("delivery %s (%s %s %s) gave up after %s attempts: %s", row.id, team_id, kind, period,
                      row.attempts, row.error)
            return None
        if row.status == "claimed" and row.claimed_at > now - lease:
            return None  # someone is working on it right now
        if row.status == "failed" and row.claimed_at + RETRY_AFTER_FAILURE > now:
            return None
        # Read before the UPDATE: the ORM refreshes `row` from it.
        prev_status, prev_error, prev_claimed = row.status, row.error, row.claimed_at
        rate_limited = prev_status == "failed" and prev_error == "ratelimited"
        # Compare-and-set: only one process moves claimed_at from the value it read. A 429 is
        # Slack asking us to wait, not a failed attempt, so it does not count toward MAX_ATTEMPTS.
        won = session.execute(update(Delivery).where(Delivery.id == row.id, Delivery.claimed_at == prev_claimed,
                                                     Delivery.status == prev_status)
                              .values(status="claimed", claimed_at=now,
                                      attempts=Delivery.attempts + (0 if rate_limited else 1))).rowcount
        if not won:
            return None
        # A 429 is a definite "not posted"; any other failure (a timeout) or a dead owner may have posted.
        maybe_posted = prev_status == "claimed" or (prev_status == "failed" and not rate_limited)
        return Claim(row.id, team_id, channel_id, kind, period, taken_over=maybe_posted)


def finish(db: Database, claim_: Claim, *, status: str, now: datetime, ts: str | None = None, error: str | None = None) -> None:
    """Record the outcome of a claimed delivery: sent (with ts), skipped (nothing to say) or failed."""
    with db.session() as session:
        row = session.get(Delivery, claim_.id)
        if row is None:
            return
        row.status, row.error = status, (error or None) and error[:300]
        if ts:
            row.message_ts = ts
        if status == "sent":
            row.sent_at = now
        if status == "failed":
            row.claimed_at = now  # the retry clock starts now


def already_posted(client: Any, claim_: Claim, *, oldest: float, channel: str | None = None) -> str | None:
    """The ts of a message in the channel carrying this ledger id in its metadata, if any."""
    cursor = None
    for _ in range(5):  # a day of a busy channel is a few pages at most
        resp = client.conversations_history(channel=channel or claim_.channel_id, oldest=str(oldest), limit=200,
                                            include_all_metadata=True, cursor=cursor)
        for msg in resp.get("messages", []):
            meta = msg.get("metadata") or {}
            if meta.get("event_type") == EVENT_TYPE and (meta.get("event_payload") or {}).get("ledger_id") == claim_.id:
                return msg.get("ts")
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None


def deliver(db: Database, client: Any, claim_: Claim, *, now: datetime, build: Callable[[], dict[str, Any] | None],
            oldest: float, channel: str | None = None) -> str:
    """Post a claimed delivery exactly once; returns the ledger status it ended in.

    `build` makes the message (or None: nothing to say, recorded as skipped). Raises RateLimited on
    a 429 so the caller can wait for that workspace; other Slack errors are recorded as failed.
    """
    try:
        if claim_.taken_over:
            ts = already_posted(client, claim_, oldest=oldest, channel=channel)
            if ts:
                log.info("delivery %s was already posted (ts %s); confirming", claim_.id, ts)
                finish(db, claim_, status="sent", now=now, ts=ts)
                return "sent"
        message = build()
        if message is None:
            finish(db, claim_, status="skipped", now=now)
            return "skipped"
        metadata = {"event_type": EVENT_TYPE,
                    "event_payload": {"ledger_id": claim_.id, "kind": claim_.kind, "period": claim_.period}}
        resp = client.chat_postMessage(channel=channel or claim_.channel_id, metadata=metadata,
                                       unfurl_links=False, unfurl_media=False, **message)
        finish(db, claim_, status="sent", now=now, ts=resp.get("ts"))
        return "sent"
    except SlackApiError as exc:
        if exc.response.status_code == 429:
            finish(db, claim_, status="failed", now=now - RETRY_AFTER_FAILURE, error="ratelimited")
            raise RateLimited(float(exc.response.headers.get("Retry-After", 1))) from exc
        log.warning("delivery %s failed: %s", claim_.id, exc.response.get("error"))
        finish(db, claim_, status="failed", now=now, error=str(exc.response.get("error")))
        return "failed"
