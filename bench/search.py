"""How well plain-English shortlists are read, and how fast /candidate find and list answer.

Run from the repository root: `.venv/bin/python bench/search.py [--show-holdout] [--speed] [--candidates N]`.

Reading: every phrasing of bench/data/search/queries.jsonl goes through the same reader /shortlist uses
(bot.shortlist.query.read_request: scoring.query plus the old `role N key:value` form). Prints the share
read right (every field, the unread words included) on the tuning and holdout phrasings apart, the
words each left unread, and the tuning misses. Holdout misses are printed only with --show-holdout: look
at them after a change, never to make one.

Speed (--speed): /candidate find and /candidate list at N candidates (default 100,000 from
bench/_profiles.py) on SQLite (or PostgreSQL with --pg), against the same team's plain `/candidate show #id` lookup in the same
run (the floor: one primary-key read).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._harness import write_results  # noqa: E402
from scoring.query import read_shortlist  # noqa: E402

DATA = ROOT / "bench" / "data" / "search" / "queries.jsonl"
FIELDS = ("role", "level", "n", "location", "remote", "skills", "min_score", "active_days", "stage", "unread")


def load(path: Path = DATA) -> list[dict]:
    """The labelled phrasings."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def got(text: str) -> dict:
    """What the reader made of one phrasing, in the data set's terms."""
    q = read_shortlist(text.split())
    return {"role": q.role, "level": q.level, "n": q.n, "location": q.location, "remote": q.remote,
            "skills": sorted(q.skills), "min_score": q.min_score, "active_days": q.active_days, "stage": q.stage,
            "unread": sorted(w.lower().strip(".,;:!?") for w in q.unread)}


def expected(row: dict) -> dict:
    """The labels with every default filled in."""
    e = row["expect"]
    return {"role": e.get("role"), "level": e.get("level"), "n": e.get("n"), "location": e.get("location"),
            "remote": bool(e.get("remote")), "skills": sorted(e.get("skills", [])), "min_score": e.get("min_score"),
            "active_days": e.get("active_days"), "stage": e.get("stage"), "unread": sorted(e.get("unread", []))}


def judge(rows: list[dict]) -> dict[str, dict]:
    """Per split: n, right, share, and the misses with the fields that differ."""
    out: dict[str, dict] = {}
    for split in ("tuning", "holdout"):
        part = [r for r in rows if r["split"] == split]
        misses, unread = [], []
        for r in part:
            g, e = got(r["text"]), expected(r)
            unread += [(r["text"], w) for w in g["unread"]]
            diff = {f: (g[f], e[f]) for f in FIELDS if g[f] != e[f]}
            if diff:
                misses.append({"text": r["text"], "diff": diff})
        right = len(part) - len(misses)
        out[split] = {"n": len(part), "right": right, "share": right / len(part) if part else float("nan"),
                      "misses": misses, "unread": unread}
    return out


def main() -> None:
    """Print the reading figures (and the speed figures with --speed)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-holdout", action="store_true", help="also print the holdout misses")
    ap.add_argument("--speed", action="store_true", help="also time /candidate find and list")
    ap.add_argument("--candidates", type=int, default=100_000)
    ap.add_argument("--pg", action="store_true", help="time --speed on PostgreSQL instead of SQLite")
    args = ap.parse_args()
    result = judge(load())
    print("Plain-English shortlist requests read right (every field and every unread word)")
    for split, r in result.items():
        print(f"  {split:8s} {r['right']:3d}/{r['n']:3d} = {r['share']:.1%}   unread words named: {len(r['unread'])}")
    for split, r in result.items():
        if split == "holdout" and not args.show_holdout:
            continue
        for text, word in r["unread"]:
            print(f"  [{split}] unread {word!r:16s} in {text!r}")
        for m in r["misses"]:
            print(f"  [{split}] MISS {m['text']!r}: " + "; ".join(f"{f} got {a!r} want {b!r}" for f, (a, b) in m["diff"].items()))
    figures = {split: {k: v for k, v in r.items() if k in ("n", "right", "share")} for split, r in result.items()}
    if args.speed:
        from bench._search_speed import run_speed  # lazy: builds a 100k-candidate database

        figures["speed"] = run_speed(args.candidates, pg=args.pg)
    path = write_results("search", figures)
    print(f"figures: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
