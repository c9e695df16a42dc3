"""/shortlist at 100,000 candidates x 8 roles on SQLite and PostgreSQL, and the cost of rescoring them.

Run from the repository root: `.venv/bin/python bench/shortlist.py` (about 3 minutes on a quiet
2-core machine, longer when other work shares the CPUs; `--no-pg` skips PostgreSQL,
`--candidates 20000` for a quick look).

1. Generates 100,000 FICTIONAL candidate snapshots (bench/_profiles.py, deterministic).
2. Rescoring (scoring.signals.extract + score for the 8 default roles):
   - pure compute, single process (measured on `--single-sample` candidates, scaled to all);
   - pure compute, multiprocessing Pool over `--processes` cores (fork; all candidates);
   - compute + stored breakdown + writing the 800k score rows to SQLite: single process (sample,
     into a scratch database, scaled) and with the Pool (workers compute and serialise, the
     parent inserts with SQLAlchemy Core as results arrive). That run fills the SQLite database.
   - Hirebot's own path (bot.rescore: ORM, one candidate at a time) on a sample, scaled.
3. Loads the same candidates and scores into PostgreSQL (a fresh database hirebot_bench_xxxx at
   postgresql+psycopg://postgres@127.0.0.1:5432, dropped afterwards; skipped with a message when
   unreachable) with Core inserts of dicts in chunks, secondary indexes and constraints dropped
   during the load and recreated after (PostgreSQL's "Populating a Database" advice), then ANALYZE.
4. Serves `hirebot serve` on each database and the bare Bolt app (bench/bare_app.py) the same way,
   and measures `/shortlist <role> 10` (rotating over the 8 roles) ack latency, sequential and
   from 20 concurrent clients, in alternating rounds. Goal: p99 within 1.5x of the bare app.
5. Times the parts of the /shortlist handler in-process (role lookup, ranked query, rendering)
   and records the query plan; then tries an index matching the ranked query's ORDER BY on
   PostgreSQL (and SQLite with --index-sqlite), timing the query before and after, and drops it.
Writes bench/results/shortlist.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.core.teams import ensure_team
from bot.roles.service import breakdown_of, card_of, get_role, rescore
from bot.shortlist.service import shortlist

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import JSON, Text, bindparam, cast, event, insert, select, text  # noqa: E402

from bench._harness import (  # noqa: E402
    LATENCY_COLUMNS,
    RATIO_COLUMNS,
    CpuWatch,
    Target,
    compare,
    measure,
    start_bare,
    start_hirebot,
    table,
    warm_up,
    write_results,
)
from bench._profiles import TODAY, make_snapshot  # noqa: E402
from bot.core.db import Database
from bot.core.models import Candidate, PipelineEntry, Role, Score, utcnow
from bot.runtime.localslack import LocalSlack
from scoring.scorecard import DEFAULT_ROLES  # noqa: E402
from scoring.signals import SCORER_VERSION, extract, score  # noqa: E402

try:  # newer scoring code scores several roles in one call
    from scoring.signals import score_roles  # noqa: E402
except ImportError:  # pragma: no cover - older checkouts
    score_roles = None
from scoring.types import Profile  # noqa: E402

TEAM = "T0BENCH"
PG_ADMIN_URL = os.environ.get("HIREBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CHUNK = 1000  # candidates per pool task / per insert batch (x8 score rows)

# Filled in the parent before the pool forks, so workers read them without pickling.
_SNAPS: list[dict[str, Any]] = []
_SNAP_JSON: list[str] = []  # the same snapshots serialised once, for both databases
_CARDS: list[Any] = []


_T0 = time.perf_counter()
PHASES: dict[str, dict[str, Any]] = {}


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _T0:5.0f} s] {msg}", file=sys.stderr, flush=True)


@contextmanager
def phase(name: str):
    """Log a step and record its wall time and how busy other processes kept the machine meanwhile."""
    log(name + " ...")
    watch = CpuWatch()
    yield
    r = watch.result()
    PHASES[name] = {"wall_s": r["wall_s"], "other_share": r["other_share_of_capacity"]}


# -- rescoring workers -------------------------------------------------------------------------
def _gen(bounds: tuple[int, int]) -> list[str]:
    """Snapshots (as JSON text) of candidates bounds[0]+1 .. bounds[1]."""
    return [json.dumps(make_snapshot(i + 1)) for i in range(bounds[0], bounds[1])]


def _pure(bounds: tuple[int, int]) -> int:
    """extract + score for every role; returns the sum of totals (so nothing is optimised away)."""
    total = 0
    for snap in _SNAPS[bounds[0]:bounds[1]]:
        features = extract(Profile.from_snapshot(snap), today=TODAY)
        for card in _CARDS:
            total += score(features, card).total
    return total


def _rows(bounds: tuple[int, int]) -> list[tuple[int, int, int, bool, str]]:
    """extract + score + the stored breakdown (serialised here, in the worker) per (candidate, role)."""
    out = []
    for i in range(bounds[0], bounds[1]):
        features = extract(Profile.from_snapshot(_SNAPS[i]), today=TODAY)
        skills = sorted(features.skills)
        for r, card in enumerate(_CARDS):
            result = score(features, card)
            out.append((i, r, result.total, result.qualifies,
                        json.dumps(breakdown_of(result) | {"skills": skills})))
    return out


def _chunks(n: int, size: int = CHUNK) -> list[tuple[int, int]]:
    return [(s, min(n, s + size)) for s in range(0, n, size)]


# -- database loading ----------------------------------------------------------------------------
def _score_insert(dialect: str):
    """INSERT INTO scores with the breakdown bound as already-serialised JSON text."""
    value = bindparam("bd", type_=Text)
    return insert(Score.__table__).values(breakdown=value if dialect == "sqlite" else cast(value, JSON))


def _score_params(rows, cand_ids: list[int], role_ids: list[int], now) -> list[dict[str, Any]]:
    return [{"team_id": TEAM, "candidate_id": cand_ids[i], "role_id": role_ids[r], "total": total,
             "qualifies": qualifies, "bd": bd, "scorer_version": SCORER_VERSION, "computed_at": now}
            for i, r, total, qualifies, bd in rows]


def _candidate_insert(dialect: str):
    """INSERT INTO candidates with the snapshot bound as already-serialised JSON text."""
    value = bindparam("snap", type_=Text)
    return insert(Candidate.__table__).values(snapshot=value if dialect == "sqlite" else cast(value, JSON))


def _candidate_params(snaps: list[dict[str, Any]], start_id: int, now) -> list[dict[str, Any]]:
    from scoring.geo import parse_location

    out = []
    for k, snap in enumerate(snaps):
        place = parse_location(snap.get("location"))
        out.append({"id": start_id + k, "team_id": TEAM, "name": snap["name"], "github": snap["github"],
                    "huggingface": snap.get("huggingface"), "kaggle": snap.get("kaggle"),
                    "kaggle_tier": snap.get("kaggle_tier"), "arxiv_name": snap.get("arxiv_name"),
                    "email": snap.get("email"), "location": snap.get("location"), "region": place.region,
                    "country": place.country, "snap": _SNAP_JSON[start_id + k - 1], "enrichment_status": "ok",
                    "enriched_at": now,
                    "do_not_contact": False, "source": "bench (fictional)", "created_at": now, "updated_at": now})
    return out


def _pipeline_params(n: int, role_id: int, now) -> list[dict[str, Any]]:
    """Pipeline entries for 5% of candidates on one role (ml-engineer), a fifth of them passed."""
    rng = random.Random(5)
    stages = ["sourced", "shortlisted", "contacted", "interview", "passed"]
    return [{"team_id": TEAM, "candidate_id": i + 1, "role_id": role_id, "stage": rng.choice(stages),
             "stage_entered_at": now, "owner_user_id": "U0SAM", "updated_by": "U0SAM"}
            for i in sorted(rng.sample(range(n), n // 20))]


def _main_role(roles: list[Role]) -> Role:
    return next(r for r in roles if r.slug == "ml-engineer")


def prepare_database(url: str) -> tuple[Database, list[Role]]:
    """Migrate, create the team with its 8 default roles; returns (db, roles by slug)."""
    db = Database(url)
    with db.session() as session:
        ensure_team(session=session, team_id=TEAM)
    with db.session() as session:
        roles = list(session.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug)))
    return db, roles


def insert_candidates(db: Database, snaps: list[dict[str, Any]], start_id: int = 1) -> float:
    """Core insert of candidate dicts in chunks; returns seconds."""
    now = utcnow()
    started = time.perf_counter()
    stmt = _candidate_insert(db.engine.dialect.name)
    with db.engine.begin() as conn:
        for s, e in _chunks(len(snaps), 2000):
            conn.execute(stmt, _candidate_params(snaps[s:e], start_id + s, now))
    return time.perf_counter() - started


# -- PostgreSQL bulk load -------------------------------------------------------------------------
class _PgWithoutSecondaryIndexes:
    """Drop a table's secondary indexes, unique and foreign-key constraints; put them back on exit."""

    def __init__(self, conn, table_name: str):
        self.conn, self.table = conn, table_name

    def __enter__(self):
        self.constraints = self.conn.execute(text(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = CAST(:t AS regclass) AND contype IN ('u', 'f') ORDER BY contype DESC"),
            {"t": self.table}).all()  # unique ('u') before foreign keys ('f') when adding back
        self.indexes = self.conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :t AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = CAST(:t AS regclass))"), {"t": self.table}).all()
        for name, _ in self.constraints:
            self.conn.execute(text(f'ALTER TABLE {self.table} DROP CONSTRAINT "{name}"'))
        for name, _ in self.indexes:
            self.conn.execute(text(f'DROP INDEX "{name}"'))
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            return
        for name, definition in self.constraints:
            self.conn.execute(text(f'ALTER TABLE {self.table} ADD CONSTRAINT "{name}" {definition}'))
        for _, definition in self.indexes:
            self.conn.execute(text(definition))


