"""Query functions: (*, session, team_id, ...) -> rows. Every query is scoped by team; none commits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot.core.errors import NotFound, UserError
from bot.core.models import AuditEvent, Candidate, DigestSubscription, Enrollment, Note, PipelineEntry, Role, Score, Signal, Team, TeamSalary, Touch, utcnow
from scoring.geo import parse_location
from scoring.scorecard import DEFAULT_ROLES, resolve_role
from scoring.signals import SCORER_VERSION, extract, score
from scoring.types import BadInput, Profile, Scorecard

STAGES = ("sourced", "shortlisted", "contacted", "replied", "review", "interview", "offer", "hired", "passed")


# -- teams and roles -------------------------------------------------------------------------------
def ensure_team(*, session: Session, team_id: str) -> Team:
    """The team row, created with the default roles on first use."""
    team = session.get(Team, team_id)
    if team is None:
        team = Team(team_id=team_id, settings={})
        session.add(team)
        for card in DEFAULT_ROLES.values():
            session.add(role_from_card(team_id, card))
        session.flush()
    return team


def role_from_card(team_id: str, card: Scorecard) -> Role:
    """A Role row holding a scorecard."""
    return Role(team_id=team_id, slug=card.slug, title=card.title, must_have=list(card.must_have),
                nice_to_have=list(card.nice_to_have), weights=dict(card.weights), level=card.level,
                location=card.location, questions=list(card.questions))


def card_of(role: Role) -> Scorecard:
    """The scorecard a Role row holds."""
    return Scorecard(slug=role.slug, title=role.title, must_have=tuple(role.must_have or ()),
                     nice_to_have=tuple(role.nice_to_have or ()), weights=dict(role.weights or {}),
                     level=role.level, location=role.location, questions=tuple(role.questions or ()))


def list_roles(*, session: Session, team_id: str) -> list[Role]:
    """Every role of the team, by slug."""
    ensure_team(session=session, team_id=team_id)
    return list(session.scalars(select(Role).where(Role.team_id == team_id).order_by(Role.slug)))


def get_role(*, session: Session, team_id: str, name: str) -> Role:
    """The role called `name` (aliases allowed); NotFound with the closest roles otherwise."""
    exact = session.scalar(select(Role).where(Role.team_id == team_id, Role.slug == name.strip().lower()))
    if exact is not None:  # the common case, one indexed lookup on the ack path
        return exact
    roles = {r.slug: r for r in list_roles(session=session, team_id=team_id)}
    try:
        return roles[resolve_role(name, roles)]
    except BadInput as exc:
        raise NotFound(exc.message, suggestions=exc.suggestions,
                       example=f"/shortlist {exc.suggestions[0] if exc.suggestions else 'ml-engineer'} 10") from exc


# -- candidates ------------------------------------------------------------------------------------
_ID = re.compile(r"^#?(\d+)$")


def find_candidate(*, session: Session, team_id: str, ref: str) -> Candidate:
    """A candidate by `#id`, GitHub or Hugging Face handle, email or name; NotFound otherwise."""
    ref = ref.strip().removeprefix("@")
    for prefix in ("github:", "gh:", "hf:", "huggingface:", "https://github.com/", "https://huggingface.co/"):
        if ref.lower().startswith(prefix):
            ref = ref[len(prefix):].strip("/")
    base = select(Candidate).where(Candidate.team_id == team_id)
    m = _ID.match(ref)
    if m:
        found = session.scalar(base.where(Candidate.id == int(m.group(1))))
    else:
        low = ref.lower()
        found = session.scalar(base.where(or_(func.lower(Candidate.github) == low,
                                             func.lower(Candidate.huggingface) == low,
                                             func.lower(Candidate.email) == low)))
        if found is None:
            by_name = list(session.scalars(base.where(func.lower(Candidate.name) == low).limit(2)))
            if len(by_name) > 1:
                raise UserError(f"More than one candidate is called {ref!r}; use their #id or GitHub handle.",
                                example=f"/candidate show #{by_name[0].id}")
            found = by_name[0] if by_name else None
    if found is None:
        raise NotFound(f"No candidate {ref!r} in this team.", example="/candidate add github:octocat role:ml-engineer")
    return found


def candidate_snapshot(c: Candidate) -> dict[str, Any]:
    """The candidate's profile snapshot with the hand-entered fields on top."""
    snap = dict(c.snapshot or {})
    for key in ("name", "github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "location", "email"):
        value = getattr(c, key)
        if value:
            snap[key] = value
    if snap.get("name") in {c.github, c.huggingface, c.kaggle}:
        snap.pop("name")  # a handle standing in for a name: let the source fill the real one
    return snap


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


def breakdown_of(result: Any) -> dict[str, Any]:
    """What a Score row keeps so a shortlist can explain itself without recomputing."""
    return {
        "reasons": [{"signal": r.signal, "points": round(r.points, 1), "text": r.text, "url": r.url} for r in result.reasons],
        "red_flags": [{"signal": r.signal, "points": round(r.points, 1), "text": r.text, "url": r.url} for r in result.red_flags],
        "missing": list(result.missing_must_haves),
    }


def rescore(*, session: Session, candidates: Iterable[Candidate], roles: Sequence[Role], today: date) -> int:
    """Recompute and store every (candidate, role) score; returns how many were written."""
    cards = [(role, card_of(role)) for role in roles]
    candidates = list(candidates)
    written = 0
    with session.no_autoflush:  # one read of the batch's existing scores, not one per candidate
        ids = [c.id for c in candidates]
        found: dict[int, dict[int, Score]] = {}
        for i in range(0, len(ids), 500):
            for row in session.scalars(select(Score).where(Score.candidate_id.in_(ids[i:i + 500]))):
                found.setdefault(row.candidate_id, {})[row.role_id] = row
    for cand in candidates:
        profile = Profile.from_snapshot(candidate_snapshot(cand))
        features = extract(profile, today=today)
        existing = found.get(cand.id, {})
        for role, card in cards:
            result = score(features, card)
            breakdown = breakdown_of(result) | {"skills": sorted(features.skills)}
            row = existing.get(role.id)
            if row is None:
                row = Score(team_id=cand.team_id, candidate_id=cand.id, role_id=role.id)
                session.add(row)
            row.total, row.qualifies = result.total, result.qualifies
            row.breakdown, row.scorer_version, row.computed_at = breakdown, SCORER_VERSION, utcnow()
            written += 1
    return written


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


def forget_candidate(*, session: Session, candidate: Candidate, user_id: str | None) -> None:
    """Erase every row about a person; the audit trail keeps only ids.

    Beyond the rows keyed by the candidate: the public-API responses cached under their handles
    (bot.httpcache.forget_handles says why even when another team has the same handle), and the
    referral notes on other candidates that quote their name and reply (rewritten to say a
    forgotten candidate referred them).
    """
    from bot.candidates.service import REFERRAL_NOTE_FORGOTTEN, referral_notes_quoting
    from bot.core.httpcache import forget_handles

    cid, team_id = candidate.id, candidate.team_id
    snap = candidate.snapshot if isinstance(candidate.snapshot, dict) else {}
    handles = [h for h in (candidate.github, candidate.huggingface, snap.get("github"), snap.get("huggingface"))
               if isinstance(h, str)]
    for note in referral_notes_quoting(session=session, candidate=candidate):
        note.text = REFERRAL_NOTE_FORGOTTEN
    enrollment_ids = list(session.scalars(select(Enrollment.id).where(Enrollment.candidate_id == cid)))
    if enrollment_ids:
        session.execute(delete(Touch).where(Touch.enrollment_id.in_(enrollment_ids)))
    for model in (Enrollment, Score, Signal, PipelineEntry, Note):
        session.execute(delete(model).where(model.candidate_id == cid))
    session.delete(candidate)
    forget_handles(session, handles)
    session.add(AuditEvent(team_id=team_id, user_id=user_id, action="forget", candidate_id=cid))


def audit(*, session: Session, team_id: str, user_id: str | None, action: str, candidate_id: int | None) -> None:
    """Record who viewed, exported or forgot which candidate (ids only)."""
    session.add(AuditEvent(team_id=team_id, user_id=user_id, action=action, candidate_id=candidate_id))


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
    from scoring.geo import classify_filter

    from sqlalchemy.orm import defer

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
    from scoring.scorecard import infer_skills, normalize_skill

    wanted = normalize_skill(skill)
    skills = sc.breakdown.get("skills")
    if skills is None:
        skills = infer_skills(Profile.from_snapshot(candidate_snapshot(cand)))
    return wanted in set(skills)


def team_salaries(*, session: Session, team_id: str, role: str, level: str) -> list[TeamSalary]:
    """The team's own offers for a role and level."""
    return list(session.scalars(select(TeamSalary).where(TeamSalary.team_id == team_id, TeamSalary.role == role,
                                                         TeamSalary.level == level)))


def subscriptions(*, session: Session, team_id: str) -> list[DigestSubscription]:
    """The team's digest subscriptions."""
    return list(session.scalars(select(DigestSubscription).where(DigestSubscription.team_id == team_id)))
