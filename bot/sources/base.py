"""Shared plumbing for the public-data clients: errors, the ETag cache, rate-limit handling.

Every client wraps one `httpx.Client` and sends each request through `HttpSource._send`,
which
- refuses to call when the last response said the budget is spent (`remaining: 0`
  and the reset lies ahead), so a spent budget costs no request;
- sends `If-None-Match` with a stored ETag and serves the cached body on 304;
- on 403/429 waits `retry-after` (or until the reset) when that is at most `max_wait`
  seconds and retries, else raises `SourceUnavailable` with `retry_at`;
- retries a timeout, a network error or a 5xx once, then raises `SourceUnavailable`.

Tokens are sent per request from a private attribute and never logged or put in errors.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Mapping, Protocol, runtime_checkable
from urllib.parse import urlsplit

import httpx

log = logging.getLogger("bot.sources")

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_WAIT = 10.0
USER_AGENT = "hirebot (+https://github.com/hirebot)"


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class SourceError(Exception):
    """Base class of everything a public-data client raises on purpose."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceUnavailable(SourceError):
    """The source cannot answer now (budget spent, 5xx, timeout, network): retry at `retry_at`."""

    def __init__(self, source: str, reason: str, retry_at: datetime | None = None):
        super().__init__(source, reason)
        self.retry_at = retry_at

    def __str__(self) -> str:
        when = f" (retry at {self.retry_at.isoformat()})" if self.retry_at else ""
        return f"{self.source}: {self.reason}{when}"


class NotFoundAtSource(SourceError):
    """The handle does not exist at the source (404, GraphQL NOT_FOUND)."""

    def __init__(self, source: str, key: str, reason: str = "not found"):
        super().__init__(source, f"{key!r} {reason}")
        self.key = key


@runtime_checkable
class ResponseCache(Protocol):
    """Stores (etag, json body) by request key for conditional requests."""

    def get(self, key: str) -> tuple[str, Any] | None:
        """The stored (etag, body) for `key`, or None."""

    def put(self, key: str, etag: str, json_body: Any) -> None:
        """Store `json_body` under `key` with its `etag`."""


class MemoryResponseCache:
    """A thread-safe in-process ResponseCache, least recently used entries dropped first."""

    def __init__(self, max_entries: int = 10_000):
        self._max = max_entries
        self._items: OrderedDict[str, tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[str, Any] | None:
        """The stored (etag, body) for `key`, or None."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, etag: str, json_body: Any) -> None:
        """Store `json_body` under `key` with its `etag`."""
        with self._lock:
            self._items[key] = (etag, json_body)
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class Budget:
    """What the last response said about one rate-limit bucket."""

    limit: int | None = None
    remaining: int | None = None
    reset_at: datetime | None = None


class RateLimitBook:
    """Rate-limit state per bucket (GitHub: core, search, graphql), shared by one client's calls."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, Budget] = {}

    def get(self, bucket: str) -> Budget:
        """A copy of the bucket's state (empty when never seen)."""
        with self._lock:
            b = self._buckets.get(bucket)
            return Budget(b.limit, b.remaining, b.reset_at) if b else Budget()

    def record(self, bucket: str, *, limit: int | None = None, remaining: int | None = None,
               reset_at: datetime | None = None) -> None:
        """Store what a response said about `bucket`."""
        with self._lock:
            b = self._buckets.setdefault(bucket, Budget())
            if limit is not None:
                b.limit = limit
            if remaining is not None:
                b.remaining = remaining
            if reset_at is not None:
                b.reset_at = reset_at

    def spent_until(self, bucket: str, now: datetime) -> datetime | None:
        """The reset time when the bucket is known to be empty until then, else None."""
        b = self.get(bucket)
        if b.remaining is not None and b.remaining <= 0 and b.reset_at and b.reset_at > now:
            return b.reset_at
        return None


@dataclass
class Reply:
    """A decoded response: status, headers, body (parsed JSON or text), and whether it came from cache."""

    status: int
    headers: httpx.Headers
    body: Any
    url: str
    from_cache: bool = False
    links: dict[str, str] = field(default_factory=dict)


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).strip()) if value is not None else None
    except ValueError:
        return None


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def token_fingerprint(token: str | None) -> str:
    """A short non-reversible id for a token (for cache keys and logs), 'anon' without one."""
    if not token:
        return "anon"
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def _message(resp: httpx.Response) -> str:
    """The error message a JSON error body carries, shortened; never headers."""
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:200].strip()
    if isinstance(body, Mapping):
        return str(body.get("message") or body.get("error") or "")[:200]
    return ""


