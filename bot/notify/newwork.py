"""New work from known candidates: someone the team passed on, who said "not now", went quiet after outreach
or declined (often: hired elsewhere) ships new merged PRs into a tracked library, a model with real
downloads, or a paper. Their owner (per preference) and the role's digest hear it, at most once a month
per candidate, never for do-not-contact people.

The watch re-enriches such candidates once a week (claimed in the delivery ledger, so two clocks never
fetch the same person twice) and compares the signals before and after.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from bot.candidates.service import enrich_candidate
from bot.core import delivery
from bot.core.models import Candidate, Enrollment, NewWorkAlert, PipelineEntry
from bot.core.services import Services
from scoring.intent import Label
from scoring.signals.tuning import FOUNDATIONAL_REPOS, HF_MIN_DOWNLOADS

log = logging.getLogger(__name__)

ALERT_GAP = timedelta(days=30)  # at most one alert per candidate a month
CHECK_EVERY = timedelta(days=7)  # a watched candidate's public work is looked at weekly
CHECKS_PER_TICK = 4
CHECK_BUDGET_S = 10.0  # after enrichment's 40 s: the tick still ends within its minute
MAX_ITEMS = 5  # links shown per alert
REASONS = {"passed": "you passed", "not_now": "they said not now", "quiet": "they went quiet after outreach",
           "declined": "they declined"}
_STOPPED = (str(Label.NOT_NOW), str(Label.NOT_INTERESTED))


@dataclass(frozen=True)
class Watch:
    """Why a candidate is watched, for which role, and whose news it is."""

    reason: str
    role_id: int | None
    owner: str | None


def watch_reason(*, session: Session, candidate: Candidate) -> Watch | None:
    """Why this candidate's new work is news to the team; None when it is not (or they must not be contacted)."""
    if candidate.do_not_contact:
        return None
    entries = list(session.scalars(select(PipelineEntry).where(PipelineEntry.candidate_id == candidate.id)))
    if any(e.stage == "hired" for e in entries):
        return None
    enrollments = list(session.scalars(select(Enrollment).where(Enrollment.candidate_id == candidate.id)
                                       .order_by(Enrollment.started_at.desc(), Enrollment.id.desc())))
    if any(e.status == "active" for e in enrollments):
        return None  # in a sequence right now: the owner already hears about them
    last = enrollments[0] if enrollments else None
    if last is not None:
        if last.stop_reason == str(Label.NOT_NOW):
            return Watch("not_now", last.role_id, last.owner_user_id)
        if last.stop_reason == str(Label.NOT_INTERESTED):
            return Watch("declined", last.role_id, last.owner_user_id)
        if last.status == "done":
            return Watch("quiet", last.role_id, last.owner_user_id)
    passed = next((e for e in entries if e.stage == "passed"), None)
    if passed is not None:
        return Watch("passed", passed.role_id, passed.owner_user_id or passed.updated_by or candidate.added_by)
    return None


def _key(item: dict[str, Any], *names: str) -> str | None:
    for n in names:
        if item.get(n):
            return str(item[n]).lower()
    return None


