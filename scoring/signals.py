"""Public-work signals -> a 0-100 score per role, every point with a reason and an evidence link.

Two steps, so rescoring many candidates for many roles stays cheap:
`extract(profile, today=...)` does the role-independent work once per candidate (strength per
category in 0..1, the evidence lines that explain it, red flags, inferred skills);
`score(features, card)` only multiplies by the role's weights and matches skills.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping

from scoring.scorecard import coverage, infer_skills, prepared
from scoring.types import Profile, Reason, Score, Scorecard

SCORER_VERSION = "signals-2026.11-1"

# The keys of Scorecard.weights. "skills" is filled by score() from the scorecard match.
CATEGORIES = ("oss", "repos", "production", "hf", "kaggle", "papers", "recency", "skills")

# Merged PRs here were reviewed by the maintainers of a foundational ML library, "a stronger
# signal than any resume keyword" (001_1d3b2ab28759786c.txt names PyTorch, TensorFlow, JAX,
# Hugging Face Transformers, LangChain, LlamaIndex, scikit-learn). Lowercase owner/name.
FOUNDATIONAL_REPOS: frozenset[str] = frozenset({
    "pytorch/pytorch", "tensorflow/tensorflow", "jax-ml/jax", "google/jax",
    "huggingface/transformers", "langchain-ai/langchain", "run-llama/llama_index",
    "scikit-learn/scikit-learn",
    # Former homes that GitHub redirects to the two above; old merged PRs still show there.
    "hwchase17/langchain", "jerryjliu/llama_index",
    # Additions, same bar: "actively maintained ML libraries, where code passes review by engineers
    # who know the domain" and "LangChain, LlamaIndex, and related repositories" (001_1d3b2ab28759786c.txt).
    "keras-team/keras",          # TensorFlow's high-level API, now multi-backend; same review bar
    "huggingface/diffusers",     # Hugging Face's generative-model library, sibling of transformers
    "vllm-project/vllm",         # the LLM serving engine; LLM expertise demand +340% (001_1d3b2ab28759786c.txt)
    "ray-project/ray",           # 000_43590e2982354659.txt names Ray in the "Infrastructure Layer" with PyTorch, JAX
})

# --------------------------------------------------------------------------------------------
# Tuning numbers that no seed gives (our judgement; change them here, bump SCORER_VERSION).
# --------------------------------------------------------------------------------------------
RECENT_DAYS = 90          # "recent" = last 90 days (also the window GitHub's events API covers)
INACTIVE_DAYS = 730       # "no activity in 2+ years" red flag
OSS_RATE = 0.55           # oss strength = 1 - exp(-OSS_RATE * units): 1 recent PR .42, 2 .67, 3 .81
OTHER_PR_UNIT = 0.15      # a PR into a non-foundational repo counts "a little"
OTHER_PR_CAP = 0.6        # ... and never more than 0.6 of one recent foundational PR
PAPER_RATE = 0.7          # papers strength = 1 - exp(-PAPER_RATE * units): 1 paper .50, 2 .75
NAME_MATCH_UNIT = 0.4     # a paper found only by author-name search needs a person to confirm it
HF_MIN_DOWNLOADS = 100    # below: a hobby upload, not "meaningful download counts" (001_1d3b2ab28759786c.txt)
KAGGLE_TIER = MappingProxyType({"grandmaster": 0.8, "master": 0.6, "expert": 0.3, "contributor": 0.05})
KAGGLE_COMBINED = 1.25    # tier x 1.25 (max 1) with production GitHub work: "a much stronger combined
                          # signal than either alone" (001_1d3b2ab28759786c.txt)
PENALTY_DOMINANT = MappingProxyType({"tutorial": -8, "bootcamp": -6, "clone": -6})
PENALTY_SOME = -2         # many derivative repos, but next to original work
PENALTY_FORK_ONLY = -8
PENALTY_INACTIVE = -10
PENALTY_CAP = -20
# Below the 70-30 bar (000_43590e2982354659.txt: "hire for 70% of the required skills"), the role's
# evidence counts GAP_STEP + GAP_RATE x (share of must-haves missing) less, so strong work in another
# specialty does not outrank a qualified specialist: 2/3 must-haves -42%, 0/3 -75%. Ours, not a seed's.
GAP_STEP, GAP_RATE = 0.25, 0.5
MAX_LINES = 3             # evidence lines per category before the rest is summed up in one line
MAX_TEXT = 120            # reason text goes into Slack bullets

# Repo thresholds: "repositories with 100+ stars or 20+ forks" (000_43590e2982354659.txt).
REPO_MIN_STARS, REPO_MIN_FORKS = 100, 20
# Production evidence: "Dockerfiles, API endpoints, or deployed applications", "unit tests and
# integration tests", CI/CD (002_defa2bda725a640c.txt); the split between them is ours.
PROD_DOCKERFILE, PROD_TESTS, PROD_CI, PROD_API = 0.35, 0.25, 0.25, 0.15
# arXiv categories that count (001_1d3b2ab28759786c.txt: cs.LG, cs.AI; plus the language, vision
# and statistical-ML lists where ML papers are also filed).
ML_CATEGORIES = frozenset({"cs.LG", "cs.AI", "cs.CL", "cs.CV", "stat.ML"})

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


@dataclass(frozen=True, slots=True)
class Evidence:
    """One explained observation and its share of one or more category strengths."""

    text: str
    url: str | None
    shares: tuple[tuple[str, float], ...]  # (category, part of that category's 0..1 strength)

    @property
    def signal(self) -> str:
        """The category this line is filed under (its first share)."""
        return self.shares[0][0]


@dataclass(frozen=True, slots=True)
class Features:
    """Role-independent facts about one candidate: strengths in 0..1, their evidence, red flags, skills."""

    strengths: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    red_flags: tuple[Reason, ...]
    skills: frozenset[str]
    as_of: date
    version: str = SCORER_VERSION

    def reasons_for(self, category: str) -> tuple[Reason, ...]:
        """The reasons behind one category's strength; points are shares of it (they sum to the strength)."""
        return tuple(Reason(category, s, ev.text, ev.url)
                     for ev in self.evidence for c, s in ev.shares if c == category)


