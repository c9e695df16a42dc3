"""Daily digests: which subscriptions are due in their own timezone, and what each one says."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased

from bot.access.service import allowed, public_channel_allowed, rules_for
from bot.candidates.messages import candidate_item
from bot.core.fanout import Job as Delivery
from bot.core.models import Candidate, DigestSubscription, PipelineEntry, Role, Score, Team
from bot.core.render import render
from bot.core.services import Services
from bot.core.teamclient import client_for_team
from bot.deadlines.service import channel_is_public
from bot.notify.messages import digest_news
from bot.privacy.uninstall import UNINSTALLED_KEY
from bot.roles.service import explain, get_role, list_roles

log = logging.getLogger(__name__)
KIND = "digest"
# Someone the team already acted on for any role (shortlisted, contacted, passed...) is not a new candidate for
# another role's digest, even when the weekly new-work watch refreshes them; their news comes as new work.
ACTED = aliased(PipelineEntry)
CATCH_UP = timedelta(hours=6)  # a digest missed by more than this (clock down) is skipped, not sent late


@dataclass(frozen=True)
class Due:
    """One subscription due now: its id, the ledger key parts, and the local day it is for."""

    subscription_id: int
    team_id: str
    channel_id: str
    kind: str
    period: str
    scheduled_utc: datetime


def scheduled_for(sub: DigestSubscription, local_day: date) -> datetime:
    """The UTC moment of a subscription's local time on a local day (DST-aware)."""
    hh, mm = (int(x) for x in sub.local_time.split(":"))
    return datetime.combine(local_day, dtime(hh, mm), tzinfo=ZoneInfo(sub.timezone)).astimezone(ZoneInfo("UTC"))


def due_subscriptions(*, session: Any, now: datetime, catch_up: timedelta = CATCH_UP) -> list[Due]:
    """Subscriptions whose local time today has come (and not passed by more than `catch_up`)."""

    gone = {t.team_id for t in session.scalars(select(Team)) if (t.settings or {}).get(UNINSTALLED_KEY)}
    out = []
    for sub in session.scalars(select(DigestSubscription)):
        if sub.team_id in gone:
            continue  # uninstalled: its data waits for the purge, nothing is posted
        local_now = now.astimezone(ZoneInfo(sub.timezone))
        if sub.weekly_day is not None and local_now.weekday() != sub.weekly_day:
            continue  # a weekly digest: only on its day (weekends or not)
        if sub.weekly_day is None and not sub.weekends and local_now.weekday() >= 5:
            continue
        at = scheduled_for(sub, local_now.date())
        if now < at:
            continue
        if now - at > catch_up:
            continue  # the ledger shows whether it went out; a late one is not sent at night
        out.append(Due(sub.id, sub.team_id, sub.channel_id, f"{KIND}:{sub.role_slug or 'all'}",
                       local_now.date().isoformat(), at))
    return out


def fingerprint(ranked: list[tuple[Any, Any, Any]], news: list[dict[str, Any]]) -> str:
    """What a digest shows, as one short hash: the same candidates with the same scores and news give the same one."""
    seen = sorted(f"{c.id}:{s.total}" for s, c, _ in ranked) + sorted(f"n{n['alert_id']}" for n in news)
    return hashlib.sha256("|".join(seen).encode()).hexdigest()[:32]


def build_digest(*, session: Any, subscription_id: int, now: datetime,
                 seen: dict[str, str] | None = None) -> dict[str, Any] | None:
    """The digest message for a subscription: candidates new or newly enriched since its last digest, and news of
    known candidates' new work; None if none (or, with "only when changed", the same as last time).
    `seen` receives the digest's fingerprint, for mark_digested to keep once it is posted."""

    sub = session.get(DigestSubscription, subscription_id)
    if sub is None:
        return None
    since = sub.last_digest_at or sub.created_at
    roles = list_roles(session=session, team_id=sub.team_id)
    if sub.role_slug:
        roles = [r for r in roles if r.slug == sub.role_slug]
    if not roles:
        return None
    role_ids = [r.id for r in roles]
    news = digest_news(session=session, team_id=sub.team_id, role_ids=role_ids, every_role=not sub.role_slug,
                       since=since, now=now)
    rows = session.execute(
        select(Score, Candidate, Role)
        .join(Candidate, Candidate.id == Score.candidate_id).join(Role, Role.id == Score.role_id)
        .outerjoin(PipelineEntry, (PipelineEntry.candidate_id == Score.candidate_id) & (PipelineEntry.role_id == Score.role_id))
        .where(Score.team_id == sub.team_id, Score.role_id.in_(role_ids), Score.total >= max(sub.min_score, 1),  # a zero is no candidate for a digest
              
               or_(Candidate.created_at > since, Candidate.enriched_at > since),
               Candidate.created_at <= now, Candidate.enrichment_status != "pending",  # pending is not a zero
               or_(PipelineEntry.stage.is_(None), PipelineEntry.stage == "sourced"),
               ~exists().where(ACTED.candidate_id == Candidate.id, ACTED.stage != "sourced"))
        .order_by(Score.total.desc(), Score.candidate_id)).all()
    best: dict[int, tuple[Score, Candidate, Role]] = {}
    for sc, cand, role in rows:  # a candidate appears once, under their best role
        if cand.id not in best:
            best[cand.id] = (sc, cand, role)
    if not best and not news:
        return None
    ranked = list(best.values())
    fp = fingerprint(ranked, news)
    if sub.only_changed and fp == sub.last_fingerprint:
        return None  # "only when something changed": the same candidates, scores and news as last time
    if seen is not None:
        seen["fingerprint"] = fp
    shown = ranked[: sub.max_items]
    # Bulk-rescored rows keep no breakdown: explain them from stored features, as the shortlist does.
    explained: dict[int, dict[str, Any]] = {}
    for role in {r.id: r for _, _, r in shown}.values():
        mine = [s for s, _, r in shown if r.id == role.id]
        explained.update(zip((s.id for s in mine), explain(session=session, role=role, scores=mine)))
    items = [candidate_item(None, c, s, stage=None, role_id=r.id, show_shortlist=True,
                            breakdown=explained[s.id])
             for s, c, r in shown]
    top = {"name": ranked[0][1].name, "score": ranked[0][0].total} if ranked else None
    return render("digests/digest.json.j2", items=items, role_title=roles[0].title if sub.role_slug else "ML hiring",
                  role_slug=sub.role_slug or roles[0].slug, count=len(ranked), min_score=sub.min_score,
                  best=top, now=now, compact=False, news=news, weekly=sub.weekly_day is not None)


