"""Re-score on upgrade (issue 11): stored scores of an older scorer are recomputed by the clock, in
batches, never inside a Slack request; untouched built-in roles move to the new default scorecard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from bot.candidates.service import Intake, add_candidate
from bot.core.config import get_settings
from bot.core.models import Candidate, Role, Score
from bot.roles import upgrade
from bot.roles.upgrade import upgrade_job
from bot.runtime.app import build_services
from bot.runtime.jobs import JOBS
from scoring.scorecard import DEFAULT_ROLES, REPLACED_DEFAULTS
from scoring.signals import SCORER_VERSION
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import new_team

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
DOWN = "http://127.0.0.1:9"
PR = {"repo": "vllm-project/vllm", "merged_at": "2026-11-20", "title": "FP8 MoE", "url": "https://github.com/vllm-project/vllm/pull/9100201"}


@pytest.fixture
def private(tmp_path):
    """Services on a database of this test's own (the job rescores every team's stale scores)."""
    svc = build_services(get_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'u.db'}", GITHUB_API_URL=DOWN,
                                      HF_API_URL=DOWN, ARXIV_API_URL=DOWN, HIREBOT_SOURCE_MAX_WAIT=0))
    yield svc
    svc.background.shutdown()


def _rows(services, team):
    with services.db.session() as s:
        return [(sc.candidate_id, sc.role_id, sc.total, sc.scorer_version)
                for sc in s.scalars(select(Score).where(Score.team_id == team).order_by(Score.id))]


def test_the_clock_lists_the_upgrade_job() -> None:
    assert upgrade_job in JOBS


def test_stale_scores_are_recomputed_in_batches_and_old_default_roles_move_on(private, monkeypatch):
    services, team = private, new_team()
    load_snapshots(services, team, [snapshot(f"Vera {i}", f"vera-{i}-up-ex", merged_prs=[PR | {"url": PR["url"] + str(i)}])
                                    for i in range(5)])
    fresh = _rows(services, team)
    assert fresh and all(v == SCORER_VERSION for *_, v in fresh)
    old_ds = REPLACED_DEFAULTS["data-scientist"][0]
    with services.db.session() as s:
        # what an older Hirebot left: scores of another version, and the data-scientist card it shipped
        s.execute(update(Score).where(Score.team_id == team).values(scorer_version="signals-2026.11-1", total=1))
        ds = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "data-scientist"))
        ds.must_have, ds.nice_to_have, ds.weights = list(old_ds.must_have), list(old_ds.nice_to_have), dict(old_ds.weights)
        edited = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ai-engineer"))
        edited.must_have = ["python", "llm", "rag", "kubernetes"]  # the team's own edit: left alone
        pending, _ = add_candidate(session=s, team_id=team, intake=Intake(github="pia-up-ex"), user_id="U1",
                                   source="test")
        s.flush()
        s.add(Score(team_id=team, candidate_id=pending.id, role_id=ds.id, total=0, qualifies=False, breakdown={},
                    scorer_version="signals-2026.11-1"))
    monkeypatch.setattr(upgrade, "UPGRADE_BATCH", 2)  # batches of two candidates
    assert upgrade_job(services, NOW) == {"rescored_for_upgrade": 6}
    after = _rows(services, team)
    assert all(v == SCORER_VERSION for *_, v in after)
    assert sorted((c, r) for c, r, *_ in after) == sorted((c, r) for c, r, *_ in fresh)  # nothing for the pending one
    assert max(t for _, _, t, _ in after) > 1
    with services.db.session() as s:
        ds = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "data-scientist"))
        assert tuple(ds.must_have) == DEFAULT_ROLES["data-scientist"].must_have
        assert dict(ds.weights) == dict(DEFAULT_ROLES["data-scientist"].weights)
        ai = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ai-engineer"))
        assert ai.must_have == ["python", "llm", "rag", "kubernetes"]
        assert s.get(Candidate, pending.id).enrichment_status == "pending"
    assert upgrade_job(services, NOW) == {}  # done: later ticks cost nothing


def test_a_slack_request_never_rescores(services, sender, team):
    """Shortlists read the stored scores as they are (old ones until the clock gets to them)."""
    load_snapshots(services, team, [snapshot("Olaf Old", "olaf-up-ex", merged_prs=[PR])])
    with services.db.session() as s:
        s.execute(update(Score).where(Score.team_id == team).values(scorer_version="signals-2026.11-1"))
    reply = sender.command("/shortlist", "ml-engineer 5").json()
    assert "Olaf Old" in str(reply)
    assert {v for *_, v in _rows(services, team)} == {"signals-2026.11-1"}
    with services.db.session() as s:  # leave the shared database current
        s.execute(update(Score).where(Score.team_id == team).values(scorer_version=SCORER_VERSION))
