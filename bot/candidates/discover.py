"""Discover candidates: the recent merged-PR authors of a GitHub repository, added and then enriched."""

from __future__ import annotations

from datetime import timedelta

from bot.candidates.service import Intake, add_candidate, check_github, enrich_candidate, enricher_for
from bot.core.services import Services


def recent_contributors(services: Services, *, repo: str, days: int, limit: int) -> list[str]:
    """GitHub logins whose PRs were merged into `repo` in the last `days` (SourceError when GitHub is down)."""
    since = (services.now() - timedelta(days=days)).date()
    github = enricher_for(services).clients["github"]
    return github.discover_contributors(repo, since=since, limit=limit)


def add_contributors(services: Services, *, team_id: str, repo: str, logins: list[str], roles: list[str],
                     user_id: str | None) -> tuple[list[int], int]:
    """Add each login as a candidate and queue enrichment for the new ones; returns (ids added, how many known)."""
    added, known = [], 0
    with services.db.session() as session:
        for login in logins:
            cand, created = add_candidate(session=session, team_id=team_id,
                                          intake=Intake(github=check_github(login), roles=list(roles)),
                                          user_id=user_id, source=f"discover:{repo}")
            if created:
                added.append(cand.id)
            else:
                known += 1
    for cid in added:
        services.background.submit(enrich_candidate, services, cid)
    return added, known
