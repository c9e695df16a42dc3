"""The hiring clock: stage deadlines, an overdue DM to the owner, and an escalation to the hiring channel.

../shared/seeds/003_0581c08f3eef227e.txt ("72-hour shortlists"): résumé review 72 hours, first
interview 1 week, decision and offer 48 hours. Here a candidate may sit in "shortlisted" 72 h
(the résumé review), in "review" one week (until the first interview) and in "interview" 48 h
(until the decision). The clock starts when the stage is entered (`PipelineEntry.stage_entered_at`).

When a deadline passes, the entry's owner gets one DM. At 1.5x the deadline the team's hiring
channel (`/outreach channel here`) gets one escalation; in a public channel it names no candidate.
Both go through the delivery ledger, keyed by entry, stage and the moment the stage was entered,
so a candidate who re-enters a stage starts a fresh clock. Like nudges, both wait for working hours
(09:00-20:00, Monday to Friday) in the owner's timezone; an escalation without a known owner uses
HIREBOT_DEFAULT_TIMEZONE.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.candidates import store
from bot.candidates.messages import person
from bot.core.models import Candidate, Delivery, PipelineEntry, Role, Team
from bot.core.render import render
from bot.core.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deadline:
    """How long a candidate may stay in a stage, what must happen by then, and the stage after it."""

    stage: str
    hours: int
    what: str
    next_stage: str


DEADLINES: dict[str, Deadline] = {
    "shortlisted": Deadline("shortlisted", 72, "résumé review", "review"),
    "review": Deadline("review", 7 * 24, "first interview", "interview"),
    "interview": Deadline("interview", 48, "decision and offer", "offer"),
}
assert set(DEADLINES) <= set(store.STAGES)
ESCALATE_AT = 1.5
LOOKBACK = timedelta(days=7)  # past the escalation by more than this: an old, known backlog, not news
KIND_DUE = "deadline"
KIND_ESCALATE = "deadline-escalation"
KIND_ESCALATE_DM = "deadline-escalation-dm"  # the owner's own copy, when their preferences ask for it
SETTING_CHANNEL = "hiring_channel"


@dataclass(frozen=True)
class Overdue:
    """One pipeline entry past a deadline, with the ledger keys of its two messages."""

    entry_id: int
    team_id: str
    owner: str | None
    stage: str
    entered_at: datetime
    due_at: datetime
    escalate_at: datetime
    channel: str | None
    candidate_id: int | None = None

    @property
    def key(self) -> str:
        """Ledger period prefix: entry, stage, and when the stage was entered."""
        return f"{self.entry_id}:{self.stage}:{int(self.entered_at.timestamp())}"


def _overdue(services: Services, now: datetime, escalation_copies: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
             held: set[str] = frozenset()) -> list[Overdue]:  # type: ignore[assignment]
    """Entries past a deadline with something left to send; `escalation_copies`: (team, owner) who want a DM copy;
    `held`: ledger keys of DMs held for their owner (a long snooze), still sent past LOOKBACK."""
    shortest = min(d.hours for d in DEADLINES.values())
    out = []
    with services.db.session() as session:
        teams: dict[str, str | None] = {}
        rows = session.execute(select(PipelineEntry).where(
            PipelineEntry.stage.in_(tuple(DEADLINES)),
            PipelineEntry.stage_entered_at <= now - timedelta(hours=shortest))).scalars().all()
        for e in rows:
            d = DEADLINES[e.stage]
            due = e.stage_entered_at + timedelta(hours=d.hours)
            esc = e.stage_entered_at + timedelta(hours=d.hours * ESCALATE_AT)
            key = f"{e.id}:{e.stage}:{int(e.stage_entered_at.timestamp())}"
            if now < due or (now > esc + LOOKBACK and f"{key}:due" not in held and f"{key}:escalate" not in held):
                continue
            if e.team_id not in teams:
                team = session.get(Team, e.team_id)
                teams[e.team_id] = ((team.settings or {}).get(SETTING_CHANNEL) if team else None) or None
            out.append(Overdue(e.id, e.team_id, e.owner_user_id, e.stage, e.stage_entered_at, due, esc,
                               teams[e.team_id], e.candidate_id))
        if out:  # leave out what the ledger already finished, before any Slack call
            periods = [o.key + suffix for o in out for suffix in (":due", ":escalate")]
            done: set[tuple[str, str]] = set()
            for i in range(0, len(periods), 500):
                rows = session.execute(select(Delivery.kind, Delivery.period).where(
                    Delivery.kind.in_((KIND_DUE, KIND_ESCALATE, KIND_ESCALATE_DM)), Delivery.period.in_(periods[i:i + 500]),
                    Delivery.status.in_(("sent", "skipped"))))
                done.update((kind, period) for kind, period in rows)
            out = [o for o in out if (KIND_DUE, o.key + ":due") not in done or
                   (now >= o.escalate_at and (KIND_ESCALATE, o.key + ":escalate") not in done) or
                   (now >= o.escalate_at and (o.team_id, o.owner) in escalation_copies
                    and (KIND_ESCALATE_DM, o.key + ":escalate") not in done)]
    return out


def _current(session: Any, o: Overdue) -> tuple[PipelineEntry, Candidate, Role] | None:
    entry = session.get(PipelineEntry, o.entry_id)
    if entry is None or entry.stage != o.stage or entry.stage_entered_at != o.entered_at:
        return None  # moved on (or forgotten) since the tick looked
    cand = session.get(Candidate, entry.candidate_id)
    role = session.get(Role, entry.role_id)
    if cand is None or role is None:
        return None
    return entry, cand, role


def _ref(c: Candidate) -> str:
    return c.github or f"#{c.id}"


def _still_overdue(session: Any, o: Overdue, now: datetime):
    """(entry, candidate, role, deadline, hours late) when the entry is still in that stage, else None."""
    found = _current(session, o)
    if found is None:
        return None
    entry, cand, role = found
    return entry, cand, role, DEADLINES[o.stage], int((now - o.due_at).total_seconds() // 3600)


def _message(o: Overdue, found: tuple, *, kind: str, public: bool = False) -> dict[str, Any]:
    entry, cand, role, d, late = found
    return render("deadlines/deadline.json.j2", kind=kind, public=public, block_prefix=f"{'deadline' if kind == 'due' else 'escalation'}-{entry.id}",
                  cand=person(cand) | {"ref": _ref(cand)}, role_title=role.title, what=d.what, hours=d.hours,
                  next_stage=d.next_stage, late=late, stage=o.stage, entered_at=o.entered_at, due_at=o.due_at,
                  channel=o.channel, escalate_hours=int(d.hours * ESCALATE_AT), owner=entry.owner_user_id)


def _due_build(services: Services, o: Overdue, now: datetime):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            found = _still_overdue(session, o, now)
            return _message(o, found, kind="due") if found is not None else None
    return build


def _escalation_build(services: Services, o: Overdue, now: datetime, public: bool):
    def build() -> dict[str, Any] | None:
        with services.db.session() as session:
            found = _still_overdue(session, o, now)
            return _message(o, found, kind="escalation", public=public) if found is not None else None
    return build


def channel_is_public(client: Any, channel: str) -> bool:
    """True unless conversations.info says the channel is private, a DM or a group DM (unknown counts as public)."""
    if channel.startswith("D"):
        return False
    try:
        info = client.conversations_info(channel=channel)["channel"]
    except SlackApiError as exc:  # unknown: treat as public, so no candidate is named where it should not be
        log.info("conversations.info for %s failed (%s); treating it as public", channel, exc.response.get("error"))
        return True
    return not (info.get("is_private") or info.get("is_im") or info.get("is_mpim"))


