"""After `/candidate forget`, the forgotten person's `#id` is never handed to someone else (the audit log
keeps ids), on SQLite (AUTOINCREMENT, migration 0005) as on PostgreSQL (sequences)."""

from __future__ import annotations

from sqlalchemy import select

from bot.candidates.service import Intake, add_candidate
from bot.core.config import get_settings
from bot.core.models import AuditEvent, Candidate, Role
from bot.runtime.app import build_services
from tests.conftest import load_snapshots, snapshot
from tests.slackkit import new_team


def test_forget_through_slack_then_add_gets_a_new_id(server, slack, services, team, sender):
    load_snapshots(services, team, [snapshot("Ida Last", "ida-last-ex")])
    with services.db.session() as s:
        forgotten = s.scalar(select(Candidate.id).where(Candidate.team_id == team))
    answer = sender.command("/candidate", "forget ida-last-ex").json()
    assert "forgot" in answer["text"].lower() or "erased" in answer["text"].lower(), answer
    load_snapshots(services, team, [snapshot("Noa Next", "noa-next-ex")])
    with services.db.session() as s:
        newcomer = s.scalar(select(Candidate).where(Candidate.team_id == team))
        assert newcomer.name == "Noa Next" and newcomer.id > forgotten
        audit = s.scalars(select(AuditEvent).where(AuditEvent.team_id == team, AuditEvent.action == "forget")).all()
        assert [a.candidate_id for a in audit] == [forgotten]  # still names nobody else


def test_ids_of_forgotten_candidates_and_removed_roles_are_not_reused(any_db_url):
    services = build_services(get_settings(DATABASE_URL=any_db_url))
    team = new_team()
    try:
        with services.db.session() as s:
            first = add_candidate(session=s, team_id=team, intake=Intake(github="first-ex"), user_id="U1",
                                  source="test")[0]
            first_id = first.id
            s.delete(first)
            role = s.scalar(select(Role).where(Role.team_id == team).order_by(Role.id.desc()))
            role_id = role.id
            s.delete(role)
        with services.db.session() as s:
            second = add_candidate(session=s, team_id=team, intake=Intake(github="second-ex"), user_id="U1",
                                   source="test")[0]
            new_role = Role(team_id=team, slug="new-role", title="New role")
            s.add(new_role)
            s.flush()
            assert second.id > first_id and new_role.id > role_id
    finally:
        services.background.shutdown()