class HttpSource:
    """Base of the clients: one httpx.Client, an optional ETag cache, rate-limit aware `_send`."""

    source = "source"
    default_bucket = "core"

    def __init__(self, base_url: str, *, token: str | None = None, http: httpx.Client | None = None,
                 cache: ResponseCache | None = None, timeout: float = DEFAULT_TIMEOUT,
                 max_wait: float = DEFAULT_MAX_WAIT, max_retries: int = 2, transient_retries: int = 1,
                 sleep: Callable[[float], None] = time.sleep, now: Callable[[], datetime] = utcnow,
                 limits: RateLimitBook | None = None):
        self.base_url = base_url.rstrip("/")
        self.__token = token or None
        self._owns_http = http is None
        self.http = http if http is not None else httpx.Client(timeout=timeout, follow_redirects=True)
        self.cache = cache
        self.timeout = timeout
        self.max_wait = max_wait
        self.max_retries = max_retries
        self.transient_retries = transient_retries
        self._sleep = sleep
        self._now = now
        self.limits = limits if limits is not None else RateLimitBook()
        self.request_count = 0

    # -- public helpers -------------------------------------------------------------------
    @property
    def has_token(self) -> bool:
        """True when the client sends a token."""
        return self.__token is not None

    def close(self) -> None:
        """Close the httpx.Client if this client built it."""
        if self._owns_http:
            self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, token={'set' if self.has_token else 'none'})"

    # -- hooks for subclasses ---------------------------------------------------------------
    def _auth_headers(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def _default_headers(self) -> dict[str, str]:
        return {"User-Agent": USER_AGENT}

    def _record_limits(self, bucket: str, headers: httpx.Headers) -> None:
        """Read x-ratelimit-* headers (GitHub style) into the book."""
        remaining = _int(headers.get("x-ratelimit-remaining"))
        reset = _int(headers.get("x-ratelimit-reset"))
        if remaining is None and reset is None:
            return
        name = headers.get("x-ratelimit-resource") or bucket
        self.limits.record(name, limit=_int(headers.get("x-ratelimit-limit")), remaining=remaining,
                           reset_at=datetime.fromtimestamp(reset, timezone.utc) if reset is not None else None)

    def _rate_limit_wait(self, resp: httpx.Response, bucket: str) -> float | None:
        """Seconds to wait before retrying a 403/429, or None when it is not a rate limit."""
        now = self._now()
        after = parse_retry_after(resp.headers.get("retry-after"), now)
        if after is not None:
            return after
        remaining = _int(resp.headers.get("x-ratelimit-remaining"))
        reset = _int(resp.headers.get("x-ratelimit-reset"))
        if remaining == 0 and reset is not None:
            return max(0.0, reset - now.timestamp())
        if resp.status_code == 429 or "rate limit" in _message(resp).lower():
            # GitHub: a secondary limit without headers means "wait at least one minute".
            return 60.0
        return None

    def _do_request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One HTTP exchange; subclasses wrap it (arXiv throttles here)."""
        return self.http.request(method, url, **kwargs)

    # -- the request loop -------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base_url}/{path.lstrip('/')}"

    def _may_send_token(self, url: str) -> bool:
        """Only send the token to the configured host (a Link header could point elsewhere)."""
        return urlsplit(url).netloc == urlsplit(self.base_url).netloc

    def _send(self, method: str, path: str, *, params: Any = None, json: Any = None,
              headers: Mapping[str, str] | None = None, bucket: str | None = None,
              cache_key: str | None = None, parse: str = "json") -> Reply:
        """Send one logical request with budget checks, conditional GET, retries; return a Reply."""
        bucket = bucket or self.default_bucket
        url = self._url(path)
        attempt = transient = 0
        waited = False
        while True:
            now = self._now()
            spent = None if waited else self.limits.spent_until(bucket, now)
            waited = False
            if spent is not None:
                raise SourceUnavailable(self.source, f"{bucket} rate limit spent", spent)
            hdrs = self._default_headers()
            if headers:
                hdrs.update(headers)
            if self.__token and self._may_send_token(url):
                hdrs.update(self._auth_headers(self.__token))
            cached = self.cache.get(cache_key) if (self.cache is not None and cache_key) else None
            if cached:
                hdrs["If-None-Match"] = cached[0]
            failure: SourceUnavailable
            try:
                self.request_count += 1
                resp = self._do_request(method, url, params=params, json=json, headers=hdrs,
                                        timeout=self.timeout)
            except httpx.TimeoutException as exc:
                failure = SourceUnavailable(self.source, f"timeout ({type(exc).__name__})")
            except httpx.TransportError as exc:
                failure = SourceUnavailable(self.source, f"network error ({type(exc).__name__})")
            else:
                self._record_limits(bucket, resp.headers)
                status = resp.status_code
                log.debug("%s %s %s -> %s", self.source, method, urlsplit(url).path, status)
                if status == 304 and cached:
                    return Reply(304, resp.headers, cached[1], str(resp.url), True, self._links(resp))
                if 200 <= status < 300:
                    body = self._decode(resp, parse)
                    etag = resp.headers.get("etag")
                    if etag and cache_key and self.cache is not None:
                        self.cache.put(cache_key, etag, body)
                    return Reply(status, resp.headers, body, str(resp.url), False, self._links(resp))
                if status == 404:
                    raise NotFoundAtSource(self.source, urlsplit(url).path)
                if status in (403, 429):
                    wait = self._rate_limit_wait(resp, bucket)
                    if wait is None:
                        raise SourceUnavailable(self.source, f"HTTP {status}: {_message(resp)}")
                    if wait <= self.max_wait and attempt < self.max_retries:
                        attempt += 1
                        log.info("%s rate limited (HTTP %s), waiting %.1fs", self.source, status, wait)
                        self._sleep(wait)
                        waited = True  # we waited out the reset ourselves; skip the spent check once
                        continue
                    raise SourceUnavailable(self.source, f"rate limited (HTTP {status})",
                                            self._now() + timedelta(seconds=wait))
                if status >= 500:
                    failure = SourceUnavailable(self.source, f"HTTP {status}")
                else:
                    raise SourceUnavailable(self.source, f"HTTP {status}: {_message(resp)}")
            if transient < self.transient_retries:
                transient += 1
                self._sleep(min(self.max_wait, 1.0 * transient))
                continue
            raise failure

    def _decode(self, resp: httpx.Response, parse: str) -> Any:
        if parse == "text":
            return resp.text
        try:
            return resp.json()
        except ValueError as exc:
            raise SourceUnavailable(self.source, f"unreadable response ({exc.__class__.__name__})") from None

    @staticmethod
    def _links(resp: httpx.Response) -> dict[str, str]:
        try:
            return {rel: link["url"] for rel, link in resp.links.items() if "url" in link}
        except Exception:  # a malformed Link header must not lose the body
            return {}