def may_post_here(services: Services, *, session: Any, subscription_id: int) -> bool:
    """Checked at post time: the channel is still private (or public is allowed) and still within the access rules."""

    sub = session.get(DigestSubscription, subscription_id)
    if sub is None:
        return False
    client = client_for_team(services, sub.team_id, retry_429=False)
    if client is None:
        return False
    rules = rules_for(session=session, team_id=sub.team_id)
    if not allowed(rules, team_id=sub.team_id, user_id=sub.created_by, channel_id=sub.channel_id, client=client):
        log.warning("digest %s skipped: channel %s is no longer within the team's access rules", sub.id, sub.channel_id)
        return False
    if channel_is_public(client, sub.channel_id) and not public_channel_allowed(session, sub.team_id):
        log.warning("digest %s skipped: channel %s is public and the team does not allow that", sub.id, sub.channel_id)
        return False
    return True


def checked_digest(services: Services, subscription_id: int, now: datetime,
                   seen: dict[str, str] | None = None) -> dict[str, Any] | None:
    """The digest to post now, or None when there is nothing new or `may_post_here` refuses the channel.

    Every path that posts a digest (the clock, `/hirebot digest now`) builds it here, so none skips the check."""
    with services.db.session() as session:
        if not may_post_here(services, session=session, subscription_id=subscription_id):
            return None  # recorded as skipped: nothing goes where candidates must not be named
        return build_digest(session=session, subscription_id=subscription_id, now=now, seen=seen)


def mark_digested(services: Services, subscription_id: int, now: datetime, seen: dict[str, str] | None = None) -> None:
    """Move the subscription's 'since' mark after a digest went out (or had nothing to say); keep what it showed."""
    with services.db.session() as session:
        sub = session.get(DigestSubscription, subscription_id)
        if sub is not None:
            sub.last_digest_at = now
            if seen and seen.get("fingerprint"):
                sub.last_fingerprint = seen["fingerprint"]


def subscriptions(*, session: Session, team_id: str) -> list[DigestSubscription]:
    """The team's digest subscriptions."""
    return list(session.scalars(select(DigestSubscription).where(DigestSubscription.team_id == team_id)))


def subscribe(*, session: Session, team_id: str, channel_id: str, role_slug: str, user_id: str, now: datetime,
              local_time: str, tz: str, min_score: int, max_items: int, weekends: bool, weekly_day: int | None = None,
              only_changed: bool = False) -> DigestSubscription:
    """Subscribe a channel to a role's digest (or every role's); subscribing again changes the time and filters."""
    sub = session.scalar(select(DigestSubscription).where(
        DigestSubscription.team_id == team_id, DigestSubscription.channel_id == channel_id,
        DigestSubscription.role_slug == role_slug))
    if sub is None:
        sub = DigestSubscription(team_id=team_id, channel_id=channel_id, role_slug=role_slug, created_by=user_id,
                                 last_digest_at=now)
        session.add(sub)
    sub.local_time, sub.timezone, sub.min_score, sub.max_items, sub.weekends = local_time, tz, min_score, max_items, weekends
    sub.weekly_day, sub.only_changed = weekly_day, only_changed
    return sub


def unsubscribe(*, session: Session, team_id: str, channel_id: str, role: str | None = None) -> int:
    """Stop a channel's digests (only the named role's when given); returns how many were stopped."""
    q = select(DigestSubscription).where(DigestSubscription.team_id == team_id, DigestSubscription.channel_id == channel_id)
    if role is not None:
        q = q.where(DigestSubscription.role_slug == get_role(session=session, team_id=team_id, name=role).slug)
    subs = list(session.scalars(q))
    for s in subs:
        session.delete(s)
    return len(subs)


def digest_now_jobs(services: Services, *, team_id: str, channel_id: str, subscription_ids: list[int],
                    trigger_id: str | None, now: datetime) -> list[Delivery]:
    """Deliveries that post these subscriptions' digests now, keyed by the click so a retry posts once."""

    out = []
    for sid in subscription_ids:
        seen: dict[str, str] = {}
        out.append(Delivery(team_id, channel_id, "digest-now", f"{sid}:{trigger_id or int(time.time())}",
                            lambda sid=sid, seen=seen: checked_digest(services, sid, now, seen),
                            after=lambda status, sid=sid, seen=seen: mark_digested(services, sid, now, seen)))
    return out
