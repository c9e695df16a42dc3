"""Scorer version, score categories, foundational repos, and the tuning numbers of the signals."""

from __future__ import annotations

from types import MappingProxyType

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
