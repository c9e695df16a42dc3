"""Speed part of bench/search.py: /candidate find and /candidate list at 100k candidates on SQLite.

Builds a fresh SQLite file (migrated like `hirebot migrate`) with N fictional candidates from
bench/_profiles.py with their whole snapshots (3.3 KB on average), folded names, skills_text, repos_text and
region/country as intake stores them, signal rows as enrichment writes them, and pipeline entries for 10% of them over four roles, five owners
and 120 days. Then times the reply functions the handlers call (find_message / list_message: SQL plus the
rendered Block Kit) against the floor measured in the same run: `/candidate show #id`'s card for one
candidate (a primary-key read plus a render). Slack's limit is 3 s for the whole request.
"""

from __future__ import annotations

import random
import statistics
import os
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench._profiles import make_snapshots
from bot.candidates.lookup import find_candidate
from bot.candidates.messages import card_message
from bot.candidates.results import find_message, list_message
from bot.core.db import Database
from bot.core.models import Candidate, PipelineEntry, Role, Signal, utcnow
from bot.core.teams import ensure_team
from bot.roles.features import skills_text
from scoring.geo import parse_location
from scoring.query.index import repos_text
from scoring.scorecard import expand_skills

TEAM = "TBENCHSEARCH"
PG_ADMIN_URL = os.environ.get("HIREBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
OWNERS = ["U0SAM", "U0KIM", "U0ALEX", "U0RIA", "U0JO"]
STAGES = ["sourced", "shortlisted", "contacted", "replied", "review", "interview", "offer", "hired", "passed"]
CHUNK = 2000


def build(url: str, n: int) -> Database:
    """A migrated database with N candidates, their signals and a pipeline."""
    db = Database(url)
    with db.session() as s:
        ensure_team(session=s, team_id=TEAM)
    with db.session() as s:
        roles = [r.id for r in s.scalars(select(Role).where(Role.team_id == TEAM).order_by(Role.slug))][:4]
    now = utcnow()
    rng = random.Random(17)
    with db.engine.begin() as conn:
        for start in range(0, n, CHUNK):
            snaps = make_snapshots(min(CHUNK, n - start), start=start + 1)
            cands, sigs, pipe = [], [], []
            for k, snap in enumerate(snaps):
                cid = start + k + 1
                place = parse_location(snap.get("location"))
                cands.append({"id": cid, "team_id": TEAM, "name": snap["name"], "name_folded": snap["name"].lower(),
                              "github": snap["github"], "email": snap.get("email"), "location": snap.get("location"),
                              "region": place.region, "country": place.country, "snapshot": snap,
                              "repos_text": repos_text(snap),
                              "skills_text": skills_text(expand_skills(snap["signals"].get("skills") or ())),
                              "enrichment_status": "ok", "do_not_contact": False, "created_at": now, "updated_at": now})
                for pr in snap["signals"].get("merged_prs") or ():
                    sigs.append({"team_id": TEAM, "candidate_id": cid, "kind": "merged_pr", "data": {}, "url": pr["url"],
                                 "seen_at": now})
                for repo in (snap["signals"].get("repos") or ())[:5]:  # other signal kinds share the table
                    sigs.append({"team_id": TEAM, "candidate_id": cid, "kind": "repo", "data": {},
                                 "url": f"https://github.com/{repo['name']}", "seen_at": now})
                if rng.random() < 0.10:
                    pipe.append({"team_id": TEAM, "candidate_id": cid, "role_id": rng.choice(roles),
                                 "stage": rng.choice(STAGES), "owner_user_id": rng.choice(OWNERS),
                                 "stage_entered_at": now - timedelta(days=rng.randint(0, 120))})
            conn.execute(insert(Candidate.__table__), cands)
            if sigs:
                conn.execute(insert(Signal.__table__), sigs)
            if pipe:
                conn.execute(insert(PipelineEntry.__table__), pipe)
    return db


def _time(fn: Any, reps: int) -> dict[str, float]:
    fn()  # warm: first statement compiles, pages come into the cache
    runs = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    runs.sort()
    return {"median_ms": statistics.median(runs), "max_ms": runs[-1]}


def _pg_database() -> str:
    """A fresh PostgreSQL database on the test server (HIREBOT_TEST_POSTGRES_URL or the local default)."""
    import psycopg  # lazy: only for --pg

    name = "hirebot_bench_search_" + uuid.uuid4().hex[:8]
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _drop_pg(url: str) -> None:
    import psycopg  # lazy: only for --pg

    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def run_speed(n: int, reps: int = 7, pg: bool = False) -> dict[str, Any]:
    """Build, time, print; returns the figures (SQLite, or PostgreSQL with pg=True)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = _pg_database() if pg else f"sqlite:///{Path(tmp) / 'search.db'}"
        try:
            return _run(url, n, reps, "PostgreSQL" if pg else "SQLite")
        finally:
            if pg:
                _drop_pg(url)


def _run(url: str, n: int, reps: int, engine: str) -> dict[str, Any]:
    """Build, then time every case against the floor."""
    t = time.perf_counter()
    db = build(url, n)
    print(f"\nSpeed: {n:,} candidates built in {time.perf_counter() - t:.1f} s ({engine})")
    with db.session() as s:
        some = s.scalar(select(Candidate).where(Candidate.team_id == TEAM, Candidate.id == n // 2))
        part = some.name.split()[1][:4].lower()
        handle, email = some.github, some.email

    def show() -> None:
        with db.session() as s:
            card_message(session=s, candidate=find_candidate(session=s, team_id=TEAM, ref=f"#{n // 2}"))

    cases = {
        "show #id (floor)": show,
        "find vllm": ("find", "vllm"), "find pytorch/pytorch": ("find", "pytorch/pytorch"),
        f"find {part} (part of a name)": ("find", part), f"find {handle}": ("find", handle),
        "find <email>": ("find", email), "find berlin": ("find", "berlin"), "find kubernetes": ("find", "kubernetes"),
        "find ada stage:interview": ("find", "ada stage:interview"),
        "find zzzz (no match)": ("find", "zzzz"),
        "list": ("list", ""), "list stage:interview": ("list", "stage:interview"),
        "list owner:<@U0KIM> since:30d": ("list", "owner:<@U0KIM> since:30d"),
        "list stage:all role:ml-engineer": ("list", "stage:all role:ml-engineer"),
    }
    out: dict[str, Any] = {"candidates": n, "engine": engine}
    floor = None
    print(f"  {'reply':40s} {'median ms':>10s} {'max ms':>8s} {'x floor':>8s}")
    for label, case in cases.items():
        if callable(case):
            fn = case
        else:
            kind, text = case

            def fn(kind: str = kind, text: str = text) -> None:
                with db.session() as s:
                    (find_message if kind == "find" else list_message)(session=s, team_id=TEAM, text=text,
                                                                       caller="U0SAM")
        r = _time(fn, reps)
        floor = floor or r["median_ms"]
        r["ratio"] = r["median_ms"] / floor
        out[label] = r
        print(f"  {label:40s} {r['median_ms']:10.1f} {r['max_ms']:8.1f} {r['ratio']:8.1f}")
    db.engine.dispose()
    worst = max(v["max_ms"] for k, v in out.items() if isinstance(v, dict))
    print(f"  slowest reply {worst:.0f} ms of Slack's 3,000 ms")
    out["slowest_ms"] = worst
    return out
