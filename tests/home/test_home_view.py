"""The Home tab from data: follow-ups due, stages past the hiring clock, pipeline counts, digests; escaped, valid."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.candidates import store
from bot.candidates.service import Intake, add_candidate
from bot.core.db import Database
from bot.core.models import DigestSubscription, Enrollment
from bot.home.messages import home_view
from bot.outreach.sequences import DEFAULT_SEQUENCE, get_sequence
from bot.roles.service import get_role
from tests.slackkit import validate_blocks

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'home.db'}")
    with database.session() as s:
        seq = get_sequence(session=s, team_id="T1", name=DEFAULT_SEQUENCE)
        cand, _ = add_candidate(session=s, team_id="T1", intake=Intake(github="ada", name="Ada & <Co>", roles=["ml-engineer"]),
                                user_id="U1", source="test")
        entry = store.set_stage(session=s, candidate=cand, role=get_role(session=s, team_id="T1", name="ml-engineer"),
                                stage="interview", user_id="U1")
        entry.stage_entered_at = NOW - timedelta(hours=50)
        s.add(Enrollment(team_id="T1", candidate_id=cand.id, sequence_id=seq.id, owner_user_id="U1", current_step=2,
                         status="active", next_due_at=NOW + timedelta(hours=3)))
        s.add(DigestSubscription(team_id="T1", channel_id="C0HIRING", role_slug="", created_by="U1", last_digest_at=NOW,
                                 local_time="09:00", timezone="Europe/Berlin", min_score=0, max_items=5, weekends=False))
    yield database
    database.dispose()


def _texts(view: dict) -> list[str]:
    return [b["text"]["text"] if "text" in b else b["elements"][0].get("text", "") for b in view["blocks"]
            if b["type"] in ("section", "context")]


def test_team_wide_home_lists_follow_ups_overdue_stages_counts_and_digests(db):
    with db.session() as s:
        view = home_view(session=s, team_id="T1", user_id="U1", now=NOW)
    validate_blocks(view["blocks"], limit=100)
    due, overdue, pipeline, digests = _texts(view)[:4]
    assert due == "*Follow-ups due*\n• Step 2 to *Ada &amp; &lt;Co&gt;*: <!date^1772452800^{date_short_pretty}|2026-03-02 12:00 UTC>"
    assert overdue == "*Past a hiring-clock deadline*\n• *Ada &amp; &lt;Co&gt;* (ml-engineer): interview, 2 h past the deadline"
    assert pipeline == "*ML Engineer*\ninterview 1"
    assert digests == "Digests: <#C0HIRING> 09:00 Europe/Berlin"


def test_home_outside_the_access_rules_shows_only_own_follow_ups(db):
    with db.session() as s:
        view = home_view(session=s, team_id="T1", user_id="U1", now=NOW, team_wide=False)
    validate_blocks(view["blocks"], limit=100)
    due, overdue, pipeline, digests = _texts(view)[:4]
    assert due.startswith("*Follow-ups due*\n• Step 2 to ") and overdue.endswith("Nothing overdue.")
    assert pipeline.startswith("No candidates yet.") and "ask a workspace admin" in digests
