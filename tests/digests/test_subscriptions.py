"""Subscribing a channel again changes its digest; stopping removes the channel's (or one role's) digests."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.core.db import Database
from bot.core.errors import NotFound
from bot.core.teams import ensure_team
from bot.digests.service import subscribe, subscriptions, unsubscribe

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'digests.db'}")
    with database.session() as s:
        ensure_team(session=s, team_id="T1")
    yield database
    database.dispose()


def _sub(s, role_slug: str, local_time: str = "09:00") -> None:
    subscribe(session=s, team_id="T1", channel_id="C1", role_slug=role_slug, user_id="U1", now=NOW,
              local_time=local_time, tz="Europe/Berlin", min_score=0, max_items=5, weekends=False)


def test_subscribing_again_changes_the_one_subscription(db):
    with db.session() as s:
        _sub(s, "")
    with db.session() as s:
        _sub(s, "", "14:30")
    with db.session() as s:
        (only,) = subscriptions(session=s, team_id="T1")
        assert (only.local_time, only.last_digest_at.replace(tzinfo=timezone.utc)) == ("14:30", NOW)


def test_stopping_one_role_leaves_the_others(db):
    with db.session() as s:
        _sub(s, "")
        _sub(s, "ml-engineer")
    with db.session() as s:
        with pytest.raises(NotFound):
            unsubscribe(session=s, team_id="T1", channel_id="C1", role="no-such-role")
    with db.session() as s:
        assert unsubscribe(session=s, team_id="T1", channel_id="C1", role="ml-engineer") == 1
    with db.session() as s:
        assert [sub.role_slug for sub in subscriptions(session=s, team_id="T1")] == [""]
        assert unsubscribe(session=s, team_id="T1", channel_id="C1") == 1
        assert unsubscribe(session=s, team_id="T1", channel_id="C1") == 0
