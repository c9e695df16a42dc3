"""Uninstall: mark a team uninstalled, erase its rows (at once or after the grace period)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from bot.core.httpcache import forget_handles
from bot.core.installations import delete_installations
from bot.core.models import Base, Candidate, Team
from bot.core.services import Services
from bot.core.teams import update_team_settings

log = logging.getLogger(__name__)


UNINSTALLED_KEY = "uninstalled_at"


def uninstalled_at(team: Team | None) -> datetime | None:
    """When the team uninstalled Hirebot (its data waits for the purge), or None while installed."""
    raw = (team.settings or {}).get(UNINSTALLED_KEY) if team is not None else None
    return datetime.fromisoformat(raw) if raw else None


def mark_uninstalled(*, session: Session, team_id: str, now: datetime) -> bool:
    """Note the uninstall time on the team row (the first one counts); False when there is no team row."""

    if session.get(Team, team_id) is None:
        return False
    update_team_settings(session=session, team_id=team_id, **{UNINSTALLED_KEY: lambda first: first or now.isoformat()})
    return True


def clear_uninstalled(*, session: Session, team_id: str) -> None:
    """The workspace installed Hirebot again: its data is no longer waiting to be purged."""

    # Asked of the locked, fresh row (not a loaded copy): an uninstall noted meanwhile must be cleared too.
    if session.get(Team, team_id) is not None:
        update_team_settings(session=session, team_id=team_id, **{UNINSTALLED_KEY: None})


def team_tables() -> list[Table]:
    """Every Hirebot table with a team_id column, dependents before what they depend on."""
    return [t for t in reversed(Base.metadata.sorted_tables) if "team_id" in t.c]


def erase_team(*, session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of a team: its data, its team row and its tokens. Returns rows per table.

    Processed event ids stay (ids only, no content) until prune_processed_events, a day later:
    they are what keeps a retried app_uninstalled from running again.
    """
    counts: dict[str, int] = {}
    # The shared HTTP cache has no team column: the team's people's public profiles go by their handles.
    handles = [h for row in session.execute(select(Candidate.github, Candidate.huggingface, Candidate.snapshot)
                                            .where(Candidate.team_id == team_id))
               for h in (row[0], row[1], *((row[2] or {}).get(k) for k in ("github", "huggingface")
                                          if isinstance(row[2], dict)))
               if isinstance(h, str)]
    counts["http_cache"] = forget_handles(session, handles)
    for table in team_tables():
        counts[table.name] = session.execute(delete(table).where(table.c.team_id == team_id)).rowcount or 0
    delete_installations(session=session, team_id=team_id)
    return {k: v for k, v in counts.items() if v}


def erase_team_job(services: Services, team_id: str) -> None:
    """Background job: erase an uninstalled team, unless it installed Hirebot again meanwhile."""
    with services.db.session() as session:
        team = session.get(Team, team_id)
        if team is not None and uninstalled_at(team) is None:
            return
        counts = erase_team(session=session, team_id=team_id)
    services.db.checkpoint()  # the erased rows leave SQLite's WAL too
    log.info("erased uninstalled team %s: %s", team_id, counts or "nothing stored")


def on_uninstalled(services: Services, *, team_id: str, enterprise_id: str | None, now: datetime) -> bool:
    """Tokens go now; the data is marked for erasure. Returns True when the data should be erased now."""
    with services.db.session() as session:
        delete_installations(session=session, team_id=team_id, enterprise_id=enterprise_id)
        if not mark_uninstalled(session=session, team_id=team_id, now=now):
            erase_team(session=session, team_id=team_id)  # no team row: only stray rows, cheap to erase here
            return False
    return not services.settings.retention_days_after_uninstall


def purge_uninstalled(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: erase teams uninstalled longer than HIREBOT_RETENTION_DAYS_AFTER_UNINSTALL days ago (or at all
    when it is unset, which also catches an erasure interrupted after the uninstall)."""
    cutoff = now - timedelta(days=services.settings.retention_days_after_uninstall or 0)
    with services.db.session() as session:
        marked = [(tid, s) for tid, s in session.execute(select(Team.team_id, Team.settings))
                  if (s or {}).get(UNINSTALLED_KEY)]
    erased = 0
    for team_id, team_settings in marked:
        if datetime.fromisoformat(team_settings[UNINSTALLED_KEY]) > cutoff:
            continue
        try:
            erase_team_job(services, team_id)
            erased += 1
        except Exception:  # one team's failure must not keep the others' data past its time
            log.exception("could not erase uninstalled team %s; the next run tries again", team_id)
    return {"uninstalled_teams_erased": erased} if erased else {}
