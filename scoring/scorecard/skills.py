"""Skill names: normalizing, adding implied skills, and a candidate's inferred skills."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from scoring.scorecard.vocabulary import (
    OWNER_SKILLS,
    PAPER_CATEGORY_SKILLS,
    PIPELINE_SKILLS,
    REPO_SKILLS,
    SKILL_ALIASES,
    SKILL_IMPLIES,
)
from scoring.types import Profile

_SPACES = re.compile(r"[\s_]+")


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


def infer_skills(profile: Profile) -> frozenset[str]:
    """A candidate's skills: stated ones plus those shown by repos, PRs, HF models, papers, Kaggle."""
    raw: set[str] = set(profile.skills)
    for r in profile.repos:
        if r.is_fork:  # forking shows interest, not skill
            continue
        if r.language:
            raw.add(r.language)
        raw.update(r.topics)
        if r.has_dockerfile:
            raw.add("docker")
        if r.has_ci:
            raw.add("ci")
        if r.has_tests:
            raw.add("testing")
    for pr in profile.merged_prs:
        name = pr.repo.lower()
        skills = REPO_SKILLS.get(name)
        if skills is None:
            skills = OWNER_SKILLS.get(name.partition("/")[0], ())
        raw.update(skills)
    for m in profile.hf_models:
        raw.add("huggingface")
        if m.pipeline_tag:
            raw.update(PIPELINE_SKILLS.get(m.pipeline_tag, ()))
    for p in profile.papers:
        for c in p.categories:
            raw.update(PAPER_CATEGORY_SKILLS.get(c, ()))
    if profile.kaggle_tier in ("expert", "master", "grandmaster"):
        raw.add("machine-learning")
    return expand_skills(raw)
