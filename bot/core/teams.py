"""The team row: created on first use with the default roles; its settings dict, updated under a row lock."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.core.models import Role, Team
from scoring.scorecard import DEFAULT_ROLES
from scoring.types import Scorecard


def role_from_card(team_id: str, card: Scorecard) -> Role:
    """A Role row holding a scorecard."""
    return Role(team_id=team_id, slug=card.slug, title=card.title, must_have=list(card.must_have),
                nice_to_have=list(card.nice_to_have), weights=dict(card.weights), level=card.level,
                location=card.location, questions=list(card.questions))


def ensure_team(*, session: Session, team_id: str) -> Team:
    """The team row, created with the default roles on first use."""
    team = session.get(Team, team_id)
    if team is None:
        team = Team(team_id=team_id, settings={})
        session.add(team)
        for card in DEFAULT_ROLES.values():
            session.add(role_from_card(team_id, card))
        session.flush()
    return team


def team_settings(*, session: Session, team_id: str) -> dict[str, Any]:
    """The team's settings dict (a copy)."""
    return dict(ensure_team(session=session, team_id=team_id).settings or {})


def update_team_settings(*, session: Session, team_id: str, **changes: Any) -> dict[str, Any]:
    """Change some keys of Team.settings, leaving the others as they are in the database; returns the new settings.

    A value of None removes the key; a callable gets the key's current value and returns the new one
    (or None). The row is locked and re-read first: the team may already be loaded in this session with
    settings that another request has changed since, and writing that stale dict back would undo it.
    """
    ensure_team(session=session, team_id=team_id)
    session.flush()  # nothing pending on the row is lost when it is re-read below
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no SELECT ... FOR UPDATE: a no-op write takes the database's write lock instead,
        # so nobody can commit between the read below and our write.
        session.execute(update(Team).where(Team.team_id == team_id).values(settings=Team.settings)
                        .execution_options(synchronize_session=False))
    team = session.get(Team, team_id, with_for_update=True, populate_existing=True)
    current = dict(team.settings or {})
    new = dict(current)
    for key, value in changes.items():
        if callable(value):
            value = value(current.get(key))
        if value is None:
            new.pop(key, None)
        else:
            new[key] = value
    if new != current:
        team.settings = new  # a new dict, so the JSON column is seen as changed
        session.flush()
    return new


