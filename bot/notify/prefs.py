"""Notification preferences: a mode per kind, a summary time, quiet hours and days, snooze; and the time rules.

Times are the person's own Slack timezone (users.info `tz`, an IANA name), read with zoneinfo, so a
quiet window that ends at 07:00 ends at 07:00 local on either side of a DST change. Without a row a
person gets today's behaviour: every kind as a DM now, except escalation copies (off; the channel
escalation itself never depends on anyone's preference).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.errors import UserError
from bot.core.models import NotifyPreference
from bot.core.people import zone


class Kind(StrEnum):
    """The kinds of personal notification a person chooses for."""

    NUDGES = "nudges"  # follow-up nudges (outreach steps due)
    DEADLINES = "deadlines"  # hiring-clock nudges (a stage past its deadline)
    ESCALATIONS = "escalations"  # a DM copy of the channel escalation about a candidate you own
    REENGAGE = "reengage"  # re-engage reminders (a not-now reply's date has come)
    NEWWORK = "newwork"  # new public work by a candidate you passed on or who went quiet


class Mode(StrEnum):
    """How a kind reaches the person."""

    NOW = "now"
    SUMMARY = "summary"
    OFF = "off"


LABELS = {Kind.NUDGES: "Follow-up nudges", Kind.DEADLINES: "Hiring-clock nudges", Kind.ESCALATIONS: "Escalations",
          Kind.REENGAGE: "Re-engage reminders", Kind.NEWWORK: "New work from known candidates"}
DEFAULTS = {Kind.NUDGES: Mode.NOW, Kind.DEADLINES: Mode.NOW, Kind.ESCALATIONS: Mode.OFF, Kind.REENGAGE: Mode.NOW,
            Kind.NEWWORK: Mode.NOW}
ALIASES = {"nudge": Kind.NUDGES, "followups": Kind.NUDGES, "follow-ups": Kind.NUDGES, "deadline": Kind.DEADLINES,
           "clock": Kind.DEADLINES, "escalation": Kind.ESCALATIONS, "re-engage": Kind.REENGAGE,
           "new-work": Kind.NEWWORK, "news": Kind.NEWWORK}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_SUMMARY_TIME = "17:00"
MAX_SNOOZE_DAYS = 21  # re-engage reminders wait up to 30 days (bot/outreach/jobs.REENGAGE_WINDOW)
EXAMPLE = "/hirebot notify nudges summary 17:00"
_TIME = re.compile(r"^([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?$")


@dataclass(frozen=True)
class Prefs:
    """One person's preferences as plain data (defaults filled in)."""

    user_id: str
    modes: dict[str, str] = field(default_factory=dict)
    summary_time: str = DEFAULT_SUMMARY_TIME
    quiet_start: str | None = None
    quiet_end: str | None = None
    quiet_days: tuple[int, ...] = ()
    snooze_until: datetime | None = None
    tz: str | None = None

    def mode(self, kind: Kind | str) -> Mode:
        """The mode chosen for `kind`, or its default."""
        value = self.modes.get(str(kind))
        return Mode(value) if value in set(Mode) else DEFAULTS[Kind(kind)]


def defaults(user_id: str) -> Prefs:
    """Today's behaviour, for a person with no row."""
    return Prefs(user_id)


def as_prefs(row: NotifyPreference) -> Prefs:
    """A row as plain data."""
    days = tuple(sorted({int(d) for d in (row.quiet_days or []) if str(d).isdigit() and 0 <= int(d) <= 6}))
    return Prefs(row.user_id, dict(row.modes or {}), row.summary_time or DEFAULT_SUMMARY_TIME, row.quiet_start,
                 row.quiet_end, days, row.snooze_until, row.tz)


def get_prefs(*, session: Session, team_id: str, user_id: str) -> Prefs:
    """A person's preferences (defaults when they never changed any)."""
    row = session.scalar(select(NotifyPreference).where(NotifyPreference.team_id == team_id,
                                                        NotifyPreference.user_id == user_id))
    return as_prefs(row) if row is not None else defaults(user_id)


def team_prefs(*, session: Session, team_id: str) -> dict[str, Prefs]:
    """Every person of the team who changed something, by user id."""
    rows = session.scalars(select(NotifyPreference).where(NotifyPreference.team_id == team_id))
    return {r.user_id: as_prefs(r) for r in rows}


def _row(session: Session, team_id: str, user_id: str) -> NotifyPreference:
    row = session.scalar(select(NotifyPreference).where(NotifyPreference.team_id == team_id,
                                                        NotifyPreference.user_id == user_id))
    if row is None:
        row = NotifyPreference(team_id=team_id, user_id=user_id, modes={}, quiet_days=[],
                               summary_time=DEFAULT_SUMMARY_TIME)
        session.add(row)
    return row


def update_prefs(*, session: Session, team_id: str, user_id: str, tz: str | None = None,
                 modes: dict[str, str] | None = None, summary_time: str | None = None,
                 quiet: tuple[str | None, str | None] | None = None, quiet_days: list[int] | None = None,
                 snooze_until: datetime | None | bool = False) -> Prefs:
    """Change what was given (validated by the caller with the parsers below); returns the result."""
    row = _row(session, team_id, user_id)
    if tz:
        row.tz = tz
    if modes:
        row.modes = dict(row.modes or {}) | {str(k): str(v) for k, v in modes.items()}
    if summary_time:
        row.summary_time = summary_time
    if quiet is not None:
        row.quiet_start, row.quiet_end = quiet
    if quiet_days is not None:
        row.quiet_days = sorted(set(quiet_days))
    if snooze_until is not False:
        row.snooze_until = snooze_until  # type: ignore[assignment]
    session.flush()
    return as_prefs(row)