def find_new(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What `after` shows that `before` did not: merged PRs into tracked libraries, models with real downloads,
    papers. A kind never observed before (no list at all) is a first look, not news."""
    old, new = (before or {}).get("signals") or {}, (after or {}).get("signals") or {}
    out: list[dict[str, Any]] = []
    if isinstance(old.get("merged_prs"), list):
        seen = {_key(p, "url", "title") for p in old["merged_prs"] if isinstance(p, dict)}
        for p in new.get("merged_prs") or []:
            repo = str(p.get("repo") or "")
            if isinstance(p, dict) and _key(p, "url", "title") not in seen and repo.lower() in FOUNDATIONAL_REPOS:
                out.append({"kind": "pr", "repo": repo, "title": str(p.get("title") or ""), "url": p.get("url")})
    if isinstance(old.get("hf_models"), list):
        seen = {_key(m, "id") for m in old["hf_models"] if isinstance(m, dict)}
        for m in new.get("hf_models") or []:
            if isinstance(m, dict) and _key(m, "id") not in seen and int(m.get("downloads") or 0) >= HF_MIN_DOWNLOADS:
                out.append({"kind": "model", "title": str(m.get("id")), "downloads": int(m.get("downloads") or 0),
                            "url": f"https://huggingface.co/{m.get('id')}"})
    if isinstance(old.get("papers"), list):
        seen = {_key(p, "id", "title") for p in old["papers"] if isinstance(p, dict)}
        for p in new.get("papers") or []:
            if isinstance(p, dict) and _key(p, "id", "title") not in seen:
                pid = str(p.get("id") or "")
                out.append({"kind": "paper", "title": str(p.get("title") or pid),
                            "url": p.get("url") or (f"https://arxiv.org/abs/{pid}" if pid else None)})
    return out


def record(services: Services, candidate_id: int, before: dict[str, Any], now: datetime) -> int | None:
    """After an enrichment: store one alert when a watched candidate shows new work (once a month at most)."""
    with services.db.session() as session:
        cand = session.get(Candidate, candidate_id)
        if cand is None:
            return None
        watch = watch_reason(session=session, candidate=cand)
        items = find_new(before, cand.snapshot or {}) if watch is not None else []
        if not items:
            return None
        recent = session.scalar(select(NewWorkAlert.id).where(NewWorkAlert.candidate_id == cand.id,
                                                              NewWorkAlert.created_at > now - ALERT_GAP).limit(1))
        if recent is not None:
            return None
        alert = NewWorkAlert(team_id=cand.team_id, candidate_id=cand.id, role_id=watch.role_id, owner_user_id=watch.owner,
                             reason=watch.reason, items=items, created_at=now,
                             dm_status="pending" if watch.owner else "done")
        session.add(alert)
        session.flush()
        log.info("new work: candidate %s (%s), %d item(s)", cand.id, watch.reason, len(items))
        return alert.id


def headline(items: list[dict[str, Any]]) -> str:
    """'2 PRs into pytorch/pytorch and a model on Hugging Face' (plain text; templates escape it)."""
    parts: list[str] = []
    repos: dict[str, int] = {}
    for i in items:
        if i["kind"] == "pr":
            repos[i["repo"]] = repos.get(i["repo"], 0) + 1
    for repo, n in repos.items():
        parts.append(f"{n} PR{'s' if n != 1 else ''} into {repo}")
    models = sum(1 for i in items if i["kind"] == "model")
    papers = sum(1 for i in items if i["kind"] == "paper")
    if models:
        parts.append("a model on Hugging Face" if models == 1 else f"{models} models on Hugging Face")
    if papers:
        parts.append("a paper" if papers == 1 else f"{papers} papers")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _watched():
    """SQL: candidates whose new work would be news (the exact rule is watch_reason)."""
    passed = exists().where(PipelineEntry.candidate_id == Candidate.id, PipelineEntry.stage == "passed")
    stopped = exists().where(Enrollment.candidate_id == Candidate.id,
                             or_(Enrollment.stop_reason.in_(_STOPPED), Enrollment.status == "done"))
    return or_(passed, stopped)


def due_checks(*, session: Session, now: datetime, limit: int) -> list[int]:
    """Watched candidates not looked at for a week, oldest first."""
    return list(session.scalars(
        select(Candidate.id).where(Candidate.do_not_contact.is_(False), Candidate.enrichment_status == "ok",
                                   or_(Candidate.enriched_at.is_(None), Candidate.enriched_at <= now - CHECK_EVERY),
                                   _watched())
        .order_by(Candidate.enriched_at.asc().nulls_last(), Candidate.id).limit(limit)))


def check(services: Services, candidate_id: int, now: datetime) -> int | None:
    """Re-enrich one watched candidate and record their new work; the alert id, if any."""
    with services.db.session() as session:
        cand = session.get(Candidate, candidate_id)
        before = dict(cand.snapshot or {}) if cand is not None else None
    if before is None:
        return None
    if enrich_candidate(services, candidate_id) is None:
        return None
    return record(services, candidate_id, before, now)


def watch_job(services: Services, now: datetime) -> dict[str, int]:
    """Clock job: look at a few watched candidates' public work (weekly each), within a time budget."""
    deadline = time.monotonic() + CHECK_BUDGET_S
    with services.db.session() as session:
        due = due_checks(session=session, now=now, limit=CHECKS_PER_TICK)
    checked = found = 0
    week = f"{now.isocalendar().year}-W{now.isocalendar().week:02d}"
    for cid in due:
        if time.monotonic() > deadline:
            break
        claim = delivery.claim(services.db, team_id="*", channel_id="-", kind="newwork-check", period=f"{cid}:{week}",
                               now=now)
        if claim is None:
            continue  # another clock has them this week
        try:
            found += check(services, cid, now) is not None
        except Exception:  # one candidate's failure must not stop the rest
            log.exception("new-work check for candidate %s failed", cid)
        delivery.finish(services.db, claim, status="sent", now=now)
        checked += 1
    return {k: v for k, v in (("newwork_checked", checked), ("newwork_found", found)) if v}
