"""A team of N fictional candidates stored the way `hirebot import` stores them, for the benchmarks.

Profiles come from bench/_profiles.py (deterministic); a 2-process pool extracts their features
(bot.roles.bulk.candidate_columns) and the parent inserts the rows with Core, 2,000 a transaction.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import time
from functools import partial
from typing import Any

from sqlalchemy import insert, select

from bench._profiles import TODAY, make_snapshot
from bot.core.db import Database
from bot.core.models import Candidate, PipelineEntry, Role, utcnow
from bot.core.teams import ensure_team
from bot.roles.bulk import candidate_columns
from scoring.geo import parse_location


def candidate_rows(bounds: tuple[int, int], team: str) -> list[dict[str, Any]]:
    """Candidate rows numbered bounds[0]+1 .. bounds[1], with their extracted features."""
    now = utcnow()
    out = []
    for i in range(*bounds):
        snap = make_snapshot(i + 1)
        _, cols = candidate_columns(snap, today=TODAY)
        place = parse_location(snap.get("location"))
        out.append({"id": i + 1, "team_id": team, "name": snap["name"], "github": snap["github"],
                    "huggingface": snap.get("huggingface"), "kaggle": snap.get("kaggle"),
                    "kaggle_tier": snap.get("kaggle_tier"), "arxiv_name": snap.get("arxiv_name"),
                    "email": snap.get("email"), "location": snap.get("location"), "region": place.region,
                    "country": place.country, "snapshot": snap, "enrichment_status": "ok", "enriched_at": now,
                    "do_not_contact": False, "source": "bench (fictional)", "created_at": now, "updated_at": now,
                    "name_folded": snap["name"].lower()} | cols)
    return out


def load_team(url: str, n: int, team: str) -> tuple[float, list[int]]:
    """Migrate, create the team (8 default roles), insert n candidates and pipeline entries for 5% of them
    on ml-engineer (a fifth passed); (seconds, role ids by slug)."""
    db = Database(url)
    try:
        with db.session() as s:
            ensure_team(session=s, team_id=team)
        with db.session() as s:
            roles = list(s.scalars(select(Role).where(Role.team_id == team).order_by(Role.slug)))
        started = time.perf_counter()
        chunks = [(a, min(n, a + 2000)) for a in range(0, n, 2000)]
        with mp.get_context("fork").Pool(2) as pool:
            for rows in pool.imap(partial(candidate_rows, team=team), chunks):
                with db.engine.begin() as conn:
                    conn.execute(insert(Candidate.__table__), rows)
        main = next(r for r in roles if r.slug == "ml-engineer")
        rng = random.Random(5)
        stages = ["sourced", "shortlisted", "contacted", "interview", "passed"]
        now = utcnow()
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('candidates', 'id'), %s)", (n,))
            conn.execute(insert(PipelineEntry.__table__), [
                {"team_id": team, "candidate_id": i + 1, "role_id": main.id, "stage": rng.choice(stages),
                 "stage_entered_at": now, "owner_user_id": "U0SAM", "updated_by": "U0SAM"}
                for i in sorted(rng.sample(range(n), n // 20))])
        return time.perf_counter() - started, [r.id for r in roles]
    finally:
        db.dispose()
