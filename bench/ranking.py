"""How well the scorer ranks candidates the way a hiring expert would (issue 11).

Run from the repository root: `python bench/ranking.py [--today YYYY-MM-DD] [--show ROLE] [--json]`.

Reads the labelled set in bench/data/ranking/ (fictional profiles graded 0-3 per role by hand,
see its README), scores every profile for the five graded roles with `scoring.signals`, and
prints, for the tuning set and the holdout apart (the holdout is never tuned on):

- NDCG@10 per role, gain 2^grade - 1 over the ranked list. The list is what `/shortlist` shows:
  candidates with a score above 0, best first (ties by id); a candidate scoring 0 is left out,
  as the shortlist leaves them out unless `min:0` is asked.
- pairwise accuracy: of the pairs with different grades for a role, the share the scores order
  the same way (a tie counts half);
- grade-0 candidates in each top 10, and grade-3 candidates outside it (named);
- role discrimination: how many marked specialists score highest in their own role (strictly),
  their mean margin over their next-best role, and each person's score spread across roles.

Ends with the issue's "done when" check on the holdout. Writes bench/results/ranking.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scoring.scorecard import DEFAULT_ROLES  # noqa: E402
from scoring.signals import SCORER_VERSION, extract, score_roles  # noqa: E402
from scoring.types import Profile  # noqa: E402

DATA = ROOT / "bench" / "data" / "ranking"
RESULTS = ROOT / "bench" / "results"
ROLES = ("ml-engineer", "mlops-engineer", "research-engineer", "ai-engineer", "data-scientist")
TODAY = date(2026, 12, 1)  # the day the set was graded for (its dates are relative to it)
K = 10


def load(split: str) -> list[dict]:
    """The labelled rows of one split."""
    with (DATA / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_all(rows: list[dict], today: date) -> dict[str, dict[str, int]]:
    """id -> role -> total."""
    cards = [DEFAULT_ROLES[r] for r in ROLES]
    out = {}
    for row in rows:
        feats = extract(Profile.from_snapshot(row["snapshot"]), today=today)
        out[row["id"]] = {slug: s.total for slug, s in score_roles(feats, cards).items()}
    return out


def ranked(rows: list[dict], scores: dict, role: str) -> list[dict]:
    """The shortlist order: score > 0, best first, ties by id."""
    pos = [r for r in rows if scores[r["id"]][role] > 0]
    return sorted(pos, key=lambda r: (-scores[r["id"]][role], r["id"]))


def ndcg(rows: list[dict], scores: dict, role: str, k: int = K) -> float:
    """NDCG@k with gain 2^grade - 1."""
    def dcg(grades):
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))
    ideal = dcg(sorted((r["grades"][role] for r in rows), reverse=True))
    got = dcg([r["grades"][role] for r in ranked(rows, scores, role)])
    return got / ideal if ideal else 1.0


def pairwise(rows: list[dict], scores: dict, role: str) -> float:
    """Share of differently graded pairs the scores order correctly (ties half)."""
    right = total = 0.0
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            ga, gb = a["grades"][role], b["grades"][role]
            if ga == gb:
                continue
            sa, sb = scores[a["id"]][role], scores[b["id"]][role]
            total += 1
            if sa == sb:
                right += 0.5
            elif (sa > sb) == (ga > gb):
                right += 1
    return right / total if total else 1.0


def evaluate(rows: list[dict], scores: dict) -> dict:
    """Every figure for one split."""
    per_role = {}
    for role in ROLES:
        top = ranked(rows, scores, role)[:K]
        top_ids = {r["id"] for r in top}
        per_role[role] = {
            "ndcg10": ndcg(rows, scores, role),
            "pairwise": pairwise(rows, scores, role),
            "grade0_in_top10": sorted(r["id"] for r in top if r["grades"][role] == 0),
            "grade3_outside_top10": sorted(r["id"] for r in rows
                                           if r["grades"][role] == 3 and r["id"] not in top_ids),
        }
    specialists = []
    for r in rows:
        if not r.get("specialist"):
            continue
        s = scores[r["id"]]
        own = s[r["specialist"]]
        best_other_role = max((x for x in ROLES if x != r["specialist"]), key=lambda x: s[x])
        specialists.append({"id": r["id"], "role": r["specialist"], "own": own,
                            "best_other": best_other_role, "other": s[best_other_role],
                            "ok": own > s[best_other_role]})
    spreads = [max(s.values()) - min(s.values()) for s in scores.values()]
    return {"roles": per_role, "mean_ndcg10": sum(v["ndcg10"] for v in per_role.values()) / len(ROLES),
            "mean_pairwise": sum(v["pairwise"] for v in per_role.values()) / len(ROLES),
            "specialists": specialists, "mean_spread": sum(spreads) / len(spreads) if spreads else 0.0}


def print_split(name: str, n: int, ev: dict) -> None:
    """One split's tables."""
    print(f"\n== {name} ({n} profiles) ==")
    print(f"{'role':<19} {'NDCG@10':>8} {'pairwise':>9} {'grade-0 in top 10':<24} grade-3 outside top 10")
    for role, v in ev["roles"].items():
        g0 = ", ".join(v["grade0_in_top10"]) or "-"
        g3 = ", ".join(v["grade3_outside_top10"]) or "-"
        print(f"{role:<19} {v['ndcg10']:>8.3f} {v['pairwise']:>9.3f} {g0:<24} {g3}")
    print(f"{'mean':<19} {ev['mean_ndcg10']:>8.3f} {ev['mean_pairwise']:>9.3f}")
    sp = ev["specialists"]
    ok = sum(s["ok"] for s in sp)
    margin = sum(s["own"] - s["other"] for s in sp) / len(sp) if sp else 0.0
    print(f"specialists best in their own role: {ok}/{len(sp)} (mean margin {margin:+.1f} points); "
          f"mean spread of a person's scores across roles: {ev['mean_spread']:.1f}")
    for s in sp:
        if not s["ok"]:
            print(f"  {s['id']} ({s['role']}): {s['own']} vs {s['best_other']} {s['other']}")