def create_pg_database() -> tuple[str | None, str | None]:
    """(url, None) for a fresh database, or (None, why) when PostgreSQL is unreachable."""
    try:
        import psycopg

        name = "hirebot_bench_" + uuid.uuid4().hex[:8]
        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name, None
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"; say which
        return None, f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}: {str(exc)[:200]}"


def drop_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load_postgres(url: str, snaps, rows, n: int) -> dict[str, float]:
    """Candidates, pipeline entries and the computed score rows into PostgreSQL; seconds per step."""
    db, roles = prepare_database(url)
    role_ids = [r.id for r in roles]
    now = utcnow()
    out: dict[str, float] = {}
    try:
        started = time.perf_counter()
        with db.engine.begin() as conn:
            with _PgWithoutSecondaryIndexes(conn, "candidates"):
                stmt = _candidate_insert("postgresql")
                for s, e in _chunks(n, 2000):
                    conn.execute(stmt, _candidate_params(snaps[s:e], s + 1, now))
            conn.execute(text("SELECT setval(pg_get_serial_sequence('candidates', 'id'), :m)"), {"m": n})
            conn.execute(insert(PipelineEntry.__table__), _pipeline_params(n, _main_role(roles).id, now))
        out["candidates_s"] = time.perf_counter() - started
        started = time.perf_counter()
        stmt = _score_insert("postgresql")
        cand_ids = list(range(1, n + 1))
        with db.engine.begin() as conn:
            with _PgWithoutSecondaryIndexes(conn, "scores"):
                for s in range(0, len(rows), 8 * CHUNK):
                    conn.execute(stmt, _score_params(rows[s:s + 8 * CHUNK], cand_ids, role_ids, now))
        out["scores_s"] = time.perf_counter() - started
        # What autovacuum would do before long (statistics, hint bits, visibility map), and a
        # checkpoint, so the measurements do not run beside the load's write-back.
        started = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE)"))
            conn.execute(text("CHECKPOINT"))
        out["vacuum_analyze_checkpoint_s"] = time.perf_counter() - started
    finally:
        db.dispose()
    return out


