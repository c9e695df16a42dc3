"""With no `role:` and no pipeline, a command acts on the candidate's best-scoring role and says which."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core.models import Candidate, PipelineEntry, Role, Score
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import validate_blocks

PR = {"repo": "pytorch/pytorch", "merged_at": "2026-10-20", "title": "Fix FSDP", "url": "https://github.com/pytorch/pytorch/pull/9100001"}


def _ines(services, team) -> str:
    load_snapshots(services, team, [snapshot("Ines Okafor", "ines-okafor-ex", merged_prs=[PR], skills=["pytorch"], roles=[])])
    with services.db.session() as s:
        cand = s.scalar(select(Candidate).where(Candidate.team_id == team))
        assert s.scalar(select(PipelineEntry).where(PipelineEntry.candidate_id == cand.id)) is None
        best = s.scalar(select(Role).join(Score, Score.role_id == Role.id).where(Score.candidate_id == cand.id)
                        .order_by(Score.total.desc(), Role.slug))
        return best.title


def test_stage_without_a_role_uses_the_best_match_and_says_so(services, sender, team):
    title = _ines(services, team)
    reply = sender.command("/candidate", "stage Ines Okafor interview").json()
    validate_blocks(reply["blocks"])
    assert f"is now at *interview* for {title}" in reply["text"]
    assert "their best match" in json.dumps(reply["blocks"]) and "role:" in json.dumps(reply["blocks"])


def test_outreach_start_without_a_role_uses_the_best_match_and_says_so(services, sender, team):
    title = _ines(services, team)
    reply = sender.command("/outreach", "start ines").json()
    validate_blocks(reply["blocks"])
    body = json.dumps(reply["blocks"])
    assert "started" in reply["text"] and f"For {title}, their best match" in body
