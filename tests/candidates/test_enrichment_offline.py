"""With the network down, a tick tries one wave of pending enrichments at once and leaves the rest for later,
instead of failing them one after another (an offline tick used to take 12.5 s for 8 candidates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.candidates.jobs import ENRICH_WORKERS, enrichment_job
from bot.candidates.service import Intake, add_candidate
from bot.core.config import get_settings
from bot.core.models import Candidate
from bot.runtime.app import build_services
from tests.slackkit import new_team

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
DOWN = "http://127.0.0.1:9"  # nothing listens on the discard port: every connection is refused


def test_an_offline_tick_stops_after_one_wave_and_keeps_the_rest_pending(tmp_path):
    services = build_services(get_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'h.db'}", GITHUB_API_URL=DOWN,
                                           HF_API_URL=DOWN, ARXIV_API_URL=DOWN, HIREBOT_SOURCE_MAX_WAIT=0))
    team = new_team()
    due = NOW - timedelta(minutes=5)
    try:
        with services.db.session() as s:
            for i in range(3 * ENRICH_WORKERS):
                cand, _ = add_candidate(session=s, team_id=team, intake=Intake(github=f"offline-{i}-ex"), user_id="U1",
                                        source="test")
                cand.enrichment_status, cand.enrich_after = "pending", due
        totals = enrichment_job(services, NOW)
        assert totals == {"enrichment_retried": ENRICH_WORKERS}
        with services.db.session() as s:
            rows = s.scalars(select(Candidate).where(Candidate.team_id == team)).all()
            assert all(c.enrichment_status == "pending" for c in rows)  # nothing lost: still pending
            untouched = [c for c in rows if c.enrich_after == due]
            assert len(untouched) == 2 * ENRICH_WORKERS  # not even claimed: a later tick tries them
    finally:
        services.background.shutdown()
