"""App Home: the reader's due follow-ups and overdue stages first, then pipeline counts per role, then their
notification choices (a select per kind, quiet hours in a modal, snooze)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_bolt import App

from bot.access.service import allowed, rules_for
from bot.core.errors import UserError
from bot.core.ids import ActionId, CallbackId
from bot.home.messages import home_view
from bot.notify import prefs as np
from bot.notify.messages import SNOOZE_CHOICES, quiet_modal
from handlers.access import anyone
from handlers.common import services, team_of
from handlers.notify import user_tz


def publish_home(client: Any, context: Any, user_id: str, body: dict[str, Any]) -> None:
    """Render and publish the Home tab."""
    hb = services(context)
    team_id = team_of(context, body)

    tz = user_tz(hb, client, team_id, user_id)  # the Notifications section speaks in the reader's timezone
    with hb.db.session() as session:
        rules = rules_for(session=session, team_id=team_id)
        team_wide = allowed(rules, team_id=team_id, user_id=user_id, channel_id=None, client=client)
        view = home_view(session=session, team_id=team_id, user_id=user_id, now=hb.now(), team_wide=team_wide, tz=tz)
    client.views_publish(user_id=user_id, view=view)


def handle_home_opened(event: dict[str, Any], client: Any, context: Any, body: dict[str, Any]) -> None:
    """app_home_opened: publish the Home tab (only the Home tab, not the Messages tab)."""
    if event.get("tab", "home") == "home":
        publish_home(client, context, event["user"], body)


def handle_refresh(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """The Refresh button."""
    ack()
    publish_home(client, context, body["user"]["id"], body)


STALE = "That control is from an older Home tab; open the Home tab again."


def _selected(body: dict[str, Any]) -> str:
    """The value of the clicked select (or button); UserError for anything Hirebot did not put there."""
    action = body["actions"][0]
    option = action.get("selected_option")
    value = option.get("value") if isinstance(option, dict) else action.get("value")
    if not isinstance(value, str) or not value.isascii() or len(value) > 40:
        raise UserError(STALE)
    return value


def handle_mode_select(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """A Notifications select: one kind to now, summary or off."""
    kind, _, mode = _selected(body).partition(":")
    if kind not in set(np.Kind) or mode not in set(np.Mode):
        raise UserError(STALE)
    ack()
    _save(client, context, body, modes={kind: mode})


def handle_snooze_select(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """Snooze everything for N days (0: resume now)."""
    days = _selected(body)
    if days not in {v for v, _ in SNOOZE_CHOICES}:
        raise UserError(STALE)
    ack()
    hb = services(context)
    _save(client, context, body, snooze_until=(hb.now() + timedelta(days=int(days))) if int(days) else None)


def handle_quiet_click(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """Change…: the quiet-hours modal, filled with the current choices."""
    ack()
    hb = services(context)
    team_id, user_id = team_of(context, body), body["user"]["id"]
    tz = user_tz(hb, client, team_id, user_id)
    with hb.db.session() as session:
        p = np.get_prefs(session=session, team_id=team_id, user_id=user_id)
    client.views_open(trigger_id=body["trigger_id"], view=quiet_modal(p, tz=tz))


def _picked(values: dict[str, Any], block: str, action: str, key: str) -> Any:
    return ((values.get(block) or {}).get(action) or {}).get(key)


def handle_quiet_submit(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """The quiet-hours modal's Save: both times or neither, days, summary time; then the Home tab again."""
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    start, end = _picked(values, "quiet_start", "time", "selected_time"), _picked(values, "quiet_end", "time", "selected_time")
    summary = _picked(values, "summary_time", "time", "selected_time")
    days = _picked(values, "quiet_days", "days", "selected_options") or []
    errors = {}
    try:
        start, end = (np.parse_time(start) if start else None), (np.parse_time(end) if end else None)
    except UserError:
        start, end, errors["quiet_start"] = None, None, "Pick a time."
    if bool(start) != bool(end):
        errors["quiet_end" if start else "quiet_start"] = "Pick both times, or neither for no quiet hours."
    elif start and start == end:
        errors["quiet_end"] = "The quiet hours end at another time than they start."
    picked = [d.get("value") for d in days if isinstance(d, dict)]
    if not all(isinstance(v, str) and v in {"0", "1", "2", "3", "4", "5", "6"} for v in picked):
        errors["quiet_days"] = "Pick days from the list."
    try:
        summary = np.parse_time(summary) if summary else np.DEFAULT_SUMMARY_TIME
    except UserError:
        errors["summary_time"] = "Pick a time."
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    _save(client, context, body, quiet=(start, end), quiet_days=[int(v) for v in picked], summary_time=summary)


def _save(client: Any, context: Any, body: dict[str, Any], **change: Any) -> None:
    """Write the person's change (with their Slack timezone), then publish their Home tab again."""
    hb = services(context)
    team_id, user_id = team_of(context, body), body["user"]["id"]
    tz = user_tz(hb, client, team_id, user_id)
    with hb.db.session() as session:
        np.update_prefs(session=session, team_id=team_id, user_id=user_id, tz=tz, **change)
    publish_home(client, context, user_id, body)


def register(app: App) -> None:
    """Register the Home tab listeners (a person's own notifications are theirs: anyone)."""
    app.event("app_home_opened", middleware=[anyone])(handle_home_opened)
    app.action(ActionId.HOME_REFRESH, middleware=[anyone])(handle_refresh)
    app.action(ActionId.NOTIFY_MODE, middleware=[anyone])(handle_mode_select)
    app.action(ActionId.NOTIFY_SNOOZE, middleware=[anyone])(handle_snooze_select)
    app.action(ActionId.NOTIFY_QUIET, middleware=[anyone])(handle_quiet_click)
    app.view(CallbackId.NOTIFY_QUIET, middleware=[anyone])(handle_quiet_submit)
