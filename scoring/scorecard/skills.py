"""Skill names: normalizing, adding implied skills, and a candidate's inferred skills."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from scoring.scorecard.derivative import repo_flag
from scoring.scorecard.ecosystems import ecosystem_of
from scoring.scorecard.vocabulary import PAPER_CATEGORY_SKILLS, PIPELINE_SKILLS, SKILL_ALIASES, SKILL_IMPLIES
from scoring.types import Profile

_SPACES = re.compile(r"[\s_]+")
# Below this a Hub upload is a hobby upload (001_1d3b2ab28759786c.txt: "meaningful download counts").
HF_SKILL_DOWNLOADS = 100


@lru_cache(maxsize=16384)
def normalize_skill(s: str) -> str:
    """Lowercase a skill, join words with '-', and map aliases ('torch' -> 'pytorch')."""
    t = _SPACES.sub("-", s.strip().lower()).strip("-,;:")
    return SKILL_ALIASES.get(t, t)


def normalize_requirement(token: str) -> str:
    """Normalize a scorecard skill, where 'pytorch|tensorflow' means either one."""
    parts = [normalize_skill(p) for p in token.split("|")]
    return "|".join(dict.fromkeys(p for p in parts if p))


def expand_skills(skills: Iterable[str]) -> frozenset[str]:
    """Normalize skills and add the ones they imply ('transformers' -> 'huggingface', ...)."""
    out: set[str] = set()
    for s in set(skills):  # repeated topics ("python" on every repo) are normalized once
        n = normalize_skill(s)
        if n:
            out.add(n)
            implied = SKILL_IMPLIES.get(n)
            if implied:
                out |= implied
    return frozenset(out)


# Repository languages that show a skill (GitHub's language names, lowercased).
LANGUAGE_SKILLS = {
    "python": ("python",), "jupyter notebook": ("python", "jupyter"), "c++": ("c++",), "cuda": ("cuda", "c++"),
    "r": ("r",), "go": ("go",), "rust": ("rust",), "hcl": ("terraform",), "sql": ("sql",), "plpgsql": ("sql",),
    "scala": ("scala",), "java": ("java",), "julia": ("julia",), "typescript": ("typescript",),
    "javascript": ("javascript",), "smarty": (), "shell": (), "dockerfile": ("docker",),
}
# Files in a repository that show a skill (lowercased path, trailing '/' for folders).
FILE_SKILLS = (
    (re.compile(r"(^|/)(chart\.yaml|charts/|helm/|k8s/|kubernetes/|kustomization\.ya?ml|manifests/)"), "kubernetes",
     "Helm/Kubernetes manifests"),
    (re.compile(r"(^|/)(dockerfile|docker-compose\.ya?ml|compose\.ya?ml)"), "docker", "Dockerfile"),
    (re.compile(r"(^|/)(\.github/workflows|\.gitlab-ci\.yml|\.circleci/|jenkinsfile)"), "ci", "CI"),
    (re.compile(r"(\.tf$|(^|/)terraform/)"), "terraform", "Terraform"),
    (re.compile(r"(^|/)(mlproject|dvc\.yaml|\.dvc/)"), "mlops", "ML pipeline files"),
)
HELM_TOPICS = frozenset({"helm", "helm-chart", "helm-charts", "kubernetes-operator", "operator", "k8s-operator"})
_KAGGLE_LABEL = {"grandmaster": "Kaggle Grandmaster", "master": "Kaggle Master", "expert": "Kaggle Expert"}


def skill_evidence(profile: Profile) -> dict[str, tuple[str, str | None]]:
    """Every skill the candidate's public work shows -> (what shows it, its link); strongest proof kept.

    Order of strength: a merged PR reviewed by a project's maintainers (001_1d3b2ab28759786c.txt),
    a published model with downloads, a confirmed paper, an original repository (language, topics,
    Dockerfile, CI, tests, Helm/Kubernetes manifests), a Kaggle tier. Self-declared skills prove
    nothing and are not here (see claimed_skills). Forks and derivative repos show interest, not skill.
    """
    out: dict[str, tuple[str, str | None]] = {}

    def add(skills, text: str, url: str | None) -> None:
        for s in expand_skills(skills):
            out.setdefault(s, (text, url))

    gh = (profile.github or "").lower()
    prs = sorted(profile.merged_prs, key=lambda p: (-(p.merged_at.toordinal() if p.merged_at else 0), p.repo))
    for pr in prs:
        if gh and pr.repo.lower().partition("/")[0] == gh:
            continue
        eco = ecosystem_of(pr.repo)
        if eco is not None:
            add(eco.skills, f"merged PR into {pr.repo}", pr.url or f"https://github.com/{pr.repo}")
    for m in profile.hf_models:
        if m.downloads >= HF_SKILL_DOWNLOADS:
            tags = PIPELINE_SKILLS.get(m.pipeline_tag or "", ())
            if m.pipeline_tag in ("text-generation", "text2text-generation") and m.has_card:
                tags = (*tags, "fine-tuning")
            add(("huggingface", *tags), f"HF model {m.id}", m.url)
    for p in profile.papers:
        if not p.name_match:
            for c in p.categories:
                add(PAPER_CATEGORY_SKILLS.get(c, ()), f"arXiv paper {p.id} ({c})", p.url)
    for r in sorted(profile.repos, key=lambda r: (-r.stars, r.name)):
        if r.is_fork or repo_flag(r.name, r.description):
            continue
        if r.language:
            add(LANGUAGE_SKILLS.get(r.language.lower(), (r.language,)), f"{r.language} repo {r.name}", r.url)
        topics = set(r.topics)
        if topics & HELM_TOPICS:
            add(("kubernetes",), f"Helm/Kubernetes manifests in {r.name}", r.url)
        if topics:
            add(topics - HELM_TOPICS, f"{r.name} (topics)", r.url)
        for path in r.files:
            low = path.lower()
            for pattern, skill, label in FILE_SKILLS:
                if pattern.search(low):
                    add((skill,), f"{label} in {r.name}", r.url)
        if r.has_dockerfile:
            add(("docker",), f"Dockerfile in {r.name}", r.url)
        if r.has_ci:
            add(("ci",), f"CI in {r.name}", r.url)
        if r.has_tests:
            add(("testing",), f"tests in {r.name}", r.url)
    label = _KAGGLE_LABEL.get(profile.kaggle_tier or "")
    if label:
        add(("machine-learning",), label,
            f"https://www.kaggle.com/{profile.kaggle}" if profile.kaggle else "https://www.kaggle.com/rankings")
    return out


def infer_skills(profile: Profile) -> frozenset[str]:
    """The skills the candidate's public work shows (see skill_evidence); claimed ones are not included."""
    return frozenset(skill_evidence(profile))


def claimed_skills(profile: Profile, evidenced: frozenset[str] | set[str]) -> frozenset[str]:
    """Self-declared skills that no public work shows yet: a weak hint, "claimed, not yet evidenced"."""
    return frozenset(expand_skills(profile.skills) - set(evidenced))
