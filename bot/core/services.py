"""What every listener and job needs: settings, the database, a background pool, the clock."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from bot.core.config import Settings
from bot.core.db import Database

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class Background:
    """Runs slow work after Slack has its ack; each job takes ids and opens its own session."""

    def __init__(self, threads: int):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="hirebot-bg")
        self._pending: set[Future] = set()

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Run fn(*args, **kwargs) in the pool; failures are logged with their traceback."""
        future = self._pool.submit(fn, *args, **kwargs)
        self._pending.add(future)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future) -> None:
        self._pending.discard(future)
        _log_failure(future)

    def idle(self) -> bool:
        """True when no submitted job is queued or running."""
        return not self._pending

    def shutdown(self, wait: bool = True) -> None:
        """Finish queued work (or not) and stop the threads."""
        self._pool.shutdown(wait=wait)


def _log_failure(future: Future) -> None:
    exc = future.exception()
    if exc is not None:
        log.error("background job failed", exc_info=exc)


@dataclass
class Services:
    """The app's dependencies, handed to listeners through Bolt's context as `hb`."""

    settings: Settings
    db: Database
    background: Background
    now: Callable[[], datetime] = field(default=utcnow)
    extras: dict[str, Any] = field(default_factory=dict)
