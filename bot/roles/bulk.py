"""Rescoring many candidates at once: totals from stored vectors in one numpy pass, written with Core.

`scoring.signals.score` gives a role, per category, weight x min(1, sum of relevance x share) (for a
"max" category such as recency: weight x the sum over lines, scaled down by the largest line past
1), adds the evidenced-skills points and the red flags, then rounds. So a total needs, per candidate,
only the shares summed per evidence tag (and the largest per tag of a max category) and the red-flag
points (`candidates.score_vector`), and per set of the card's skills the skills points: a role is
rescored with a few matrix products instead of 100,000 calls. Every batch checks a sample against
`score()`, and a total within EDGE of a rounding edge is recomputed exactly; when they disagree (a
scorer whose shape changed) the batch falls back to `score()`, correct but slower. Bulk-written
scores keep no breakdown (`{}`): it is computed for the few rows shown (`explain`), as the same
`score()` of stored features and the role's current scorecard.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from sqlalchemy import Text, bindparam, cast, func, select, update
from sqlalchemy.engine import Connection

from bot.core.models import Candidate, Score, Team, candidate_snapshot
from bot.roles.features import extract_snapshot, features_from_json
from scoring.scorecard import coverage, prepared
from scoring.signals import SCORER_VERSION, Features, score
from scoring.signals import helpers as _helpers
from scoring.signals import role_score as _role_score
from scoring.types import Scorecard

log = logging.getLogger(__name__)

EDGE = 1e-6  # a sum this close to x.5 is rounded by score() itself, never by numpy's summation order
SAMPLE = 8  # candidates of each batch checked against score() for each role
WRITE_BATCH = 20_000  # candidates read, scored and written per transaction
FEATURE_COLUMNS = ("features", "features_version", "score_vector", "skills_text", "last_active_on")
_HAND_ENTERED = ("name", "github", "huggingface", "kaggle", "kaggle_tier", "arxiv_name", "location", "email")
# The scorer's parts this mirrors; when one is gone, every total comes from score() itself.
_relevance = getattr(_role_score, "relevance", None)
_skill_points = getattr(_role_score, "skill_points", None)
_MAX = getattr(_helpers, "MAX_CATEGORIES", None)
_base_of = getattr(_helpers, "base_of", None)
_KNOWN = None not in (_relevance, _skill_points, _MAX, _base_of)


def vector_of(features: Features) -> str | None:
    """`{"s": {tag: sum of shares}, "m": [{tag: share} per line of a max category], "f": red-flag points}` as
    JSON; None when the scorer's shape is unknown."""
    if not _KNOWN:
        return None
    sums: dict[str, float] = {}
    lines: list[dict[str, float]] = []
    for ev in features.evidence:
        line: dict[str, float] = {}
        for tag, share in ev.shares:
            if share <= 0:
                continue
            if _base_of(tag) in _MAX:
                line[tag] = max(line.get(tag, 0.0), share)
            else:
                sums[tag] = sums.get(tag, 0.0) + share
        if line:
            lines.append(line)
    return json.dumps({"s": sums, "m": lines, "f": float(sum(f.points for f in features.red_flags))})


@dataclass
class Batch:
    """Candidates to score: ids, tag sums as a matrix, lines of max categories, red flags, skills, and Features."""

    ids: list[int]
    tags: list[str]
    sums: np.ndarray  # n x tags: shares summed per tag (tags of max categories stay 0 here)
    owners: np.ndarray  # per line of a max category: the candidate's position
    lines: np.ndarray  # those lines x tags: the line's share per tag
    flags: np.ndarray
    valid: np.ndarray  # has a vector
    skills: list[str]  # candidates.skills_text
    features: Callable[[int], Features]  # by position; decodes or extracts only when asked
    _holders: dict[str, np.ndarray] | None = None
    preload: Callable[[Iterable[int]], None] = lambda positions: None  # fetch features for these in one go

    def holders(self) -> dict[str, np.ndarray]:
        """skill -> positions of the candidates who have it (read from skills_text once per batch)."""
        if self._holders is None:
            found: dict[str, list[int]] = {}
            for i, text in enumerate(self.skills):
                for skill in text.split("|"):
                    if skill:
                        found.setdefault(skill, []).append(i)
            self._holders = {k: np.array(v, dtype=np.int64) for k, v in found.items()}
        return self._holders

    @classmethod
    def build(cls, ids: list[int], vectors: Iterable[str | None], skills: list[str | None],
              features: Callable[[int], Features]) -> Batch:
        """From stored column values."""
        parsed = [json.loads(v) if v else None for v in vectors]
        index: dict[str, int] = {}
        for p in parsed:
            if p:
                for tag in p["s"]:
                    index.setdefault(tag, len(index))
                for line in p["m"]:
                    for tag in line:
                        index.setdefault(tag, len(index))
        n = len(ids)
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lrows: list[int] = []
        lcols: list[int] = []
        lvals: list[float] = []
        owner_list: list[int] = []
        flags, valid = np.zeros(n), np.zeros(n, dtype=bool)
        for i, p in enumerate(parsed):
            if p:
                valid[i] = True
                flags[i] = p["f"]
                sums_i = p["s"]
                rows += [i] * len(sums_i)
                cols += [index[t] for t in sums_i]
                vals += sums_i.values()
                for line in p["m"]:
                    lrows += [len(owner_list)] * len(line)
                    lcols += [index[t] for t in line]
                    lvals += line.values()
                    owner_list.append(i)
        sums, lines = np.zeros((n, len(index))), np.zeros((len(owner_list), len(index)))
        sums[rows, cols] = vals
        lines[lrows, lcols] = lvals
        owners = np.array(owner_list, dtype=np.int64)
        return cls(ids, list(index), sums, owners, lines, flags, valid, [s or "|" for s in skills], features)


