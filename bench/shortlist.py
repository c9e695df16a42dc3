"""/shortlist at 100,000 candidates x 8 roles on SQLite and PostgreSQL: repeated and different queries.

Run from the repository root: `.venv/bin/python bench/shortlist.py` (`--no-pg` skips PostgreSQL,
`--candidates 20000` for a quick look).

1. Stores 100,000 FICTIONAL candidates (bench/_profiles.py, deterministic) the way `hirebot import`
   does (features extracted in a 2-process pool, Core inserts; bench/_bulkdata.py), pipeline entries
   for 5% on ml-engineer, then scores the 8 roles with `bot.roles.service.rescore_team` (what a bulk
   import or a scorecard edit runs), on SQLite and on a fresh PostgreSQL database (hirebot_bench_xxxx,
   dropped afterwards; skipped with a message when unreachable).
2. Times the parts of the /shortlist handler in-process and records the ranked query's plan.
3. Serves `hirebot serve` on each database and the bare Bolt app (bench/bare_app.py) the same way, and
   measures /shortlist ack latency, sequential and from 20 concurrent clients, in alternating rounds:
   - repeated: `<role> 10` rotating over the 8 roles (the reply cache answers); goal p99 <= 1.3x bare;
   - varied: a different query on every request (role, N, location, min score, skill, stage mixed;
     never a repeat within a run, so the cache never answers); goal p99 <= 1.5x bare.
4. Reads the resident memory (VmRSS) of each serve worker after the runs; goal under 150 MB.
Writes bench/results/shortlist.json.
"""

from __future__ import annotations

import argparse
import itertools
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

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import event, select, text  # noqa: E402

from bench._bulkdata import load_team  # noqa: E402
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
from bot.core.config import get_settings  # noqa: E402
from bot.core.db import Database  # noqa: E402
from bot.core.models import Role  # noqa: E402
from bot.roles.service import get_role, rescore_team  # noqa: E402
from bot.runtime.app import build_services  # noqa: E402
from bot.runtime.localslack import LocalSlack  # noqa: E402
from bot.shortlist.service import shortlist  # noqa: E402
from scoring.scorecard import DEFAULT_ROLES  # noqa: E402