# -- the /shortlist handler in-process ---------------------------------------------------------
def handler_parts(url: str, role_slugs: list[str], reps: int = 5) -> dict[str, Any]:
    """Mean ms of the /shortlist handler and of its parts over every role, and the ranked query's plan.

    The parts are timed inside the same calls: get_role and shortlist as bot.shortlist.messages calls them, and the
    template render are wrapped (for this measurement only) while shortlist_message runs.
    """
    import bot.shortlist.messages as hs

    db = Database(url, auto_migrate=False)
    captured: list[tuple[str, Any]] = []
    spent: dict[str, float] = {}

    def timed(name: str, fn):
        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if "FROM scores" in statement:
            captured.append((statement, parameters))

    originals = (hs.get_role, hs.shortlist, hs.render)
    samples: dict[str, list[float]] = {"role_lookup": [], "ranked_query": [], "render": [], "other": [], "total": []}
    try:
        hs.get_role, hs.shortlist = timed("role_lookup", originals[0]), timed("ranked_query", originals[1])
        hs.render = timed("render", originals[2])
        with db.session() as s:
            hs.shortlist_message(session=s, team_id=TEAM, text=f"{role_slugs[0]} 10")  # warm
        for _ in range(reps):
            for slug in role_slugs:
                spent.clear()
                t = time.perf_counter()
                with db.session() as s:
                    hs.shortlist_message(session=s, team_id=TEAM, text=f"{slug} 10")
                total = time.perf_counter() - t
                for name in ("role_lookup", "ranked_query", "render"):
                    samples[name].append(spent.get(name, 0.0))
                samples["other"].append(total - sum(spent.values()))
                samples["total"].append(total)
    finally:
        hs.get_role, hs.shortlist, hs.render = originals
    # Means, so the parts add up to the total; the median total is kept beside them.
    parts: dict[str, Any] = {f"{k}_ms": round(statistics.mean(v) * 1000, 2) for k, v in samples.items()}
    parts["total_median_ms"] = round(statistics.median(samples["total"]) * 1000, 2)
    try:
        event.listen(db.engine, "before_cursor_execute", capture)
        with db.session() as s:
            role = get_role(session=s, team_id=TEAM, name="ml-engineer")
            shortlist(session=s, team_id=TEAM, role=role, limit=10)
        event.remove(db.engine, "before_cursor_execute", capture)
        statement, params = captured[-1]
        with db.engine.connect() as conn:
            if db.engine.dialect.name == "sqlite":
                plan = [" ".join(str(c) for c in row[1:]) for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, params)]
            else:
                plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)]
        parts["query_sql"] = " ".join(statement.split())
        parts["plan_ml_engineer"] = plan
    finally:
        db.dispose()
    return parts


