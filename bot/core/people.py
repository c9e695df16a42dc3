"""Slack users as owners: timezone and name (users.info, remembered per team), working hours, business days."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.core.models import Team
from bot.core.services import Services
from bot.core.teamclient import client_for_team
from bot.core.teams import update_team_settings

log = logging.getLogger(__name__)


NUDGE_HOUR = 9  # a step is due at 09:00 in the owner's timezone


QUIET_HOUR = 20  # no nudge DMs from 20:00 to 09:00 owner-local, nor on Sat/Sun


# -- time: business days in the owner's timezone ------------------------------------------------
def add_business_days(day: date, n: int) -> date:
    """The date `n` business days after `day`, skipping Saturdays and Sundays; 0 is `day` itself."""
    d = day
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def zone(tz: str | None) -> ZoneInfo:
    """A ZoneInfo for an IANA name, UTC when it is missing or unknown."""
    try:
        return ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def due_moment(day: date, tz: str) -> datetime:
    """09:00 owner-local on `day`, as aware UTC (DST-aware)."""
    return datetime.combine(day, dtime(NUDGE_HOUR), tzinfo=zone(tz)).astimezone(UTC)


def local_day(moment: datetime, tz: str) -> date:
    """The owner's calendar date at a UTC moment."""
    return moment.astimezone(zone(tz)).date()


@dataclass(frozen=True)
class Person:
    """What Hirebot knows about a Slack user: IANA timezone and display name."""

    user_id: str
    tz: str
    name: str | None = None


def lookup_person(client: Any, user_id: str, default_tz: str = "UTC") -> Person | None:
    """A user's timezone and name from users.info; None when Slack can't say right now."""
    try:
        user = client.users_info(user=user_id)["user"]
    except (SlackApiError, OSError, KeyError, TypeError) as exc:  # OSError: a timeout or a dropped connection
        log.info("users.info for %s failed: %s", user_id, exc)
        return None
    tz = user.get("tz") or default_tz
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        tz = default_tz
    name = (user.get("profile") or {}).get("real_name") or user.get("real_name") or None
    return Person(user_id, tz, name)


def person(client: Any, user_id: str, default_tz: str = "UTC") -> Person:
    """A user's timezone and name from users.info; the default timezone when Slack can't say."""
    return lookup_person(client, user_id, default_tz) or Person(user_id, default_tz)


PEOPLE_KEY = "people"  # Team.settings[PEOPLE_KEY][user_id] = {"tz": ..., "name": ...}


def known_people(*, session: Session, team_id: str) -> dict[str, Person]:
    """The team's remembered owners (timezone and name), so the clock need not ask users.info every minute."""
    team = session.get(Team, team_id)
    people = ((team.settings or {}).get(PEOPLE_KEY) or {}) if team else {}
    return {uid: Person(uid, p.get("tz") or "UTC", p.get("name")) for uid, p in people.items() if isinstance(p, dict)}


def remember_person(*, session: Session, team_id: str, who: Person) -> None:
    """Keep an owner's timezone and name (refreshed whenever Slack is asked); writes only on change."""
    record = {"tz": who.tz, "name": who.name}
    team = session.get(Team, team_id)
    if team is not None and ((team.settings or {}).get(PEOPLE_KEY) or {}).get(who.user_id) == record:
        return
    # Merged into the freshly locked value: another owner remembered meanwhile stays remembered.
    update_team_settings(session=session, team_id=team_id,
                         **{PEOPLE_KEY: lambda people: dict(people or {}) | {who.user_id: record}})


def working_hours(moment: datetime, tz: str) -> bool:
    """True from 09:00 to 20:00 in `tz` on Monday to Friday: when Hirebot may DM someone (or escalate)."""
    local = moment.astimezone(zone(tz))
    return local.weekday() < 5 and NUDGE_HOUR <= local.hour < QUIET_HOUR


class People:
    """Owners' timezones for one clock tick: the remembered ones, and users.info once for anyone new.

    Safe to share between the fan-out's threads: one lock covers loading a team and asking Slack, so no
    thread asks users.info for someone whose remembered row another thread is still loading."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._found: dict[tuple[str, str], Person | None] = {}
        self._teams: set[str] = set()
        self._lock = threading.Lock()

    def get(self, team_id: str, user_id: str) -> Person | None:
        """The user's timezone and name; None when Slack can't say right now (try again next tick)."""
        key = (team_id, user_id)
        if key in self._found:  # the common case, without the lock (dict reads are atomic)
            return self._found[key]
        with self._lock:
            return self._get(team_id, user_id)

    def _get(self, team_id: str, user_id: str) -> Person | None:
        if team_id not in self._teams:
            self._teams.add(team_id)
            with self._services.db.session() as session:
                self._found |= {(team_id, uid): p for uid, p in known_people(session=session, team_id=team_id).items()}
        key = (team_id, user_id)
        if key not in self._found:  # not seen yet: ask Slack once this tick, then remember
            client = client_for_team(self._services, team_id)
            found = lookup_person(client, user_id, self._services.settings.default_timezone) if client else None
            if found is not None:
                with self._services.db.session() as session:
                    remember_person(session=session, team_id=team_id, who=found)
            self._found[key] = found
        return self._found[key]


# -- the clock: nudges and re-engage reminders -----------------------------------------------------
def open_dm(user_id: str):
    """A post_channel for fanout.Job: the DM channel with `user_id`."""
    return lambda client: client.conversations_open(users=user_id)["channel"]["id"]