def reset_prefs(*, session: Session, team_id: str, user_id: str) -> Prefs:
    """Back to the defaults (the row stays, emptied, so held messages still find their owner)."""
    row = _row(session, team_id, user_id)
    row.modes, row.summary_time, row.quiet_start, row.quiet_end = {}, DEFAULT_SUMMARY_TIME, None, None
    row.quiet_days, row.snooze_until = [], None
    session.flush()
    return as_prefs(row)


# -- parsing what people type or pick -------------------------------------------------------------
def parse_kind(word: str) -> Kind:
    """'nudges', 'deadline', 'news' -> Kind; UserError naming the word otherwise."""
    w = word.strip().lower()
    if w in set(Kind):
        return Kind(w)
    if w in ALIASES:
        return ALIASES[w]
    raise UserError(f"{word!r} is not a kind of notification: " + ", ".join(k.value for k in Kind) + ".",
                    example=EXAMPLE)


def parse_mode(word: str) -> Mode:
    """'now', 'summary', 'off' (also 'dm', 'daily') -> Mode."""
    w = word.strip().lower()
    w = {"dm": "now", "daily": "summary", "digest": "summary", "none": "off"}.get(w, w)
    if w in set(Mode):
        return Mode(w)
    raise UserError(f"{word!r} is not a mode: now, summary or off.", example=EXAMPLE)


def parse_time(text: str, example: str = EXAMPLE) -> str:
    """'9', '09:00', '17.30', '7h' -> 'HH:MM'."""
    m = _TIME.match(text.strip().lower())
    if not m:
        raise UserError(f"{text!r} is not a time of day; use 24-hour HH:MM.", example=example)
    return f"{int(m.group(1)):02d}:{int(m.group(2) or 0):02d}"


def parse_days(text: str, example: str = "/hirebot notify quiet days sat,sun") -> list[int]:
    """'sat,sun', 'fri-sun', 'none' -> weekday numbers (0=Monday)."""
    t = text.strip().lower()
    if t in ("none", "off", "-"):
        return []
    out: set[int] = set()
    for part in re.split(r"[,\s]+", t):
        if not part:
            continue
        ends = part.split("-")
        if len(ends) > 2 or any(e[:3] not in DAYS for e in ends):
            raise UserError(f"{part!r} is not a day; use mon, tue, wed, thu, fri, sat, sun.", example=example)
        a, b = DAYS.index(ends[0][:3]), DAYS.index(ends[-1][:3])
        out |= {(a + i) % 7 for i in range(((b - a) % 7) + 1)}
    return sorted(out)


def days_text(days: tuple[int, ...] | list[int]) -> str:
    """[5, 6] -> 'Sat, Sun'."""
    return ", ".join(DAYS[d].capitalize() for d in sorted(days))


# -- time: quiet windows in the person's timezone ------------------------------------------------
def _hm(text: str) -> dtime:
    hh, mm = (int(x) for x in text.split(":"))
    return dtime(hh, mm)


def _at(day: date, hm: str, tz: str) -> datetime:
    """`hm` local on `day` as aware UTC; a time skipped by DST maps to the first moment after the gap."""
    local = datetime.combine(day, _hm(hm), tzinfo=zone(tz))
    return local.astimezone(UTC)


def quiet_until(p: Prefs, now: datetime, tz: str) -> datetime | None:
    """When the quiet hours or quiet day around `now` end (UTC), or None when `now` is not quiet."""
    local = now.astimezone(zone(tz))
    if p.quiet_days and local.weekday() in p.quiet_days:
        return datetime.combine(local.date() + timedelta(days=1), dtime(0), tzinfo=zone(tz)).astimezone(UTC)
    if not (p.quiet_start and p.quiet_end) or p.quiet_start == p.quiet_end:
        return None
    t, start, end = local.time().replace(tzinfo=None), _hm(p.quiet_start), _hm(p.quiet_end)
    if start < end:
        return _at(local.date(), p.quiet_end, tz) if start <= t < end else None
    if t >= start:  # the window runs over midnight
        return _at(local.date() + timedelta(days=1), p.quiet_end, tz)
    if t < end:
        return _at(local.date(), p.quiet_end, tz)
    return None


def held_until(p: Prefs, now: datetime, tz: str) -> datetime | None:
    """The first moment from `now` that is neither snoozed nor quiet (UTC); None when `now` itself is free."""
    t, moved = now, False
    for _ in range(16):  # quiet days then quiet hours then a snooze: a few hops at most
        if p.snooze_until is not None and t < p.snooze_until:
            t, moved = p.snooze_until, True
            continue
        until = quiet_until(p, t, tz)
        if until is None or until <= t:
            break
        t, moved = until, True
    return t if moved else None


def next_summary(p: Prefs, now: datetime, tz: str) -> datetime:
    """The next summary moment at or after `now` (the person's summary time, local)."""
    local = now.astimezone(zone(tz))
    at = _at(local.date(), p.summary_time, tz)
    return at if at >= now else _at(local.date() + timedelta(days=1), p.summary_time, tz)
