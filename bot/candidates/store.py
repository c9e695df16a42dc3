"""Query functions: (*, session, team_id, ...) -> rows. Every query is scoped by team; none commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.candidates.lookup import find_candidate  # noqa: F401  (re-exported: callers use store.find_candidate)
from bot.core.errors import UserError
from bot.core.models import Candidate, PipelineEntry, Role, Signal, utcnow
from scoring.geo import parse_location

STAGES = ("sourced", "shortlisted", "contacted", "replied", "review", "interview", "offer", "hired", "passed")


# -- candidates ------------------------------------------------------------------------------------


def apply_snapshot(c: Candidate, snap: dict[str, Any]) -> None:
    """Store a snapshot on the candidate: identity fields into columns, the rest kept whole."""
    for key in ("github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "email"):
        if snap.get(key) and not getattr(c, key):
            setattr(c, key, snap[key])
    if snap.get("name") and (not c.name or c.name in {c.github, c.huggingface, c.kaggle}):
        c.name = snap["name"]
    if snap.get("location") and not c.location:
        c.location = snap["location"]
    place = parse_location(c.location)
    c.country, c.region = place.country, place.region
    c.snapshot = snap


def replace_signals(*, session: Session, candidate: Candidate) -> None:
    """Rewrite the candidate's signal rows (one per observed fact, with its evidence URL)."""
    session.execute(delete(Signal).where(Signal.candidate_id == candidate.id))
    sig = (candidate.snapshot or {}).get("signals") or {}
    rows = []
    for pr in sig.get("merged_prs") or ():
        rows.append(Signal(team_id=candidate.team_id, candidate_id=candidate.id, kind="merged_pr", data=pr, url=pr.get("url")))
    for repo in sig.get("repos") or ():
        rows.append(Signal(team_id=candidate.team_id, candidate_id=candidate.id, kind="repo", data=repo,
                           url=f"https://github.com/{repo.get('name')}"))
    for m in sig.get("hf_models") or ():
        rows.append(Signal(team_id=candidate.team_id, candidate_id=candidate.id, kind="hf_model", data=m,
                           url=f"https://huggingface.co/{m.get('id')}"))
    for p in sig.get("papers") or ():
        rows.append(Signal(team_id=candidate.team_id, candidate_id=candidate.id, kind="paper", data=p,
                           url=f"https://arxiv.org/abs/{p.get('id')}"))
    if candidate.kaggle_tier:
        rows.append(Signal(team_id=candidate.team_id, candidate_id=candidate.id, kind="kaggle",
                           data={"tier": candidate.kaggle_tier, "user": candidate.kaggle},
                           url=f"https://www.kaggle.com/{candidate.kaggle}" if candidate.kaggle else None))
    session.add_all(rows)


def stage_for(*, session: Session, candidate: Candidate, role: Role) -> PipelineEntry | None:
    """The candidate's pipeline entry for a role, if any."""
    return session.scalar(select(PipelineEntry).where(PipelineEntry.candidate_id == candidate.id,
                                                      PipelineEntry.role_id == role.id))


def set_stage(*, session: Session, candidate: Candidate, role: Role, stage: str, user_id: str | None,
              owner: str | None = None) -> PipelineEntry:
    """Move a candidate to a stage for a role (creating the pipeline entry); the clock restarts."""
    if stage not in STAGES:
        raise UserError(f"{stage!r} is not a stage.", suggestions=tuple(s for s in STAGES if s.startswith(stage[:2])) or STAGES,
                        example=f"/candidate stage {candidate.github or '#' + str(candidate.id)} interview")
    entry = stage_for(session=session, candidate=candidate, role=role)
    if entry is None:
        entry = PipelineEntry(team_id=candidate.team_id, candidate_id=candidate.id, role_id=role.id,
                              owner_user_id=owner or user_id)
        session.add(entry)
    if entry.stage != stage or entry.id is None:
        entry.stage, entry.stage_entered_at = stage, utcnow()
    entry.updated_by = user_id
    if owner:
        entry.owner_user_id = owner
    session.flush()
    return entry




def in_any_pipeline(*, session: Session, candidate: Candidate) -> bool:
    """True when the candidate has a pipeline entry for some role."""
    return session.scalar(select(PipelineEntry.id).where(PipelineEntry.candidate_id == candidate.id).limit(1)) is not None


EDITABLE = {"preferred": "preferred_name", "name": "name", "location": "location"}
EDIT_LIMITS = {"preferred_name": 100, "name": 200, "location": 200}


def edit_candidate(*, session: Session, candidate: Candidate, changes: dict[str, str]) -> list[str]:
    """Change what a person typed about the candidate (name, location, preferred name for greetings);
    returns the fields changed. The preferred name lives in the profile snapshot, which keeps unknown keys."""
    changed = []
    for key, value in changes.items():
        field = EDITABLE[key]
        value = " ".join(value.split())
        if not value or len(value) > EDIT_LIMITS[field]:
            raise UserError(f"`{key}:` takes 1 to {EDIT_LIMITS[field]} characters.",
                            example='/candidate edit tsai preferred:"Ming-Hui"')
        if field == "preferred_name":
            candidate.snapshot = dict(candidate.snapshot or {}) | {"preferred_name": value}  # a new dict: JSON is seen as changed
        else:
            setattr(candidate, field, value)
        changed.append(key)
    return changed
