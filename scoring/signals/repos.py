"""Owned GitHub repos: stars, production setup, and tutorial / bootcamp / website-clone red flags."""

from __future__ import annotations

import math
import re

from scoring.signals.activity import _Activity
from scoring.signals.features import Evidence
from scoring.signals.helpers import _clip, _Clock, _combine, _num, _s
from scoring.signals.tuning import (
    MAX_LINES,
    PENALTY_DOMINANT,
    PENALTY_FORK_ONLY,
    PENALTY_SOME,
    PROD_API,
    PROD_CI,
    PROD_DOCKERFILE,
    PROD_TESTS,
    REPO_MIN_FORKS,
    REPO_MIN_STARS,
)
from scoring.types import Profile, Reason

# Red-flag patterns (000_43590e2982354659.txt: "tutorial follow-alongs, bootcamp projects, or
# replicas of major websites"). Matched on the repo's name; the description only for clear phrases.
_B, _E = r"(?<![a-z0-9])", r"(?![a-z0-9])"
_BRANDS = (r"(?:netflix|amazon|spotify|youtube|instagram|twitter|facebook|airbnb|uber|whatsapp|tiktok|"
           r"discord|slack|zoom|hulu|disney|linkedin|reddit|pinterest|google|tinder|trello|notion|"
           r"twitch|snapchat|telegram|messenger|medium|dribbble|figma|shopify|ebay|flipkart)")
_NAME_FLAGS = re.compile(
    rf"(?P<tutorial>{_B}(?:tutorials?|courses?|coursework|udemy|coursera|follow-?along|\d+-?days-?of|"
    rf"titanic|mnist|iris-(?:classification|classifier|dataset|flowers?)|"
    rf"learn-?(?:ml|ai|python|pytorch|tensorflow|deep-learning|machine-learning)){_E})"
    rf"|(?P<bootcamp>{_B}(?:bootcamp|boot-camp|capstone|le-?wagon|nanodegree|udacity|springboard|"
    rf"ironhack|general-?assembly|flatiron){_E})"
    rf"|(?P<clone>{_B}{_BRANDS}-?(?:clone|replica){_E})")
_DESC_FLAGS = re.compile(
    rf"(?P<tutorial>{_B}(?:udemy|coursera|follow[- ]along|following (?:the|a) (?:tutorial|course)){_E})"
    rf"|(?P<bootcamp>{_B}(?:bootcamp|boot camp|nanodegree|capstone project){_E})"
    rf"|(?P<clone>{_B}(?:(?:clone|replica) of {_BRANDS}|{_BRANDS} (?:clone|replica)){_E})")
_API = re.compile(r"(?<![a-z0-9])(?:api|apis|fastapi|flask|rest|grpc|serving|endpoints?|microservices?|"
                  r"inference-server|bentoml|torchserve|triton|gradio|streamlit|deployed|deployment)(?![a-z0-9])")
# Cheap first pass without look-arounds (sre can then skip ahead by first character); the precise
# patterns above run only on the few names that hit.
_FLAG_HINT = re.compile(r"tutorial|course|udemy|coursera|follow|days|titanic|mnist|iris|learn|boot|capstone|"
                        r"wagon|nanodegree|udacity|springboard|ironhack|assembly|flatiron|clone|replica")
_API_HINT = re.compile(r"api|flask|rest|grpc|serv|endpoint|micro|inference|bento|triton|gradio|streamlit|deploy")
_FLAG_LABEL = {"tutorial": "Tutorial follow-alongs", "bootcamp": "Bootcamp projects",
               "clone": "Website clones"}
_HALF_LABEL = {"tutorial": "tutorial-style", "bootcamp": "bootcamp project", "clone": "website clone"}


def _flag_kind(short: str, desc: str) -> str | None:
    """'tutorial', 'bootcamp' or 'clone' when a repo looks derivative; `short` and `desc` lowercased."""
    m = _NAME_FLAGS.search(short) if _FLAG_HINT.search(short) else None
    if m is None and desc and _FLAG_HINT.search(desc):
        m = _DESC_FLAGS.search(desc)
    return m.lastgroup if m else None


