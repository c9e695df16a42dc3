"""A database-backed ResponseCache: ETags and bodies shared by every process, so 304s cost nothing."""

from __future__ import annotations

from typing import Any

from bot.db import Database
from bot.models import HttpCacheEntry, utcnow


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
