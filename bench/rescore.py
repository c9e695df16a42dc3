"""Rescoring 100,000 candidates from stored features: one role (a scorecard edit) and all eight, writes included.

Run from the repository root: `.venv/bin/python bench/rescore.py` (`--candidates 20000` for a quick
look, `--no-pg` to skip PostgreSQL). Goals: one role in 3 s, eight in 10 s, including writes.

1. Generates 100,000 FICTIONAL profiles (bench/_profiles.py) and extracts their features in a
   2-process pool (setup, as `hirebot import` stores them), then inserts the candidates with Core.
2. On each database, times `bot.roles.service.rescore_team` (what a scorecard edit runs in the
   background, `rescore_role`, and what "rescore everything" runs):
   - all 8 roles, no scores stored yet (800,000 inserts);
   - one role after its weights changed (100,000 rows, most of them updated);
   - all 8 roles after every scorecard changed (800,000 rows, most of them updated);
   - one role again with nothing changed (rows already equal are not rewritten).
   Beside it, the baseline of the same run: `scoring.signals.score()` called once per pair on
   already-decoded features (no database), measured on a sample and scaled.
Writes bench/results/rescore.json.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select

from bench._bulkdata import candidate_rows
from bench._harness import CpuWatch, table, write_results
from bench.shortlist import create_pg_database, drop_pg_database
from bot.core.config import get_settings
from bot.core.models import Candidate, Role, Score
from bot.core.teams import ensure_team
from bot.roles.features import features_from_json
from bot.roles.service import card_of, rescore_team
from bot.runtime.app import build_services
from scoring.signals import score

TEAM = "T0RESCORE"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load(url: str, n: int) -> tuple[Any, float]:
    """Services on a fresh database holding the team and n candidates with features; (services, seconds)."""
    services = build_services(get_settings(DATABASE_URL=url))
    with services.db.session() as s:
        ensure_team(session=s, team_id=TEAM)
    started = time.perf_counter()
    chunks = [(a, min(n, a + 2000)) for a in range(0, n, 2000)]
    with mp.get_context("fork").Pool(2) as pool:
        for rows in pool.imap(partial(candidate_rows, team=TEAM), chunks):
            with services.db.engine.begin() as conn:
                conn.execute(insert(Candidate.__table__), rows)
    return services, time.perf_counter() - started


def edit_roles(services: Any, slugs: list[str] | None, step: int) -> list[int]:
    """Change the weights of these roles (all when None) so that most totals move; their ids."""
    with services.db.session() as s:
        roles = list(s.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug)))
        picked = [r for r in roles if slugs is None or r.slug in slugs]
        for r in picked:
            r.weights = {k: (v + step * (3 if k in ("oss", "papers") else -1)) if v else v for k, v in r.weights.items()}
        return [r.id for r in picked]


def timed(services: Any, role_ids: list[int]) -> dict[str, Any]:
    started = time.perf_counter()
    written = rescore_team(services, TEAM, role_ids)
    return {"seconds": round(time.perf_counter() - started, 2), "rows_written": written}


def baseline(services: Any, sample: int, n: int) -> dict[str, float]:
    """score() once per (candidate, role) on decoded features, no database: sample, scaled to n."""
    with services.db.session() as s:
        cards = [card_of(r) for r in s.scalars(select(Role).where(Role.team_id == TEAM))]
        feats = [features_from_json(f) for f in s.scalars(select(Candidate.features).where(Candidate.team_id == TEAM)
                                                           .order_by(Candidate.id).limit(sample))]
    started = time.perf_counter()
    for f in feats:
        score(f, cards[0])
    one = (time.perf_counter() - started) * n / len(feats)
    started = time.perf_counter()
    for f in feats:
        for card in cards:
            score(f, card)
    eight = (time.perf_counter() - started) * n / len(feats)
    return {"one_role_s": round(one, 2), "eight_roles_s": round(eight, 2), "sample": len(feats)}


def run(url: str, n: int, sample: int) -> dict[str, Any]:
    services, load_s = load(url, n)
    try:
        with services.db.session() as s:
            all_ids = list(s.scalars(select(Role.id).where(Role.team_id == TEAM).order_by(Role.slug)))
        out: dict[str, Any] = {"load_s": round(load_s, 1)}
        log("  8 roles, nothing stored yet")
        out["eight_first"] = timed(services, all_ids)
        log("  1 role after a scorecard edit")
        out["one_edited"] = timed(services, edit_roles(services, ["ml-engineer"], 2))
        log("  8 roles after every scorecard changed")
        out["eight_edited"] = timed(services, edit_roles(services, None, 1))
        log("  1 role, nothing changed")
        out["one_unchanged"] = timed(services, edit_roles(services, ["ml-engineer"], 0))
        with services.db.session() as s:
            out["scores"] = s.scalar(select(func.count()).select_from(Score).where(Score.team_id == TEAM))
        out["baseline"] = baseline(services, sample, n)
    finally:
        services.background.shutdown()
        services.db.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2000, help="candidates for the score() baseline")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    cpu = CpuWatch()
    results: dict[str, Any] = {"settings": vars(args), "databases": {}}
    with tempfile.TemporaryDirectory(prefix="hirebot-bench-rescore-") as tmp:
        dbs = [("sqlite", f"sqlite:///{Path(tmp) / 'rescore.db'}", None)]
        if not args.no_pg:
            url, why = create_pg_database()
            dbs.append(("postgresql", url, why))
        for kind, url, why in dbs:
            if url is None:
                results["databases"][kind] = {"skipped": why}
                log(f"{kind}: {why}")
                continue
            try:
                log(f"{kind}: loading {args.candidates:,} candidates with features")
                results["databases"][kind] = run(url, args.candidates, args.sample)
            finally:
                if kind == "postgresql":
                    drop_pg_database(url)
    results["cpu"] = cpu.result()
    report(results)
    if cpu.warning(results["cpu"]):
        print(cpu.warning(results["cpu"]))
    print(f"wrote {write_results('rescore', results).relative_to(ROOT)}")


def report(r: dict[str, Any]) -> None:
    """Print the table."""
    n = r["settings"]["candidates"]
    rows = []
    for kind, d in r["databases"].items():
        if "skipped" in d:
            continue
        for key, what, goal, base in (("eight_first", "8 roles, first scores (inserts)", 10, "eight_roles_s"),
                                      ("one_edited", "1 role after a scorecard edit", 3, "one_role_s"),
                                      ("eight_edited", "8 roles after every scorecard changed", 10, "eight_roles_s"),
                                      ("one_unchanged", "1 role, nothing changed", 3, "one_role_s")):
            rows.append({"db": kind, "what": what, "s": d[key]["seconds"], "rows": d[key]["rows_written"],
                         "base": d["baseline"][base], "x": round(d[key]["seconds"] / d["baseline"][base], 2),
                         "goal": f"{'met' if d[key]['seconds'] <= goal else 'missed'} (<= {goal} s)"})
    print(f"\nRescoring {n:,} candidates from stored features, writes included (one transaction per 20,000)")
    print(table(rows, [("db", "database"), ("what", "run"), ("s", "seconds"), ("rows", "rows written"),
                       ("base", "score() per pair, s"), ("x", "x score()"), ("goal", "goal")]))
    print("score() per pair: scoring.signals.score on decoded features, no database, sample scaled "
          "(what rescoring cost before, minus reading and writing)")


if __name__ == "__main__":
    main()
