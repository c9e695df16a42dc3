"""The Slack Web API client Hirebot uses: SLACK_API_URL, and retries for 429s and dropped connections."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.config import Settings


class ServerErrorRetryHandler(RetryHandler):
    """Retry 500/502/503/504 a few times with backoff: Slack's own guidance for transient errors."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return response is not None and response.status_code in (500, 502, 503, 504)


def retry_handlers(max_retries: int) -> list[RetryHandler]:
    """The retry policy every client shares."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=max_retries),
        RateLimitErrorRetryHandler(max_retry_count=max_retries),
        ServerErrorRetryHandler(max_retry_count=max_retries),
    ]


def make_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient pointed at SLACK_API_URL with the retry policy."""
    return WebClient(token=token, base_url=settings.api_url, timeout=15,
                     retry_handlers=retry_handlers(settings.slack_max_retries))