# -- a proposed index, tried after the measurements -------------------------------------------
PROPOSED_INDEX = ("CREATE INDEX ix_scores_rank_bench ON scores (team_id, role_id, total DESC, candidate_id)")


def rank_index_what_if(url: str, reps: int = 10) -> dict[str, Any]:
    """The ranked /shortlist query for every role, run through the driver (no ORM), before and after
    an index that matches its ORDER BY (total DESC, candidate_id); the index is dropped again."""
    db = Database(url, auto_migrate=False)
    captured: list[tuple[str, Any]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if "FROM scores" in statement:
            captured.append((statement, parameters))

    pg = db.engine.dialect.name == "postgresql"
    try:
        with db.session() as session:
            roles = list(session.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug)))
            event.listen(db.engine, "before_cursor_execute", capture)
            for role in roles:
                shortlist(session=session, team_id=TEAM, role=role, limit=10)
            event.remove(db.engine, "before_cursor_execute", capture)

        def probe() -> dict[str, Any]:
            out = {}
            with db.engine.connect() as conn:
                for role, (statement, params) in zip(roles, captured):
                    times = []
                    for _ in range(reps):
                        t = time.perf_counter()
                        conn.exec_driver_sql(statement, params).fetchall()
                        times.append(time.perf_counter() - t)
                    if pg:
                        plan = " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN (ANALYZE) " + statement, params))
                        shape = ("parallel Gather Merge + sort" if "Gather" in plan else
                                 "index scan + incremental sort" if "Sort" in plan else "index scan, no sort")
                        executed = plan.split("Execution Time:")[1].split("ms")[0].strip()
                    else:
                        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
                        shape = "index scan + temp b-tree sort" if "TEMP B-TREE" in plan else "index scan, no sort"
                        executed = None
                    out[role.slug] = {"median_ms": round(statistics.median(times) * 1000, 2), "plan": shape,
                                      "server_execution_ms": float(executed) if executed else None}
            return out

        before = probe()
        started = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(PROPOSED_INDEX))
            if pg:
                conn.execute(text("ANALYZE scores"))
        build_s = time.perf_counter() - started
        after = probe()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("DROP INDEX ix_scores_rank_bench"))
            if pg:
                conn.execute(text("ANALYZE scores"))
    finally:
        db.dispose()
    return {"index": PROPOSED_INDEX, "build_s": round(build_s, 1), "before": before, "after": after}


