"""GitHub requests per candidate when enriching, with a token (GraphQL) and without (REST + ETags).

Run from the repository root: `.venv/bin/python bench/github_requests.py` (about 10 s).

Enriches N=50 FICTIONAL candidates through bot.sources.enrich.Enricher (GitHub only) against
the fake GitHub in tests/fakes/github.py (FakeGitHub, served through httpx.MockTransport, so
nothing leaves the process). FakeGitHub validates every GraphQL query against GitHub's
published schema and counts requests by kind. Passes:
1. with a token (GraphQL path), twice;
2. without a token (REST path), twice, with the ETag cache Hirebot uses in production
   (bot.httpcache.DatabaseResponseCache on a SQLite file): the second pass should be all 304s,
   which cost no rate-limit budget. The fake's search budget is raised for this pass so every
   candidate completes and the per-candidate counts are clean;
3. without a token, with GitHub's anonymous budgets (core 60/hour, search 10/minute): how far a
   batch of 50 gets before the client stops itself.
Goal with a token: 1 GraphQL request and 0 search calls per candidate.
Prints a table; writes bench/results/github_requests.json.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._harness import CpuWatch, table, write_results  # noqa: E402
from bot.sources.enrich import Enricher  # noqa: E402
from bot.sources.github import GitHubClient  # noqa: E402
from tests.fakes.github import API, FakeGitHub, FakePR, FakeRepo, FakeUser, load_schema  # noqa: E402

TOKEN = "ghp_benchFICTIONALtoken000"
KINDS = ("graphql", "rest", "search")
_LAST_PASS: list[dict] = []  # per-candidate details of the latest pass
WORDS = ["serve", "kit", "rag", "agent", "vision", "bench", "eval", "pipeline", "train", "infer", "lora", "embed"]


def fictional_github(n: int, seed: int = 3) -> tuple[list[FakeUser], list[FakePR]]:
    """`n` made-up users with owned repos (some forks), and PRs: merged, PyTorch label-merged, open, own-repo."""
    rng = random.Random(seed)
    users: list[FakeUser] = []
    pulls: list[FakePR] = []
    number = 200_000
    for i in range(n):
        login = f"bench-gh-{i:03d}"
        repos = []
        for k in range(rng.choice([0, 2, 4, 8, 15, 30, 60])):
            files = rng.choice([["README.md"], ["Dockerfile", "tests/", "src/", ".github/"], ["pyproject.toml", "conftest.py"]])
            repos.append(FakeRepo(f"{login}/{rng.choice(WORDS)}-{k}", stars=int(rng.lognormvariate(1.5, 1.8)),
                                  forks=rng.randint(0, 30), fork=rng.random() < 0.2, files=files,
                                  workflows=["ci.yml"] if ".github/" in files else [],
                                  topics=rng.sample(["pytorch", "mlops", "llm", "rag", "kubernetes", "jax"], 2),
                                  pushed_at=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T10:00:00Z"))
        users.append(FakeUser(login, name=f"Bench Person {i}", location=rng.choice(["Berlin, DE", "Remote", None]),
                              followers=rng.randint(0, 500), repos=repos))
        for _ in range(rng.randint(0, 6)):
            number += 1
            kind = rng.random()
            day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T10:00:00Z"
            if kind < 0.3:  # PyTorch: closed with the label Merged, merged_at stays null
                pulls.append(FakePR("pytorch/pytorch", number, "Fix a kernel", login, created_at=day, closed_at=day,
                                    labels=["Merged", "open source"], repo_stars=92000))
            elif kind < 0.7:
                pulls.append(FakePR(rng.choice(["huggingface/transformers", "scikit-learn/scikit-learn", "numpy/numpy"]),
                                    number, "Add a feature", login, created_at=day, merged_at=day, repo_stars=50000))
            elif kind < 0.85:
                pulls.append(FakePR("vllm-project/vllm", number, "Open idea", login, created_at=day))
            elif repos:
                pulls.append(FakePR(repos[0].name, number, "Own repo change", login, created_at=day, merged_at=day))
    return users, pulls


def enrich_pass(enricher: Enricher, fake: FakeGitHub, logins: list[str]) -> tuple[dict[str, Any], list[dict]]:
    """Enrich every candidate once; per-candidate request counts by kind, budget used, outcome."""
    per: list[Counter] = []
    outcomes: Counter = Counter()
    snaps: list[dict] = []
    remaining0 = dict(fake.remaining)
    times = []
    details: list[dict] = []
    for login in logins:
        before = Counter(fake.counts)
        started = time.perf_counter()
        result = enricher.enrich({"name": login, "github": login, "roles": ["ml-engineer"]})
        times.append(time.perf_counter() - started)
        delta = Counter(fake.counts)
        delta.subtract(before)
        per.append(delta)
        outcomes["pending" if result.pending else "not_found" if result.not_found else "ok"] += 1
        snaps.append(result.snapshot)
        details.append({"rest": delta["rest"], "search": delta["search"], "pending": bool(result.pending)})
    n = len(logins)
    summary: dict[str, Any] = {"candidates": n, "ok": outcomes["ok"], "pending": outcomes["pending"],
                               "not_found": outcomes["not_found"]}
    for kind in KINDS + ("not_modified",):
        values = [c[kind] for c in per]
        summary[f"{kind}_per_candidate"] = round(sum(values) / n, 2)
        summary[f"{kind}_min_max"] = f"{min(values)}-{max(values)}"
    summary["requests_total"] = sum(sum(c[k] for k in KINDS) for c in per)
    summary["budget_used"] = {k: remaining0[k] - fake.remaining[k] for k in remaining0}
    summary["ms_per_candidate"] = round(statistics.mean(times) * 1000, 1)
    _LAST_PASS[:] = details
    return summary, snaps


def _signature(snap: dict) -> tuple[frozenset, frozenset]:
    sig = snap.get("signals") or {}
    return (frozenset(r["name"] for r in sig.get("repos") or ()),
            frozenset(p["url"] for p in sig.get("merged_prs") or ()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--candidates", type=int, default=50)
    args = parser.parse_args()
    cpu = CpuWatch()
    started = time.perf_counter()
    users, pulls = fictional_github(args.candidates)
    logins = [u.login for u in users]
    rows: list[dict[str, Any]] = []
    results: dict[str, Any] = {"candidates": args.candidates, "fixture": {
        "repos": sum(len(u.repos) for u in users), "pulls": len(pulls)}}
    no_sleep = {"max_wait": 0, "sleep": lambda s: None}

    # 1. token -> GraphQL
    token_snaps: list[dict] = []
    if load_schema() is None:
        results["graphql"] = "skipped: GitHub's GraphQL schema is not at ../shared/github-graphql-schema"
        print(results["graphql"])
    else:
        fake = FakeGitHub(users, pulls)
        client = GitHubClient(API, token=TOKEN, http=fake.client(), **no_sleep)
        enricher = Enricher(github=client)
        for p in (1, 2):
            summary, snaps = enrich_pass(enricher, fake, logins)
            token_snaps = token_snaps or snaps
            rows.append({"path": "token: GraphQL", "pass": p} | summary)
        enricher.close()

    # 2. no token -> REST, with the production ETag cache (database-backed)
    from bot.core.db import Database
    from bot.core.httpcache import DatabaseResponseCache

    with tempfile.TemporaryDirectory(prefix="hirebot-bench-gh-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'cache.db'}")
        fake = FakeGitHub(users, pulls)
        fake.remaining["search"] = 10_000  # budget not binding here: see pass 3
        client = GitHubClient(API, token=None, http=fake.client(), cache=DatabaseResponseCache(db), **no_sleep)
        enricher = Enricher(github=client)
        rest_snaps: list[dict] = []
        for p in (1, 2):
            summary, snaps = enrich_pass(enricher, fake, logins)
            rest_snaps = rest_snaps or snaps
            rows.append({"path": "no token: REST + ETag cache", "pass": p} | summary)
        enricher.close()
        db.dispose()

        # 3. no token, GitHub's anonymous budgets (a fresh cache, as on a first import)
        db = Database(f"sqlite:///{Path(tmp) / 'cache-anon.db'}")
        fake = FakeGitHub(users, pulls)
        fake.remaining.update({"core": 60, "search": 10})
        client = GitHubClient(API, token=None, http=fake.client(), cache=DatabaseResponseCache(db), **no_sleep)
        enricher = Enricher(github=client)
        summary, _ = enrich_pass(enricher, fake, logins)
        rows.append({"path": "no token, anonymous budget (60 core/h, 10 search/min)", "pass": 1} | summary)
        # Candidates that still came out pending after spending core requests on /users and /repos.
        rows[-1]["pending_after_spending_core"] = sum(
            1 for c in _LAST_PASS if c["rest"] > 0 and c["pending"])
        enricher.close()
        db.dispose()

    if token_snaps:
        same = sum(_signature(a) == _signature(b) for a, b in zip(token_snaps, rest_snaps))
        results["graphql_vs_rest_same_repos_and_prs"] = f"{same}/{len(logins)}"
    results["passes"] = rows
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    results["cpu"] = cpu.result()

    cols = [("path", "path"), ("pass", "pass"), ("ok", "ok"), ("pending", "pending"),
            ("graphql_per_candidate", "GraphQL/cand"), ("rest_per_candidate", "REST/cand"),
            ("search_per_candidate", "search/cand"), ("not_modified_per_candidate", "of which 304/cand"),
            ("requests_total", "requests"), ("budget", "budget used core/search/graphql"),
            ("ms_per_candidate", "ms/cand")]
    for row in rows:
        b = row["budget_used"]
        row["budget"] = f"{b['core']}/{b['search']}/{b['graphql']}"
    print(f"\n{args.candidates} fictional candidates enriched from the fake GitHub "
          f"({results['fixture']['repos']} repos, {results['fixture']['pulls']} PRs)")
    print(table(rows, cols))
    print("(per-candidate min-max: " + "; ".join(
        f"{r['path']} pass {r['pass']}: graphql {r['graphql_min_max']}, rest {r['rest_min_max']}, "
        f"search {r['search_min_max']}" for r in rows) + ")")
    token_rows = [r for r in rows if r["path"].startswith("token")]
    if token_rows:
        t = token_rows[0]
        ok = t["graphql_min_max"] == "1-1" and t["search_min_max"] == "0-0" and t["rest_min_max"] == "0-0"
        print(f"goal with a token (1 GraphQL, 0 search per candidate): {'met' if ok else 'missed'}; "
              f"GraphQL and REST found the same repos and merged PRs for {results['graphql_vs_rest_same_repos_and_prs']} "
              "candidates")
    anon = rows[-1]
    print(f"anonymous budgets: {anon['ok']} of {anon['candidates']} candidates enriched, {anon['pending']} left "
          f"pending (the client stops itself once a budget reads 0; {anon['requests_total']} requests sent); "
          f"{anon['pending_after_spending_core']} of the pending ones first spent core requests on /users and /repos")
    path = write_results("github_requests", results)
    print(f"wrote {path.relative_to(ROOT)} in {results['elapsed_s']:.0f} s")


if __name__ == "__main__":
    main()
