"""The ranked shortlist query: stored scores for a role, filtered by location, score, skills, stage and activity.

One indexed query per page: the ranking walks `ix_scores_rank (team_id, role_id, total DESC, candidate_id)`
and every filter is a column of `candidates` (region, country, location, `skills_text`,
`last_active_on`, enrichment status) or of the pipeline entry, so nothing is read row by row in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, load_only

from bot.core.models import Candidate, PipelineEntry, Role, Score, utcnow
from bot.roles.features import skills_pattern
from scoring.geo import classify_filter
from scoring.scorecard import normalize_skill


@dataclass(frozen=True)
class ShortlistRow:
    """One ranked candidate with their stored score breakdown."""

    candidate: Candidate
    score: Score
    stage: str | None


HIDDEN_STAGES = ("passed", "hired")  # with do-not-contact: people nobody can act on, left out unless asked
# What a shortlist entry shows: the rest of a candidate (snapshot, features) stays in the database.
_CANDIDATE_COLUMNS = (Candidate.id, Candidate.team_id, Candidate.name, Candidate.github, Candidate.huggingface,
                      Candidate.location, Candidate.enrichment_status, Candidate.do_not_contact)
_SCORE_COLUMNS = (Score.id, Score.team_id, Score.candidate_id, Score.role_id, Score.total, Score.qualifies,
                  Score.breakdown, Score.scorer_version, Score.computed_at)


def _filtered(q: Select, *, team_id: str, role: Role, min_score: int | None, location: str | None,
              skills: tuple[str, ...], remote: bool, stage: str | None, active_within_days: int | None,
              today: date | None) -> Select:
    """The shortlist's WHERE clause on a query that already joins Score, Candidate and the PipelineEntry."""
    # No min: scores of 0 say nothing about the person (no evidence yet), so only an explicit `min:0` shows them.
    score_floor = Score.total > 0 if min_score is None else Score.total >= min_score
    q = q.where(Score.team_id == team_id, Score.role_id == role.id, score_floor,
                Candidate.enrichment_status != "pending")  # not scored yet: "pending" is not a zero
    if stage is None:
        q = q.where(or_(PipelineEntry.stage.is_(None), PipelineEntry.stage.not_in(HIDDEN_STAGES)),
                    Candidate.do_not_contact.is_(False))
    elif stage == "sourced":
        q = q.where(or_(PipelineEntry.stage.is_(None), PipelineEntry.stage == "sourced"))
    elif stage != "all":
        q = q.where(PipelineEntry.stage == stage)
    if location:
        kind, value = classify_filter(location)
        if kind == "region":
            q = q.where(Candidate.region == value)
        elif kind == "country":
            q = q.where(Candidate.country == value)
        else:
            q = q.where(func.lower(Candidate.location).contains(value, autoescape=True))
    if remote:
        q = q.where(or_(func.lower(Candidate.location).contains("remote"),
                        func.lower(Candidate.location).contains("anywhere")))
    for skill in skills:
        q = q.where(Candidate.skills_text.contains(skills_pattern(normalize_skill(skill)), autoescape=True))
    if active_within_days is not None:
        since = (today or utcnow().date()) - timedelta(days=max(0, active_within_days))
        q = q.where(Candidate.last_active_on >= since)
    return q


def _joined(*entities: Any, role: Role) -> Select:
    return (select(*entities).select_from(Score).join(Candidate, Candidate.id == Score.candidate_id)
            .outerjoin(PipelineEntry, (PipelineEntry.candidate_id == Score.candidate_id)
                       & (PipelineEntry.role_id == role.id)))


def _skills(skill: str | None, skills: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s for s in ((skill,) if skill else ()) + tuple(skills) if s and s.strip())


def shortlist(*, session: Session, team_id: str, role: Role, limit: int, min_score: int | None = None,
              location: str | None = None, skill: str | None = None, remote: bool = False,
              stage: str | None = None, offset: int = 0, skills: tuple[str, ...] = (),
              active_within_days: int | None = None, today: date | None = None) -> list[ShortlistRow]:
    """Top candidates for a role from stored scores, best first, one indexed query.

    Without `stage`, people nobody can act on are left out: passed or hired for this role, or marked
    do-not-contact. `stage="all"` shows everyone; another stage shows only the people at that stage
    ("sourced" includes those not in the pipeline yet). Candidates whose enrichment is pending are
    never listed, nor scores of 0 unless `min_score=0` is asked. `skills` (and `skill`) must all match;
    `active_within_days` keeps people with public activity in that many days before `today`.
    """
    q = _joined(Score, Candidate, PipelineEntry.stage, role=role).options(
        load_only(*_SCORE_COLUMNS), load_only(*_CANDIDATE_COLUMNS))
    q = _filtered(q, team_id=team_id, role=role, min_score=min_score, location=location,
                  skills=_skills(skill, skills), remote=remote, stage=stage,
                  active_within_days=active_within_days, today=today)
    q = q.order_by(Score.total.desc(), Score.candidate_id).limit(limit).offset(max(0, offset))
    return [ShortlistRow(c, sc, st) for sc, c, st in session.execute(q)]


def shortlist_count(*, session: Session, team_id: str, role: Role, min_score: int | None = None,
                    location: str | None = None, skill: str | None = None, remote: bool = False,
                    stage: str | None = None, skills: tuple[str, ...] = (), active_within_days: int | None = None,
                    today: date | None = None) -> int:
    """How many candidates `shortlist` would list with these filters (for "Next 10" paging)."""
    q = _filtered(_joined(func.count(), role=role), team_id=team_id, role=role, min_score=min_score,
                  location=location, skills=_skills(skill, skills), remote=remote, stage=stage,
                  active_within_days=active_within_days, today=today)
    return session.scalar(q) or 0


def hidden_count(*, session: Session, team_id: str, role: Role) -> int:
    """How many scored people a plain shortlist leaves out (passed, hired, do-not-contact), to say so."""
    q = (select(func.count()).select_from(Score).join(Candidate, Candidate.id == Score.candidate_id)
         .outerjoin(PipelineEntry, (PipelineEntry.candidate_id == Score.candidate_id) & (PipelineEntry.role_id == role.id))
         .where(Score.team_id == team_id, Score.role_id == role.id,
                or_(PipelineEntry.stage.in_(HIDDEN_STAGES), Candidate.do_not_contact.is_(True))))
    return session.scalar(q) or 0


def scored_count(*, session: Session, team_id: str, role: Role) -> int:
    """How many people have a score for the role at all."""
    return session.scalar(select(func.count()).select_from(Score).where(Score.team_id == team_id,
                                                                          Score.role_id == role.id)) or 0
