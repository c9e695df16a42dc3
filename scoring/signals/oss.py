"""Open-source strength: merged PRs, per repository and ecosystem, with recency and diminishing returns."""

from __future__ import annotations

import math
from datetime import date

from scoring.scorecard.ecosystems import ecosystem_of
from scoring.signals.activity import _Activity
from scoring.signals.features import Evidence
from scoring.signals.helpers import _age_factor, _clip, _Clock, _day, _s
from scoring.signals.tuning import (
    MAINTAINER_BONUS,
    MAINTAINER_PRS,
    OSS_RATE,
    OTHER_PR_CAP,
    OTHER_PR_UNIT,
    PR_DECAY,
)
from scoring.types import Profile


def _units(prs: list, ck: _Clock) -> float:
    """Recency-weighted PRs into one repo, best first, each next one worth PR_DECAY of the one before."""
    ages = sorted((_age_factor(p.merged_at, ck) for p in prs), reverse=True)
    return sum(a * PR_DECAY ** i for i, a in enumerate(ages))


def _oss(profile: Profile, ck: _Clock, gh: str, act: _Activity, ev: list[Evidence]) -> tuple[float, set[str]]:
    """Evidence lines per repository ("oss:<ecosystem>"), the role-independent strength, and the
    ecosystems the candidate has merged work in."""
    if not profile.merged_prs:
        return 0.0, set()
    today = ck.today
    groups: dict[str, list] = {}
    others: list = []
    for pr in profile.merged_prs:
        name = pr.repo.lower()
        eco = ecosystem_of(name)
        tag = f"oss:{eco.ecosystem}" if eco is not None else None
        act.note(pr.merged_at, "pr", pr, pr.url or pr.repo, ml=tag, today=today)
        if gh and name.partition("/")[0] == gh:  # merged into their own repo: not a review by others
            continue
        if eco is not None:
            groups.setdefault(name, []).append(pr)
        else:
            others.append(pr)
    lines: list[tuple[str, float, str, str | None]] = []
    ecosystems: set[str] = set()
    for name, prs in groups.items():
        eco = ecosystem_of(name)
        units = _units(prs, ck) * eco.tier
        maintainer = len(prs) >= MAINTAINER_PRS
        if maintainer:  # many merged PRs into one project: maintainer-level work weighs more
            units *= MAINTAINER_BONUS
        ecosystems.add(eco.ecosystem)
        lines.append((f"oss:{eco.ecosystem}", units, _pr_text(prs, ck, maintainer), _pr_url(prs, gh)))
    if others:
        units = min(OTHER_PR_CAP, OTHER_PR_UNIT * sum(_age_factor(p.merged_at, ck) for p in others))
        dated = [p for p in others if p.merged_at]
        last = min(dated or others, key=lambda p: (-(p.merged_at or date.min).toordinal(), p.repo, p.url or ""))
        n_repos = len({p.repo.lower() for p in others})
        text = f"{len(others)} merged PR{_s(len(others))} into {n_repos} other repo{_s(n_repos)}"
        text += f" (last: {last.repo}, {_day(last.merged_at, today)})" if last.merged_at else f" (e.g. {last.repo})"
        lines.append(("oss:other", units, text, last.url or _search_url(gh) or f"https://github.com/{last.repo}"))
    if not lines:
        return 0.0, ecosystems
    # each ecosystem saturates on its own (1 - exp(-OSS_RATE x units)), its lines share its strength;
    # a role then weighs the ecosystems by relevance (so work outside a role's core can't fill it up)
    per_tag: dict[str, float] = {}
    for tag, units, _, _ in lines:
        per_tag[tag] = per_tag.get(tag, 0.0) + units
    strength = {tag: 1.0 - math.exp(-OSS_RATE * u) for tag, u in per_tag.items()}
    lines.sort(key=lambda x: (-x[1], x[2]))
    for tag, units, text, url in lines:
        ev.append(Evidence(_clip(text), url, ((tag, strength[tag] * units / per_tag[tag]),)))
    return min(1.0, sum(strength.values())), ecosystems


def _pr_text(prs: list, ck: _Clock, maintainer: bool) -> str:
    n = len(prs)
    today = ck.today
    dates = [p.merged_at for p in prs if p.merged_at]
    recent = sum(1 for d in dates if ck.recent <= d <= today)
    text = f"{n} merged PR{_s(n)} into {prs[0].repo}" + (" (maintainer-level)" if maintainer else "")
    if not dates:
        return text
    last = _day(max(dates), today)
    if recent == n:
        return f"{text} in the last 90 days (last: {last})"
    if recent:
        return f"{text}, {recent} in the last 90 days (last: {last})"
    return f"{text} (last: {last})"


def _pr_url(prs: list, gh: str) -> str:
    dated = [p for p in prs if p.url]
    if dated:
        # the latest; on the same day the smallest URL, so input order never changes the link
        return min(dated, key=lambda p: (-(p.merged_at or date.min).toordinal(), p.url)).url
    repo = prs[0].repo
    if not gh:
        return f"https://github.com/{repo}"
    if repo.lower() == "pytorch/pytorch":  # PyTorch lands PRs by closing them with label "Merged"
        return f"https://github.com/{repo}/pulls?q=is%3Apr+is%3Aclosed+label%3AMerged+author%3A{gh}"
    return f"https://github.com/{repo}/pulls?q=is%3Apr+is%3Amerged+author%3A{gh}"


def _search_url(gh: str) -> str | None:
    return f"https://github.com/search?q=is%3Apr+is%3Amerged+author%3A{gh}&type=pullrequests" if gh else None