# --------------------------------------------------------------------------------------------
# formatting
# --------------------------------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _num(n: int) -> str:
    """12000 -> '12k', 1500 -> '1.5k', 2300000 -> '2.3M'."""
    if n < 1000:
        return str(n)
    if n < 9_950:
        return f"{n / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    if n < 999_500:
        return f"{round(n / 1000)}k"
    return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"


def _day(d: date, today: date) -> str:
    """'Nov 3' this year, 'Nov 3, 2024' otherwise (fixed English names: locale-independent)."""
    month = _MONTHS[d.month - 1]
    return f"{month} {d.day}" if d.year == today.year else f"{month} {d.day}, {d.year}"


def _month(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1].rstrip() + "…"


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class _Clock:
    """Cut-off dates for one `today`, so age checks are date comparisons (cheap) not subtractions."""

    __slots__ = ("today", "recent", "half_year", "year", "inactive")

    def __init__(self, today: date):
        self.today = today
        self.recent = today - timedelta(days=RECENT_DAYS)
        self.half_year = today - timedelta(days=180)
        self.year = today - timedelta(days=365)
        self.inactive = today - timedelta(days=INACTIVE_DAYS)


@lru_cache(maxsize=64)
def _clock(today: date) -> _Clock:
    return _Clock(today)


def _age_factor(d: date | None, ck: _Clock) -> float:
    """Weight of a merged PR by age: recent work counts more (001_1d3b2ab28759786c.txt: "current and active")."""
    if d is None:
        return 0.45
    if d >= ck.recent:
        return 1.0
    if d >= ck.year:
        return 0.6
    if d >= ck.inactive:
        return 0.45
    return 0.3


def _combine(values: list[float], names: list[str], decay: float) -> tuple[float, list[float]]:
    """Diminishing returns over items sorted best first: v1 + v2*d + v3*d^2 ..., capped at 1.

    Returns the strength and each item's contribution (in the input order, summing to the strength);
    equal values are ranked by name, so the result does not depend on the input order.
    """
    order = sorted(range(len(values)), key=lambda i: (-values[i], names[i]))
    contrib = [0.0] * len(values)
    f = 1.0
    for i in order:
        contrib[i] = values[i] * f
        f *= decay
    total = sum(contrib)
    if total > 1.0:
        contrib = [c / total for c in contrib]
        total = 1.0
    return total, contrib


