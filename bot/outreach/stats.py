"""Outreach statistics: replies per step and per intent, time to reply."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.models import Enrollment, Role, Touch


@dataclass(frozen=True)
class StepStat:
    """Replies to one step: how many times it was sent, how many first replies it got."""

    step: int
    sent: int
    replies: int

    @property
    def rate(self) -> float:
        """Replies per send."""
        return self.replies / self.sent if self.sent else 0.0


@dataclass(frozen=True)
class Stats:
    """Outreach numbers for a team (optionally one role)."""

    enrolled: int
    contacted: int
    replied: int
    steps: tuple[StepStat, ...]
    intents: tuple[tuple[str, int], ...]
    median_hours: float | None


def stats(*, session: Session, team_id: str, role: Role | None = None) -> Stats:
    """Reply rate per step and per intent, and the median time from the last send to the first reply."""
    q = select(Enrollment).where(Enrollment.team_id == team_id)
    if role is not None:
        q = q.where(Enrollment.role_id == role.id)
    enrollments = {e.id: e for e in session.scalars(q)}
    touches: dict[int, list[Touch]] = {}
    if enrollments:
        ids = list(enrollments)
        for i in range(0, len(ids), 500):
            for t in session.scalars(select(Touch).where(Touch.enrollment_id.in_(ids[i:i + 500]))
                                     .order_by(Touch.at, Touch.id)):
                touches.setdefault(t.enrollment_id, []).append(t)
    sent: dict[int, int] = {}
    first_reply: dict[int, int] = {}
    intents: dict[str, int] = {}
    waits: list[float] = []
    contacted = replied = 0
    for ts in touches.values():
        sends = [t for t in ts if t.kind == "sent"]
        replies = [t for t in ts if t.kind == "reply"]
        # A reply to a step shows it went out, even if nobody clicked Mark sent.
        for step in {t.step for t in sends} | ({replies[0].step} if replies else set()):
            sent[step] = sent.get(step, 0) + 1
        if sends or replies:
            contacted += 1
        for r in replies:
            intents[r.intent or "unknown"] = intents.get(r.intent or "unknown", 0) + 1
        if replies:
            replied += 1
            first = replies[0]
            first_reply[first.step] = first_reply.get(first.step, 0) + 1
            before = [t for t in sends if t.at <= first.at]
            if before:
                waits.append((first.at - before[-1].at).total_seconds() / 3600)
    steps = tuple(StepStat(s, sent.get(s, 0), first_reply.get(s, 0)) for s in sorted(set(sent) | set(first_reply)))
    return Stats(enrolled=len(enrollments), contacted=contacted, replied=replied, steps=steps,
                 intents=tuple(sorted(intents.items(), key=lambda kv: (-kv[1], kv[0]))),
                 median_hours=statistics.median(waits) if waits else None)


def duration_text(hours: float) -> str:
    """'5 h', '2.5 days'."""
    if hours < 48:
        return f"{hours:.0f} h" if hours >= 1 else f"{hours * 60:.0f} min"
    return f"{hours / 24:.1f}".rstrip("0").rstrip(".") + " days"
