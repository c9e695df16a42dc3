"""Re-score on upgrade: stored scores of an older scorer version are recomputed by the clock, in batches.

A new `SCORER_VERSION` (a deploy) leaves every stored score of the old scorer in place until this job
has recomputed it: the clock runs it on its first tick after start and every minute after, a batch of
candidates at a time within a time budget, so a Slack request never waits for it (shortlists keep
showing the old scores meanwhile). Before rescoring a team it moves the team's built-in roles that
still hold a replaced default scorecard (never edited by the team) to the current default.
Candidates whose enrichment is pending are not scored (pending is not a zero): their old scores go.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from sqlalchemy import delete, select

from bot.core.models import Candidate, Role, Score
from bot.core.services import Services
from bot.roles.service import card_of, rescore
from scoring.scorecard import DEFAULT_ROLES, REPLACED_DEFAULTS
from scoring.signals import SCORER_VERSION

log = logging.getLogger(__name__)

UPGRADE_BATCH = 200  # candidates per transaction
UPGRADE_BUDGET_S = 20.0  # per tick: the clock's other jobs are due every minute too
_DONE = "scores_current"  # services.extras: this process found no stale score for this version


def stale_candidates(session, limit: int = UPGRADE_BATCH) -> list[int]:
    """Ids of candidates with at least one score from another scorer version (lowest ids first)."""
    return list(session.scalars(select(Score.candidate_id).where(Score.scorer_version != SCORER_VERSION)
                                .group_by(Score.candidate_id).order_by(Score.candidate_id).limit(limit)))


def refresh_default_roles(session, team_id: str) -> list[Role]:
    """Move the team's built-in roles still holding a replaced default scorecard to the current one."""
    changed = []
    for role in session.scalars(select(Role).where(Role.team_id == team_id, Role.slug.in_(tuple(REPLACED_DEFAULTS)))):
        card = card_of(role)
        for old in REPLACED_DEFAULTS[role.slug]:
            if (tuple(card.must_have), tuple(card.nice_to_have), dict(card.weights)) == \
                    (tuple(old.must_have), tuple(old.nice_to_have), dict(old.weights)):
                new = DEFAULT_ROLES[role.slug]
                role.must_have, role.nice_to_have = list(new.must_have), list(new.nice_to_have)
                role.weights = dict(new.weights)
                changed.append(role)
                break
    return changed


def upgrade_batch(services: Services, now: datetime) -> int:
    """Rescore one batch of candidates with stale scores; returns how many candidates it handled."""
    with services.db.session() as session:
        ids = stale_candidates(session)
        if not ids:
            return 0
        cands = list(session.scalars(select(Candidate).where(Candidate.id.in_(ids)).order_by(Candidate.id)))
        by_team: dict[str, list[Candidate]] = {}
        for cand in cands:
            by_team.setdefault(cand.team_id, []).append(cand)
        for team_id, group in by_team.items():
            refresh_default_roles(session, team_id)
            session.flush()
            roles = list(session.scalars(select(Role).where(Role.team_id == team_id).order_by(Role.id)))
            pending = [c.id for c in group if c.enrichment_status == "pending"]  # see candidates.score_now
            if pending:
                session.execute(delete(Score).where(Score.candidate_id.in_(pending)))
            ready = [c for c in group if c.enrichment_status != "pending"]
            if ready:
                rescore(session=session, candidates=ready, roles=roles, today=now.date())
        # scores of roles a candidate no longer has (or any left over) would be picked up again: drop them
        session.execute(delete(Score).where(Score.candidate_id.in_(ids), Score.scorer_version != SCORER_VERSION))
        return len(ids)


def upgrade_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: rescore candidates whose stored scores come from an older scorer, batch by batch."""
    if services.extras.get(_DONE) == SCORER_VERSION:
        return {}
    deadline = time.monotonic() + UPGRADE_BUDGET_S
    done = 0
    while time.monotonic() < deadline:
        try:
            n = upgrade_batch(services, now)
        except Exception:  # e.g. another clock process wrote the same rows: the next tick retries
            log.exception("rescoring stale scores failed; retrying on the next tick")
            break
        if not n:
            services.extras[_DONE] = SCORER_VERSION
            break
        done += n
    if done:
        log.info("rescored %d candidates for scorer %s", done, SCORER_VERSION)
    return {"rescored_for_upgrade": done} if done else {}