# --------------------------------------------------------------------------------------------
# extract
# --------------------------------------------------------------------------------------------

class _Activity:
    """Latest dated public activity (kind + the item, formatted only at the end) and the recent count."""

    __slots__ = ("latest", "kind", "item", "recent")

    def __init__(self) -> None:
        self.latest: date | None = None
        self.kind = ""
        self.item = None
        self.recent = 0

    def describe(self) -> tuple[str, str | None]:
        """What the latest activity was, and its link."""
        it = self.item
        if self.kind == "pr":
            return f"merged PR into {it.repo}", it.url
        if self.kind == "repo":
            return f"pushed {it.name}", it.url
        return f"arXiv paper {it.id}", it.url


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


def _hf(profile: Profile, ev: list[Evidence]) -> float:
    models = [m for m in profile.hf_models if m.downloads >= HF_MIN_DOWNLOADS]
    if not models:
        return 0.0
    # log-scaled: 100 downloads .4, 1k .6, 12k .82, 100k+ 1; a model card is how people learn what it
    # does (001_1d3b2ab28759786c.txt on model cards): without one, half.
    vals = [min(1.0, math.log10(m.downloads) / 5) * (1.0 if m.has_card else 0.5) for m in models]
    strength, contrib = _combine(vals, [m.id for m in models], 0.35)
    order = sorted(range(len(models)), key=lambda i: (-contrib[i], models[i].id))
    for i in order[:MAX_LINES]:
        m = models[i]
        text = f"HF model {m.id}: {_num(m.downloads)} downloads, {'model card' if m.has_card else 'no model card'}"
        ev.append(Evidence(_clip(text), m.url, (("hf", contrib[i]),)))
    rest = order[MAX_LINES:]
    if rest:
        dl = sum(models[i].downloads for i in rest)
        url = f"https://huggingface.co/{profile.huggingface}" if profile.huggingface else models[rest[0]].url
        ev.append(Evidence(f"{len(rest)} more HF model{_s(len(rest))}, {_num(dl)} downloads", url,
                           (("hf", sum(contrib[i] for i in rest)),)))
    return strength


def _kaggle(profile: Profile, combined: bool, ev: list[Evidence]) -> float:
    tier = profile.kaggle_tier
    base = KAGGLE_TIER.get(tier or "", 0.0)
    if base <= 0:
        return 0.0
    label = "Kaggle " + ("Grandmaster" if tier == "grandmaster" else tier.capitalize())
    strength = base
    if combined:
        strength = min(1.0, base * KAGGLE_COMBINED)
        label += ", with production GitHub work"
    url = f"https://www.kaggle.com/{profile.kaggle}" if profile.kaggle else None
    ev.append(Evidence(label, url, (("kaggle", strength),)))
    return strength


def _papers(profile: Profile, ck: _Clock, act: _Activity, ev: list[Evidence]) -> float:
    sure: list = []
    named: list = []
    for p in profile.papers:
        if ML_CATEGORIES.isdisjoint(p.categories):
            continue
        (named if p.name_match else sure).append(p)
        d = p.published
        if not p.name_match and d is not None and d <= ck.today:  # an unconfirmed paper isn't their activity
            if d >= ck.recent:
                act.recent += 1
            if act.latest is None or d > act.latest or (
                    d == act.latest and act.kind == "paper" and p.id < act.item.id):
                act.latest, act.kind, act.item = d, "paper", p
    if not sure and not named:
        return 0.0
    total_units = len(sure) + NAME_MATCH_UNIT * len(named)
    strength = 1.0 - math.exp(-PAPER_RATE * total_units)
    for group, unit, note in ((sure, 1.0, ""), (named, NAME_MATCH_UNIT, "name match")):
        if not group:
            continue
        counts: dict[str, int] = {}
        for p in group:
            for c in p.categories:
                if c in ML_CATEGORIES:
                    counts[c] = counts.get(c, 0) + 1
        cats = ", ".join(sorted(counts, key=lambda c: (-counts[c], c))[:3])
        latest = max(group, key=lambda p: (p.published or date.min, p.id))
        text = f"{len(group)} arXiv paper{_s(len(group))} in {cats}"
        when = f"latest: {_month(latest.published)}" if latest.published else ""
        if note or when:
            text += f" ({'; '.join(t for t in (note, when) if t)})"
        ev.append(Evidence(_clip(text), latest.url, (("papers", strength * unit * len(group) / total_units),)))
    return strength