# -- Hirebot's own rescoring path ---------------------------------------------------------------
def orm_rescore(url: str, sample: int) -> dict[str, float]:
    """bot.rescore (ORM, per candidate, rows already there -> updates) on `sample` candidates."""
    db = Database(url, auto_migrate=False)
    try:
        with db.session() as session:
            roles = list(session.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug)))
            batch = list(session.scalars(select(Candidate).where(Candidate.team_id == TEAM)
                                         .order_by(Candidate.id).limit(sample)))
            started = time.perf_counter()
            written = rescore(session=session, candidates=batch, roles=roles, today=TODAY)
            session.flush()
        all_roles_s = time.perf_counter() - started
        with db.session() as session:
            role = session.scalar(select(Role).where(Role.team_id == TEAM).order_by(Role.slug).limit(1))
            batch = list(session.scalars(select(Candidate).where(Candidate.team_id == TEAM)
                                         .order_by(Candidate.id).offset(sample).limit(sample)))
            started = time.perf_counter()
            rescore(session=session, candidates=batch, roles=[role], today=TODAY)
            session.flush()
        one_role_s = time.perf_counter() - started
    finally:
        db.dispose()
    return {"sample": sample, "rows_written": written, "all_roles_s": all_roles_s, "one_role_s": one_role_s}


