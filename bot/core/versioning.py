"""Per-team data versions: any flush that touches what a shortlist shows bumps the team's counter.

One session event covers every write path (commands, clicks, imports, enrichment, rescoring,
forget), so a cached rendering can never outlive the data it was made from. Statements that
bypass the ORM (bulk Core writes) do not bump it; the only ones in the product delete a whole
team, whose row goes with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Hashable

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from bot.core.models import Candidate, PipelineEntry, Role, Score, Team

TRACKED = (Candidate, Score, PipelineEntry, Role)


@event.listens_for(Session, "after_flush")
def _bump_team_versions(session: Session, _flush_context: Any) -> None:
    teams = {obj.team_id for obj in (*session.new, *session.dirty, *session.deleted)
             if isinstance(obj, TRACKED) and getattr(obj, "team_id", None)}
    for team_id in sorted(teams):  # a fixed order: two writers never lock teams in opposite orders
        session.connection().execute(update(Team).where(Team.team_id == team_id)
                                     .values(data_version=Team.data_version + 1))


class RenderCache:
    """A small per-process LRU of rendered replies, keyed by (team, data version, ...)."""

    def __init__(self, size: int = 512):
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        """The cached value, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        """Remember a value, dropping the least recently used past the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
