"""Events API: each event handled once (retries are acked and ignored), and a workspace leaving.

`app_uninstalled`, and `tokens_revoked` for the bot token, delete the workspace's tokens at once
and its data right after the ack, or after HIREBOT_RETENTION_DAYS_AFTER_UNINSTALL days (the
clock's `bot.oauth.purge_uninstalled`).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_bolt import App, BoltResponse

from bot.core.installations import claim_event
from bot.privacy.uninstall import erase_team_job, on_uninstalled
from handlers.access import anyone
from handlers.common import services, team_of

log = logging.getLogger(__name__)


def skip_seen_events(req: Any, body: dict[str, Any], context: Any,
                     next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002 - Bolt's argument name
    """Global middleware: record each event_id; a second delivery of one (Slack's retry) is acked, not handled."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if not event_id:
        next()
        return None
    hb = services(context)
    if claim_event(hb.db.engine, event_id=event_id, team_id=context.get("team_id") or body.get("team_id"),
                   now=hb.now()):
        next()
        return None
    retry = (req.headers.get("x-slack-retry-num") or ["-"])[0]
    log.info("event %s already handled; ignoring delivery (retry %s)", event_id, retry)
    return BoltResponse(status=200, body="")


def _leave(ack: Any, body: dict[str, Any], context: Any, why: str) -> None:
    ack()
    hb = services(context)
    team_id = team_of(context, body)
    erase_now = on_uninstalled(hb, team_id=team_id, enterprise_id=context.get("enterprise_id"), now=hb.now())
    log.info("team %s: %s; tokens deleted, data %s", team_id, why,
             "being erased" if erase_now else "kept until the retention period ends")
    if erase_now:
        # Big teams take a while: after the ack. If this process dies first, purge_uninstalled finishes it.
        hb.background.submit(erase_team_job, hb, team_id)


def handle_app_uninstalled(ack: Any, body: dict[str, Any], context: Any) -> None:
    """The workspace removed Hirebot."""
    _leave(ack, body, context, "app uninstalled")


def handle_tokens_revoked(ack: Any, body: dict[str, Any], context: Any, event: dict[str, Any]) -> None:
    """A revoked bot token means Hirebot is gone from the workspace; revoked user tokens only remove those users."""
    tokens = event.get("tokens") or {}
    if tokens.get("bot"):
        _leave(ack, body, context, "bot token revoked")
        return
    ack()
    users = tokens.get("oauth") or []
    if users and "installation_store" in services(context).extras:
        store = services(context).extras["installation_store"]
        for user_id in users:
            store.delete_installation(enterprise_id=context.get("enterprise_id"), team_id=context.get("team_id"),
                                      user_id=user_id)


def register(app: App) -> None:
    """Register the event dedupe middleware and the uninstall listeners."""
    app.middleware(skip_seen_events)
    app.event("app_uninstalled", middleware=[anyone])(handle_app_uninstalled)
    app.event("tokens_revoked", middleware=[anyone])(handle_tokens_revoked)
