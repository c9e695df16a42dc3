"""Pending is not zero (issue 11): a candidate whose public data has not arrived is not scored, the
card says "enrichment pending" instead of a score and missing must-haves, and shortlists leave them out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from slack_sdk.models.blocks import Block

from bot.candidates.service import Intake, add_candidate, score_now
from bot.core.models import Candidate, Role, Score
from tests.conftest import load_snapshots, snapshot

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PR = {"repo": "pytorch/pytorch", "merged_at": "2026-11-20", "title": "Fix FSDP", "url": "https://github.com/pytorch/pytorch/pull/9100101"}


def test_a_pending_candidate_has_no_scores_and_the_card_says_enrichment_pending(services, sender, team):
    load_snapshots(services, team, [snapshot("Scored Sam", "sam-pend-ex", merged_prs=[PR])])
    with services.db.session() as s:
        cand, _ = add_candidate(session=s, team_id=team, intake=Intake(github="pat-pend-ex", roles=["ml-engineer"]),
                                user_id="U1", source="test")
        assert cand.enrichment_status == "pending"
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        s.add(Score(team_id=team, candidate_id=cand.id, role_id=role.id, total=0, qualifies=False,
                    breakdown={"reasons": [], "red_flags": [], "missing": ["python"]}, scorer_version="old"))
        s.flush()
        score_now(session=s, candidate=cand, now=NOW)  # what enrichment does while the sources are down
        pid = cand.id
    with services.db.session() as s:
        assert s.scalars(select(Score).where(Score.candidate_id == pid)).all() == []  # not a zero: no score
        assert s.get(Candidate, pid).enrichment_status == "pending"

    card = sender.command("/candidate", "show pat-pend-ex").json()
    for block in card["blocks"]:
        Block.parse(block)
    blob = json.dumps(card, ensure_ascii=False)
    assert "enrichment pending" in card["text"].lower()
    assert "Missing must-haves" not in blob and "0/100" not in blob and "*0*" not in blob

    for query in ("ml-engineer 10", "ml-engineer 10 min:0"):
        shortlist = json.dumps(sender.command("/shortlist", query).json(), ensure_ascii=False)
        assert "Scored Sam" in shortlist and "pat-pend-ex" not in shortlist, query


def test_once_data_arrives_the_candidate_is_scored(services, team):
    with services.db.session() as s:
        cand, _ = add_candidate(session=s, team_id=team, intake=Intake(github="ana-pend-ex", roles=["ml-engineer"]),
                                user_id="U1", source="test")
        cand.snapshot = dict(cand.snapshot or {}) | {"signals": {"merged_prs": [PR]}}
        cand.enrichment_status = "ok"
        score_now(session=s, candidate=cand, now=NOW)
        totals = [sc.total for sc in s.scalars(select(Score).where(Score.candidate_id == cand.id))]
    assert totals and max(totals) > 0