# -- main ---------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2, help="Pool size for rescoring (default 2)")
    parser.add_argument("--single-sample", type=int, default=5_000,
                        help="candidates timed single-process (scaled to --candidates)")
    parser.add_argument("--pool-sample", type=int, default=25_000,
                        help="candidates timed for the Pool's pure compute (scaled to --candidates)")
    parser.add_argument("--orm-sample", type=int, default=300, help="candidates through bot.rescore")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seq", type=int, default=300)
    parser.add_argument("--conc", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--keepalive", action="store_true")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--index-sqlite", action="store_true",
                        help="also try the proposed ranking index on SQLite (PostgreSQL always)")
    args = parser.parse_args()
    sys.setswitchinterval(0.001)
    t_start = time.perf_counter()
    cpu = CpuWatch()
    n = args.candidates
    results: dict[str, Any] = {"settings": vars(args)}
    role_slugs = sorted(DEFAULT_ROLES)


    with tempfile.TemporaryDirectory(prefix="hirebot-bench-shortlist-") as tmp:
        tmpdir = Path(tmp)
        sqlite_url = f"sqlite:///{tmpdir / 'hirebot.db'}"
        db, roles = prepare_database(sqlite_url)
        role_ids = [r.id for r in roles]
        _CARDS[:] = [card_of(r) for r in roles]
        assert [r.slug for r in roles] == role_slugs

        # -- rescoring: single process, on a sample -------------------------------------------
        # Measured before the full data set exists, so this process holds a batch-sized heap,
        # as a rescoring job working through candidates in batches would.
        sample = min(args.single_sample, n)
        scale = n / sample
        _SNAPS[:] = [make_snapshot(i) for i in range(1, sample + 1)]
        _SNAP_JSON[:] = [json.dumps(snap) for snap in _SNAPS]
        best: dict[str, float] = {}
        with phase(f"rescoring: single process, pure compute, {sample:,} candidates (best of 2)"):
            for _ in range(2):
                t0 = time.perf_counter()
                profiles = [Profile.from_snapshot(s) for s in _SNAPS[:sample]]
                t1 = time.perf_counter()
                features = [extract(p, today=TODAY) for p in profiles]
                t2 = time.perf_counter()
                for f in features:
                    for card in _CARDS:
                        score(f, card)
                t3 = time.perf_counter()
                if score_roles is not None:
                    for f in features:
                        score_roles(f, _CARDS)
                t4 = time.perf_counter()
                del profiles, features
                for key, secs in (("from_snapshot_s", t1 - t0), ("extract_s", t2 - t1), ("score_x8_s", t3 - t2),
                                  ("score_roles_s", t4 - t3)):
                    best[key] = min(best.get(key, secs), secs)
        single: dict[str, Any] = {"sample": sample} | {k: v * scale for k, v in best.items()}
        if score_roles is None:
            del single["score_roles_s"]
        single["pure_total_s"] = single["from_snapshot_s"] + single["extract_s"] + single["score_x8_s"]
        scratch, scratch_roles = prepare_database(f"sqlite:///{tmpdir / 'scratch.db'}")
        insert_candidates(scratch, _SNAPS[:sample])
        with phase(f"rescoring: single process, + breakdown + SQLite write, {sample:,} candidates"):
            t0 = time.perf_counter()
            rows = _rows((0, sample))
            t1 = time.perf_counter()
            with scratch.engine.begin() as conn:
                stmt = _score_insert("sqlite")
                for s in range(0, len(rows), 8 * CHUNK):
                    conn.execute(stmt, _score_params(rows[s:s + 8 * CHUNK], list(range(1, sample + 1)),
                                                     [r.id for r in scratch_roles], utcnow()))
            t2 = time.perf_counter()
        scratch.dispose()
        single["with_breakdown_s"] = (t1 - t0) * scale
        single["write_sqlite_s"] = (t2 - t1) * scale
        single["with_write_total_s"] = (t2 - t0) * scale
        del rows

        t = time.perf_counter()
        with phase(f"generating {n:,} fictional candidate snapshots"):
            # Building a big data set with the cyclic GC on costs several times more (each full
            # collection walks everything built so far); the GC is back on, with this data set
            # frozen out of its way, before anything is measured.
            gc.disable()
            with mp.get_context("fork").Pool(args.processes) as pool:
                _SNAP_JSON[:] = [snap for chunk in pool.imap(_gen, _chunks(n, 5000)) for snap in chunk]
            _SNAPS[:] = [json.loads(snap) for snap in _SNAP_JSON]
            gc.freeze()
            gc.enable()
        results["generate_s"] = round(time.perf_counter() - t, 1)
        results["snapshot_bytes_avg"] = round(statistics.mean(len(snap) for snap in _SNAP_JSON))

        # -- rescoring: a Pool over the cores --------------------------------------------------
        ctx = mp.get_context("fork")
        pool_sample = min(args.pool_sample, n)
        with phase(f"rescoring: Pool({args.processes}) pure compute, {pool_sample:,} candidates"):
            t0 = time.perf_counter()
            with ctx.Pool(args.processes) as pool:
                checksum = sum(pool.imap_unordered(_pure, _chunks(pool_sample), chunksize=1))
            pool_pure_s = (time.perf_counter() - t0) * n / pool_sample
        with phase(f"rescoring: Pool({args.processes}) compute + breakdown, {n:,} candidates"):
            t0 = time.perf_counter()
            with ctx.Pool(args.processes) as pool:
                gc.disable()  # the parent only collects rows here (the workers forked with the GC on)
                try:
                    all_rows = [row for chunk in pool.imap(_rows, _chunks(n), chunksize=1) for row in chunk]
                finally:
                    gc.freeze()
                    gc.enable()
            pool_rows_s = time.perf_counter() - t0

        with phase("SQLite: candidates"):
            sqlite_load = {"candidates_s": insert_candidates(db, _SNAPS)}
            now = utcnow()
            with db.engine.begin() as conn:
                conn.execute(insert(PipelineEntry.__table__), _pipeline_params(n, _main_role(roles).id, now))
        with phase(f"SQLite: writing {len(all_rows):,} score rows"):
            cand_ids = list(range(1, n + 1))
            stmt = _score_insert("sqlite")
            t0 = time.perf_counter()
            per_tx = 80 * CHUNK  # commit every 80,000 rows, as a batch job would (and the WAL stays small)
            for tx_start in range(0, len(all_rows), per_tx):
                with db.engine.begin() as conn:
                    for s in range(tx_start, min(len(all_rows), tx_start + per_tx), 8 * CHUNK):
                        conn.execute(stmt, _score_params(all_rows[s:s + 8 * CHUNK], cand_ids, role_ids, now))
            write_s = time.perf_counter() - t0
        sqlite_load["scores_s"] = write_s
        sqlite_load["scores_rows"] = len(all_rows)
        db.dispose()  # the last connection to close checkpoints the WAL into the file
        db_bytes = (tmpdir / "hirebot.db").stat().st_size
        results["rescoring"] = {
            "candidates": n, "roles": len(_CARDS), "processes": args.processes, "checksum": checksum,
            "single_process_scaled": {k: round(v, 2) if isinstance(v, float) else v for k, v in single.items()},
            "pool_pure_s": round(pool_pure_s, 2), "pool_pure_sample": pool_sample,
            "pool_compute_breakdown_s": round(pool_rows_s, 2), "sqlite_write_s": round(write_s, 2),
            "pool_with_write_sqlite_s": round(pool_rows_s + write_s, 2),
        }
        results["sqlite_load"] = {k: round(v, 2) for k, v in sqlite_load.items()} | {"db_mb": round(db_bytes / 2**20)}

        with phase(f"Hirebot's own path: bot.rescore on {args.orm_sample} candidates"):
            orm = orm_rescore(sqlite_url, args.orm_sample)
        results["orm_rescore"] = orm | {
            "all_roles_scaled_s": round(orm["all_roles_s"] * n / orm["sample"], 1),
            "one_role_scaled_s": round(orm["one_role_s"] * n / orm["sample"], 1)}

        # -- PostgreSQL ---------------------------------------------------------------------------
        pg_url, pg_missing = (None, "skipped (--no-pg)") if args.no_pg else create_pg_database()
        if pg_missing:
            log(f"PostgreSQL: {pg_missing}")
        results["postgres"] = {"skipped": pg_missing} if pg_missing else {}
        try:
            if pg_url:
                with phase(f"PostgreSQL: loading {n:,} candidates and {len(all_rows):,} score rows"):
                    results["postgres"] = {k: round(v, 2) for k, v in load_postgres(pg_url, _SNAPS, all_rows, n).items()}
            del all_rows
            _SNAPS.clear()
            _SNAP_JSON.clear()

            # -- serving ---------------------------------------------------------------------------
            texts = [f"{slug} 10" for slug in role_slugs]
            dbs = [("sqlite", sqlite_url)] + ([("postgresql", pg_url)] if pg_url else [])
            results["handler_parts"] = {}
            for name, url in dbs:
                with phase(f"/shortlist handler in-process on {name}"):
                    results["handler_parts"][name] = handler_parts(url, role_slugs)
            serving: dict[str, Any] = {}
            with LocalSlack() as slack:
                bare = start_bare(slack.url, tmpdir, workers=args.workers, threads=args.threads)
                try:
                    bare_t = Target("bare /shortlist", bare.port, "/shortlist", texts, TEAM, "bare ack")
                    warm_up(bare_t, args.warmup)
                    for name, url in dbs:
                        watch = CpuWatch()
                        log(f"serving Hirebot on {name} ...")
                        hirebot = start_hirebot(url, slack.url, tmpdir, workers=args.workers, threads=args.threads,
                                                name=f"hirebot-{name}")
                        try:
                            ours = Target(f"hirebot {name} /shortlist <role> 10", hirebot.port, "/shortlist", texts,
                                          TEAM, "best:")
                            warm_up(ours, args.warmup)
                            runs = measure([ours, bare_t], seq=args.seq, conc=args.conc, clients=args.clients,
                                           rounds=args.rounds, keepalive=args.keepalive)
                        finally:
                            hirebot.stop()
                        r = watch.result()
                        PHASES[f"serving on {name}"] = {"wall_s": r["wall_s"],
                                                        "other_share": r["other_share_of_capacity"]}
                        serving[name] = {"runs": [runs[(t.label, m)].summary() for m in ("sequential", "concurrent")
                                                  for t in (ours, bare_t)]}
                        serving[name]["ratios"] = [
                            compare(runs[(ours.label, m)].summary(), runs[(bare_t.label, m)].summary(),
                                    f"{name} /shortlist vs bare") for m in ("sequential", "concurrent")]
                finally:
                    bare.stop()
            results["serving"] = serving
            results["rank_index_what_if"] = {}
            for name, url in dbs:
                if name == "sqlite" and not args.index_sqlite:
                    continue  # no plan change worth the 7 s build there (see bench/README.md)
                with phase(f"trying the proposed index on {name}"):
                    results["rank_index_what_if"][name] = rank_index_what_if(url)
        finally:
            if pg_url:
                drop_pg_database(pg_url)

    results["elapsed_s"] = round(time.perf_counter() - t_start, 1)
    results["cpu"] = cpu.result()
    results["phases"] = PHASES
    report(results)
    if cpu.warning(results["cpu"]):
        print(cpu.warning(results["cpu"]))
    path = write_results("shortlist", results)
    print(f"wrote {path.relative_to(ROOT)} in {results['elapsed_s']:.0f} s")


