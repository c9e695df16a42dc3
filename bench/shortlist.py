"""/shortlist at 100,000 candidates x 8 roles on SQLite and PostgreSQL, and the cost of rescoring them.

Run from the repository root: `.venv/bin/python bench/shortlist.py` (about 3 minutes on 2 cores;
`--no-pg` skips PostgreSQL, `--candidates 20000` for a quick look).

1. Generates 100,000 FICTIONAL candidate snapshots (bench/_profiles.py, deterministic).
2. Rescoring (scoring.signals.extract + score for the 8 default roles):
   - pure compute, single process (measured on `--single-sample` candidates, scaled to all);
   - pure compute, multiprocessing Pool over `--processes` cores (fork; all candidates);
   - compute + stored breakdown + writing the 800k score rows to SQLite: single process (sample,
     into a scratch database, scaled) and with the Pool (workers compute and serialise, the
     parent inserts with SQLAlchemy Core as results arrive). That run fills the SQLite database.
   - Hirebot's own path (bot.store.rescore: ORM, one candidate at a time) on a sample, scaled.
3. Loads the same candidates and scores into PostgreSQL (a fresh database hirebot_bench_xxxx at
   postgresql+psycopg://postgres@127.0.0.1:5432, dropped afterwards; skipped with a message when
   unreachable) with Core inserts of dicts in chunks, secondary indexes and constraints dropped
   during the load and recreated after (PostgreSQL's "Populating a Database" advice), then ANALYZE.
4. Serves `hirebot serve` on each database and the bare Bolt app (bench/bare_app.py) the same way,
   and measures `/shortlist <role> 10` (rotating over the 8 roles) ack latency, sequential and
   from 20 concurrent clients, in alternating rounds. Goal: p99 within 1.5x of the bare app.
5. Times the parts of the /shortlist handler in-process (role lookup, ranked query, rendering)
   and records the query plan.
Writes bench/results/shortlist.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import JSON, Text, bindparam, cast, event, insert, select, text  # noqa: E402

from bench._harness import (LATENCY_COLUMNS, RATIO_COLUMNS, Target, compare, measure, start_bare,  # noqa: E402
                            start_hirebot, table, warm_up, write_results)
from bench._profiles import TODAY, make_snapshot  # noqa: E402
from bot import store  # noqa: E402
from bot.db import Database  # noqa: E402
from bot.localslack import LocalSlack  # noqa: E402
from bot.models import Candidate, PipelineEntry, Role, Score, utcnow  # noqa: E402
from scoring.scorecard import DEFAULT_ROLES  # noqa: E402
from scoring.signals import SCORER_VERSION, extract, score  # noqa: E402
from scoring.types import Profile  # noqa: E402

TEAM = "T0BENCH"
PG_ADMIN_URL = os.environ.get("HIREBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CHUNK = 1000  # candidates per pool task / per insert batch (x8 score rows)

# Filled in the parent before the pool forks, so workers read them without pickling.
_SNAPS: list[dict[str, Any]] = []
_CARDS: list[Any] = []


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- rescoring workers -------------------------------------------------------------------------
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
                        json.dumps(store.breakdown_of(result) | {"skills": skills})))
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


def _candidate_params(snaps: list[dict[str, Any]], start_id: int, now) -> list[dict[str, Any]]:
    from scoring.geo import parse_location

    out = []
    for k, snap in enumerate(snaps):
        place = parse_location(snap.get("location"))
        out.append({"id": start_id + k, "team_id": TEAM, "name": snap["name"], "github": snap["github"],
                    "huggingface": snap.get("huggingface"), "kaggle": snap.get("kaggle"),
                    "kaggle_tier": snap.get("kaggle_tier"), "arxiv_name": snap.get("arxiv_name"),
                    "email": snap.get("email"), "location": snap.get("location"), "region": place.region,
                    "country": place.country, "snapshot": snap, "enrichment_status": "ok", "enriched_at": now,
                    "do_not_contact": False, "source": "bench (fictional)", "created_at": now, "updated_at": now})
    return out


def _pipeline_params(n: int, role_id: int, now) -> list[dict[str, Any]]:
    """Pipeline entries for 5% of candidates on the first role, a fifth of them passed."""
    rng = random.Random(5)
    stages = ["sourced", "shortlisted", "contacted", "interview", "passed"]
    return [{"team_id": TEAM, "candidate_id": i + 1, "role_id": role_id, "stage": rng.choice(stages),
             "stage_entered_at": now, "owner_user_id": "U0SAM", "updated_by": "U0SAM"}
            for i in sorted(rng.sample(range(n), n // 20))]


def prepare_database(url: str) -> tuple[Database, list[Role]]:
    """Migrate, create the team with its 8 default roles; returns (db, roles by slug)."""
    db = Database(url)
    with db.session() as session:
        store.ensure_team(session=session, team_id=TEAM)
    with db.session() as session:
        roles = list(session.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug)))
    return db, roles


def insert_candidates(db: Database, snaps: list[dict[str, Any]], start_id: int = 1) -> float:
    """Core insert of candidate dicts in chunks; returns seconds."""
    now = utcnow()
    started = time.perf_counter()
    with db.engine.begin() as conn:
        for s, e in _chunks(len(snaps), 2000):
            conn.execute(insert(Candidate.__table__), _candidate_params(snaps[s:e], start_id + s, now))
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
                for s, e in _chunks(n, 2000):
                    conn.execute(insert(Candidate.__table__), _candidate_params(snaps[s:e], s + 1, now))
            conn.execute(text("SELECT setval(pg_get_serial_sequence('candidates', 'id'), :m)"), {"m": n})
            conn.execute(insert(PipelineEntry.__table__), _pipeline_params(n, role_ids[0], now))
        out["candidates_s"] = time.perf_counter() - started
        started = time.perf_counter()
        stmt = _score_insert("postgresql")
        cand_ids = list(range(1, n + 1))
        with db.engine.begin() as conn:
            with _PgWithoutSecondaryIndexes(conn, "scores"):
                for s in range(0, len(rows), 8 * CHUNK):
                    conn.execute(stmt, _score_params(rows[s:s + 8 * CHUNK], cand_ids, role_ids, now))
        out["scores_s"] = time.perf_counter() - started
        started = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
        out["analyze_s"] = time.perf_counter() - started
    finally:
        db.dispose()
    return out


# -- the /shortlist handler in-process ---------------------------------------------------------
def handler_parts(url: str, role_slugs: list[str], reps: int = 5) -> dict[str, Any]:
    """Median ms of the handler's parts over every role, and the ranked query's plan."""
    from handlers.shortlist import shortlist_message
    from bot.render import render  # noqa: F401 - imported so the first timing does not pay for it

    db = Database(url, auto_migrate=False)
    captured: list[tuple[str, Any]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if "FROM scores" in statement:
            captured.append((statement, parameters))

    def med(fn) -> float:
        times = []
        for _ in range(reps):
            for slug in role_slugs:
                t = time.perf_counter()
                fn(slug)
                times.append(time.perf_counter() - t)
        return round(statistics.median(times) * 1000, 2)

    def role_only(slug: str) -> None:
        with db.session() as s:
            store.get_role(session=s, team_id=TEAM, name=slug)

    def role_and_query(slug: str) -> None:
        with db.session() as s:
            role = store.get_role(session=s, team_id=TEAM, name=slug)
            store.shortlist(session=s, team_id=TEAM, role=role, limit=10)

    def full(slug: str) -> None:
        with db.session() as s:
            shortlist_message(session=s, team_id=TEAM, text=f"{slug} 10")

    try:
        full(role_slugs[0])
        parts = {"role_lookup_ms": med(role_only), "role_lookup_and_query_ms": med(role_and_query),
                 "handler_total_ms": med(full)}
        parts["query_ms"] = round(parts["role_lookup_and_query_ms"] - parts["role_lookup_ms"], 2)
        parts["render_ms"] = round(parts["handler_total_ms"] - parts["role_lookup_and_query_ms"], 2)
        event.listen(db.engine, "before_cursor_execute", capture)
        role_and_query(role_slugs[0])
        event.remove(db.engine, "before_cursor_execute", capture)
        statement, params = captured[-1]
        with db.engine.connect() as conn:
            if db.engine.dialect.name == "sqlite":
                plan = [" ".join(str(c) for c in row[1:]) for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, params)]
            else:
                plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)]
        parts["query_sql"] = " ".join(statement.split())
        parts["plan"] = plan
    finally:
        db.dispose()
    return parts


# -- Hirebot's own rescoring path ---------------------------------------------------------------
def orm_rescore(url: str, sample: int) -> dict[str, float]:
    """bot.store.rescore (ORM, per candidate, rows already there -> updates) on `sample` candidates."""
    db = Database(url, auto_migrate=False)
    try:
        with db.session() as session:
            roles = list(session.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug)))
            batch = list(session.scalars(select(Candidate).where(Candidate.team_id == TEAM)
                                         .order_by(Candidate.id).limit(sample)))
            started = time.perf_counter()
            written = store.rescore(session=session, candidates=batch, roles=roles, today=TODAY)
            session.flush()
        all_roles_s = time.perf_counter() - started
        with db.session() as session:
            role = session.scalar(select(Role).where(Role.team_id == TEAM).order_by(Role.slug).limit(1))
            batch = list(session.scalars(select(Candidate).where(Candidate.team_id == TEAM)
                                         .order_by(Candidate.id).offset(sample).limit(sample)))
            started = time.perf_counter()
            store.rescore(session=session, candidates=batch, roles=[role], today=TODAY)
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
    parser.add_argument("--single-sample", type=int, default=10_000,
                        help="candidates timed single-process (scaled to --candidates)")
    parser.add_argument("--orm-sample", type=int, default=300, help="candidates through bot.store.rescore")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seq", type=int, default=300)
    parser.add_argument("--conc", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--keepalive", action="store_true")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    sys.setswitchinterval(0.001)
    t_start = time.perf_counter()
    n = args.candidates
    results: dict[str, Any] = {"settings": vars(args)}
    role_slugs = sorted(DEFAULT_ROLES)

    log(f"generating {n:,} fictional candidate snapshots ...")
    t = time.perf_counter()
    _SNAPS[:] = [make_snapshot(i) for i in range(1, n + 1)]
    results["generate_s"] = round(time.perf_counter() - t, 1)
    results["snapshot_bytes_avg"] = round(statistics.mean(len(json.dumps(s)) for s in _SNAPS[:2000]))

    with tempfile.TemporaryDirectory(prefix="hirebot-bench-shortlist-") as tmp:
        tmpdir = Path(tmp)
        sqlite_url = f"sqlite:///{tmpdir / 'hirebot.db'}"
        db, roles = prepare_database(sqlite_url)
        role_ids = [r.id for r in roles]
        _CARDS[:] = [store.card_of(r) for r in roles]
        assert [r.slug for r in roles] == role_slugs

        # -- rescoring: single process, on a sample -------------------------------------------
        sample = min(args.single_sample, n)
        scale = n / sample
        log(f"rescoring: single process on {sample:,} candidates ...")
        t0 = time.perf_counter()
        profiles = [Profile.from_snapshot(s) for s in _SNAPS[:sample]]
        t1 = time.perf_counter()
        features = [extract(p, today=TODAY) for p in profiles]
        t2 = time.perf_counter()
        for f in features:
            for card in _CARDS:
                score(f, card)
        t3 = time.perf_counter()
        del profiles, features
        single = {"sample": sample, "from_snapshot_s": (t1 - t0) * scale, "extract_s": (t2 - t1) * scale,
                  "score_x8_s": (t3 - t2) * scale}
        single["pure_total_s"] = single["from_snapshot_s"] + single["extract_s"] + single["score_x8_s"]
        scratch, scratch_roles = prepare_database(f"sqlite:///{tmpdir / 'scratch.db'}")
        insert_candidates(scratch, _SNAPS[:sample])
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

        # -- rescoring: a Pool over the cores --------------------------------------------------
        ctx = mp.get_context("fork")
        log(f"rescoring: Pool({args.processes}) pure compute on {n:,} candidates ...")
        t0 = time.perf_counter()
        with ctx.Pool(args.processes) as pool:
            checksum = sum(pool.imap_unordered(_pure, _chunks(n), chunksize=1))
        pool_pure_s = time.perf_counter() - t0

        log("loading candidates into SQLite ...")
        sqlite_load = {"candidates_s": insert_candidates(db, _SNAPS)}
        now = utcnow()
        with db.engine.begin() as conn:
            conn.execute(insert(PipelineEntry.__table__), _pipeline_params(n, role_ids[0], now))

        log(f"rescoring: Pool({args.processes}) compute + breakdown, parent writing {8 * n:,} rows to SQLite ...")
        all_rows: list[tuple[int, int, int, bool, str]] = []
        cand_ids = list(range(1, n + 1))
        stmt = _score_insert("sqlite")
        write_s = 0.0
        t0 = time.perf_counter()
        with ctx.Pool(args.processes) as pool, db.engine.begin() as conn:
            for chunk_rows in pool.imap(_rows, _chunks(n), chunksize=1):
                tw = time.perf_counter()
                conn.execute(stmt, _score_params(chunk_rows, cand_ids, role_ids, now))
                write_s += time.perf_counter() - tw
                all_rows.extend(chunk_rows)
        pool_write_s = time.perf_counter() - t0
        sqlite_load["scores_rows"] = len(all_rows)
        db_bytes = (tmpdir / "hirebot.db").stat().st_size + (
            (tmpdir / "hirebot.db-wal").stat().st_size if (tmpdir / "hirebot.db-wal").exists() else 0)
        db.dispose()
        results["rescoring"] = {
            "candidates": n, "roles": len(_CARDS), "processes": args.processes, "checksum": checksum,
            "single_process_scaled": {k: round(v, 2) if isinstance(v, float) else v for k, v in single.items()},
            "pool_pure_s": round(pool_pure_s, 2), "pool_with_write_sqlite_s": round(pool_write_s, 2),
            "pool_parent_time_in_inserts_s": round(write_s, 2),
        }
        results["sqlite_load"] = {k: round(v, 2) for k, v in sqlite_load.items()} | {"db_mb": round(db_bytes / 2**20)}

        log(f"Hirebot's own path: bot.store.rescore on {args.orm_sample} candidates ...")
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
                log(f"loading {n:,} candidates and {len(all_rows):,} score rows into PostgreSQL ...")
                results["postgres"] = {k: round(v, 2) for k, v in load_postgres(pg_url, _SNAPS, all_rows, n).items()}
            del all_rows
            _SNAPS.clear()

            # -- serving ---------------------------------------------------------------------------
            texts = [f"{slug} 10" for slug in role_slugs]
            dbs = [("sqlite", sqlite_url)] + ([("postgresql", pg_url)] if pg_url else [])
            results["handler_parts"] = {}
            for name, url in dbs:
                log(f"/shortlist handler in-process on {name} ...")
                results["handler_parts"][name] = handler_parts(url, role_slugs)
            serving: dict[str, Any] = {}
            with LocalSlack() as slack:
                bare = start_bare(slack.url, tmpdir, workers=args.workers, threads=args.threads)
                try:
                    bare_t = Target("bare /shortlist", bare.port, "/shortlist", texts, TEAM, "bare ack")
                    warm_up(bare_t, args.warmup)
                    for name, url in dbs:
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
                        serving[name] = {"runs": [runs[(t.label, m)].summary() for m in ("sequential", "concurrent")
                                                  for t in (ours, bare_t)]}
                        serving[name]["ratios"] = [
                            compare(runs[(ours.label, m)].summary(), runs[(bare_t.label, m)].summary(),
                                    f"{name} /shortlist vs bare") for m in ("sequential", "concurrent")]
                finally:
                    bare.stop()
            results["serving"] = serving
        finally:
            if pg_url:
                drop_pg_database(pg_url)

    results["elapsed_s"] = round(time.perf_counter() - t_start, 1)
    report(results)
    path = write_results("shortlist", results)
    print(f"wrote {path.relative_to(ROOT)} in {results['elapsed_s']:.0f} s")


def report(r: dict[str, Any]) -> None:
    """Print the tables."""
    rs = r["rescoring"]
    single = rs["single_process_scaled"]
    n = rs["candidates"]
    print(f"\nRescoring {n:,} candidates x {rs['roles']} roles ({n * rs['roles']:,} scores); goal 10 s")
    rows = [
        {"what": "pure compute (from_snapshot + extract + score)", "single": single["pure_total_s"],
         "pool": rs["pool_pure_s"]},
        {"what": "  of which Profile.from_snapshot", "single": single["from_snapshot_s"]},
        {"what": "  of which extract", "single": single["extract_s"]},
        {"what": "  of which score x8", "single": single["score_x8_s"]},
        {"what": "+ stored breakdown (JSON) per score", "single": single["with_breakdown_s"]},
        {"what": "+ writing 8 rows per candidate to SQLite (Core)", "single": single["with_write_total_s"],
         "pool": rs["pool_with_write_sqlite_s"]},
        {"what": "bot.store.rescore (ORM), 8 roles", "single": r["orm_rescore"]["all_roles_scaled_s"]},
        {"what": "bot.store.rescore (ORM), 1 role (rescore_role)", "single": r["orm_rescore"]["one_role_scaled_s"]},
    ]
    for row in rows:
        if row.get("pool"):
            row["speedup"] = f"{row['single'] / row['pool']:.2f}x"
        row["goal"] = "met" if min(row.get("pool") or 1e9, row["single"]) <= 10 else "missed"
        if row["what"].startswith("  of which") or row["what"].startswith("+ stored"):
            row["goal"] = ""
    print(table(rows, [("what", "step"), ("single", "1 process s"), ("pool", f"Pool({rs['processes']}) s"),
                       ("speedup", "speed-up"), ("goal", "<= 10 s")]))
    print(f"(single process measured on {single['sample']:,} candidates and scaled; ORM path on "
          f"{r['orm_rescore']['sample']} candidates and scaled; Pool parent spent "
          f"{rs['pool_parent_time_in_inserts_s']} s inside INSERTs)")
    print(f"\nLoading: SQLite candidates {r['sqlite_load']['candidates_s']} s, database {r['sqlite_load']['db_mb']} MB; "
          + (f"PostgreSQL candidates {r['postgres']['candidates_s']} s, scores {r['postgres']['scores_s']} s, "
             f"ANALYZE {r['postgres']['analyze_s']} s" if "scores_s" in r["postgres"] else
             f"PostgreSQL {r['postgres'].get('skipped')}"))
    for name, parts in r.get("handler_parts", {}).items():
        print(f"\n/shortlist handler in-process on {name} (median ms over the 8 roles): role lookup "
              f"{parts['role_lookup_ms']}, ranked query {parts['query_ms']}, render {parts['render_ms']}, "
              f"total {parts['handler_total_ms']}")
        print("  plan: " + "\n        ".join(parts["plan"][:12]))
    for name, s in r.get("serving", {}).items():
        print(f"\n/shortlist <role> 10 over HTTP, {name}, {n:,} candidates x 8 roles")
        print(table(s["runs"], LATENCY_COLUMNS))
        print(table(s["ratios"], RATIO_COLUMNS))
        conc = next(x for x in s["ratios"] if x["mode"] == "concurrent")
        print(f"goal p99 <= 1.5x bare at {r['settings']['clients']} clients: {conc['p99_x']}x -> "
              f"{'met' if conc['p99_x'] and conc['p99_x'] <= 1.5 else 'missed'}")


if __name__ == "__main__":
    main()
