"""Rescoring many candidates at once: totals from stored vectors in one numpy pass, written with Core.

`scoring.signals.score` adds, per role, the weighted evidence, a skills line and red flags, then rounds.
With non-negative weights and shares that total only needs, per candidate, the evidence summed per
category and the red-flag points (`candidates.score_vector`), and per distinct skill set the skills
part of the card: so a role is rescored with one matrix product instead of 100,000 calls. Every run
checks a sample against `score()` and a total within 1e-6 of a rounding edge is recomputed exactly;
when they disagree (a scorer whose shape changed) the whole run falls back to `score()`, correct but
slower. Bulk-written scores keep no breakdown (`{}`): it is computed for the few rows shown
(`explain`), as the same `score()` of stored features and the role's current scorecard.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from sqlalchemy import Text, bindparam, cast, func, insert, select, update
from sqlalchemy.engine import Connection

from bot.core.models import Candidate, Score, Team, candidate_snapshot
from bot.roles.features import extract_snapshot, features_from_json
from scoring.scorecard import prepared
from scoring.signals import CATEGORIES, SCORER_VERSION, Features, score
from scoring.signals import role_score as _role_score
from scoring.types import Scorecard

log = logging.getLogger(__name__)

CATS = tuple(c for c in CATEGORIES if c != "skills")
EDGE = 1e-6  # a sum this close to x.5 is rounded by score() itself, never by numpy's summation order
SAMPLE = 24  # candidates checked against score() in every run
WRITE_BATCH = 20_000
FEATURE_COLUMNS = ("features", "features_version", "score_vector", "skills_text", "last_active_on")
_HAND_ENTERED = ("name", "github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "location", "email")
_skills_part = getattr(_role_score, "_skills_part", None)


def vector_of(features: Features) -> str | None:
    """`[sum of shares per category..., red-flag points]` as JSON; None when a share is negative or unknown."""
    sums = dict.fromkeys(CATS, 0.0)
    for ev in features.evidence:
        for category, share in ev.shares:
            if category not in sums or share < 0:
                return None
            sums[category] += share
    return json.dumps([*sums.values(), float(sum(f.points for f in features.red_flags))])


@dataclass
class Batch:
    """Candidates to score: ids, their vectors (rows of NaN where none), skills sets, and a way to get Features."""

    ids: list[int]
    vectors: np.ndarray
    skills: list[str]  # candidates.skills_text
    features: Callable[[int], Features]  # by position; decodes or extracts only when asked

    @classmethod
    def build(cls, ids: list[int], vectors: Iterable[str | None], skills: list[str | None],
              features: Callable[[int], Features]) -> Batch:
        """From stored column values."""
        nan = [float("nan")] * (len(CATS) + 1)
        rows = [json.loads(v) if v else nan for v in vectors]
        arr = np.array(rows, dtype=float).reshape(len(ids), len(CATS) + 1) if rows else np.zeros((0, len(CATS) + 1))
        return cls(ids, arr, [s or "|" for s in skills], features)


def _exact(features: Features, card: Scorecard) -> tuple[int, bool]:
    result = score(features, card)
    return result.total, result.qualifies


def _skill_table(batch: Batch, card: Scorecard) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per candidate: skill points, gap share and qualifies, computed once per distinct skill set."""
    prep = prepared(card)
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(s, len(index)) for s in batch.skills), dtype=np.int64, count=len(batch.skills))
    points, gaps, quals = np.zeros(len(index)), np.zeros(len(index)), np.zeros(len(index), dtype=bool)
    for text, k in index.items():
        skills = frozenset(s for s in text.split("|") if s)
        _missing, qualifies, skill_points, _ev, gap_share, _gap_text = _skills_part(skills, prep)
        points[k], gaps[k], quals[k] = skill_points, gap_share, qualifies
    return points[codes], gaps[codes], quals[codes], codes


def _vectorised(batch: Batch, card: Scorecard) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(totals, qualifies, needs_exact) from the vectors; rows without a vector or on a rounding edge need score()."""
    weights = prepared(card).weights
    w = np.array([weights.get(c, 0.0) for c in CATS])
    skill_points, gap_share, qualifies, _ = _skill_table(batch, card)
    evidence = batch.vectors[:, :len(CATS)] @ w
    flags = batch.vectors[:, len(CATS)]
    raw = evidence + np.where(skill_points > 0, skill_points, 0.0)
    gap_raw = np.where(gap_share > 0, gap_share * evidence, 0.0)
    with np.errstate(invalid="ignore"):
        done, gap = np.floor(raw + 0.5), np.floor(gap_raw + 0.5)
        gap = np.where(gap > 0, gap, 0.0)
        totals = np.clip(done + flags - gap, 0, 100)
        edge = (np.abs(raw - np.floor(raw) - 0.5) < EDGE) | (np.abs(gap_raw - np.floor(gap_raw) - 0.5) < EDGE)
    needs = np.isnan(totals) | edge
    return np.nan_to_num(totals).astype(np.int64), qualifies, needs


def vectorisable(card: Scorecard) -> bool:
    """True when the card's totals can come from vectors (non-negative weights, a scorer of the known shape)."""
    return _skills_part is not None and all(v >= 0 for v in prepared(card).weights.values())


def totals(batch: Batch, card: Scorecard) -> tuple[np.ndarray, np.ndarray, int]:
    """(totals, qualifies, rows computed by score()) for every candidate of the batch and one role."""
    n = len(batch.ids)
    if n and vectorisable(card):
        tot, qual, needs = _vectorised(batch, card)
        sample = [i for i in range(min(n, SAMPLE)) if not needs[i]]
        if all(_exact(batch.features(i), card) == (int(tot[i]), bool(qual[i])) for i in sample):
            exact_rows = np.flatnonzero(needs)
            for i in exact_rows:
                tot[i], qual[i] = _exact(batch.features(int(i)), card)
            return tot, qual, len(exact_rows)
        log.warning("rescore: vectorised totals differ from score() for role %s; scoring one by one", card.slug)
    tot, qual = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    for i in range(n):
        tot[i], qual[i] = _exact(batch.features(i), card)
    return tot, qual, n


