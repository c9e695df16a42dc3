"""Public-work signals -> a 0-100 score per role, every point with a reason and an evidence link.

Two steps, so rescoring many candidates for many roles stays cheap:
`extract(profile, today=...)` does the role-independent work once per candidate (evidence lines
tagged by category and kind, red flags, skills with the evidence that shows each);
`score(features, card)` weighs each kind of evidence by the role's relevance table
(scoring/scorecard/relevance.py) and weights, and adds the evidenced must-haves (70-30 rule).
"""

from scoring.signals.extraction import extract
from scoring.signals.features import Evidence, Features
from scoring.signals.role_score import score, score_profile, score_roles
from scoring.signals.tuning import (
    CATEGORIES,
    FOUNDATIONAL_REPOS,
    HF_MIN_DOWNLOADS,
    INACTIVE_DAYS,
    KAGGLE_COMBINED,
    KAGGLE_TIER,
    MAX_LINES,
    MAX_TEXT,
    ML_CATEGORIES,
    MUST_SHARE,
    NAME_MATCH_UNIT,
    OSS_RATE,
    OTHER_PR_CAP,
    OTHER_PR_UNIT,
    PAPER_RATE,
    PENALTY_CAP,
    PENALTY_DOMINANT,
    PENALTY_FORK_ONLY,
    PENALTY_INACTIVE,
    PENALTY_SOME,
    PROD_API,
    PROD_CI,
    PROD_DOCKERFILE,
    PROD_TESTS,
    RECENT_DAYS,
    REPO_MIN_FORKS,
    REPO_MIN_STARS,
    SCORER_VERSION,
)

__all__ = [
    "SCORER_VERSION", "CATEGORIES", "FOUNDATIONAL_REPOS", "RECENT_DAYS", "INACTIVE_DAYS", "OSS_RATE",
    "OTHER_PR_UNIT", "OTHER_PR_CAP", "PAPER_RATE", "NAME_MATCH_UNIT", "HF_MIN_DOWNLOADS", "KAGGLE_TIER",
    "KAGGLE_COMBINED", "PENALTY_DOMINANT", "PENALTY_SOME", "PENALTY_FORK_ONLY", "PENALTY_INACTIVE",
    "PENALTY_CAP", "MUST_SHARE", "MAX_LINES", "MAX_TEXT", "REPO_MIN_STARS", "REPO_MIN_FORKS",
    "PROD_DOCKERFILE", "PROD_TESTS", "PROD_CI", "PROD_API", "ML_CATEGORIES", "Evidence", "Features",
    "extract", "score", "score_roles", "score_profile",
]
