"""Ack latency of `hirebot serve` against a bare Bolt app served the same way, in the same run.

Run from the repository root: `.venv/bin/python bench/ack.py` (about 1 minute on 2 cores).

What it does: starts the fake Slack Web API (bot.localslack.LocalSlack), loads the fictional
demo team into a SQLite file in a temporary directory (`hirebot demo-data`; when
bot/runtime/data/demo.jsonl is not there yet, 40 generated fictional candidates through
bot.importer.import_text), then starts two gunicorn gthread servers with the same workers and
threads: `hirebot serve`, and bench/bare_app.py (an App with process_before_response=True whose
listener acks a short text, behind the same slack_bolt.adapter.wsgi handler). It sends signed
slash commands to both over loopback, one at a time and from 20 concurrent clients, after a
warm-up, in alternating rounds, and prints median / p90 / p99 / max and requests per second,
with Hirebot/bare ratios:
- `/hirebot help` (Hirebot renders the help Block Kit) vs `/hirebot` on the bare app;
- `/shortlist ml-engineer 10` on the demo team (answered in the ack from stored scores) vs the
  same request body on the bare app.
Writes bench/results/ack.json.

Each request opens a new connection (`Connection: close`), like independent deliveries from
Slack; `--keepalive` reuses one connection per client instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._harness import (  # noqa: E402
    LATENCY_COLUMNS,
    RATIO_COLUMNS,
    CpuWatch,
    Target,
    app_env,
    compare,
    measure,
    start_bare,
    start_hirebot,
    stopwatch,
    table,
    warm_up,
    write_results,
)
from bot.runtime.localslack import LocalSlack

TEAM = "T0LOCAL"  # the console team `hirebot demo-data` loads into by default
DEMO = ROOT / "bot" / "runtime" / "data" / "demo.jsonl"


def load_demo(db_url: str, slack_url: str, log_dir: Path) -> dict:
    """`hirebot demo-data` into the database; generated fictional candidates when the data file is absent."""
    if DEMO.exists():
        proc = subprocess.run([sys.executable, "-m", "bot.runtime.cli", "demo-data"], cwd=ROOT, capture_output=True,
                              text=True, env=app_env(db_url, slack_url), timeout=120)
        (log_dir / "demo-data.log").write_text(proc.stdout + proc.stderr)
        if proc.returncode == 0:
            return {"source": "hirebot demo-data", "output": proc.stdout.strip().splitlines()[-2:]}
        print(f"hirebot demo-data failed (exit {proc.returncode}); generating candidates instead", file=sys.stderr)
    from bench._profiles import make_snapshots
    from bot.candidates.importer import import_text
    from bot.core.config import get_settings
    from bot.runtime.app import build_services

    services = build_services(get_settings(DATABASE_URL=db_url))
    try:
        snaps = make_snapshots(40, seed=11)
        report = import_text(services, team_id=TEAM, text="\n".join(json.dumps(s) for s in snaps), kind="jsonl",
                             source="bench (fictional)")
    finally:
        services.background.shutdown()
        services.db.dispose()
    why = "bot/runtime/data/demo.jsonl is absent" if not DEMO.exists() else "hirebot demo-data failed"
    return {"source": f"40 generated fictional candidates via bot.importer.import_text ({why})",
            "output": [report.summary()]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for both servers (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="gthread threads per worker (default 8)")
    parser.add_argument("--seq", type=int, default=300, help="sequential requests per target (default 300)")
    parser.add_argument("--conc", type=int, default=2000, help="requests per target under concurrency (default 2000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds the requests are split over")
    parser.add_argument("--warmup", type=int, default=400, help="warm-up requests per target")
    parser.add_argument("--keepalive", action="store_true", help="reuse one connection per client")
    args = parser.parse_args()
    sys.setswitchinterval(0.001)  # the client threads share a GIL: hand it over quickly
    elapsed = stopwatch()
    cpu = CpuWatch()

    with tempfile.TemporaryDirectory(prefix="hirebot-bench-ack-") as tmp, LocalSlack() as slack:
        tmpdir = Path(tmp)
        db_url = f"sqlite:///{tmpdir / 'hirebot.db'}"
        demo = load_demo(db_url, slack.url, tmpdir)
        print(f"demo data: {demo['source']}: {' / '.join(demo['output'])}")
        hirebot = start_hirebot(db_url, slack.url, tmpdir, workers=args.workers, threads=args.threads)
        try:
            bare = start_bare(slack.url, tmpdir, workers=args.workers, threads=args.threads)
        except Exception:
            hirebot.stop()
            raise
        try:
            targets = [
                Target("hirebot /hirebot help", hirebot.port, "/hirebot", ["help"], TEAM, '"blocks"'),
                Target("bare /hirebot", bare.port, "/hirebot", ["help"], TEAM, "bare ack"),
                Target("hirebot /shortlist ml-engineer 10", hirebot.port, "/shortlist", ["ml-engineer 10"], TEAM,
                       "best:"),
                Target("bare /shortlist", bare.port, "/shortlist", ["ml-engineer 10"], TEAM, "bare ack"),
            ]
            for t in targets:
                warm_up(t, args.warmup)
            calls_before = len(slack.calls)
            print(f"servers: {args.workers} workers x {args.threads} threads each (gunicorn gthread); "
                  f"{'keep-alive' if args.keepalive else 'new connection per request'}; "
                  f"{args.rounds} alternating rounds; warm-up {args.warmup} requests per target", flush=True)
            runs = measure(targets, seq=args.seq, conc=args.conc, clients=args.clients, rounds=args.rounds,
                           keepalive=args.keepalive)
            web_api_calls = [c.method for c in slack.calls[calls_before:]]
        finally:
            hirebot.stop()
            bare.stop()
        server_errors = [line for line in hirebot.log_tail(200_000).splitlines() if " ERROR " in line][:5]

    summaries = {k: v.summary() for k, v in runs.items()}
    rows = [summaries[(t.label, mode)] for mode in ("sequential", "concurrent") for t in targets]
    ratios = []
    for ours, base, what in ((targets[0], targets[1], "/hirebot help vs bare"),
                             (targets[2], targets[3], "/shortlist ml-engineer 10 vs bare")):
        for mode in ("sequential", "concurrent"):
            ratios.append(compare(summaries[(ours.label, mode)], summaries[(base.label, mode)], what))

    print()
    print(table(rows, LATENCY_COLUMNS))
    print()
    print(table(ratios, RATIO_COLUMNS))
    print()
    print(f"Web API calls during the measured runs: {len(web_api_calls)} (everything answered in the ack)")
    if server_errors:
        print("Hirebot logged errors:\n  " + "\n  ".join(server_errors))
    load = cpu.result()
    if cpu.warning(load):
        print(cpu.warning(load))
    path = write_results("ack", {
        "cpu": load,
        "settings": vars(args), "demo_data": demo, "runs": rows, "ratios": ratios,
        "web_api_calls_during_runs": web_api_calls, "server_errors": server_errors,
        "startup_s": {"hirebot": round(hirebot.startup_s, 2), "bare": round(bare.startup_s, 2)},
        "elapsed_s": round(elapsed(), 1),
    })
    print(f"wrote {path.relative_to(ROOT)} in {elapsed():.0f} s")


if __name__ == "__main__":
    main()
