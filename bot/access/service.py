"""Who may see candidates and salaries, and for how long candidate data is kept.

A team may restrict /shortlist, /candidate, /salary, /outreach, `/hirebot digest` and role edits
(and the buttons on their messages) to some channels, people and user groups; a request passes when its channel, its user,
or a group the user belongs to is allowed. The rules live in `Team.settings["access"]`;
no rules means everyone in the workspace. `public` says whether candidate data may be posted in
public channels (digests check `public_channel_allowed`): not until an admin allows it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Callable, Iterable

from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.audit import audit
from bot.core.errors import NotPermitted, UserError
from bot.core.models import Team
from bot.core.teams import update_team_settings

log = logging.getLogger(__name__)

GROUP_CACHE_SECONDS = 300  # usergroups.users.list is Tier 2 (20/min): ask at most every 5 minutes per group
ACCESS_EXAMPLE = "/hirebot settings access channels:#hiring-ml users:@sam groups:@ml-hiring"

_CHANNEL = re.compile(r"^(?:<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|#?([CG][A-Z0-9]+))$")
_USER = re.compile(r"^(?:<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|@?([UW][A-Z0-9]+))$")
_GROUP = re.compile(r"^(?:<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>|@?(S[A-Z0-9]+))$")
_KEYS = {"channels": "channels", "channel": "channels", "users": "users", "user": "users", "people": "users",
         "groups": "groups", "group": "groups", "usergroups": "groups", "public": "public"}


# -- the rules ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AccessRules:
    """Allowed channels, users and user groups (none: everyone), and whether public channels may show candidates."""

    channels: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    public: bool = False

    @property
    def restricted(self) -> bool:
        """True when only some channels, people or groups may use the candidate and salary commands."""
        return bool(self.channels or self.users or self.groups)

    @classmethod
    def from_settings(cls, team_settings: dict[str, Any] | None) -> "AccessRules":
        """The rules stored in Team.settings (missing: everyone; no candidates in public channels)."""
        raw = (team_settings or {}).get("access") or {}
        return cls(channels=tuple(raw.get("channels") or ()), users=tuple(raw.get("users") or ()),
                   groups=tuple(raw.get("groups") or ()), public=raw.get("public") == "allow")

    def as_settings(self) -> dict[str, Any]:
        """The JSON kept in Team.settings["access"]."""
        return {"channels": list(self.channels), "users": list(self.users), "groups": list(self.groups),
                "public": "allow" if self.public else "deny"}


def rules_for(*, session: Session, team_id: str) -> AccessRules:
    """The team's access rules (a team Hirebot has not seen yet has none)."""
    team_settings = session.scalar(select(Team.settings).where(Team.team_id == team_id))
    return AccessRules.from_settings(team_settings)


def public_channel_allowed(session: Session, team_id: str) -> bool:
    """May candidate data (a digest) be posted in a public channel of this team?"""
    return rules_for(session=session, team_id=team_id).public


# -- changing them ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AccessChange:
    """What `/hirebot settings access ...` asked for: lists given replace the stored ones."""

    channels: tuple[str, ...] | None = None
    users: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    public: bool | None = None
    off: bool = False

    def apply(self, rules: AccessRules) -> AccessRules:
        """The rules after this change."""
        out = AccessRules(public=rules.public) if self.off else rules
        given = {k: v for k, v in (("channels", self.channels), ("users", self.users), ("groups", self.groups))
                 if v is not None}
        out = replace(out, **given)
        return out if self.public is None else replace(out, public=self.public)


def _ids(kind: str, raw: str) -> list[str]:
    pattern, example = {"channels": (_CHANNEL, "channels:#hiring-ml"), "users": (_USER, "users:@sam"),
                        "groups": (_GROUP, "groups:@ml-hiring")}[kind]
    out = []
    for item in filter(None, (p.strip() for p in raw.split(","))):
        if item.lower() == "none":
            continue
        m = pattern.match(item)
        if not m:
            raise UserError(f"`{item}` is not a Slack {kind[:-1]} I can recognise. Pick it from Slack's "
                            f"autocomplete (type {'#' if kind == 'channels' else '@'} and choose), so Slack "
                            "sends its id.", example=f"/hirebot settings access {example}")
        out.append(m.group(1) or m.group(2))
    return list(dict.fromkeys(out))


