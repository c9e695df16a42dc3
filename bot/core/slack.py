"""The Slack Web API client Hirebot uses: SLACK_API_URL, and retries for 429s and dropped connections."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.core.config import Settings


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


REQUEST_PATH_TIMEOUT = 2.0


def quick_client(settings: Settings, client: WebClient) -> WebClient:
    """A copy of `client` for one call while Slack waits for our ack: a short timeout and no retries,
    so a 429 or a slow Slack costs at most two seconds instead of a Retry-After sleep."""
    quick = make_client(settings, getattr(client, "token", None))
    quick.timeout = REQUEST_PATH_TIMEOUT
    quick.retry_handlers = []
    return quick
