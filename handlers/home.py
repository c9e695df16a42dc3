"""App Home: the reader's due follow-ups and overdue stages first, then pipeline counts per role."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.access.service import allowed, rules_for
from bot.core.ids import ActionId
from bot.home.messages import home_view
from handlers.access import anyone
from handlers.common import services, team_of


def publish_home(client: Any, context: Any, user_id: str, body: dict[str, Any]) -> None:
    """Render and publish the Home tab."""
    hb = services(context)
    team_id = team_of(context, body)

    with hb.db.session() as session:
        rules = rules_for(session=session, team_id=team_id)
        team_wide = allowed(rules, team_id=team_id, user_id=user_id, channel_id=None, client=client)
        view = home_view(session=session, team_id=team_id, user_id=user_id, now=hb.now(), team_wide=team_wide)
    client.views_publish(user_id=user_id, view=view)


def handle_home_opened(event: dict[str, Any], client: Any, context: Any, body: dict[str, Any]) -> None:
    """app_home_opened: publish the Home tab (only the Home tab, not the Messages tab)."""
    if event.get("tab", "home") == "home":
        publish_home(client, context, event["user"], body)


def handle_refresh(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
    """The Refresh button."""
    ack()
    publish_home(client, context, body["user"]["id"], body)


def register(app: App) -> None:
    """Register the Home tab listeners."""
    app.event("app_home_opened", middleware=[anyone])(handle_home_opened)
    app.action(ActionId.HOME_REFRESH, middleware=[anyone])(handle_refresh)
