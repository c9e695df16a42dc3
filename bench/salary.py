"""/salary answers against the raw survey and against the old long answer, in one run.

    .venv/bin/python bench/salary.py [path/to/ai-jobs-net-salaries.csv]

1. Market accuracy: the answer's median for each reference slice (REFERENCE.md) beside the median of the
   raw CSV rows with that exact job title; the baseline is how far the guides' range midpoint sits from it.
2. Size: the short answer beside the full guide answer (now behind Details): JSON and visible characters, lines.
3. Render time per answer, both templates, same run.
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.render import render  # noqa: E402
from bot.salary.messages import DETAILS_ACTION  # noqa: E402
from scoring.salary import lookup, parse_query  # noqa: E402
from scoring.salary.brief import brief  # noqa: E402
from scoring.salary.market_table import CREDIT, CREDIT_URL  # noqa: E402

CSV = ROOT.parent / "shared" / "data" / "ai-jobs-net-salaries-2025-01-19.csv"
# (query, exact survey title, experience level, company_location) from REFERENCE.md
SLICES = [("ml-engineer senior us", "Machine Learning Engineer", "SE", "US"),
          ("ml-engineer mid us", "Machine Learning Engineer", "MI", "US"),
          ("data-scientist mid uk", "Data Scientist", "MI", "GB"),
          ("data-scientist senior us", "Data Scientist", "SE", "US"),
          ("ai-engineer senior us", "AI Engineer", "SE", "US")]


def short(text: str) -> dict:
    return render("salary/answer.json.j2", brief=brief(parse_query(text)), credit=CREDIT, credit_url=CREDIT_URL,
                  details_action=DETAILS_ACTION, team=None, team_count=None)


def full(text: str) -> dict:
    return render("salary/salary.json.j2", answer=lookup(parse_query(text)), team=None)


def visible(msg: dict) -> str:
    out = []
    for b in msg["blocks"]:
        if b["type"] in ("header", "section"):
            out.append(b["text"]["text"])
        elif b["type"] == "context":
            out.append(" · ".join(e["text"] for e in b["elements"]))
        elif b["type"] == "actions":
            out.append(" ".join(e["text"]["text"] for e in b["elements"]))
    return "\n".join(out)


def per_call_ms(fn, text: str, n: int = 200) -> float:
    fn(text)
    start = time.perf_counter()
    for _ in range(n):
        fn(text)
    return (time.perf_counter() - start) * 1000 / n


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CSV
    rows = list(csv.DictReader(path.open(encoding="utf-8"))) if path.exists() else []
    print(f"{'query':28} {'raw median (n)':>20} {'answer median (n)':>20} {'diff':>7} {'guides mid':>11} {'diff':>7}")
    for text, title, level, country in SLICES:
        b = brief(parse_query(text))
        raw = [int(r["salary_in_usd"]) for r in rows if r["job_title"] == title and r["experience_level"] == level
               and r["company_location"] == country and r["work_year"] in ("2024", "2025")]
        if not raw or b.market is None:
            print(f"{text:28} (no CSV at {path})" if not raw else f"{text:28} no market cell")
            continue
        med = statistics.median(raw)
        guide_mid = float(b.guide.base.midpoint) / (0.9 if b.guide.base.currency == "EUR" else 1)
        print(f"{text:28} {f'${med:,.0f} ({len(raw):,})':>20} {f'${b.market.p50:,} ({b.market.n:,})':>20} "
              f"{(float(b.market.p50) / med - 1) * 100:>+6.1f}% {f'${guide_mid:,.0f}':>11} {(guide_mid / med - 1) * 100:>+6.1f}%")
    print()
    print(f"{'query':28} {'answer':>8} {'json':>6} {'visible':>8} {'lines':>6} {'render ms':>10}")
    for text, *_ in SLICES[:3]:
        for name, fn in (("short", short), ("full", full)):
            msg = fn(text)
            v = visible(msg)
            print(f"{text:28} {name:>8} {len(json.dumps(msg, ensure_ascii=False)):>6} {len(v):>8} "
                  f"{len(v.splitlines()):>6} {per_call_ms(fn, text):>10.2f}")


if __name__ == "__main__":
    main()
