"""The ranked shortlist query: stored scores for a role, filtered by location, score and skill."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, defer

from bot.core.models import Candidate, PipelineEntry, Role, Score, candidate_snapshot
from scoring.geo import classify_filter
from scoring.scorecard import infer_skills, normalize_skill
from scoring.types import Profile


# -- shortlist -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShortlistRow:
    """One ranked candidate with their stored score breakdown."""

    candidate: Candidate
    score: Score
    stage: str | None


SKILL_SCAN_LIMIT = 2000  # a skill filter reads stored breakdowns; past this many rows the answer says so


HIDDEN_STAGES = ("passed", "hired")  # with do-not-contact: people nobody can act on, left out unless asked


def shortlist(*, session: Session, team_id: str, role: Role, limit: int, min_score: int = 0,
              location: str | None = None, skill: str | None = None, remote: bool = False,
              stage: str | None = None) -> list[ShortlistRow]:
    """Top candidates for a role from stored scores, best first.

    Without `stage`, people nobody can act on are left out: passed or hired for this role, or marked
    do-not-contact. `stage="all"` shows everyone; another stage shows only the people at that stage
    ("sourced" includes those not in the pipeline yet).

    Location and remote filter in SQL (region and country are stored at intake); a skill filter
    pages through the ranking by (total, id) and stops after SKILL_SCAN_LIMIT rows, so the ack
    stays fast however large the team is.
    """


    q = (select(Score, Candidate, PipelineEntry.stage)
         .join(Candidate, Candidate.id == Score.candidate_id)
         .outerjoin(PipelineEntry, (PipelineEntry.candidate_id == Score.candidate_id) & (PipelineEntry.role_id == role.id))
         .where(Score.team_id == team_id, Score.role_id == role.id, Score.total >= min_score)
         # The profile snapshot (kilobytes per person) is not shown: leave it in the database.
         .options(defer(Candidate.snapshot)))
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
        q = q.where(or_(func.lower(Candidate.location).contains("remote"), func.lower(Candidate.location).contains("anywhere")))
    q = q.order_by(Score.total.desc(), Score.candidate_id)
    if not skill:
        return [ShortlistRow(c, sc, st) for sc, c, st in session.execute(q.limit(limit))]
    rows: list[ShortlistRow] = []
    scanned, batch = 0, 200
    last: tuple[int, int] | None = None
    while len(rows) < limit and scanned < SKILL_SCAN_LIMIT:
        page = q if last is None else q.where(or_(Score.total < last[0], (Score.total == last[0]) & (Score.candidate_id > last[1])))
        chunk = session.execute(page.limit(batch)).all()
        for sc, cand, stage in chunk:
            scanned += 1
            if _has_skill(cand, sc, skill):
                rows.append(ShortlistRow(cand, sc, stage))
                if len(rows) >= limit:
                    break
        if len(chunk) < batch:
            break
        last = (chunk[-1][0].total, chunk[-1][0].candidate_id)
    return rows


def _has_skill(cand: Candidate, sc: Score, skill: str) -> bool:

    wanted = normalize_skill(skill)
    skills = sc.breakdown.get("skills")
    if skills is None:
        skills = infer_skills(Profile.from_snapshot(candidate_snapshot(cand)))
    return wanted in set(skills)


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
