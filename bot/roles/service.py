"""Roles and their scorecards; stored scores per (candidate, role), recomputed in bulk."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Sequence

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from bot.core.errors import NotFound, UserError
from bot.core.models import Candidate, PipelineEntry, Role, Score, candidate_snapshot, utcnow
from bot.core.services import Services
from bot.core.teams import ensure_team, role_from_card
from bot.core.versioning import RenderCache
from bot.roles.bulk import (
    FEATURE_COLUMNS,
    WRITE_BATCH,
    Batch,
    bump_data_version,
    candidate_columns,
    stored_batch,
    totals,
    write_scores,
)
from bot.roles.features import features_from_json
from scoring.scorecard import DEFAULT_ROLES, resolve_role
from scoring.signals import SCORER_VERSION, Features, score
from scoring.types import BadInput, Scorecard


def card_of(role: Role) -> Scorecard:
    """The scorecard a Role row holds."""
    return Scorecard(slug=role.slug, title=role.title, must_have=tuple(role.must_have or ()),
                     nice_to_have=tuple(role.nice_to_have or ()), weights=dict(role.weights or {}),
                     level=role.level, location=role.location, questions=tuple(role.questions or ()))


def list_roles(*, session: Session, team_id: str) -> list[Role]:
    """Every role of the team, by slug."""
    ensure_team(session=session, team_id=team_id)
    return list(session.scalars(select(Role).where(Role.team_id == team_id).order_by(Role.slug)))


def get_role(*, session: Session, team_id: str, name: str, example: str = "/shortlist {role} 10") -> Role:
    """The role called `name` (aliases allowed); NotFound with the closest roles otherwise, and `example`
    (the caller's command, `{role}` standing for the closest slug) showing the right word in place."""
    exact = session.scalar(select(Role).where(Role.team_id == team_id, Role.slug == name.strip().lower()))
    if exact is not None:  # the common case, one indexed lookup on the ack path
        return exact
    roles = {r.slug: r for r in list_roles(session=session, team_id=team_id)}
    try:
        return roles[resolve_role(name, roles)]
    except BadInput as exc:
        raise NotFound(exc.message, suggestions=exc.suggestions,
                       example=example.format(role=exc.suggestions[0] if exc.suggestions else "ml-engineer")) from exc


def best_role(*, session: Session, candidate: Candidate) -> Role | None:
    """The role the candidate scores highest for (what a command acts on when nobody named one)."""
    return session.scalar(select(Role).join(Score, Score.role_id == Role.id)
                          .where(Score.candidate_id == candidate.id, Role.team_id == candidate.team_id)
                          .order_by(Score.total.desc(), Role.slug).limit(1))


def pick_role(*, session: Session, team_id: str, candidate: Candidate, choices: Sequence[Role], example: str,
              hints: Sequence[str] = ()) -> Role:
    """The one role among `choices` (the candidate's pipelines); with none, the one `hints` names, else their
    best-scoring role (nobody named one, so their best match is the obvious one); UserError naming the choices."""
    if len(choices) == 1:
        return choices[0]
    if choices:
        raise UserError(f"{candidate.name} is in several pipelines ({', '.join(r.slug for r in choices)}); "
                        "say which role.", example=example + f" role:{choices[0].slug}")
    if len(hints) == 1:
        return get_role(session=session, team_id=team_id, name=hints[0])
    best = best_role(session=session, candidate=candidate)
    if best is not None:
        return best
    raise UserError(f"{candidate.name} is not in any role's pipeline yet and has no score for any role; "
                    "say which role.", example=example + " role:ml-engineer")


def role_of(*, session: Session, team_id: str, role_id: int) -> Role | None:
    """The role with this id if it is the team's; None when removed or another team's."""
    role = session.get(Role, role_id)
    return role if role is not None and role.team_id == team_id else None


# Which `key:` words of `role edit` change which scorecard field (weights come with a new template).
EDIT_KEYS: dict[str, frozenset[str]] = {
    "must_have": frozenset({"must", "must-have", "must_have"}),
    "nice_to_have": frozenset({"nice", "nice-to-have", "nice_to_have"}),
    "questions": frozenset({"q", "question"}),
    "level": frozenset({"level"}),
    "location": frozenset({"location", "loc"}),
    "title": frozenset({"title"}),
    "weights": frozenset({"base", "like"}),
}


def _roles_by_slug(session: Session, team_id: str) -> dict[str, Role]:
    ensure_team(session=session, team_id=team_id)
    return {r.slug: r for r in list_roles(session=session, team_id=team_id)}


def add_role(*, session: Session, team_id: str, card: Scorecard) -> Role:
    """Store a new role from its scorecard; UserError when the slug is taken."""
    existing = _roles_by_slug(session, team_id)
    if card.slug in existing:
        raise UserError(f"There already is a role `{card.slug}`; use `edit` to change it.",
                        example=f"/hirebot role edit {card.slug} must:pytorch,python")
    role = role_from_card(team_id, card)
    session.add(role)
    session.flush()
    return role


def edit_role(*, session: Session, team_id: str, card: Scorecard, given: set[str]) -> Role:
    """Change only the fields whose keys were `given`; UserError when there is no such role."""
    existing = _roles_by_slug(session, team_id)
    role = existing.get(card.slug)
    if role is None:
        raise UserError(f"No role `{card.slug}` to edit.", suggestions=tuple(sorted(existing))[:3],
                        example=f"/hirebot role add {card.slug} must:pytorch,python")
    if given & EDIT_KEYS["must_have"]:
        role.must_have = list(card.must_have)
    if given & EDIT_KEYS["nice_to_have"]:
        role.nice_to_have = list(card.nice_to_have)
    if given & EDIT_KEYS["questions"]:
        role.questions = list(card.questions)
    if given & EDIT_KEYS["level"]:
        role.level = card.level
    if given & EDIT_KEYS["location"]:
        role.location = card.location
    if given & EDIT_KEYS["title"]:
        role.title = card.title
    if given & EDIT_KEYS["weights"]:
        role.weights = dict(card.weights)
    session.flush()
    return role


def role_by_slug(*, session: Session, team_id: str, slug: str) -> Role:
    """The role whose slug is exactly `slug` (destructive commands take nothing looser); NotFound naming the
    closest slugs otherwise, with a note when an alias would have matched."""
    wanted = slug.strip().lower()
    exact = session.scalar(select(Role).where(Role.team_id == team_id, Role.slug == wanted))
    if exact is not None:
        return exact
    roles = _roles_by_slug(session, team_id)
    try:
        alias = resolve_role(wanted, roles)
    except BadInput as exc:
        close = exc.suggestions
        alias = None
    else:
        close = (alias,)
    hint = f" `{wanted}` is another name for `{alias}`; removing takes the exact slug." if alias else ""
    raise NotFound(f"No role with the slug `{wanted}`.{hint}", suggestions=tuple(close),
                   example=f"/hirebot role remove {(close or sorted(roles) or ['data-scientist'])[0]}")


def removal_counts(*, session: Session, role: Role) -> tuple[int, int]:
    """(scores, pipeline entries) that removing the role deletes."""
    scores = session.scalar(select(func.count()).select_from(Score).where(Score.role_id == role.id)) or 0
    entries = session.scalar(select(func.count()).select_from(PipelineEntry).where(PipelineEntry.role_id == role.id)) or 0
    return scores, entries


def remove_role(*, session: Session, team_id: str, slug: str) -> tuple[str, int, int]:
    """Delete the role with exactly this slug, its scores and pipeline entries (candidates stay);
    returns (slug, scores, entries) deleted."""
    role = role_by_slug(session=session, team_id=team_id, slug=slug)
    scores, entries = removal_counts(session=session, role=role)
    session.execute(delete(Score).where(Score.role_id == role.id))
    session.execute(delete(PipelineEntry).where(PipelineEntry.role_id == role.id))
    session.delete(role)
    return role.slug, scores, entries


def _differs(role: Role, card: Scorecard) -> bool:
    return card_of(role) != card


def default_role_changes(*, session: Session, team_id: str) -> tuple[list[str], list[str]]:
    """What `role reset` would do: (default slugs missing, default slugs whose scorecard was edited)."""
    existing = _roles_by_slug(session, team_id)
    missing = [slug for slug in DEFAULT_ROLES if slug not in existing]
    edited = [slug for slug, card in DEFAULT_ROLES.items() if slug in existing and _differs(existing[slug], card)]
    return missing, edited


def ensure_default_roles(*, session: Session, team_id: str) -> list[Role]:
    """Add any default role the team removed (custom roles and edits stay); returns the roles added."""
    missing, _ = default_role_changes(session=session, team_id=team_id)
    added = [role_from_card(team_id, DEFAULT_ROLES[slug]) for slug in missing]
    session.add_all(added)
    session.flush()
    return added


def reset_roles(*, session: Session, team_id: str) -> list[Role]:
    """Restore the default roles: add the missing ones and put back their default scorecards (custom roles
    stay); returns every role that changed, to rescore."""
    _, edited = default_role_changes(session=session, team_id=team_id)
    existing = _roles_by_slug(session, team_id)
    changed = ensure_default_roles(session=session, team_id=team_id)
    for slug in edited:
        role, card = existing[slug], DEFAULT_ROLES[slug]
        role.title, role.level, role.location = card.title, card.level, card.location
        role.must_have, role.nice_to_have = list(card.must_have), list(card.nice_to_have)
        role.weights, role.questions = dict(card.weights), list(card.questions)
        changed.append(role)
    session.flush()
    return changed


def breakdown_of(result: Any) -> dict[str, Any]:
    """What a Score row keeps so a shortlist can explain itself without recomputing."""
    return {
        "reasons": [{"signal": r.signal, "points": round(r.points, 1), "text": r.text, "url": r.url} for r in result.reasons],
        "red_flags": [{"signal": r.signal, "points": round(r.points, 1), "text": r.text, "url": r.url} for r in result.red_flags],
        "missing": list(result.missing_must_haves),
    }


SMALL = 200  # (candidate, role) pairs up to which rescore() stores whole breakdowns through the ORM


def _store_features(cand: Candidate, columns: dict[str, Any]) -> None:
    for key, value in columns.items():
        setattr(cand, key, value)


def rescore(*, session: Session, candidates: Iterable[Candidate], roles: Sequence[Role], today: date) -> int:
    """Extract each candidate's features again (stored with them), recompute and store every (candidate, role)
    score; returns how many were written. A few pairs (a command's candidate) keep their whole breakdown; a
    bulk run writes totals in one vectorised pass per role and leaves the breakdown to `explain`."""
    candidates = list(candidates)
    if not candidates or not roles:
        return 0
    if len(candidates) * len(roles) > SMALL:
        return _rescore_bulk(session, candidates, roles, today)
    cards = [(role, card_of(role)) for role in roles]
    written = 0
    with session.no_autoflush:  # one read of the batch's existing scores, not one per candidate
        ids = [c.id for c in candidates]
        found: dict[int, dict[int, Score]] = {}
        for i in range(0, len(ids), 500):
            for row in session.scalars(select(Score).where(Score.candidate_id.in_(ids[i:i + 500]))):
                found.setdefault(row.candidate_id, {})[row.role_id] = row
    for cand in candidates:
        features, columns = candidate_columns(candidate_snapshot(cand), today=today)
        _store_features(cand, columns)
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


def _rescore_bulk(session: Session, candidates: list[Candidate], roles: Sequence[Role], today: date) -> int:
    """rescore() for many: features extracted once and stored with Core, totals vectorised per role."""
    session.flush()  # the candidates' own pending changes go first; the rest is Core on the same transaction
    conn = session.connection()
    extracted = [candidate_columns(candidate_snapshot(c), today=today) for c in candidates]
    t = Candidate.__table__
    conn.execute(update(t).where(t.c.id == bindparam("cid")).values(
        features=bindparam("f", type_=t.c.features.type), features_version=SCORER_VERSION,
        score_vector=bindparam("v"), skills_text=bindparam("s"), last_active_on=bindparam("a")),
        [{"cid": c.id, "f": cols["features"], "v": cols["score_vector"], "s": cols["skills_text"],
          "a": cols["last_active_on"]} for c, (_, cols) in zip(candidates, extracted)])
    for c in candidates:  # the objects must not keep the values read before the Core update
        session.expire(c, list(FEATURE_COLUMNS))
    batch = Batch.build([c.id for c in candidates], [cols["score_vector"] for _, cols in extracted],
                        [cols["skills_text"] for _, cols in extracted], lambda i: extracted[i][0])
    written = 0
    by_team: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        by_team.setdefault(c.team_id, []).append(i)
    now = utcnow()
    for role in roles:
        rows = by_team.get(role.team_id, [])
        if not rows:
            continue
        tot, qual, _ = totals(batch, card_of(role))
        ids = [batch.ids[i] for i in rows]
        written += write_scores(conn, team_id=role.team_id, role_id=role.id, ids=ids, tot=tot[rows], qual=qual[rows],
                                now=now)
    for team_id in sorted(by_team):
        bump_data_version(conn, team_id)
    session.expire_all()  # Score objects loaded before are stale now
    return written


def rescore_team(services: Services, team_id: str, role_ids: Sequence[int]) -> int:
    """Recompute these roles' scores for every candidate of the team from stored features (extracting only
    stale ones), vectorised, WRITE_BATCH candidates per transaction (memory stays flat). Returns rows written."""
    today, written, last = services.now().date(), 0, 0
    while True:
        with services.db.session() as session:
            roles = [r for r in (session.get(Role, rid) for rid in role_ids) if r is not None and r.team_id == team_id]
            conn = session.connection()
            batch = stored_batch(conn, team_id, today=today, after=last, limit=WRITE_BATCH)
            if not batch.ids or not roles:
                store_top_breakdowns(services, team_id, role_ids)
                return written
            now = utcnow()
            for role in roles:
                tot, qual, _ = totals(batch, card_of(role))
                written += write_scores(conn, team_id=team_id, role_id=role.id, ids=batch.ids, tot=tot, qual=qual,
                                        now=now)
            bump_data_version(conn, team_id)
        last = batch.ids[-1]


def rescore_role(services: Services, team_id: str, role_id: int) -> int:
    """Recompute one role's scores for every candidate of the team (after the scorecard changed)."""
    return rescore_team(services, team_id, [role_id])


_EXPLAINED = RenderCache(4096)  # (score row, when written, role, when edited) -> breakdown
TOP_EXPLAINED = 200  # after a bulk write, each role's best rows get their breakdown stored (what shortlists show)


def explain(*, session: Session, role: Role, scores: Sequence[Score]) -> list[dict[str, Any]]:
    """Each score's breakdown: the stored one, or (bulk-written rows) score() of the stored features now,
    remembered per process until the row or the role changes."""
    keys = {s.id: (s.id, s.computed_at, role.id, role.updated_at) for s in scores}
    need = [s.candidate_id for s in scores if "reasons" not in (s.breakdown or {}) and _EXPLAINED.get(keys[s.id]) is None]
    found: dict[int, Features] = {}
    if need:
        t = Candidate.__table__
        stale = []
        for cid, version, data in session.execute(select(t.c.id, t.c.features_version, t.c.features)
                                                  .where(t.c.id.in_(need))):
            if version == SCORER_VERSION and data:
                found[cid] = features_from_json(data)
            else:
                stale.append(cid)
        for cand in session.scalars(select(Candidate).where(Candidate.id.in_(stale))) if stale else ():
            found[cand.id] = candidate_columns(candidate_snapshot(cand), today=utcnow().date())[0]
    card = card_of(role) if found else None
    out = []
    for s in scores:
        if "reasons" in (s.breakdown or {}):
            out.append(s.breakdown)
        elif (hit := _EXPLAINED.get(keys[s.id])) is not None:
            out.append(hit)
        elif (features := found.get(s.candidate_id)) is not None:
            breakdown = breakdown_of(score(features, card)) | {"skills": sorted(features.skills)}
            _EXPLAINED.put(keys[s.id], breakdown)
            out.append(breakdown)
        else:
            out.append(s.breakdown or {})
    return out


def store_top_breakdowns(services: Services, team_id: str, role_ids: Sequence[int], k: int = TOP_EXPLAINED) -> int:
    """After a bulk write: store the breakdown of each role's `k` best rows that have none, so the shortlists
    people open first read it instead of computing it. Returns rows written."""
    written = 0
    with services.db.session() as session:
        for role in (r for r in (session.get(Role, rid) for rid in role_ids) if r is not None and r.team_id == team_id):
            rows = list(session.scalars(select(Score).where(Score.team_id == team_id, Score.role_id == role.id)
                                        .order_by(Score.total.desc(), Score.candidate_id).limit(k)))
            lazy = [r for r in rows if "reasons" not in (r.breakdown or {})]
            t = Score.__table__
            params = [{"sid": r.id, "bd": b} for r, b in zip(lazy, explain(session=session, role=role, scores=lazy))
                      if "reasons" in b]
            if params:  # Core: the totals did not change, so the team's data version need not move
                session.execute(update(t).where(t.c.id == bindparam("sid")).values(breakdown=bindparam("bd", type_=t.c.breakdown.type)),
                                params)
            written += len(params)
        session.expire_all()
    return written