def _recency(act: _Activity, today: date, ev: list[Evidence], flags: list[Reason]) -> float:
    if act.latest is None:
        return 0.0
    days = (today - act.latest).days
    what, url = act.describe()
    # "recent contributions ... surfaces candidates who are current and active in the field, not
    # engineers who were active several roles ago" (001_1d3b2ab28759786c.txt); the steps are ours.
    strength = 1.0 if days <= RECENT_DAYS else 0.7 if days <= 180 else 0.4 if days <= 365 else \
        0.15 if days <= INACTIVE_DAYS else 0.0
    when = _day(act.latest, today)
    if days <= RECENT_DAYS:
        text = f"{act.recent} public contribution{_s(act.recent)} in the last 90 days (latest: {what}, {when})"
    else:
        months = days // 30
        ago = f"{months} months ago" if months < 24 else f"{days // 365} years ago"
        text = f"Last public activity {ago}: {what} ({when})"
    if strength > 0:
        ev.append(Evidence(_clip(text), url, (("recency", strength),)))
    if days > INACTIVE_DAYS:
        flags.append(Reason("inactive", PENALTY_INACTIVE,
                            _clip(f"No public activity in {days // 365} years (last: {what}, {_month(act.latest)})"),
                            url))
    return strength


def extract(profile: Profile, *, today: date) -> Features:
    """Role-independent features of one candidate: done once, then score() per role is cheap."""
    gh = (profile.github or "").lower()
    ck = _clock(today)
    act = _Activity()
    ev: list[Evidence] = []
    flags: list[Reason] = []
    oss, foundational = _oss(profile, ck, gh, act, ev)
    repos, production, kinds, n_owned, original_star = _repos(profile, ck, act, ev, flags)
    hf = _hf(profile, ev)
    kaggle = _kaggle(profile, production >= 0.5 or foundational, ev)
    papers = _papers(profile, ck, act, ev)
    if kinds:
        _derivative_flags(kinds, n_owned, foundational or original_star or production > 0 or hf > 0 or papers > 0,
                          flags)
    recency = _recency(act, today, ev, flags)
    if sum(f.points for f in flags) < PENALTY_CAP:  # no profile loses more than PENALTY_CAP to red flags
        flags = _cap_flags(flags)
    flags.sort(key=lambda f: (f.points, f.text))
    strengths = MappingProxyType({"oss": oss, "repos": repos, "production": production, "hf": hf,
                                  "kaggle": kaggle, "papers": papers, "recency": recency})
    return Features(strengths=strengths, evidence=tuple(ev), red_flags=tuple(flags),
                    skills=infer_skills(profile), as_of=today)


def _cap_flags(flags: list[Reason]) -> list[Reason]:
    """Keep the heaviest flags whole, trim the next to reach PENALTY_CAP, leave out any past it."""
    out: list[Reason] = []
    room = -PENALTY_CAP
    for f in sorted(flags, key=lambda f: f.points):
        pts = max(f.points, -room)
        room += pts
        if pts < 0:
            out.append(Reason(f.signal, pts, f.text, f.url))
    return out


# --------------------------------------------------------------------------------------------
# score
# --------------------------------------------------------------------------------------------

def _alts(tokens: tuple[str, ...]) -> str:
    return ", ".join(t.replace("|", " or ") for t in tokens)


def _skills_reason(have: int, n_must: int, nice: tuple[str, ...], n_nice: int,
                   missing: tuple[str, ...]) -> tuple[float, str]:
    parts = []
    if n_must:
        parts.append(f"{have}/{n_must} must-have skills" + (f" (missing {_alts(missing)})" if missing else ""))
    if n_nice:
        parts.append(f"{len(nice)}/{n_nice} nice-to-haves" + (f": {_alts(nice)}" if nice else ""))
    must_frac = have / n_must if n_must else None
    nice_frac = len(nice) / n_nice if n_nice else None
    if must_frac is not None and nice_frac is not None:
        strength = 0.75 * must_frac + 0.25 * nice_frac  # must-haves decide (70-30 rule, 000_43590e2982354659.txt)
    else:
        strength = must_frac if must_frac is not None else (nice_frac or 0.0)
    return strength, _clip("; ".join(parts))