def _exact(features: Features, card: Scorecard) -> tuple[int, bool]:
    result = score(features, card)
    return result.total, result.qualifies


def _skill_table(batch: Batch, card: Scorecard) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate: skills points and qualifies. Both depend only on which of the card's requirements a
    candidate's skills meet, so score() is asked once per distinct pattern of met requirements."""
    prep = prepared(card)
    tokens = [alts for _, alts in (*prep.must, *prep.nice)]
    n = len(batch.ids)
    if not tokens or not n:
        return np.zeros(n), np.ones(n, dtype=bool) if not prep.must else np.zeros(n, dtype=bool)
    met = np.zeros((n, len(tokens)), dtype=bool)
    holders = batch.holders()
    for k, alts in enumerate(tokens):
        for alt in alts:
            if alt in holders:
                met[holders[alt], k] = True
    patterns, inverse = np.unique(met, axis=0, return_inverse=True)
    points, quals = np.zeros(len(patterns)), np.zeros(len(patterns), dtype=bool)
    template = batch.features(0)
    for u, pattern in enumerate(patterns):
        # A skill set meeting exactly these requirements: their alternatives, less any unmet one's.
        unmet = frozenset().union(*(alts for alts, hit in zip(tokens, pattern) if not hit))
        key = frozenset().union(*(alts for alts, hit in zip(tokens, pattern) if hit)) - unmet
        probe = dataclasses.replace(template, skills=key, skill_evidence=MappingProxyType({s: ("", None) for s in key}),
                                    claimed=frozenset())
        points[u] = _skill_points(probe, card)[0]
        quals[u] = coverage(key, prep)[3]
    inverse = inverse.reshape(-1)
    return points[inverse], quals[inverse]


def _vectorised(batch: Batch, card: Scorecard) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(totals, qualifies, needs_exact) from the vectors; rows without a vector or on a rounding edge need score()."""
    weights = prepared(card).weights
    bases = [_base_of(t) for t in batch.tags]
    rel = np.array([_relevance(card, t) if weights.get(b) else 0.0 for t, b in zip(batch.tags, bases)])
    n = len(batch.ids)
    evidence = np.zeros(n)
    for b in sorted({b for b in bases if weights.get(b)}):
        cols = [j for j, base in enumerate(bases) if base == b]
        if b in _MAX:  # each line counts its best tag; the category's scale is its best line
            value = (batch.lines[:, cols] * rel[cols]).max(axis=1) if len(batch.lines) else np.zeros(0)
            total, raw = np.zeros(n), np.zeros(n)
            np.add.at(total, batch.owners, value)
            np.maximum.at(raw, batch.owners, value)
        else:
            total = raw = batch.sums[:, cols] @ rel[cols]
        evidence += weights[b] * total / np.maximum(raw, 1.0)
    skill_points, qualifies = _skill_table(batch, card)
    raw = evidence + skill_points
    totals = np.clip(np.floor(raw + 0.5) + batch.flags, 0, 100)
    needs = ~batch.valid | (np.abs(raw - np.floor(raw) - 0.5) < EDGE)
    return totals.astype(np.int64), qualifies, needs


def vectorisable(card: Scorecard) -> bool:
    """True when the card's totals can come from vectors (non-negative weights, a scorer of the known shape)."""
    return _KNOWN and all(v >= 0 for v in prepared(card).weights.values())


