"""Compensation replies quote the candidate's own market: their country, the role's level (issue 16, item 4)."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core.models import Candidate, Role
from bot.salary.messages import in_candidates_market
from bot.salary.service import candidate_location
from scoring.salary import parse_query
from tests.conftest import load_snapshots, snapshot
from tests.outreach.test_e2e import Recruiter


def _text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def _set_role_level(services, team: str, level: str) -> None:
    with services.db.session() as s:
        role = s.scalar(select(Role).where(Role.team_id == team, Role.slug == "ml-engineer"))
        role.level = level


def test_compensation_reply_quotes_the_candidates_own_country_at_the_roles_level(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Lena London", location="London, UK")
    _set_role_level(services, team, "senior")
    r.start(handle)
    reply = r.cmd(f"reply {handle} What's the salary range for this role?")
    body = _text(reply["blocks"])
    assert "read as *compensation*" in body
    assert "ML Engineer · Senior · United Kingdom" in body
    assert "The candidate's market: United Kingdom (from their location “London, UK”)." in body
    assert "n=36" in body and "median $141.2K" in body  # senior ML engineers at UK companies, 2024-2025


def test_a_thin_country_falls_back_to_its_region_and_says_so(server, slack, services, team):
    r = Recruiter(server, slack, services, team)
    handle = r.add("Bea Berlin")  # the fixture's default location: Berlin, DE
    _set_role_level(services, team, "senior")
    r.start(handle)
    body = _text(r.cmd(f"reply {handle} How much does it pay?")["blocks"])
    assert "ML Engineer · Senior · Germany" in body
    assert "Germany has 10 reports (under 20), so this is Western Europe." in body
    assert "€95K–€140K" in body  # the guides' Western Europe range


def test_candidate_without_a_country_keeps_the_roles_market_and_says_so(services, team):
    query, note = in_candidates_market(parse_query("ml-engineer senior"), "Remote (EU)")
    assert (query.country, query.region) == (None, "us")
    assert note == "No country in the candidate's location “Remote (EU)”; showing the role's market."
    assert in_candidates_market(parse_query("ml-engineer senior"), None) == (parse_query("ml-engineer senior"), None)


def test_a_candidates_location_is_read_only_within_their_team(services, team):
    load_snapshots(services, team, [snapshot("Tara Team", f"tara-{team.lower()}", location="Lagos, Nigeria")])
    with services.db.session() as s:
        cand_id = s.scalar(select(Candidate.id).where(Candidate.team_id == team))
        assert candidate_location(session=s, team_id=team, candidate_id=cand_id) == "Lagos, Nigeria"
        assert candidate_location(session=s, team_id="T0SOMEONEELSE", candidate_id=cand_id) is None
