"""Scorer version, score categories, foundational repos, and the tuning numbers of the signals."""

from __future__ import annotations

from types import MappingProxyType

SCORER_VERSION = "signals-2026.12-1"

# The keys of Scorecard.weights. "skills" is filled by score() from the evidenced skills. Evidence is
# filed under "category:kind" tags (scoring/scorecard/relevance.py says how much each kind counts per role).
CATEGORIES = ("oss", "repos", "production", "hf", "kaggle", "papers", "recency", "skills")

# The libraries 001_1d3b2ab28759786c.txt names (PyTorch, TensorFlow, JAX, Hugging Face Transformers,
# LangChain, LlamaIndex, scikit-learn) and the same-bar additions; the whole ecosystem map (60+ repos,
# each with its skills and ecosystem) is scoring/scorecard/ecosystems.py. Lowercase owner/name.
FOUNDATIONAL_REPOS: frozenset[str] = frozenset({
    "pytorch/pytorch", "tensorflow/tensorflow", "jax-ml/jax", "google/jax",
    "huggingface/transformers", "langchain-ai/langchain", "run-llama/llama_index",
    "scikit-learn/scikit-learn", "hwchase17/langchain", "jerryjliu/llama_index",
    "keras-team/keras", "huggingface/diffusers", "vllm-project/vllm", "ray-project/ray",
})

# --------------------------------------------------------------------------------------------
# Tuning numbers that no seed gives (our judgement, tuned on bench/data/ranking/tuning.jsonl only;
# change them here, bump SCORER_VERSION).
# --------------------------------------------------------------------------------------------
RECENT_DAYS = 90          # "recent" = last 90 days (also the window GitHub's events API covers)
INACTIVE_DAYS = 730       # "no activity in 2+ years" red flag
HALF_LIFE_DAYS = 365      # a merged PR / a repo's stars count half after a year ("current and active", 001)
AGE_FLOOR = 0.1           # ... and never less than this: old work still happened
UNDATED = 0.4             # a PR without a date
PR_DECAY = 0.85           # the n-th PR into the same repo counts PR_DECAY^(n-1): diminishing returns
MAINTAINER_PRS = 5        # this many merged PRs into one repo is maintainer-level work ...
MAINTAINER_BONUS = 1.25   # ... and weighs this much more
OSS_RATE = 0.4            # an ecosystem's strength = 1 - exp(-OSS_RATE * units): 1 recent PR .33, 3 .70
OTHER_PR_UNIT = 0.15      # a PR into a repo outside the ML ecosystem map counts "a little"
OTHER_PR_CAP = 0.6        # ... and never more than 0.6 of one recent foundational PR
PAPER_RATE = 0.7          # papers strength = 1 - exp(-PAPER_RATE * units): 1 paper .50, 2 .75
PAPER_OLD_YEARS = 4       # papers older than this count half
NAME_MATCH_UNIT = 0.4     # a paper found only by author-name search needs a person to confirm it
CODE_MIN_STARS = 20       # an original ML repo with tests or this many stars is "the code" next to papers
HF_MIN_DOWNLOADS = 100    # below: a hobby upload, not "meaningful download counts" (001_1d3b2ab28759786c.txt)
KAGGLE_TIER = MappingProxyType({"grandmaster": 0.85, "master": 0.65, "expert": 0.3, "contributor": 0.05})
KAGGLE_COMBINED = 1.25    # tier x 1.25 (max 1) with production GitHub work: "a much stronger combined
                          # signal than either alone" (001_1d3b2ab28759786c.txt)
PENALTY_DOMINANT = MappingProxyType({"tutorial": -8, "bootcamp": -6, "clone": -6})
PENALTY_SOME = -2         # many derivative repos, but next to original work
PENALTY_FORK_ONLY = -8
PENALTY_INACTIVE = -10
PENALTY_CAP = -20
MAX_LINES = 3             # evidence lines per category before the rest is summed up in one line
MAX_TEXT = 120            # reason text goes into Slack bullets
# 70-30 rule (000_43590e2982354659.txt): must-haves are this share of the skills weight, nice-to-haves
# the rest; a missing must-have costs only its own share.
MUST_SHARE = 0.75

# Repo thresholds: "repositories with 100+ stars or 20+ forks" (000_43590e2982354659.txt).
REPO_MIN_STARS, REPO_MIN_FORKS = 100, 20
# Production evidence: "Dockerfiles, API endpoints, or deployed applications", "unit tests and
# integration tests", CI/CD (002_defa2bda725a640c.txt); the split between them is ours.
PROD_DOCKERFILE, PROD_TESTS, PROD_CI, PROD_API = 0.35, 0.25, 0.25, 0.15
# arXiv categories that count (001_1d3b2ab28759786c.txt: cs.LG, cs.AI; plus the language, vision
# and statistical-ML lists where ML papers are also filed).
ML_CATEGORIES = frozenset({"cs.LG", "cs.AI", "cs.CL", "cs.CV", "stat.ML"})
