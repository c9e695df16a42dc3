"""Route a personal DM through its owner's preferences: now, into a summary, off, or held past a quiet window.

The clock jobs of each feature find what is due and call `Router.job(...)` instead of building the
DM's fanout.Job themselves. The answer is a Job (post now, or record "skipped" in the ledger) or None
(held: a `held_notifications` row says until when). A held DM is found again by its feature's scan on
every tick; once its window has ended the router hands back a Job under the feature's current ledger
key and marks the row sent, so it goes out once, at the end of the window. Summary items are written
by a ledger-claimed build (exactly once) and posted together by bot/notify/jobs.py.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Callable

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.core.fanout import Job
from bot.core.models import HeldNotification, NotifyPreference
from bot.core.people import Person, open_dm
from bot.core.services import Services
from bot.notify.prefs import Kind, Mode, Prefs, as_prefs, defaults, held_until, next_summary, team_prefs

log = logging.getLogger(__name__)

Build = Callable[[], dict[str, Any] | None]
LINE_CHARS = 400  # one summary line: the DM's headline, shortened


def summary_line(message: dict[str, Any]) -> dict[str, str]:
    """What a summary keeps of a DM: its first section's mrkdwn (or its text), shortened."""
    for block in message.get("blocks") or []:
        text = (block.get("text") or {}).get("text") if block.get("type") == "section" else None
        if text:
            return {"line": text if len(text) <= LINE_CHARS else text[: LINE_CHARS - 1] + "…",
                    "text": str(message.get("text") or "")[:LINE_CHARS]}
    text = str(message.get("text") or "")[:LINE_CHARS]
    return {"line": text, "text": text}


def hold(services: Services, *, team_id: str, user_id: str, kind: str, subject: str, period: str, mode: str,
         release_at: datetime, candidate_id: int | None = None, message: dict[str, Any] | None = None) -> bool:
    """Write a held row once (the unique key decides); True when this call wrote it."""
    with services.db.session() as session:
        try:
            with session.begin_nested():
                session.add(HeldNotification(team_id=team_id, user_id=user_id, kind=kind, subject=subject,
                                             period=period, mode=mode, release_at=release_at,
                                             candidate_id=candidate_id, message=message or {}, status="pending"))
            return True
        except IntegrityError:
            return False


def _mark(services: Services, held_id: int, status: str) -> None:
    with services.db.session() as session:
        session.execute(update(HeldNotification).where(HeldNotification.id == held_id,
                                                       HeldNotification.status == "pending").values(status=status))


class Router:
    """Preferences and pending held rows for one tick, loaded once per team."""

    def __init__(self, services: Services, now: datetime) -> None:
        self.services, self.now = services, now
        self._prefs: dict[str, dict[str, Prefs]] = {}
        self._held: dict[str, dict[tuple[str, str, str], tuple[int, str, datetime]]] = {}

    def _load(self, team_id: str) -> None:
        if team_id in self._prefs:
            return
        with self.services.db.session() as session:
            self._prefs[team_id] = team_prefs(session=session, team_id=team_id)
            rows = session.execute(select(HeldNotification.id, HeldNotification.user_id, HeldNotification.kind,
                                          HeldNotification.subject, HeldNotification.mode,
                                          HeldNotification.release_at)
                                   .where(HeldNotification.team_id == team_id, HeldNotification.status == "pending",
                                          HeldNotification.mode == "hold")).all()
        self._held[team_id] = {(u, k, s): (i, m, r) for i, u, k, s, m, r in rows}

    def users_wanting(self, kind: Kind) -> set[tuple[str, str]]:
        """(team, user) of everyone whose preferences turn `kind` on (for kinds off by default)."""
        with self.services.db.session() as session:
            rows = session.scalars(select(NotifyPreference)).all()
            return {(r.team_id, r.user_id) for r in rows if as_prefs(r).mode(kind) is not Mode.OFF}

    def prefs(self, team_id: str, user_id: str) -> Prefs:
        """The person's preferences (defaults without a row)."""
        self._load(team_id)
        return self._prefs[team_id].get(user_id) or defaults(user_id)

    def wants(self, team_id: str, user_id: str, kind: Kind) -> bool:
        """False when the person turned this kind off (or it is off by default)."""
        return self.prefs(team_id, user_id).mode(kind) is not Mode.OFF

    def job(self, *, team_id: str, owner: Person, pref: Kind, kind: str, subject: str, period: str, build: Build,
            candidate_id: int | None = None, after: Callable[[str], None] | None = None) -> Job | None:
        """The fanout Job for this DM under the owner's preferences, or None while it is held."""
        self._load(team_id)
        user = owner.user_id
        p = self._prefs[team_id].get(user)
        if p is None:  # nobody changed anything: exactly today's DM
            return None if pref is Kind.ESCALATIONS else Job(team_id, user, kind, period, build,
                                                             post_channel=open_dm(user), after=after)
        tz = p.tz or owner.tz
        pending = self._held[team_id].get((user, kind, subject))
        mode = p.mode(pref)
        if pending is not None and mode is not Mode.OFF:
            held_id, _, release_at = pending
            if self.now < release_at or held_until(p, self.now, tz) is not None:
                return None  # still waiting
            return Job(team_id, user, kind, period, build, post_channel=open_dm(user),
                       after=self._then(lambda status: _mark(self.services, held_id, "sent"), after))
        if pending is not None:  # turned off while it waited: it is dropped, not sent
            _mark(self.services, pending[0], "dropped")
        if mode is Mode.OFF:
            if pref is Kind.ESCALATIONS:
                return None
            return Job(team_id, user, kind, period, lambda: None, post_channel=open_dm(user), after=after)
        until = held_until(p, self.now, tz)
        if mode is Mode.NOW and until is not None:
            hold(self.services, team_id=team_id, user_id=user, kind=kind, subject=subject, period=period, mode="hold",
                 release_at=until, candidate_id=candidate_id)
            return None
        if mode is Mode.SUMMARY:
            at = next_summary(p, self.now, tz)

            def into_summary() -> dict[str, Any] | None:
                message = build()
                if message is not None:
                    hold(self.services, team_id=team_id, user_id=user, kind=kind, subject=subject, period=period,
                         mode="summary", release_at=at, candidate_id=candidate_id,
                         message=summary_line(message) | {"pref": str(pref)})
                return None  # recorded as skipped: the summary carries it

            return Job(team_id, user, kind, period, into_summary, post_channel=open_dm(user), after=after)
        return Job(team_id, user, kind, period, build, post_channel=open_dm(user), after=after)

    @staticmethod
    def _then(first: Callable[[str], None], second: Callable[[str], None] | None) -> Callable[[str], None]:
        def both(status: str) -> None:
            first(status)
            if second is not None:
                second(status)
        return both


def held_subjects(services: Services, kinds: tuple[str, ...]) -> set[str]:
    """Subjects of DMs of these ledger kinds still held for someone (their feature keeps looking for them)."""
    with services.db.session() as session:
        return set(session.scalars(select(HeldNotification.subject).where(
            HeldNotification.status == "pending", HeldNotification.mode == "hold", HeldNotification.kind.in_(kinds))))


def drop_stale_holds(services: Services, now: datetime, *, grace: timedelta = timedelta(days=7)) -> int:
    """Held DMs whose feature stopped asking for them (acted on meanwhile) a week after release: dropped."""
    with services.db.session() as session:
        return session.execute(update(HeldNotification).where(
            HeldNotification.status == "pending", HeldNotification.mode == "hold",
            HeldNotification.release_at < now - grace).values(status="dropped")).rowcount or 0
