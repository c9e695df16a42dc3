"""/hirebot digest here|off|list|now: a channel's daily digest, at a local time in the caller's timezone."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError

from bot.access.service import public_channel_allowed
from bot.core.errors import NotPermitted, UserError
from bot.core.fanout import deliver_all
from bot.core.render import escape_mrkdwn
from bot.core.slack import quick_client
from bot.core.text import key_values
from bot.digests import service as digest
from bot.digests.service import subscriptions
from bot.roles.service import get_role
from handlers.common import services, team_of

EXAMPLE = "/hirebot digest here 09:00 role:ml-engineer min:60"
OPTIONS = ("role", "min", "max", "weekly", "changed")  # `key:value` words of `digest here`; the help and README name each
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKEND_WORDS = ("weekends", "daily", "everyday")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)?$")


def parse_time(text: str) -> str:
    """'9', '09:00', '9:30', '14h' -> 'HH:MM'; UserError otherwise."""
    m = _TIME.match(text.strip().lower().removesuffix("am"))
    if not m:
        raise UserError(f"{text!r} is not a time of day; use 24-hour HH:MM.", example=EXAMPLE)
    return f"{int(m.group(1)):02d}:{int(m.group(2) or 0):02d}"


def _user_tz(client: Any, user_id: str, default: str) -> str:
    try:
        tz = client.users_info(user=user_id)["user"].get("tz") or default
        ZoneInfo(tz)
        return tz
    except (ZoneInfoNotFoundError, KeyError, ValueError, SlackApiError, OSError):
        return default


def _channel_is_public(client: Any, channel_id: str) -> bool:
    if channel_id.startswith("D"):
        return False
    try:
        info = client.conversations_info(channel=channel_id)["channel"]
    except SlackApiError as exc:
        if exc.response.get("error") in ("channel_not_found", "not_in_channel"):
            raise UserError("Hirebot can't see this channel yet. Invite it first (`/invite @Hirebot`), then "
                            "subscribe again.", example=EXAMPLE) from exc
        raise UserError("Slack didn't say whether this channel is private; try again in a minute.",
                        example=EXAMPLE) from exc
    return not (info.get("is_private") or info.get("is_im") or info.get("is_mpim"))


def cmd_digest(*, args: list[str], body: dict[str, Any], context: Any, client: Any, **_: Any) -> dict[str, Any]:
    """Subscribe this channel, or list, stop or send the digest now."""
    hb = services(context)
    client = quick_client(hb.settings, client)  # Slack waits for this reply: no Retry-After sleeps here
    team_id = team_of(context, body)
    channel = body.get("channel_id")
    action = args[0].lower() if args else "list"
    rest = args[1:]
    if action == "here":
        positional, named = key_values(rest, set(OPTIONS))
        weekends = any(w.lower() in WEEKEND_WORDS for w in positional)
        times = [w for w in positional if w.lower() not in WEEKEND_WORDS]
        if len(times) > 1:
            raise UserError(f"I don't know what {' '.join(times[1:])!r} means here.", example=EXAMPLE)
        local_time = parse_time(times[0]) if times else "09:00"
        min_score = 0
        if "min" in named:
            if not named["min"][-1].isdigit() or int(named["min"][-1]) > 100:
                raise UserError("min: takes a score from 0 to 100.", example=EXAMPLE)
            min_score = int(named["min"][-1])
        max_items = 10
        if "max" in named:
            if not named["max"][-1].isdigit() or not 1 <= int(named["max"][-1]) <= 10:
                raise UserError("max: takes 1 to 10 candidates per digest.", example=EXAMPLE + " max:5")
            max_items = int(named["max"][-1])
        weekly_day = None
        if "weekly" in named:
            day = named["weekly"][-1].lower()[:3]
            if day not in DAYS:
                raise UserError(f"weekly: takes a day (mon to sun), not {named['weekly'][-1]!r}.", example=EXAMPLE + " weekly:mon")
            weekly_day = DAYS.index(day)
        only_changed = False
        if "changed" in named:
            word = named["changed"][-1].lower()
            if word not in ("only", "always"):
                raise UserError(f"changed: takes only or always, not {named['changed'][-1]!r}.",
                                example=EXAMPLE + " changed:only")
            only_changed = word == "only"
        with hb.db.session() as session:
            role_slug = get_role(session=session, team_id=team_id, name=named["role"][-1]).slug if "role" in named else ""
            if _channel_is_public(client, channel) and not public_channel_allowed(session, team_id):
                raise NotPermitted("This is a public channel, and digests name candidates. Use a private channel "
                                   "(or ask an admin to allow public channels with `/hirebot settings access public:allow`).",
                                   example=EXAMPLE)
        tz = _user_tz(client, body["user_id"], hb.settings.default_timezone)
        with hb.db.session() as session:
            digest.subscribe(session=session, team_id=team_id, channel_id=channel, role_slug=role_slug,
                             user_id=body["user_id"], now=hb.now(), local_time=local_time, tz=tz, min_score=min_score,
                             max_items=max_items, weekends=weekends, weekly_day=weekly_day, only_changed=only_changed)
        what = f"*{escape_mrkdwn(role_slug)}* candidates" if role_slug else "new candidates for every role"
        when = (f" every {DAYS[weekly_day].capitalize()}" if weekly_day is not None
                else " every day" if weekends else " on weekdays")
        return {"text": f"Subscribed <#{channel}> to a {'weekly' if weekly_day is not None else 'daily'} digest of "
                        f"{what} at *{local_time}* {tz}{when}"
                        f"{f', score {min_score}+' if min_score else ''}, at most {max_items} per digest. "
                        + ("Nothing changed since the last one means no message." if only_changed
                           else "Nothing new means no message.")}
    if action == "list":
        with hb.db.session() as session:
            subs = subscriptions(session=session, team_id=team_id)
        if not subs:
            return {"text": "No digests yet. Subscribe a channel with `" + EXAMPLE + "`."}
        lines = [f"• <#{s.channel_id}> at {s.local_time} {s.timezone}" + (f" · {s.role_slug}" if s.role_slug else " · every role")
                 + (f" · min {s.min_score}" if s.min_score else "") + f" · max {s.max_items}"
                 + (f" · weekly on {DAYS[s.weekly_day].capitalize()}" if s.weekly_day is not None else
                    " · weekends too" if s.weekends else "")
                 + (" · only when changed" if s.only_changed else "") for s in subs]
        return {"text": "*Digests*\n" + "\n".join(lines)}
    if action == "off":
        _, named = key_values(rest, {"role"})
        with hb.db.session() as session:
            stopped = digest.unsubscribe(session=session, team_id=team_id, channel_id=channel,
                                         role=named["role"][-1] if "role" in named else None)
        if not stopped:
            raise UserError("This channel has no digest to stop.", example="/hirebot digest list")
        return {"text": f"Stopped {stopped} digest{'s' if stopped > 1 else ''} in <#{channel}>."}
    if action == "now":

        with hb.db.session() as session:
            subs = [s.id for s in subscriptions(session=session, team_id=team_id) if s.channel_id == channel]
            # The same check the post itself runs (digest.checked_digest); asked here too, to say why.
            refused = any(not digest.may_post_here(hb, session=session, subscription_id=sid) for sid in subs)
        if not subs:
            raise UserError("This channel has no digest; subscribe it first.", example=EXAMPLE)
        if refused:
            raise NotPermitted("Digests name candidates, and this channel is now public or outside the team's access "
                               "rules, so nothing is posted here. Use a private channel (or ask an admin about "
                               "`/hirebot settings access public:allow`).")
        now = hb.now()
        jobs = digest.digest_now_jobs(hb, team_id=team_id, channel_id=channel, subscription_ids=subs,
                                      trigger_id=body.get("trigger_id"), now=now)
        hb.background.submit(deliver_all, hb, jobs, now)
        return {"text": "Posting the digest here now (nothing is posted if there is nothing new)."}
    raise UserError(f"`digest {action}` is not something I can do: here, list, off or now.", example=EXAMPLE)