def bump_data_version(conn: Connection, team_id: str) -> None:
    """Core writes skip the ORM's flush event (bot.core.versioning): move the team's version by hand."""
    conn.execute(update(Team).where(Team.team_id == team_id).values(data_version=Team.data_version + 1))


_LAZY = func.length(cast(Score.__table__.c.breakdown, Text)) <= 2


def existing_scores(conn: Connection, role_id: int, ids: Sequence[int] | None = None) -> dict[int, tuple]:
    """candidate id -> (score id, total, qualifies, scorer version, breakdown left to explain())."""
    t = Score.__table__
    q = select(t.c.candidate_id, t.c.id, t.c.total, t.c.qualifies, t.c.scorer_version, _LAZY).where(t.c.role_id == role_id)
    if ids is not None and len(ids) <= 500:
        q = q.where(t.c.candidate_id.in_(list(ids)))
    return {row[0]: tuple(row[1:]) for row in conn.execute(q)}


def write_scores(conn: Connection, *, team_id: str, role_id: int, ids: Sequence[int], tot: np.ndarray,
                 qual: np.ndarray, now: datetime, have: dict[int, tuple] | None = None) -> int:
    """Upsert one role's scores (breakdown left to explain()); rows already equal are not rewritten. Returns
    how many rows were written; the caller commits and bumps the data version."""
    t = Score.__table__
    have = existing_scores(conn, role_id, ids) if have is None else have
    updates, inserts = [], []
    for cid, total, qualifies in zip(ids, tot.tolist(), qual.tolist()):
        old = have.get(cid)
        if old is None:
            inserts.append({"team_id": team_id, "candidate_id": cid, "role_id": role_id, "total": total,
                            "qualifies": qualifies, "breakdown": {}, "scorer_version": SCORER_VERSION,
                            "computed_at": now})
        elif (old[1], bool(old[2]), old[3], bool(old[4])) != (total, qualifies, SCORER_VERSION, True):
            updates.append({"sid": old[0], "t": total, "q": qualifies})
    if updates:
        stmt = (update(t).where(t.c.id == bindparam("sid"))
                .values(total=bindparam("t"), qualifies=bindparam("q"), breakdown={},
                        scorer_version=SCORER_VERSION, computed_at=now))
        for s in range(0, len(updates), WRITE_BATCH):
            conn.execute(stmt, updates[s:s + WRITE_BATCH])
    for s in range(0, len(inserts), WRITE_BATCH):
        conn.execute(insert(t), inserts[s:s + WRITE_BATCH])
    return len(updates) + len(inserts)


def stored_batch(conn: Connection, team_id: str, *, today: date, ids: Sequence[int] | None = None) -> Batch:
    """The team's candidates as a Batch from their stored vectors; stale or missing features are extracted
    again from the snapshot and stored (the caller commits)."""
    c = Candidate.__table__
    q = select(c.c.id, c.c.features_version, c.c.score_vector, c.c.skills_text).where(c.c.team_id == team_id)
    if ids is not None:
        q = q.where(c.c.id.in_(list(ids)))
    rows = conn.execute(q.order_by(c.c.id)).all()
    stale = [r.id for r in rows if r.features_version != SCORER_VERSION]
    fresh = refresh_features(conn, stale, today=today) if stale else {}
    ids_ = [r.id for r in rows]
    vectors = [fresh[r.id][0] if r.id in fresh else r.score_vector for r in rows]
    skills = [fresh[r.id][1] if r.id in fresh else r.skills_text for r in rows]
    cache: dict[int, Features] = {}

    def features(i: int) -> Features:
        cid = ids_[i]
        if cid not in cache:
            data = conn.execute(select(c.c.features).where(c.c.id == cid)).scalar_one()
            cache[cid] = features_from_json(data)
        return cache[cid]

    return Batch.build(ids_, vectors, skills, features)


def candidate_columns(snapshot: dict[str, Any], *, today: date) -> tuple[Features, dict[str, Any]]:
    """A snapshot's Features and every candidates column that stores them (vector included)."""
    ex = extract_snapshot(snapshot, today=today)
    return ex.features, ex.columns | {"score_vector": vector_of(ex.features)}


def refresh_features(conn: Connection, ids: Sequence[int], *, today: date) -> dict[int, tuple[str | None, str]]:
    """Extract and store features for these candidates from their snapshots; id -> (vector, skills_text)."""
    c = Candidate.__table__
    out: dict[int, tuple[str | None, str]] = {}
    shown = [c.c[k] for k in _HAND_ENTERED]
    stmt = update(c).where(c.c.id == bindparam("cid")).values(
        features=bindparam("f", type_=c.c.features.type), features_version=SCORER_VERSION,
        score_vector=bindparam("v"), skills_text=bindparam("s"), last_active_on=bindparam("a"))
    for s in range(0, len(ids), 1000):
        params = []
        for row in conn.execute(select(c.c.id, c.c.snapshot, *shown).where(c.c.id.in_(list(ids[s:s + 1000])))):
            cid = row.id
            _, cols = candidate_columns(candidate_snapshot(row), today=today)  # type: ignore[arg-type]
            out[cid] = (cols["score_vector"], cols["skills_text"])
            params.append({"cid": cid, "f": cols["features"], "v": cols["score_vector"], "s": cols["skills_text"],
                           "a": cols["last_active_on"]})
        if params:
            conn.execute(stmt, params)
    return out
