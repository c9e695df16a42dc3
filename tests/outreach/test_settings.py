"""Team.settings under concurrency: a writer that loaded the team earlier changes only its own keys."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.access import service as access
from bot.core.config import get_settings
from bot.core.models import Team
from bot.core.people import Person, remember_person
from bot.core.teams import ensure_team, update_team_settings
from bot.privacy.uninstall import UNINSTALLED_KEY, clear_uninstalled, mark_uninstalled
from bot.runtime.app import build_services
from tests.slackkit import new_team

NOW = datetime(2027, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(any_db_url):
    """The database alone, on SQLite and on PostgreSQL."""
    svc = build_services(get_settings(DATABASE_URL=any_db_url))
    yield svc.db
    svc.background.shutdown()
    svc.db.dispose()


def _interleave(db, team: str, first, second) -> dict:
    """Session A loads the team; session B loads it, writes with `second` and commits; then A writes with
    `first` and commits. Returns the settings stored at the end."""
    with db.session() as s:
        ensure_team(session=s, team_id=team)
    a, b = db.sessions(), db.sessions()
    try:
        loaded = [a.get(Team, team), b.get(Team, team)]  # held, as a request holds what it loaded
        assert all(loaded)
        second(b)
        b.commit()
        first(a)
        a.commit()
    finally:
        a.close()
        b.close()
    with db.session() as s:
        return dict(s.get(Team, team).settings)


def test_remembering_an_owner_keeps_an_access_change_made_meanwhile(db):
    team = new_team()
    change = access.parse_access(["channels:C0HIRING"])
    stored = _interleave(
        db, team,
        lambda s: remember_person(session=s, team_id=team, who=Person("U1", "Europe/Berlin", "Sam")),
        lambda s: access.update_rules(session=s, team_id=team, change=change, user_id="U0ADMIN", now=NOW))
    assert stored["access"]["channels"] == ["C0HIRING"]
    assert stored["people"] == {"U1": {"tz": "Europe/Berlin", "name": "Sam"}}


def test_a_settings_change_keeps_an_uninstall_noted_meanwhile(db):
    team = new_team()
    stored = _interleave(db, team,
                         lambda s: update_team_settings(session=s, team_id=team, hiring_channel="G0HIRING"),
                         lambda s: mark_uninstalled(session=s, team_id=team, now=NOW))
    assert stored == {"hiring_channel": "G0HIRING", UNINSTALLED_KEY: NOW.isoformat()}


def test_two_owners_remembered_at_once_are_both_kept(db):
    team = new_team()
    stored = _interleave(
        db, team,
        lambda s: remember_person(session=s, team_id=team, who=Person("U1", "Europe/Berlin")),
        lambda s: remember_person(session=s, team_id=team, who=Person("U2", "Asia/Tokyo")))
    assert set(stored["people"]) == {"U1", "U2"}


def test_an_access_change_keeps_a_pitch_and_a_reinstall_clears_an_uninstall_it_had_not_seen(db):
    team = new_team()
    stored = _interleave(
        db, team,
        lambda s: access.update_rules(session=s, team_id=team, change=access.parse_access(["public:allow"]),
                                      user_id="U0ADMIN", now=NOW),
        lambda s: update_team_settings(session=s, team_id=team, pitch={"company": "Acme"}))
    assert stored["pitch"] == {"company": "Acme"} and stored["access"]["public"] == "allow"
    stored = _interleave(db, team, lambda s: clear_uninstalled(session=s, team_id=team),
                         lambda s: mark_uninstalled(session=s, team_id=team, now=NOW))
    assert UNINSTALLED_KEY not in stored and stored["pitch"] == {"company": "Acme"}