def totals(batch: Batch, card: Scorecard) -> tuple[np.ndarray, np.ndarray, int]:
    """(totals, qualifies, rows computed by score()) for every candidate of the batch and one role."""
    n = len(batch.ids)
    if n and vectorisable(card):
        try:
            tot, qual, needs = _vectorised(batch, card)
        except (TypeError, ValueError, AttributeError) as exc:  # a scorer whose parts changed shape
            log.warning("rescore: vectors unusable for role %s (%s); scoring one by one", card.slug, exc)
        else:
            sample = [i for i in range(min(n, SAMPLE)) if not needs[i]]
            batch.preload([*sample, *np.flatnonzero(needs).tolist()])
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
    elif ids:
        q = q.where(t.c.candidate_id.between(min(ids), max(ids)))
    return {row[0]: tuple(row[1:]) for row in conn.execute(q)}


def _driver_value(conn: Connection, column: Any, value: Any) -> Any:
    """`value` as the driver receives it for this column (bound once, not once per row)."""
    process = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return process(value) if process else value


def write_scores(conn: Connection, *, team_id: str, role_id: int, ids: Sequence[int], tot: np.ndarray,
                 qual: np.ndarray, now: datetime, have: dict[int, tuple] | None = None) -> int:
    """Upsert one role's scores (breakdown left to explain()); rows already equal are not rewritten. Returns
    how many rows were written; the caller commits and bumps the data version.

    Rows go to the driver's executemany as plain tuples: the constant columns (empty breakdown, scorer
    version, time) are bound once, which is most of what a Core executemany costs per row."""
    t = Score.__table__
    have = existing_scores(conn, role_id, ids) if have is None else have
    updates, inserts = [], []
    for cid, total, qualifies in zip(ids, tot.tolist(), qual.tolist()):
        old = have.get(cid)
        if old is None:
            inserts.append((cid, total, qualifies))
        elif (old[1], bool(old[2]), old[3], bool(old[4])) != (total, qualifies, SCORER_VERSION, True):
            updates.append((total, qualifies, old[0]))
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    when = _driver_value(conn, t.c.computed_at, now) if sqlite else now
    if updates:
        sql = (f"UPDATE scores SET total = {mark}, qualifies = {mark}, breakdown = '{{}}', scorer_version = {mark}, "
               f"computed_at = {mark} WHERE id = {mark}")
        conn.exec_driver_sql(sql, [(total, int(q) if sqlite else q, SCORER_VERSION, when, sid)
                                   for total, q, sid in updates])
    if inserts:
        sql = ("INSERT INTO scores (team_id, candidate_id, role_id, total, qualifies, breakdown, scorer_version, "
               f"computed_at) VALUES ({mark}, {mark}, {mark}, {mark}, {mark}, '{{}}', {mark}, {mark})")
        conn.exec_driver_sql(sql, [(team_id, cid, role_id, total, int(q) if sqlite else q, SCORER_VERSION, when)
                                   for cid, total, q in inserts])
    return len(updates) + len(inserts)


def stored_batch(conn: Connection, team_id: str, *, today: date, after: int = 0, limit: int | None = None) -> Batch:
    """The team's candidates with ids past `after` (at most `limit`) as a Batch from their stored vectors;
    stale or missing features are extracted again from the snapshot and stored (the caller commits)."""
    c = Candidate.__table__
    q = (select(c.c.id, c.c.features_version, c.c.score_vector, c.c.skills_text)
         .where(c.c.team_id == team_id, c.c.id > after).order_by(c.c.id))
    rows = conn.execute(q.limit(limit) if limit else q).all()
    stale = [r.id for r in rows if r.features_version != SCORER_VERSION]
    fresh = refresh_features(conn, stale, today=today) if stale else {}
    ids_ = [r.id for r in rows]
    vectors = [fresh[r.id][0] if r.id in fresh else r.score_vector for r in rows]
    skills = [fresh[r.id][1] if r.id in fresh else r.skills_text for r in rows]
    cache: dict[int, Features] = {}

    def preload(positions: Iterable[int]) -> None:
        wanted = sorted({ids_[i] for i in positions} - cache.keys())
        for s in range(0, len(wanted), 500):
            for cid, data in conn.execute(select(c.c.id, c.c.features).where(c.c.id.in_(wanted[s:s + 500]))):
                cache[cid] = features_from_json(data)

    def features(i: int) -> Features:
        if ids_[i] not in cache:
            preload([i])
        return cache[ids_[i]]

    batch = Batch.build(ids_, vectors, skills, features)
    batch.preload = preload
    return batch


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
