"""Access rules, declared where each listener is registered (Bolt's per-listener `middleware=[...]`).

Every command, action, view and event names one of these; `build_app` refuses to start when a
listener names none (deny by default), and `tests/access/test_declared.py` lists them all.

- `hiring_team`: only the people and channels the team's access rules allow
  (`/hirebot settings access ...`); everyone when no rules are set. Help is always open.
- `anyone`: everyone in the workspace: help, the caller's own nudges, events from Slack itself.
- `hiring_team_for(*verbs)`: for a subcommand with both kinds of verbs (`role list` vs `role add`).
"""

from __future__ import annotations

from typing import Any, Callable

from bot.access.service import allowed, refusal, rules_for
from bot.core.text import split_args, wants_help

Middleware = Callable[..., None]
RULE = "access_rule"  # the attribute that marks a middleware as an access rule
_PASSED = "hirebot_access_passed"


def _rule(name: str, check: Callable[..., None]) -> Callable[[Middleware], Middleware]:
    """Mark a middleware as an access rule; `check(body, context, client, args)` is what a subcommand router calls."""
    def mark(fn: Middleware) -> Middleware:
        setattr(fn, RULE, name)
        fn.check = check  # type: ignore[attr-defined]
        return fn
    return mark


def access_rule_of(middleware: list[Any]) -> str | None:
    """The access rule a listener declared among its middleware, if any."""
    for m in middleware:
        fn = getattr(m, "func", m)  # Bolt wraps listener middleware in CustomMiddleware(func=...)
        name = getattr(fn, RULE, None)
        if name:
            return name
    return None


def _team(body: dict[str, Any], context: Any) -> str | None:
    return (context.get("team_id") or context.get("enterprise_id") or body.get("team_id")
            or (body.get("team") or {}).get("id"))


def _who_and_where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """(user, channel) the rules apply to. No channel type is exempt: a DM can hold a digest an outsider
    subscribed before access was restricted; the owner's own nudge buttons are declared `anyone` instead."""
    if body.get("command"):
        return body.get("user_id"), body.get("channel_id")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    return (body.get("user") or {}).get("id"), channel


def require_hiring_team(body: dict[str, Any], context: Any, client: Any) -> None:
    """Raise NotPermitted unless the team's access rules allow this person in this channel."""
    team_id = _team(body, context)
    if not team_id or context.get(_PASSED):
        return
    with context["hb"].db.session() as session:
        rules = rules_for(session=session, team_id=team_id)
    user_id, channel_id = _who_and_where(body)
    if not allowed(rules, team_id=team_id, user_id=user_id, channel_id=channel_id, client=client):
        raise refusal(rules)


def _hiring_team_check(body: dict[str, Any], context: Any, client: Any, args: list[str]) -> None:
    require_hiring_team(body, context, client)


def _anyone_check(body: dict[str, Any], context: Any, client: Any, args: list[str]) -> None:
    return None


@_rule("hiring team", _hiring_team_check)
def hiring_team(body: dict[str, Any], context: Any, client: Any, next: Callable[[], None]) -> None:  # noqa: A002
    """Listener middleware: the team's access rules apply (a command's `help` is open to anyone)."""
    # Read the words exactly as the command router will (quotes, smart quotes, Slack links),
    # so `/shortlist "help"` is help and nothing else slips through.
    if not (body.get("command") and wants_help(split_args(body.get("text") or "")[:1])):
        require_hiring_team(body, context, client)
    next()


@_rule("anyone in the workspace", _anyone_check)
def anyone(next: Callable[[], None]) -> None:  # noqa: A002 - Bolt's argument name
    """Listener middleware: no access rule beyond being in the workspace (declared, not forgotten)."""
    next()


def hiring_team_for(*verbs: str) -> Middleware:
    """A subcommand rule: the hiring team only for these verbs (the first word after the subcommand)."""
    guarded = frozenset(v.lower() for v in verbs)

    def check(body: dict[str, Any], context: Any, client: Any, args: list[str]) -> None:
        if args and args[0].lower() in guarded:
            require_hiring_team(body, context, client)

    @_rule("hiring team for " + ", ".join(sorted(guarded)), check)
    def rule(body: dict[str, Any], context: Any, client: Any, next: Callable[[], None]) -> None:  # noqa: A002
        check(body, context, client, split_args(body.get("text") or "")[2:3])
        next()

    return rule