def report(r: dict[str, Any]) -> None:
    """Print the tables."""
    rs = r["rescoring"]
    single = rs["single_process_scaled"]
    n = rs["candidates"]
    print(f"\nRescoring {n:,} candidates x {rs['roles']} roles ({n * rs['roles']:,} scores); goal 10 s")
    sq = r["sqlite_load"]
    rows = [
        {"what": "pure compute (from_snapshot + extract + score x8)", "single": single["pure_total_s"],
         "pool": rs["pool_pure_s"]},
        {"what": "  of which Profile.from_snapshot", "single": single["from_snapshot_s"]},
        {"what": "  of which extract", "single": single["extract_s"]},
        {"what": "  of which score x8", "single": single["score_x8_s"]},
        *([{"what": "  (score_roles for the 8 roles instead)", "single": single["score_roles_s"]}]
          if "score_roles_s" in single else []),
        {"what": "+ stored breakdown (JSON) per score", "single": single["with_breakdown_s"],
         "pool": rs["pool_compute_breakdown_s"]},
        {"what": f"+ writing the {n * rs['roles']:,} rows to SQLite (Core)", "single": single["with_write_total_s"],
         "pool": rs["pool_with_write_sqlite_s"]},
        {"what": "  of which the SQLite write", "single": single["write_sqlite_s"], "pool": rs["sqlite_write_s"]},
        {"what": "bot.rescore (ORM), 8 roles", "single": r["orm_rescore"]["all_roles_scaled_s"]},
        {"what": "bot.rescore (ORM), 1 role (rescore_role)", "single": r["orm_rescore"]["one_role_scaled_s"]},
    ]
    for row in rows:
        if row.get("pool") and "SQLite write" not in row["what"]:  # the write is the parent's either way
            row["speedup"] = f"{row['single'] / row['pool']:.2f}x"
        row["goal"] = "met" if min(row.get("pool") or 1e9, row["single"]) <= 10 else "missed"
        if row["what"].startswith(("  ", "+ stored")):
            row["goal"] = ""
    print(table(rows, [("what", "step"), ("single", "1 process s"), ("pool", f"Pool({rs['processes']}) s"),
                       ("speedup", "speed-up"), ("goal", "<= 10 s")]))
    print(f"(1 process: measured on {single['sample']:,} candidates (pure compute: best of 2) and scaled; Pool pure compute: measured on "
          f"{rs['pool_pure_sample']:,} and scaled; Pool + write: the Pool computes all {n:,}, then the parent writes "
          f"all {n * rs['roles']:,} rows (a scaled sample into a fresh database writes faster than the full table); "
          f"ORM path: {r['orm_rescore']['sample']} candidates, scaled)")
    noisy = {k: v["other_share"] for k, v in r.get("phases", {}).items() if v["other_share"] > 0.1}
    if noisy:
        print("steps during which other processes (not PostgreSQL) used >10% of the CPUs: "
              + "; ".join(f"{k} {v:.0%}" for k, v in noisy.items()))
    print(f"\nLoading: SQLite candidates {sq['candidates_s']} s, scores {sq['scores_s']} s, "
          f"database {sq['db_mb']} MB; "
          + (f"PostgreSQL candidates {r['postgres']['candidates_s']} s, scores {r['postgres']['scores_s']} s, "
             f"VACUUM ANALYZE + CHECKPOINT {r['postgres']['vacuum_analyze_checkpoint_s']} s" if "scores_s" in r["postgres"] else
             f"PostgreSQL {r['postgres'].get('skipped')}"))
    for name, parts in r.get("handler_parts", {}).items():
        print(f"\n/shortlist handler in-process on {name} (mean ms over 5 x the 8 roles): role lookup "
              f"{parts['role_lookup_ms']} + ranked query and ORM rows {parts['ranked_query_ms']} + template render "
              f"{parts['render_ms']} + the rest {parts['other_ms']} = {parts['total_ms']} (median "
              f"{parts['total_median_ms']})")
        print("  plan (ml-engineer): " + "\n                      ".join(parts["plan_ml_engineer"][:8]))
    for name, w in r.get("rank_index_what_if", {}).items():
        rows = [{"role": slug, "before_ms": b["median_ms"], "before_plan": b["plan"],
                 "before_exec": b["server_execution_ms"], "after_ms": w["after"][slug]["median_ms"],
                 "after_plan": w["after"][slug]["plan"], "after_exec": w["after"][slug]["server_execution_ms"]}
                for slug, b in w["before"].items()]
        print(f"\nThe ranked query alone on {name} (driver, no ORM; median of 10), before and after "
              f"`{w['index']}` (built in {w['build_s']} s, then dropped):")
        print(table(rows, [("role", "role"), ("before_ms", "ms"), ("before_exec", "server ms"),
                           ("before_plan", "plan"), ("after_ms", "ms with index"),
                           ("after_exec", "server ms"), ("after_plan", "plan with index")]))
    for name, s in r.get("serving", {}).items():
        print(f"\n/shortlist <role> 10 over HTTP, {name}, {n:,} candidates x 8 roles")
        print(table(s["runs"], LATENCY_COLUMNS))
        print(table(s["ratios"], RATIO_COLUMNS))
        conc = next(x for x in s["ratios"] if x["mode"] == "concurrent")
        print(f"goal p99 <= 1.5x bare at {r['settings']['clients']} clients: {conc['p99_x']}x -> "
              f"{'met' if conc['p99_x'] and conc['p99_x'] <= 1.5 else 'missed'}")


if __name__ == "__main__":
    main()