def show(rows: list[dict], scores: dict, role: str) -> None:
    """Every profile for one role, best first, with its grade."""
    print(f"\n-- {role} --")
    for r in sorted(rows, key=lambda r: (-scores[r["id"]][role], r["id"])):
        print(f"  {scores[r['id']][role]:>3}  g{r['grades'][role]}  {r['id']}  {r['snapshot']['name']}")


def done_when(ev: dict) -> list[str]:
    """The issue's targets on the holdout; an empty list means all are met."""
    misses = []
    if ev["mean_ndcg10"] < 0.95:
        misses.append(f"mean NDCG@10 {ev['mean_ndcg10']:.3f} < 0.95")
    for role, v in ev["roles"].items():
        if v["ndcg10"] < 0.90:
            misses.append(f"{role} NDCG@10 {v['ndcg10']:.3f} < 0.90")
        if v["grade0_in_top10"]:
            misses.append(f"{role}: grade 0 in top 10: {', '.join(v['grade0_in_top10'])}")
        if v["grade3_outside_top10"]:
            misses.append(f"{role}: grade 3 outside top 10: {', '.join(v['grade3_outside_top10'])}")
    misses += [f"specialist {s['id']} scores higher for {s['best_other']}" for s in ev["specialists"] if not s["ok"]]
    return misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--today", type=date.fromisoformat, default=TODAY)
    ap.add_argument("--show", choices=ROLES, action="append", default=[],
                    help="list the tuning set's ranking for a role (never the holdout's)")
    ap.add_argument("--tuning-only", action="store_true", help="while tuning: do not print the holdout at all")
    args = ap.parse_args(argv)
    print(f"scorer {SCORER_VERSION}, scored as of {args.today}")
    out = {"scorer_version": SCORER_VERSION, "today": args.today.isoformat()}
    for split in ("tuning",) if args.tuning_only else ("tuning", "holdout", "holdout2"):
        rows = load(split)
        scores = score_all(rows, args.today)
        ev = evaluate(rows, scores)
        print_split(split, len(rows), ev)
        if split == "tuning":
            for role in args.show:
                show(rows, scores, role)
        out[split] = ev
    if args.tuning_only:
        return 0
    misses = done_when(out["holdout"])
    print("\nDone-when on the holdout: " + ("all met" if not misses else "MISSED\n  " + "\n  ".join(misses)))
    misses = done_when(out["holdout2"])  # a second blind holdout, written without reading scoring/
    print("Done-when on holdout2: " + ("all met" if not misses else "MISSED\n  " + "\n  ".join(misses)))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ranking.json").write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
