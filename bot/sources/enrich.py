"""Enrich a profile snapshot from GitHub, Hugging Face and arXiv, keeping what each returns.

Each source runs independently: one failing leaves the others' fresh data and its own
previous data in place, and is listed in `pending` (the caller marks the candidate
"enrichment pending" and retries at `retry_at`). Unknown keys and hand-entered values
(kaggle_tier, a typed name or location) are kept.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from .arxiv import DEFAULT_API_URL as ARXIV_DEFAULT
from .arxiv import ArxivClient
from .base import NotFoundAtSource, ResponseCache, SourceError, SourceUnavailable, utcnow
from .github import DEFAULT_API_URL as GITHUB_DEFAULT
from .github import GitHubClient
from .huggingface import DEFAULT_API_URL as HF_DEFAULT
from .huggingface import HuggingFaceClient

log = logging.getLogger("bot.sources.enrich")

# snapshot handle key -> (source name, signal keys that source owns)
_SOURCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("github", "github", ("repos", "merged_prs")),
    ("huggingface", "huggingface", ("hf_models",)),
    ("arxiv", "arxiv_name", ("papers",)),
)


@dataclass
class EnrichResult:
    """The merged snapshot, the sources that failed (retry later), and the earliest known retry time."""

    snapshot: dict
    pending: list[str] = field(default_factory=list)
    retry_at: datetime | None = None
    not_found: list[str] = field(default_factory=list)


def _secret(value: Any) -> str | None:
    """A plain token from a str or a pydantic SecretStr; None when empty."""
    if value is None:
        return None
    text = value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)
    return text or None


def _merge_skills(old: list[Any], new: list[Any]) -> list[str]:
    out: list[str] = []
    for s in list(old or ()) + list(new or ()):
        s = str(s).lower()
        if s and s not in out:
            out.append(s)
    return out


class Enricher:
    """Runs the configured clients over a snapshot; any client may be None (that source is skipped)."""

    def __init__(self, github: GitHubClient | None = None, hf: HuggingFaceClient | None = None,
                 arxiv: ArxivClient | None = None, *, now: Callable[[], datetime] = utcnow):
        self.clients = {"github": github, "huggingface": hf, "arxiv": arxiv}
        self._now = now

    @classmethod
    def from_settings(cls, *, github_api_url: str | None = None, hf_api_url: str | None = None,
                      arxiv_api_url: str | None = None, github_token: Any = None,
                      hf_token: Any = None, timeout: float = 10.0, max_wait: float = 10.0,
                      cache: ResponseCache | None = None) -> "Enricher":
        """Build the three clients from settings (GITHUB_API_URL, HF_API_URL, ARXIV_API_URL, tokens)."""
        return cls(
            GitHubClient(github_api_url or GITHUB_DEFAULT, token=_secret(github_token), cache=cache,
                         timeout=timeout, max_wait=max_wait),
            HuggingFaceClient(hf_api_url or HF_DEFAULT, token=_secret(hf_token), cache=cache,
                              timeout=timeout, max_wait=max_wait),
            ArxivClient(arxiv_api_url or ARXIV_DEFAULT, timeout=max(timeout, 30.0), max_wait=max_wait),
        )

    def close(self) -> None:
        """Close every client's httpx.Client it built."""
        for client in self.clients.values():
            if client is not None:
                client.close()

    def enrich(self, snapshot: dict) -> EnrichResult:
        """Fetch every source the snapshot has a handle for and merge the results into a copy."""
        snap = copy.deepcopy(snapshot)
        snap.setdefault("signals", {})
        status = snap.setdefault("enrichment", {})
        result = EnrichResult(snapshot=snap)
        for source, handle_key, owned in _SOURCES:
            client = self.clients.get(source)
            handle = snap.get(handle_key)
            if client is None or not handle:
                continue
            now = self._now().isoformat(timespec="seconds")
            try:
                part = client.fetch_profile(str(handle))
            except NotFoundAtSource as exc:
                result.not_found.append(source)
                status[source] = {"status": "not_found", "checked_at": now, "reason": exc.reason}
                for key in owned:
                    snap["signals"][key] = []
                continue
            except SourceUnavailable as exc:
                self._pending(result, source, exc.reason, exc.retry_at, status, now)
                continue
            except SourceError as exc:  # any other deliberate client error: keep old data, retry later
                self._pending(result, source, exc.reason, None, status, now)
                continue
            except Exception as exc:  # noqa: BLE001 - a surprising answer from one source must not lose the others
                log.exception("enrichment from %s failed unexpectedly", source)
                self._pending(result, source, f"unexpected error ({type(exc).__name__})", None, status, now)
                continue
            self._merge(snap, part, owned)
            status[source] = {"status": "ok", "fetched_at": now}
        return result

    def _pending(self, result: EnrichResult, source: str, reason: str, retry_at: datetime | None,
                 status: dict, now: str) -> None:
        log.info("enrichment from %s pending: %s", source, reason)
        result.pending.append(source)
        if retry_at is not None and (result.retry_at is None or retry_at < result.retry_at):
            result.retry_at = retry_at
        entry = {"status": "pending", "checked_at": now, "reason": reason}
        if retry_at is not None:
            entry["retry_at"] = retry_at.isoformat(timespec="seconds")
        previous = status.get(source) or {}
        if previous.get("fetched_at"):
            entry["fetched_at"] = previous["fetched_at"]  # when the kept (stale) data was fetched
        status[source] = entry

    @staticmethod
    def _merge(snap: dict, part: dict, owned: tuple[str, ...]) -> None:
        signals = part.get("signals") or {}
        for key in owned:
            if key in signals:
                snap["signals"][key] = signals[key]
        if signals.get("skills"):
            snap["signals"]["skills"] = _merge_skills(snap["signals"].get("skills") or [], signals["skills"])
        # Hand-entered values win; the source only fills blanks.
        for key in ("name", "location"):
            if part.get(key) and not snap.get(key):
                snap[key] = part[key]
        for key, value in part.items():
            if key not in ("signals", "name", "location") and key not in snap:
                snap[key] = value
            elif key == "github_profile":
                snap[key] = value