def _skills_part(skills: frozenset[str], prep) -> tuple:
    """Coverage, skills reason and must-have gap for one card, memoized per card on the relevant skills."""
    key = skills & prep.vocabulary
    hit = prep.memo.get(key)
    if hit is None:
        have, missing, nice, qualifies = coverage(key, prep)
        points, ev = 0.0, None
        ws = prep.weights.get("skills")
        if ws and (prep.must or prep.nice):
            strength, text = _skills_reason(len(have), len(prep.must), nice, len(prep.nice), missing)
            points, ev = ws * strength, Evidence(text, None, (("skills", strength),))
        gap_share, gap_text = 0.0, ""
        if not qualifies:
            gap_share = GAP_STEP + GAP_RATE * len(missing) / len(prep.must)
            gap_text = _clip(f"Under the 70% must-have bar ({len(have)}/{len(prep.must)}; missing {_alts(missing)}): "
                             f"evidence counts {round(100 * gap_share)}% less")
        if len(prep.memo) > 4096:
            prep.memo.clear()
        hit = prep.memo[key] = (missing, qualifies, points, ev, gap_share, gap_text)
    return hit


def score(features: Features, card: Scorecard) -> Score:
    """Score one candidate's features for one role: weighted strengths + skills - red flags, 0..100."""
    return _score(features, card, {})


def score_roles(features: Features, cards: Iterable[Scorecard]) -> dict[str, Score]:
    """Score one candidate for several roles at once (slug -> Score); same results as score(), faster."""
    memo: dict = {}  # roles with equal weights award equal points: reuse those Reason objects
    return {card.slug: _score(features, card, memo) for card in cards}


def _score(features: Features, card: Scorecard, memo: dict) -> Score:
    prep = prepared(card)
    w = prep.weights
    missing, qualifies, skill_points, skill_ev, gap_share, gap_text = _skills_part(features.skills, prep)
    rows = []
    evidence_points = 0.0
    for i, e in enumerate(features.evidence):
        p = 0.0
        for c, s in e.shares:
            wc = w.get(c)
            if wc:
                p += wc * s
        if p > 0:
            rows.append((-p, e.text, i))
            evidence_points += p
    if skill_points > 0:
        rows.append((-skill_points, skill_ev.text, -1))
    rows.sort()

    # Whole points that add up exactly to the rounded sum: round the running total and give each
    # reason the step (so every reason is within 1 point of its exact share).
    reasons = []
    cum = 0.0
    done = 0
    for neg, text, i in rows:
        cum -= neg
        upto = int(cum + 0.5)
        pts = upto - done
        done = upto
        if pts > 0:
            if i < 0:  # the skills line differs per role: never shared
                reasons.append(Reason("skills", pts, text, None))
                continue
            r = memo.get((i, pts))
            if r is None:
                e = features.evidence[i]
                r = memo[(i, pts)] = Reason(e.shares[0][0], pts, text, e.url)
            reasons.append(r)
    if len(reasons) > 1 and any(a.points < b.points for a, b in zip(reasons, reasons[1:])):
        reasons.sort(key=lambda r: -r.points)  # stable: equal points keep the exact-share order
    flags = features.red_flags
    gap = int(gap_share * evidence_points + 0.5)
    if gap > 0:  # role-specific, so it joins the profile's own red flags here
        flags = tuple(sorted((*flags, Reason("must_haves", -gap, gap_text, None)), key=lambda f: (f.points, f.text)))
    total = done
    for f in flags:
        total += f.points
    return Score(total=0 if total < 0 else 100 if total > 100 else total, reasons=tuple(reasons),
                 red_flags=flags, missing_must_haves=missing, qualifies=qualifies, version=features.version)


def score_profile(profile: Profile, card: Scorecard, *, today: date) -> Score:
    """Convenience: score(extract(profile, today=today), card)."""
    return score(extract(profile, today=today), card)