def _repos(profile: Profile, ck: _Clock, act: _Activity, ev: list[Evidence],
           flags: list[Reason]) -> tuple[float, float, dict[str, list], int, bool]:
    today, cut = ck.today, ck.recent
    latest, item, recent = act.latest, None, 0
    n_owned = n_forks = 0
    kinds: dict[str, list] = {}
    star_vals: list[float] = []
    star_repos: list = []
    prod_vals: list[float] = []
    prod_repos: list = []
    for r in profile.repos:
        if r.is_fork:  # pushing to a fork is not public work until a PR is merged (counted in oss)
            n_forks += 1
            continue
        d = r.pushed_at
        if d is not None and d <= today:
            if d >= cut:
                recent += 1
            if latest is None or d > latest or (d == latest and item is not None and r.name < item.name):
                latest, item = d, r
        n_owned += 1
        name = r.name
        short = name[name.rfind("/") + 1:].lower()
        desc = r.description.lower() if r.description else ""
        kind = _flag_kind(short.replace("_", "-").replace(".", "-"), desc) \
            if _FLAG_HINT.search(f"{short} {desc}" if desc else short) else None
        if kind:
            kinds.setdefault(kind, []).append(r)
        if r.stars >= REPO_MIN_STARS or r.forks >= REPO_MIN_FORKS:
            v = min(1.0, math.log10(1 + r.stars + 5 * r.forks) / 4)  # 100★ .5, 1k★ .75, 10k★ 1
            star_vals.append(v * 0.5 if kind else v)  # a follow-along's stars still show reach: half
            star_repos.append((r, kind))
        if kind is None:
            text = f"{short} {desc} {' '.join(r.topics)}"
            api = _API_HINT.search(text) is not None and _API.search(text.replace("_", "-")) is not None
            v = (PROD_DOCKERFILE * r.has_dockerfile + PROD_TESTS * r.has_tests + PROD_CI * r.has_ci
                 + PROD_API * api)
            if v > 0:
                prod_vals.append(v)
                prod_repos.append((r, api))
    act.recent += recent
    if item is not None:
        act.latest, act.kind, act.item = latest, "repo", item
    repos_strength, star_contrib = _combine(star_vals, [r.name for r, _ in star_repos], 0.35)
    prod_strength, prod_contrib = _combine(prod_vals, [r.name for r, _ in prod_repos], 0.3)

    # One line per notable repo (top MAX_LINES of each category), merging its stars and its
    # production evidence ("serve-kit: 340★, 41 forks, Dockerfile, tests, CI"); the rest in one line.
    top = {name for _, name in sorted((-c, r.name) for (r, _), c in zip(star_repos, star_contrib))[:MAX_LINES]}
    top |= {name for _, name in sorted((-c, r.name) for (r, _), c in zip(prod_repos, prod_contrib))[:MAX_LINES]}
    lines: dict[str, list] = {}  # name -> [repo, repos share, production share, star text, prod text]
    tail = [0.0, 0.0, set()]
    for (r, kind), c in zip(star_repos, star_contrib):
        if r.name in top:
            lines[r.name] = [r, c, 0.0, f"{_num(r.stars)}★" + (f", {_num(r.forks)} forks" if r.forks >= 10 else "")
                             + (f" ({_HALF_LABEL[kind]}: half credit)" if kind else ""), ""]
        else:
            tail[0] += c
            tail[2].add(r.name)
    for (r, api), c in zip(prod_repos, prod_contrib):
        if r.name in top:
            line = lines.setdefault(r.name, [r, 0.0, 0.0, "", ""])
            line[2] = c
            line[4] = ", ".join(label for label, on in (("Dockerfile", r.has_dockerfile), ("tests", r.has_tests),
                                                        ("CI", r.has_ci), ("API", api)) if on)
        else:
            tail[1] += c
            tail[2].add(r.name)
    for name, (r, s_repos, s_prod, star_text, prod_text) in lines.items():
        shares = tuple((k, v) for k, v in (("repos", s_repos), ("production", s_prod)) if v > 0)
        ev.append(Evidence(_clip(f"{name}: {', '.join(t for t in (star_text, prod_text) if t)}"), r.url, shares))
    if tail[2]:
        n = len(tail[2])
        shares = tuple((k, v) for k, v in (("repos", tail[0]), ("production", tail[1])) if v > 0)
        url = f"https://github.com/{profile.github}?tab=repositories" if profile.github else None
        ev.append(Evidence(f"{n} more repo{_s(n)} with stars, tests, CI or a Dockerfile", url, shares))

    if not n_owned and n_forks and not profile.merged_prs:
        url = f"https://github.com/{profile.github}" if profile.github else None
        flags.append(Reason("fork_only", PENALTY_FORK_ONLY,
                            f"Fork-only GitHub: {n_forks} fork{_s(n_forks)}, no original repos or merged PRs", url))
    original_star = any(kind is None for _, kind in star_repos)
    return repos_strength, prod_strength, kinds, n_owned, original_star


def _derivative_flags(kinds: dict[str, list], n_owned: int, other_work: bool, flags: list[Reason]) -> None:
    """Red flags for tutorial / bootcamp / website-clone repos, by how much of the profile they are.

    000_43590e2982354659.txt: "Be cautious of profiles dominated by tutorial follow-alongs, bootcamp
    projects, or replicas of major websites". Dominated (heavy flag): more than half of the owned
    repos and no original evidence elsewhere (a foundational PR, a starred original repo, production
    setup, an HF model, a paper). Otherwise a light flag when they are half the repos or 3+; one or
    two notes repos among mostly original work are normal and not flagged.
    """
    n_flagged = sum(len(v) for v in kinds.values())
    if not (2 * n_flagged >= n_owned or n_flagged >= 3):
        return
    dominated = 2 * n_flagged > n_owned and not other_work
    for kind, rs in kinds.items():
        rs = sorted(rs, key=lambda r: r.name)
        names = ", ".join(r.name.rpartition("/")[2] for r in rs[:3]) + (", …" if len(rs) > 3 else "")
        text = f"{_FLAG_LABEL[kind]}: {len(rs)} of {n_owned} repos ({names})"
        flags.append(Reason(kind, PENALTY_DOMINANT[kind] if dominated else PENALTY_SOME, _clip(text), rs[0].url))
