"""A Web API client for a given team: the single-workspace token, or the team's OAuth installation."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.core.installations import installed_bot_token
from bot.core.services import Services
from bot.core.slack import make_client


def client_for_team(services: Services, team_id: str, *, retry_429: bool = True) -> WebClient | None:
    """The bot client for a team, or None when the team has no installation."""
    settings = services.settings
    if settings.oauth_enabled:

        # Looked up each time: rotating tokens expire, and an uninstall removes them.
        token = installed_bot_token(services, team_id)
        if not token:
            return None
        client = make_client(settings, token)
        if not retry_429:
            client.retry_handlers = [h for h in client.retry_handlers if type(h).__name__ != "RateLimitErrorRetryHandler"]
        return client
    cache: dict[tuple[str, bool], Any] = services.extras.setdefault("team_clients", {})
    key = (team_id, retry_429)
    if key in cache:
        return cache[key]
    token = None
    if settings.slack_bot_token:
        token = settings.slack_bot_token.get_secret_value()
    if not token:
        return None
    client = make_client(settings, token)
    if not retry_429:
        # Fan-out waits per workspace itself; a retry handler sleeping here would block a worker.
        client.retry_handlers = [h for h in client.retry_handlers if type(h).__name__ != "RateLimitErrorRetryHandler"]
    cache[key] = client
    return client
