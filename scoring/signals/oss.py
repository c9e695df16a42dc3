"""Open-source strength: merged PRs into foundational ML libraries and into other repos."""

from __future__ import annotations

import math
from datetime import date

from scoring.signals.activity import _Activity
from scoring.signals.features import Evidence
from scoring.signals.helpers import _age_factor, _clip, _Clock, _day, _s
from scoring.signals.tuning import FOUNDATIONAL_REPOS, OSS_RATE, OTHER_PR_CAP, OTHER_PR_UNIT
from scoring.types import Profile


def _oss(profile: Profile, ck: _Clock, gh: str, act: _Activity, ev: list[Evidence]) -> tuple[float, bool]:
    if not profile.merged_prs:
        return 0.0, False
    today = ck.today
    groups: dict[str, list] = {}
    others: list = []
    for pr in profile.merged_prs:
        d = pr.merged_at
        if d is not None and d <= today:
            if d >= ck.recent:
                act.recent += 1
            if act.latest is None or d > act.latest or (
                    d == act.latest and act.kind == "pr" and (pr.url or pr.repo) < (act.item.url or act.item.repo)):
                act.latest, act.kind, act.item = d, "pr", pr
        name = pr.repo.lower()
        if gh and name.partition("/")[0] == gh:  # merged into their own repo: not a review by others
            continue
        if name in FOUNDATIONAL_REPOS:
            groups.setdefault(name, []).append(pr)
        else:
            others.append(pr)
    if not groups and not others:
        return 0.0, False
    lines: list[tuple[float, str, str | None]] = []
    for prs in groups.values():
        units = sum(_age_factor(p.merged_at, ck) for p in prs)
        lines.append((units, _pr_text(prs, ck), _pr_url(prs, gh)))
    if others:
        units = min(OTHER_PR_CAP, OTHER_PR_UNIT * sum(_age_factor(p.merged_at, ck) for p in others))
        dated = [p for p in others if p.merged_at]
        last = min(dated or others, key=lambda p: (-(p.merged_at or date.min).toordinal(), p.repo, p.url or ""))
        n_repos = len({p.repo.lower() for p in others})
        text = f"{len(others)} merged PR{_s(len(others))} into {n_repos} other repo{_s(n_repos)}"
        text += f" (last: {last.repo}, {_day(last.merged_at, today)})" if last.merged_at else f" (e.g. {last.repo})"
        lines.append((units, text, last.url or _search_url(gh)))
    total_units = sum(u for u, _, _ in lines)
    strength = 1.0 - math.exp(-OSS_RATE * total_units)
    for units, text, url in lines:
        ev.append(Evidence(_clip(text), url, (("oss", strength * units / total_units),)))
    return strength, bool(groups)


def _pr_text(prs: list, ck: _Clock) -> str:
    n = len(prs)
    today = ck.today
    dates = [p.merged_at for p in prs if p.merged_at]
    recent = sum(1 for d in dates if ck.recent <= d <= today)
    text = f"{n} merged PR{_s(n)} into {prs[0].repo}"
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
