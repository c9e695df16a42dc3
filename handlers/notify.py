"""/hirebot notify: a person's own notifications (per kind now / summary / off, quiet hours, snooze)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bot.core.errors import UserError
from bot.core.people import lookup_person, remember_person
from bot.core.slack import quick_client
from bot.notify import prefs as np
from bot.notify.messages import status_text
from handlers.common import services, team_of

EXAMPLE = np.EXAMPLE
USAGE_LINES = ("`/hirebot notify` shows your choices", "`/hirebot notify nudges now|summary|off` (also deadlines, "
               "escalations, reengage, newwork, all)", "`/hirebot notify summary 17:00`",
               "`/hirebot notify quiet 20:00-08:00` · `quiet days sat,sun` · `quiet off`",
               "`/hirebot notify snooze 7` (days) · `snooze off`", "`/hirebot notify reset`")
_RANGE = re.compile(r"^(\S+?)\s*(?:-|–|to)\s*(\S+)$")


def user_tz(hb: Any, client: Any, team_id: str, user_id: str) -> str:
    """The person's Slack timezone (users.info), remembered for the clock; the default when Slack can't say."""
    found = lookup_person(client, user_id, hb.settings.default_timezone)
    if found is None:
        return hb.settings.default_timezone
    with hb.db.session() as session:
        remember_person(session=session, team_id=team_id, who=found)
    return found.tz


def _quiet(rest: list[str]) -> dict[str, Any]:
    example = "/hirebot notify quiet 20:00-08:00"
    if not rest:
        raise UserError("Say the quiet hours, `off`, or `days` and the days.", example=example)
    if rest[0].lower() in ("off", "none"):
        if len(rest) > 1:
            raise UserError(f"I don't know what {' '.join(rest[1:])!r} means after `quiet off`.", example=example)
        return {"quiet": (None, None), "quiet_days": []}
    if rest[0].lower() == "days":
        if len(rest) < 2:
            raise UserError("Say which days, or `none`.", example="/hirebot notify quiet days sat,sun")
        return {"quiet_days": np.parse_days(",".join(rest[1:]))}
    m = _RANGE.match(" ".join(rest))
    ends = [m.group(1), m.group(2)] if m else rest
    if len(ends) != 2:
        raise UserError(f"{' '.join(rest)!r} is not a range of hours.", example=example)
    start, end = np.parse_time(ends[0], example), np.parse_time(ends[1], example)
    if start == end:
        raise UserError("Quiet hours need a different start and end.", example=example)
    return {"quiet": (start, end)}


def parse_notify(args: list[str], now: Any) -> dict[str, Any] | str:
    """What `/hirebot notify ...` changes (keyword arguments of update_prefs), or 'show' / 'reset'."""
    if not args or args[0].lower() in ("show", "status", "list"):
        if len(args) > 1:
            raise UserError(f"I don't know what {' '.join(args[1:])!r} means here.", example="/hirebot notify")
        return "show"
    word, rest = args[0].lower(), args[1:]
    if word == "reset":
        if rest:
            raise UserError(f"I don't know what {' '.join(rest)!r} means after `reset`.", example="/hirebot notify reset")
        return "reset"
    if word == "snooze":
        example = "/hirebot notify snooze 7"
        if len(rest) != 1:
            raise UserError(f"Say for how many days (1 to {np.MAX_SNOOZE_DAYS}), or `off`.", example=example)
        days = rest[0].lower().removesuffix("d").removesuffix("days")
        if days in ("off", "0", "none"):
            return {"snooze_until": None}
        if not (days.isascii() and days.isdigit() and 1 <= int(days) <= np.MAX_SNOOZE_DAYS):
            raise UserError(f"{rest[0]!r} is not a number of days from 1 to {np.MAX_SNOOZE_DAYS}.", example=example)
        return {"snooze_until": now + timedelta(days=int(days))}
    if word == "quiet":
        return _quiet(rest)
    if word == "summary" and len(rest) == 1 and rest[0][:1].isdigit():
        return {"summary_time": np.parse_time(rest[0])}
    kinds = list(np.Kind) if word == "all" else [np.parse_kind(args[0])]
    if not rest or len(rest) > 2:
        raise UserError("Say now, summary or off after the kind.", example=EXAMPLE)
    mode = np.parse_mode(rest[0])
    out: dict[str, Any] = {"modes": {k.value: mode.value for k in kinds}}
    if len(rest) == 2:
        if mode is not np.Mode.SUMMARY:
            raise UserError(f"I don't know what {rest[1]!r} means after `{rest[0]}`.", example=EXAMPLE)
        out["summary_time"] = np.parse_time(rest[1])
    return out


def cmd_notify(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Show or change the caller's own notification preferences."""
    hb = services(context)
    team_id, user_id = team_of(context, body), body["user_id"]
    now = hb.now()
    change = parse_notify(args, now)  # every word checked before anything is written
    tz = user_tz(hb, quick_client(hb.settings, client), team_id, user_id)
    with hb.db.session() as session:
        if change == "show":
            p = np.get_prefs(session=session, team_id=team_id, user_id=user_id)
        elif change == "reset":
            p = np.reset_prefs(session=session, team_id=team_id, user_id=user_id)
        else:
            p = np.update_prefs(session=session, team_id=team_id, user_id=user_id, tz=tz, **change)
    notice = "" if change == "show" else ("Back to the defaults.\n" if change == "reset" else "Saved.\n")
    return {"text": notice + status_text(p, tz=p.tz or tz, now=now)}
