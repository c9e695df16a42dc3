"""A database-backed ResponseCache: ETags and bodies shared by every process, so 304s cost nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot.core.db import Database
from bot.core.models import HttpCacheEntry, utcnow

# Where a person's handle sits in a cache key (bot/sources: GitHubClient._key, HuggingFaceClient.list_models):
#   github:<token>:<api>/users/<login>?            the REST profile
#   github:<token>:<api>/users/<login>/repos?...   their repositories
#   github:<token>:<api>/search/issues?...q=author:<login> is:pr ...   their pull requests
#   hf:<token>:<hub>/api/models?author=<user>&expand=...               their models
# GraphQL profile requests (POST) are not cached, so no key holds them. A new cached request
# about a person must put the handle in one of these places, or add its own here.
_HANDLE_AT = r"(?:/users/|author:|[?&]author=)"
_HANDLE_END = r"(?![A-Za-z0-9._-])"  # so forgetting `ada` leaves `ada-ex` and `ada.lab` alone


class DatabaseResponseCache:
    """Stores (etag, json body) per request key in the http_cache table."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str) -> tuple[str, Any] | None:
        """The cached (etag, body) for a key, if any."""
        with self.db.session() as session:
            row = session.get(HttpCacheEntry, key[:500])
            return (row.etag or "", row.body) if row is not None else None

    def put(self, key: str, etag: str, json_body: Any) -> None:
        """Store or replace a key's etag and body."""
        with self.db.session() as session:
            row = session.get(HttpCacheEntry, key[:500])
            if row is None:
                session.add(HttpCacheEntry(key=key[:500], etag=etag, body=json_body))
            else:
                row.etag, row.body, row.fetched_at = etag, json_body, utcnow()


def forget_handles(session: Session, handles: Iterable[str | None]) -> int:
    """Delete the cached responses about these GitHub / Hugging Face handles; returns how many went.

    The cache has no team: a response fetched for one team answers every team's next lookup of
    that handle. Forgetting erases it even when another team still has a candidate with the same
    handle: that team keeps its own snapshot and signals, and its next refresh costs one full
    request instead of a 304. Keeping the response would leave a copy that one team asked to
    erase, justified only by another team's data (a look across teams that forget should not take).
    """
    names = sorted({h.strip().lower() for h in handles if h and h.strip()})
    if not names:
        return 0
    pattern = re.compile(_HANDLE_AT + "(?:" + "|".join(map(re.escape, names)) + ")" + _HANDLE_END, re.IGNORECASE)
    low = func.lower(HttpCacheEntry.key)
    # LIKE narrows the scan in the database; the pattern then keeps only keys where the handle is the person.
    maybe = session.scalars(select(HttpCacheEntry.key).where(or_(*(low.contains(n, autoescape=True) for n in names))))
    doomed = [key for key in maybe if pattern.search(key)]
    for start in range(0, len(doomed), 500):
        session.execute(delete(HttpCacheEntry).where(HttpCacheEntry.key.in_(doomed[start:start + 500])))
    return len(doomed)
