"""Role scorecards: default roles, skill vocabulary, role names, `/hirebot role add` specs, 70-30 rule."""

from scoring.scorecard.ecosystems import ECOSYSTEM_REPOS, ecosystem_of
from scoring.scorecard.qualify import QUALIFY_DEN, QUALIFY_NUM, coverage, prepared, skills_coverage
from scoring.scorecard.relevance import ROLE_RELEVANCE, relevance_table
from scoring.scorecard.roles import DEFAULT_ROLES, REPLACED_DEFAULTS, ROLE_ALIASES, resolve_role
from scoring.scorecard.skills import (
    claimed_skills,
    expand_skills,
    infer_skills,
    normalize_requirement,
    normalize_skill,
    skill_evidence,
)
from scoring.scorecard.spec import LEVELS, MAX_QUESTIONS, ROLE_SPEC_EXAMPLE, parse_role_spec
from scoring.scorecard.vocabulary import (
    OWNER_SKILLS,
    PAPER_CATEGORY_SKILLS,
    PIPELINE_SKILLS,
    REPO_SKILLS,
    SKILL_ALIASES,
    SKILL_IMPLIES,
)

__all__ = [
    "SKILL_ALIASES", "SKILL_IMPLIES", "REPO_SKILLS", "OWNER_SKILLS", "PIPELINE_SKILLS", "PAPER_CATEGORY_SKILLS",
    "normalize_skill", "normalize_requirement", "expand_skills", "infer_skills", "DEFAULT_ROLES", "ROLE_ALIASES",
    "resolve_role", "MAX_QUESTIONS", "LEVELS", "ROLE_SPEC_EXAMPLE", "parse_role_spec", "QUALIFY_NUM",
    "QUALIFY_DEN", "prepared", "coverage", "skills_coverage", "skill_evidence", "claimed_skills",
    "relevance_table", "ROLE_RELEVANCE", "ECOSYSTEM_REPOS", "ecosystem_of", "REPLACED_DEFAULTS",
]