def parse_access(words: Iterable[str]) -> AccessChange:
    """Read `channels:... users:... groups:... public:allow|deny` or `off`; UserError on anything else."""
    lists: dict[str, list[str]] = {}
    public: bool | None = None
    off = False
    current: str | None = None
    for word in words:
        key, sep, rest = word.partition(":")
        name = _KEYS.get(key.lower()) if sep else None
        if name == "public":
            value = rest.strip().lower()
            if value not in ("allow", "deny"):
                raise UserError("`public:` takes `allow` or `deny`.", example="/hirebot settings access public:deny")
            public, current = value == "allow", None
        elif name:
            current = name
            lists.setdefault(name, []).extend(_ids(name, rest))
        elif word.lower() == "off" and not lists and public is None:
            off, current = True, None
        elif current:
            lists[current].extend(_ids(current, word))  # "channels: #a, #b": the list goes on after spaces
        else:
            raise UserError(f"I don't understand `{word}` in an access rule. Give channels:, users:, groups:, "
                            "public:allow|deny, or `off` for everyone.", example=ACCESS_EXAMPLE)
    if not lists and public is None and not off:
        raise UserError("Say who may use Hirebot's candidate and salary commands.", example=ACCESS_EXAMPLE)
    return AccessChange(off=off, public=public,
                        **{k: tuple(dict.fromkeys(v)) for k, v in lists.items()})


def update_rules(*, session: Session, team_id: str, change: AccessChange, user_id: str | None,
                 now: datetime) -> AccessRules:
    """Apply a change to the team's stored rules (the audit log records who changed them)."""

    def changed(current: dict[str, Any] | None) -> dict[str, Any]:
        rules = change.apply(AccessRules.from_settings({"access": current}))
        return rules.as_settings() | {"updated_by": user_id, "updated_at": now.isoformat()}

    # Applied to the locked, freshly read rules: only "access" is written, other settings stay as they are.
    rules = AccessRules.from_settings(update_team_settings(session=session, team_id=team_id, access=changed))
    audit(session=session, team_id=team_id, user_id=user_id, action="settings.access", candidate_id=None)
    log.info("team %s access changed by %s: %s", team_id, user_id, rules.as_settings())
    return rules


def is_workspace_admin(client: Any, user_id: str) -> bool:
    """True for workspace admins and owners (users.info)."""
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError as exc:
        raise UserError("Slack did not tell me whether you are a workspace admin "
                        f"({exc.response.get('error', 'no answer')}); try again in a minute.") from exc
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


def describe(rules: AccessRules) -> str:
    """The rules as a sentence for Slack."""
    if not rules.restricted:
        who = "everyone in this workspace"
    else:
        parts = []
        if rules.channels:
            parts.append("in " + ", ".join(f"<#{c}>" for c in rules.channels))
        if rules.users:
            parts.append("for " + ", ".join(f"<@{u}>" for u in rules.users))
        if rules.groups:
            parts.append("for members of " + ", ".join(f"<!subteam^{g}>" for g in rules.groups))
        who = "only " + "; ".join(parts)
    public = "allowed" if rules.public else "not allowed (private channels only)"
    return (f"*Candidate and salary commands* (/shortlist, /candidate, /salary, /outreach, `/hirebot digest`, "
            f"role edits): {who}.\n"
            f"*Candidate digests in public channels:* {public}.")


# -- enforcing them -----------------------------------------------------------------------------------
_group_cache: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}
_group_lock = threading.Lock()


def group_members(client: Any, team_id: str, group_id: str, *,
                  clock: Callable[[], float] = time.monotonic) -> frozenset[str]:
    """The user ids in a Slack user group, cached for a few minutes (an unknown group has none)."""
    key = (team_id, group_id)
    with _group_lock:
        hit = _group_cache.get(key)
    if hit and hit[0] > clock():
        return hit[1]
    try:
        members = frozenset(client.usergroups_users_list(usergroup=group_id).get("users") or ())
    except SlackApiError as exc:
        log.warning("usergroups.users.list %s in %s failed: %s", group_id, team_id, exc.response.get("error"))
        members = frozenset()
    with _group_lock:
        _group_cache[key] = (clock() + GROUP_CACHE_SECONDS, members)
    return members


def forget_group_cache() -> None:
    """Drop cached group memberships (tests, and after a settings change)."""
    with _group_lock:
        _group_cache.clear()


def allowed(rules: AccessRules, *, team_id: str, user_id: str | None, channel_id: str | None, client: Any) -> bool:
    """Does the channel, the user, or one of the user's groups pass the rules?"""
    if not rules.restricted or (channel_id and channel_id in rules.channels) or (user_id and user_id in rules.users):
        return True
    return bool(user_id) and any(user_id in group_members(client, team_id, g) for g in rules.groups)


def refusal(rules: AccessRules) -> NotPermitted:
    where = (" Run it in " + " or ".join(f"<#{c}>" for c in rules.channels) + ", or ask") if rules.channels else " Ask"
    return NotPermitted("This workspace keeps Hirebot's candidate and salary commands to its hiring channels and "
                        f"people, and this request is from neither.{where} a workspace admin to add you "
                        "(`/hirebot settings` shows the rules).")


def check(session: Session, team_id: str, user_id: str | None, channel_id: str | None, client: Any) -> None:
    """Raise NotPermitted when the team restricted access and neither the channel, the user nor their groups pass."""
    rules = rules_for(session=session, team_id=team_id)
    if not allowed(rules, team_id=team_id, user_id=user_id, channel_id=channel_id, client=client):
        raise refusal(rules)
