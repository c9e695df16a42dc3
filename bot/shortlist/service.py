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


def shortlist(*, session: Session, team_id: str, role: Role, limit: int, min_score: int = 0,
              location: str | None = None, skill: str | None = None, remote: bool = False) -> list[ShortlistRow]:
    """Top candidates for a role from stored scores, best first; passed candidates left out.

    Location and remote filter in SQL (region and country are stored at intake); a skill filter
    pages through the ranking by (total, id) and stops after SKILL_SCAN_LIMIT rows, so the ack
    stays fast however large the team is.
    """


    q = (select(Score, Candidate, PipelineEntry.stage)
         .join(Candidate, Candidate.id == Score.candidate_id)
         .outerjoin(PipelineEntry, (PipelineEntry.candidate_id == Score.candidate_id) & (PipelineEntry.role_id == role.id))
         .where(Score.team_id == team_id, Score.role_id == role.id, Score.total >= min_score,
                or_(PipelineEntry.stage.is_(None), PipelineEntry.stage != "passed"))
         # The profile snapshot (kilobytes per person) is not shown: leave it in the database.
         .options(defer(Candidate.snapshot)))
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
