"""What the Home tab shows, read from the database: due follow-ups, overdue stages, pipeline counts, digests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.candidates import store
from bot.core.models import Candidate, DigestSubscription, Enrollment, PipelineEntry, Role
from bot.core.teams import ensure_team
from bot.digests.service import subscriptions
from bot.roles.service import list_roles

# Résumé review 72 h, first interview 1 week, decision 48 h (003_0581c08f3eef227e.txt, the hiring clock).
STAGE_LIMITS = {"shortlisted": timedelta(hours=72), "review": timedelta(days=7), "interview": timedelta(hours=48)}
SHOWN = 15  # follow-ups due in the next day, per reader


@dataclass(frozen=True)
class DueFollowUp:
    """An active sequence of the reader's whose next step is due within a day."""

    step: int
    name: str
    due_at: datetime


@dataclass(frozen=True)
class OverdueStage:
    """A candidate past the hiring clock's limit for their stage, by whole hours."""

    name: str
    role_slug: str
    stage: str
    hours_late: int


@dataclass(frozen=True)
class RolePipeline:
    """How many candidates a role has at each stage (stages in pipeline order, empty ones left out)."""

    title: str
    counts: list[tuple[str, int]]


@dataclass
class Home:
    """Everything the Home tab shows; `team_wide` False leaves only the reader's own follow-ups."""

    team_wide: bool
    due: list[DueFollowUp]
    overdue: list[OverdueStage] = field(default_factory=list)
    pipeline: list[RolePipeline] = field(default_factory=list)
    digests: list[DigestSubscription] = field(default_factory=list)


def due_follow_ups(*, session: Session, team_id: str, user_id: str, now: datetime) -> list[DueFollowUp]:
    """The reader's active sequences whose next step is due within a day, soonest first."""
    rows = session.execute(
        select(Enrollment, Candidate).join(Candidate, Candidate.id == Enrollment.candidate_id)
        .where(Enrollment.team_id == team_id, Enrollment.owner_user_id == user_id, Enrollment.status == "active",
               Enrollment.next_due_at <= now + timedelta(days=1))
        .order_by(Enrollment.next_due_at).limit(SHOWN)).all()
    return [DueFollowUp(e.current_step, c.name, e.next_due_at) for e, c in rows]


def overdue_stages(*, session: Session, team_id: str, now: datetime) -> list[OverdueStage]:
    """Candidates past the hiring clock in a timed stage, longest waiting first (of the oldest 200 entries)."""
    out = []
    for entry, cand, role in session.execute(
            select(PipelineEntry, Candidate, Role).join(Candidate, Candidate.id == PipelineEntry.candidate_id)
            .join(Role, Role.id == PipelineEntry.role_id)
            .where(PipelineEntry.team_id == team_id, PipelineEntry.stage.in_(list(STAGE_LIMITS)))
            .order_by(PipelineEntry.stage_entered_at).limit(200)):
        limit = STAGE_LIMITS[entry.stage]
        if now - entry.stage_entered_at > limit:
            hours = int((now - entry.stage_entered_at - limit).total_seconds() // 3600)
            out.append(OverdueStage(cand.name, role.slug, entry.stage, hours))
    return out


def pipeline_counts(*, session: Session, team_id: str) -> list[RolePipeline]:
    """Per role with candidates, by slug: how many are at each stage."""
    counts: dict[int, dict[str, int]] = {}
    for role_id, stage, n in session.execute(
            select(PipelineEntry.role_id, PipelineEntry.stage, func.count()).where(PipelineEntry.team_id == team_id)
            .group_by(PipelineEntry.role_id, PipelineEntry.stage)):
        counts.setdefault(role_id, {})[stage] = n
    return [RolePipeline(role.title, [(s, counts[role.id][s]) for s in store.STAGES if counts[role.id].get(s)])
            for role in list_roles(session=session, team_id=team_id) if role.id in counts]


def home_data(*, session: Session, team_id: str, user_id: str, now: datetime, team_wide: bool = True) -> Home:
    """The Home tab's data for one reader of one team."""
    ensure_team(session=session, team_id=team_id)
    due = due_follow_ups(session=session, team_id=team_id, user_id=user_id, now=now)
    if not team_wide:
        return Home(team_wide=False, due=due)
    return Home(team_wide=True, due=due, overdue=overdue_stages(session=session, team_id=team_id, now=now),
                pipeline=pipeline_counts(session=session, team_id=team_id),
                digests=subscriptions(session=session, team_id=team_id))
