"""Post many claimed deliveries concurrently within Slack's limits: a 429 pauses only its workspace."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from bot.core import delivery
from bot.core.services import Services
from bot.core.teamclient import client_for_team

log = logging.getLogger(__name__)
MAX_RATE_LIMIT_WAITS = 8
HISTORY_WINDOW = 3 * 86400  # reconcile looks this far back in a channel (seconds of real time)


@dataclass
class Job:
    """One delivery: the ledger key, how to build the message, where to post, what to do after."""

    team_id: str
    channel_id: str
    kind: str
    period: str
    build: Callable[[], dict[str, Any] | None]
    post_channel: Callable[[Any], str] | None = None  # e.g. open a DM; default: channel_id
    after: Callable[[str], None] | None = None  # called with the final status


class WorkspaceGate:
    """Per-workspace 'not before' times, set by 429 Retry-After."""

    def __init__(self) -> None:
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, team_id: str) -> None:
        """Sleep until this workspace may be called again."""
        with self._lock:
            until = self._until.get(team_id, 0.0)
        delay = until - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def block(self, team_id: str, seconds: float) -> None:
        """Hold this workspace for `seconds`."""
        with self._lock:
            self._until[team_id] = max(self._until.get(team_id, 0.0), time.monotonic() + seconds)


def _run_one(services: Services, job: Job, now: datetime, gate: WorkspaceGate) -> str:
    client = client_for_team(services, job.team_id, retry_429=False)
    if client is None:
        return "no-installation"
    for _ in range(MAX_RATE_LIMIT_WAITS):
        gate.wait(job.team_id)
        claim = delivery.claim(services.db, team_id=job.team_id, channel_id=job.channel_id, kind=job.kind,
                               period=job.period, now=now)
        if claim is None:
            return "not-claimed"
        channel = job.post_channel(client) if job.post_channel else job.channel_id
        try:
            status = delivery.deliver(services.db, client, claim, now=now, build=job.build, channel=channel,
                                      oldest=time.time() - HISTORY_WINDOW)
        except delivery.RateLimited as rl:
            gate.block(job.team_id, rl.retry_after)
            continue
        if job.after is not None and status in ("sent", "skipped"):
            job.after(status)
        return status
    return "rate-limited"


def deliver_all(services: Services, jobs: list[Job], now: datetime, *, threads: int = 16) -> dict[str, int]:
    """Run every job; one failing job never stops the others. Returns counts by outcome."""
    gate = WorkspaceGate()
    counts: dict[str, int] = {}
    if not jobs:
        return counts

    def safe(job: Job) -> str:
        try:
            return _run_one(services, job, now, gate)
        except Exception:  # one channel's failure must not stop the batch; the ledger retries it
            log.exception("delivery %s/%s %s %s failed", job.team_id, job.channel_id, job.kind, job.period)
            return "error"

    with ThreadPoolExecutor(max_workers=max(1, min(threads, len(jobs))), thread_name_prefix="hirebot-fanout") as pool:
        for outcome in pool.map(safe, jobs):
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts
