"""Digest fan-out benchmark: 1,000 teams due at once, fake Slack with 50 ms latency and 5% 429s,
`kill -9` of the clock halfway, then a restart. Prints time to deliver all, duplicates and misses,
against the naive baseline (one process posting sequentially, no ledger).

    .venv/bin/python bench/digest.py [--teams 1000] [--postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bot.core.db import Database
from bot.core.models import Candidate, DigestSubscription, Role, Score, Team
from bot.runtime.localslack import LocalSlack

NOW = "2027-04-05T09:00:30+00:00"  # a Monday, 09:00 UTC
RESTART = "2027-04-05T09:03:30+00:00"  # after the 2-minute claim lease


def seed(db: Database, teams: int) -> None:
    """One channel and one new candidate per team, bulk-inserted."""
    created = datetime(2027, 4, 1, tzinfo=timezone.utc)
    old = datetime(2027, 3, 1, tzinfo=timezone.utc)
    with db.engine.begin() as conn:
        conn.execute(insert(Team), [{"team_id": f"TB{i:06d}", "timezone": "UTC", "settings": {}, "created_at": old} for i in range(teams)])
        conn.execute(insert(Role), [{"id": i + 1, "team_id": f"TB{i:06d}", "slug": "ml-engineer", "title": "ML Engineer",
                                     "must_have": [], "nice_to_have": [], "weights": {}, "questions": [], "updated_at": old}
                                    for i in range(teams)])
        conn.execute(insert(Candidate), [{"id": i + 1, "team_id": f"TB{i:06d}", "name": f"Bench Person {i}",
                                          "github": f"bench-{i}", "snapshot": {}, "enrichment_status": "ok",
                                          "do_not_contact": False, "created_at": created, "updated_at": created,
                                          "enriched_at": created} for i in range(teams)])
        conn.execute(insert(Score), [{"team_id": f"TB{i:06d}", "candidate_id": i + 1, "role_id": i + 1, "total": 70,
                                      "qualifies": True, "scorer_version": "bench", "computed_at": created,
                                      "breakdown": {"reasons": [{"signal": "oss", "points": 30, "text": "2 merged PRs into pytorch/pytorch",
                                                                 "url": "https://github.com/pytorch/pytorch/pull/1"}],
                                                    "red_flags": [], "missing": []}} for i in range(teams)])
        conn.execute(insert(DigestSubscription), [{"team_id": f"TB{i:06d}", "channel_id": f"G{i:07d}", "role_slug": "",
                                                   "local_time": "09:00", "timezone": "UTC", "min_score": 0, "max_items": 5,
                                                   "weekends": False, "last_digest_at": old, "created_at": old}
                                                  for i in range(teams)])


def env_for(db_url: str, slack: LocalSlack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HIREBOT_"))}
    return env | {"DATABASE_URL": db_url, "SLACK_API_URL": slack.url, "SLACK_BOT_TOKEN": "xoxb-bench",
                  "SLACK_SIGNING_SECRET": "bench", "HIREBOT_LOG_LEVEL": "WARNING", "HIREBOT_FANOUT_THREADS": "32"}


def posted_per_channel(slack: LocalSlack) -> dict[str, int]:
    return {ch: len(msgs) for ch, msgs in slack.messages.items() if ch.startswith("G")}


def run_hirebot(db_url: str, teams: int) -> dict:
    slack = LocalSlack(latency=0.05, rate_limit_rate=0.05).start()
    env = env_for(db_url, slack)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.cli", "tick", "--now", NOW], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while sum(posted_per_channel(slack).values()) < teams // 2 and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # kill -9 halfway
    proc.wait()
    at_kill = sum(posted_per_channel(slack).values())
    restart = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "tick", "--now", RESTART], env=env, cwd=ROOT,
                             capture_output=True, text=True)
    elapsed = time.monotonic() - started
    again = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "tick", "--now", RESTART], env=env, cwd=ROOT,
                           capture_output=True, text=True)  # a duplicate clock ticking the same minute
    counts = posted_per_channel(slack)
    rate_limited = sum(1 for c in slack.calls_to("chat.postMessage"))  - sum(counts.values())
    slack.stop()
    return {"seconds": round(elapsed, 2), "posted_at_kill": at_kill, "delivered": len(counts),
            "duplicates": sum(n - 1 for n in counts.values() if n > 1), "misses": teams - len(counts),
            "answered_429": rate_limited, "restart_rc": restart.returncode, "again_rc": again.returncode,
            "stderr": (restart.stderr or "")[-500:]}


def run_naive(teams: int) -> dict:
    """Baseline: one loop posting each team's digest with the SDK's 429 retry, no ledger, no concurrency."""
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    slack = LocalSlack(latency=0.05, rate_limit_rate=0.05).start()
    client = WebClient(token="xoxb-bench", base_url=slack.url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=5)])
    started = time.monotonic()
    for i in range(teams):
        client.chat_postMessage(channel=f"G{i:07d}", text="digest")
    elapsed = time.monotonic() - started
    counts = posted_per_channel(slack)
    slack.stop()
    return {"seconds": round(elapsed, 2), "delivered": len(counts), "duplicates": sum(n - 1 for n in counts.values() if n > 1),
            "misses": teams - len(counts), "note": "no crash injected: a kill -9 would lose the rest, a restart would re-post all"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL (127.0.0.1:5432, database test)")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        db = Database(url)
        seed(db, args.teams)
        db.dispose()
        results["hirebot_sqlite"] = run_hirebot(url, args.teams)
    if args.postgres:
        import psycopg

        name = "hirebot_bench_" + uuid.uuid4().hex[:6]
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
            db = Database(url)
            seed(db, args.teams)
            db.dispose()
            results["hirebot_postgres"] = run_hirebot(url, args.teams)
        finally:
            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    results["naive_sequential"] = run_naive(args.teams)
    print(f"\nDigest fan-out, {args.teams} teams due at once; fake Slack: 50 ms latency, 5% 429 (Retry-After 1 s)")
    print(f"{'run':<20}{'seconds':>9}{'delivered':>11}{'duplicates':>12}{'misses':>8}")
    for name, r in results.items():
        print(f"{name:<20}{r['seconds']:>9}{r['delivered']:>11}{r['duplicates']:>12}{r['misses']:>8}")
    base = results["naive_sequential"]["seconds"]
    for name, r in results.items():
        if name != "naive_sequential":
            print(f"{name}: {base / r['seconds']:.1f}x faster than naive, including a kill -9 at "
                  f"{r['posted_at_kill']} posted and a restart")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "digest.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