TEAM = "T0BENCH"
PG_ADMIN_URL = os.environ.get("HIREBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
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


# -- database loading ----------------------------------------------------------------------------
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


# -- queries ------------------------------------------------------------------------------------
LOCATIONS = ["europe", "berlin", "north america", "asia", "germany", "uk", "remote", "india", "canada", None, None]
SKILLS = ["pytorch", "docker", "kubernetes", "llm", "rag", "jax", "mlops", "transformers", "sql", None, None, None]
ACTIVE = [30, 90, 365, None, None, None]


def varied_texts(role_slugs: list[str], n: int, seed: int = 11) -> list[str]:
    """n distinct /shortlist texts: roles, N, location, min score, skills, activity and stage mixed."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < n:
        parts = [rng.choice(role_slugs), str(rng.randint(3, 25))]
        if (loc := rng.choice(LOCATIONS)):
            parts.append(f"location:{loc.replace(' ', '-')}" if " " not in loc else f'location:"{loc}"')
        if rng.random() < 0.4:
            parts.append(f"min:{rng.randint(1, 60)}")
        if (skill := rng.choice(SKILLS)):
            parts.append(f"skill:{skill}")
        if rng.random() < 0.1:
            parts.append("stage:all")
        seen[" ".join(parts)] = None
    texts = list(seen)
    rng.shuffle(texts)
    return texts


class Varied(Target):
    """A target whose every request sends the next text of a long list (never a repeat within a run)."""

    counter = itertools.count()

    def body(self, i: int) -> str:  # noqa: D102 - Target.body, with a run-wide counter instead of i
        return super().body(next(self.counter))


def worker_rss_mb(server: Any) -> list[float]:
    """Resident memory of each gunicorn worker of a server (children of its master), in MB."""
    out = []
    try:
        children = open(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children").read().split()
    except OSError:
        return out
    for pid in children:
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    out.append(round(int(line.split()[1]) / 1024, 1))
        except OSError:
            continue
    return out


# -- main ---------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seq", type=int, default=300)
    parser.add_argument("--conc", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--keepalive", action="store_true")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    sys.setswitchinterval(0.001)
    t_start = time.perf_counter()
    cpu = CpuWatch()
    n = args.candidates
    results: dict[str, Any] = {"settings": vars(args), "load": {}}
    role_slugs = sorted(DEFAULT_ROLES)
    repeated = [f"{slug} 10" for slug in role_slugs]
    varied = varied_texts(role_slugs, 3 * (args.seq + args.conc) * args.rounds + 4 * args.warmup)

    with tempfile.TemporaryDirectory(prefix="hirebot-bench-shortlist-") as tmp:
        tmpdir = Path(tmp)
        dbs = [("sqlite", f"sqlite:///{tmpdir / 'hirebot.db'}")]
        pg_url, pg_missing = (None, "skipped (--no-pg)") if args.no_pg else create_pg_database()
        if pg_url:
            dbs.append(("postgresql", pg_url))
        else:
            log(f"PostgreSQL: {pg_missing}")
            results["postgres_skipped"] = pg_missing
        try:
            for name, url in dbs:
                with phase(f"{name}: {n:,} candidates with features (extracted in a pool)"):
                    load_s, role_ids = load_team(url, n, TEAM)
                with phase(f"{name}: scores for the 8 roles (rescore_team)"):
                    services = build_services(get_settings(DATABASE_URL=url))
                    started = time.perf_counter()
                    rows = rescore_team(services, TEAM, role_ids)
                    rescore_s = time.perf_counter() - started
                    services.db.dispose()
                    services.background.shutdown()
                if name == "postgresql":
                    db = Database(url, auto_migrate=False)
                    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                        conn.execute(text("VACUUM (ANALYZE)"))
                        conn.execute(text("CHECKPOINT"))
                    db.dispose()
                results["load"][name] = {"candidates_s": round(load_s, 1), "rescore_8_roles_s": round(rescore_s, 1),
                                         "score_rows": rows}
            results["handler_parts"] = {}
            for name, url in dbs:
                with phase(f"/shortlist handler in-process on {name}"):
                    results["handler_parts"][name] = handler_parts(url, role_slugs)
            serving: dict[str, Any] = {}
            with LocalSlack() as slack:
                bare = start_bare(slack.url, tmpdir, workers=args.workers, threads=args.threads)
                try:
                    bare_rep = Target("bare /shortlist (repeated)", bare.port, "/shortlist", repeated, TEAM, "bare ack")
                    bare_var = Varied("bare /shortlist (varied)", bare.port, "/shortlist", varied, TEAM, "bare ack")
                    warm_up(bare_rep, args.warmup)
                    for name, url in dbs:
                        log(f"serving Hirebot on {name} ...")
                        hirebot = start_hirebot(url, slack.url, tmpdir, workers=args.workers, threads=args.threads,
                                                name=f"hirebot-{name}")
                        try:
                            serving[name] = {}
                            for mode, texts, cls, base in (("repeated", repeated, Target, bare_rep),
                                                           ("varied", varied, Varied, bare_var)):
                                ours = cls(f"hirebot {name} /shortlist ({mode})", hirebot.port, "/shortlist", texts,
                                           TEAM, '"blocks"')
                                watch = CpuWatch()
                                warm_up(ours, args.warmup)
                                runs = measure([ours, base], seq=args.seq, conc=args.conc, clients=args.clients,
                                               rounds=args.rounds, keepalive=args.keepalive)
                                r = watch.result()
                                PHASES[f"serving {mode} on {name}"] = {"wall_s": r["wall_s"],
                                                                       "other_share": r["other_share_of_capacity"]}
                                serving[name][mode] = {
                                    "runs": [runs[(t.label, m)].summary() for m in ("sequential", "concurrent")
                                             for t in (ours, base)],
                                    "ratios": [compare(runs[(ours.label, m)].summary(), runs[(base.label, m)].summary(),
                                                       f"{name} {mode} vs bare") for m in ("sequential", "concurrent")]}
                            serving[name]["worker_rss_mb"] = worker_rss_mb(hirebot)
                        finally:
                            hirebot.stop()
                    results["bare_worker_rss_mb"] = worker_rss_mb(bare)
                finally:
                    bare.stop()
            results["serving"] = serving
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


GOALS = {"repeated": 1.3, "varied": 1.5}


def report(r: dict[str, Any]) -> None:
    """Print the tables."""
    n = r["settings"]["candidates"]
    for name, d in r["load"].items():
        print(f"{name}: {n:,} candidates loaded in {d['candidates_s']} s; 8 roles scored (rescore_team, "
              f"{d['score_rows']:,} rows) in {d['rescore_8_roles_s']} s")
    for name, parts in r.get("handler_parts", {}).items():
        print(f"\n/shortlist handler in-process on {name} (mean ms over 5 x the 8 roles): role lookup "
              f"{parts['role_lookup_ms']} + ranked query and ORM rows {parts['ranked_query_ms']} + template render "
              f"{parts['render_ms']} + the rest {parts['other_ms']} = {parts['total_ms']} (median "
              f"{parts['total_median_ms']})")
        print("  plan (ml-engineer): " + "\n                      ".join(parts["plan_ml_engineer"][:8]))
    summary = []
    for name, s in r.get("serving", {}).items():
        for mode in ("repeated", "varied"):
            print(f"\n/shortlist over HTTP, {name}, {mode} queries, {n:,} candidates x 8 roles")
            print(table(s[mode]["runs"], LATENCY_COLUMNS))
            print(table(s[mode]["ratios"], RATIO_COLUMNS))
            for ratio_row in s[mode]["ratios"]:
                summary.append({"db": name, "queries": mode, "mode": ratio_row["mode"], "p99_x": ratio_row["p99_x"],
                                "goal": f"{'met' if ratio_row['p99_x'] and ratio_row['p99_x'] <= GOALS[mode] else 'missed'}"
                                        f" (<= {GOALS[mode]}x)"})
        print(f"{name}: worker RSS after serving: {s.get('worker_rss_mb')} MB (goal < 150 MB); "
              f"bare app workers: {r.get('bare_worker_rss_mb')} MB")
    print("\nGoals (p99 Hirebot / bare Bolt ack, same run):")
    print(table(summary, [("db", "database"), ("queries", "queries"), ("mode", "mode"), ("p99_x", "p99 x"),
                          ("goal", "goal")]))


if __name__ == "__main__":
    main()
