"""Default roles (weights, must-haves, nice-to-haves), role name aliases, and resolve_role."""

from __future__ import annotations

import difflib
import re
from types import MappingProxyType
from typing import Iterable, Mapping

from scoring.types import BadInput, Scorecard

# --------------------------------------------------------------------------------------------
# Default roles
# --------------------------------------------------------------------------------------------
# Signal weights sum to 100 per role. Categories: see scoring/signals/tuning.py.
# Why each role leans where it does:
#  - merged PRs into foundational ML libraries are the strongest single signal
#    (001_1d3b2ab28759786c.txt: "vetted by the project's core maintainers");
#  - ML/MLOps roles weigh deployment evidence: Dockerfiles, API endpoints, tests, CI
#    (002_defa2bda725a640c.txt "Technical Portfolio Screening"; 000_43590e2982354659.txt
#    "shifted from academic credentials to production experience");
#  - research roles weigh arXiv cs.LG / cs.AI papers (001_1d3b2ab28759786c.txt);
#  - data scientists "skew toward Kaggle and notebooks" (001_1d3b2ab28759786c.txt FAQ);
#  - LLM roles: LangChain / LlamaIndex work and HF models (001_1d3b2ab28759786c.txt), RAG
#    (000_43590e2982354659.txt);
#  - skills: the scorecard's must-have / nice-to-have match, 70-30 rule (000_43590e2982354659.txt).


def _w(oss: float, repos: float, production: float, hf: float, kaggle: float, papers: float,
       recency: float, skills: float) -> Mapping[str, float]:
    w = {"oss": oss, "repos": repos, "production": production, "hf": hf, "kaggle": kaggle,
         "papers": papers, "recency": recency, "skills": skills}
    assert abs(sum(w.values()) - 100) < 1e-9, w
    return MappingProxyType(w)


def _card(slug: str, title: str, must: tuple[str, ...], nice: tuple[str, ...],
          weights: Mapping[str, float]) -> Scorecard:
    return Scorecard(slug=slug, title=title, must_have=must, nice_to_have=nice, weights=weights)


DEFAULT_ROLES: Mapping[str, Scorecard] = MappingProxyType({
    # 002_defa2bda725a640c.txt: Python + PyTorch/TensorFlow, containerized deployment, cloud, MLflow;
    # 000_43590e2982354659.txt: "Python, PyTorch or TensorFlow, SQL ... MLflow". SQL is a nice-to-have
    # here only because public work rarely shows it; the 70-30 bar should read what can be verified.
    "ml-engineer": _card(
        "ml-engineer", "ML Engineer",
        ("python", "pytorch|tensorflow|jax", "docker"),
        ("sql", "kubernetes", "mlflow", "aws|gcp|azure", "scikit-learn", "ci", "api"),
        #   oss repos prod  hf kaggle papers recency skills
        _w(50, 5, 8, 5, 3, 3, 10, 16)),  # 001 (PRs strongest), 002 (production)
    # 002_defa2bda725a640c.txt: containerization, CI/CD, Kubernetes, MLflow / W&B / DVC, monitoring.
    "mlops-engineer": _card(
        "mlops-engineer", "MLOps Engineer",
        ("python", "docker", "kubernetes", "ci", "mlflow|kubeflow|dvc|wandb"),
        ("terraform", "aws|gcp|azure", "prometheus|grafana", "airflow", "pytorch|tensorflow"),
        _w(34, 10, 24, 2, 1, 1, 10, 18)),  # 002 (production evidence first)
    # 002_defa2bda725a640c.txt: Research Engineers "focus on implementation rather than pure theory";
    # 000_43590e2982354659.txt: infrastructure layer "PyTorch, JAX, Ray".
    "research-engineer": _card(
        "research-engineer", "Research Engineer",
        ("python", "pytorch|jax|tensorflow", "deep-learning"),
        ("jax", "cuda", "distributed-training", "transformers", "c++"),
        _w(28, 12, 2, 4, 2, 36, 6, 10)),  # 001 (PRs, arXiv cs.LG/cs.AI), 002 (implementation)
    # 002_defa2bda725a640c.txt: "Applied Scientist (common at Amazon/Microsoft)".
    "applied-scientist": _card(
        "applied-scientist", "Applied Scientist",
        ("python", "machine-learning", "pytorch|tensorflow|scikit-learn"),
        ("statistics", "sql", "deep-learning", "nlp|computer-vision", "experimentation"),
        _w(14, 8, 8, 10, 10, 30, 8, 12)),  # 001 (arXiv papers)
    # 000_43590e2982354659.txt: RAG, vector databases, LLMOps; 001_1d3b2ab28759786c.txt: LangChain,
    # LlamaIndex, LLM expertise demand +340% since 2023.
    "ai-engineer": _card(
        "ai-engineer", "AI Engineer (LLM / GenAI)",
        ("python", "llm", "rag|langchain|llamaindex|fine-tuning|llm-serving"),
        ("langchain", "llamaindex", "vector-database", "transformers", "docker", "api"),
        _w(44, 8, 6, 12, 1, 4, 9, 16)),  # 001 (LangChain/LlamaIndex PRs, HF models)
    # 001_1d3b2ab28759786c.txt FAQ: data scientists focus on analysis and modelling and "skew toward
    # Kaggle and notebooks"; 003_0581c08f3eef227e.txt stack for business data: Python, SQL,
    # scikit-learn, XGBoost.
    "data-scientist": _card(
        "data-scientist", "Data Scientist (ML focus)",
        ("python", "machine-learning", "pandas|scikit-learn|xgboost|lightgbm|statistics"),
        ("sql", "scikit-learn", "xgboost|lightgbm", "statistics", "r", "pytorch|tensorflow", "jupyter"),
        _w(30, 4, 4, 2, 34, 8, 4, 14)),  # 001 (Kaggle Master/Grandmaster)
    # 003_0581c08f3eef227e.txt stack for images: Python, OpenCV, TensorFlow / PyTorch;
    # 002_defa2bda725a640c.txt: CNNs, OpenCV.
    "computer-vision-engineer": _card(
        "computer-vision-engineer", "Computer Vision Engineer",
        ("python", "pytorch|tensorflow", "computer-vision"),
        ("opencv", "c++", "cuda", "onnx", "docker"),
        _w(22, 12, 14, 12, 10, 10, 8, 12)),  # 001, 000 (CVPR papers, Kaggle vision comps)
    # 003_0581c08f3eef227e.txt stack for text: Python, spaCy, NLTK, HuggingFace.
    "nlp-engineer": _card(
        "nlp-engineer", "NLP Engineer",
        ("python", "nlp", "transformers|huggingface"),
        ("pytorch", "spacy", "llm", "rag", "docker"),
        _w(22, 10, 12, 16, 6, 14, 8, 12)),  # 001 (HF models, cs.CL papers)
})


# Built-in scorecards as shipped before: a team's default role that still holds one of these (never
# edited by the team) is moved to the current default when the scorer is upgraded (bot/roles/upgrade.py).
def _old(slug: str, must: tuple[str, ...], nice: tuple[str, ...], weights: Mapping[str, float]) -> Scorecard:
    return _card(slug, DEFAULT_ROLES[slug].title, must, nice, weights)


REPLACED_DEFAULTS: Mapping[str, tuple[Scorecard, ...]] = MappingProxyType({
    # signals-2026.11-1 (before issue 11)
    "ml-engineer": (_old("ml-engineer", DEFAULT_ROLES["ml-engineer"].must_have,
                         DEFAULT_ROLES["ml-engineer"].nice_to_have, _w(28, 12, 18, 10, 6, 6, 8, 12)),),
    "mlops-engineer": (_old("mlops-engineer", DEFAULT_ROLES["mlops-engineer"].must_have,
                            DEFAULT_ROLES["mlops-engineer"].nice_to_have, _w(20, 12, 30, 6, 2, 2, 10, 18)),),
    "research-engineer": (_old("research-engineer", DEFAULT_ROLES["research-engineer"].must_have,
                               DEFAULT_ROLES["research-engineer"].nice_to_have, _w(24, 8, 8, 10, 4, 26, 8, 12)),),
    "ai-engineer": (_old("ai-engineer", ("python", "llm", "rag|langchain|llamaindex"),
                         DEFAULT_ROLES["ai-engineer"].nice_to_have, _w(24, 12, 16, 14, 2, 4, 12, 16)),),
    "data-scientist": (_old("data-scientist", ("python", "sql", "machine-learning", "pandas|scikit-learn"),
                            ("scikit-learn", "xgboost", "statistics", "r", "pytorch|tensorflow", "jupyter"),
                            _w(10, 10, 6, 8, 32, 10, 8, 16)),),
})


# --------------------------------------------------------------------------------------------
# Role names
# --------------------------------------------------------------------------------------------

ROLE_ALIASES: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("mle", "ml", "ml-eng", "mleng", "ml-engineer", "mlengineer",
                     "machine-learning-engineer", "machine-learning"), "ml-engineer"),
    **dict.fromkeys(("mlops", "ml-ops", "mlops-eng", "ml-ops-engineer", "ml-platform",
                     "ml-platform-engineer", "ml-infra", "ml-infrastructure-engineer", "llmops"),
                    "mlops-engineer"),
    **dict.fromkeys(("research", "re", "research-eng", "ml-research-engineer"), "research-engineer"),
    **dict.fromkeys(("applied-science", "as", "scientist", "applied-ml-scientist",
                     "applied-research-scientist"), "applied-scientist"),
    **dict.fromkeys(("ai", "ai-eng", "llm", "llm-engineer", "llm-eng", "genai", "gen-ai",
                     "genai-engineer", "gen-ai-engineer", "generative-ai-engineer", "ai-engineer-llm",
                     "llm-genai", "agent-engineer"), "ai-engineer"),
    **dict.fromkeys(("ds", "data-science", "data-scientist-ml", "data-scientist-ml-focus"),
                    "data-scientist"),
    **dict.fromkeys(("cv", "cv-engineer", "cv-eng", "vision", "vision-engineer", "computer-vision"),
                    "computer-vision-engineer"),
    **dict.fromkeys(("nlp", "nlp-eng", "natural-language-processing-engineer", "nlp-scientist"),
                    "nlp-engineer"),
})

_ROLE_PUNCT = re.compile(r"[^a-z0-9]+")


def _role_key(name: str) -> str:
    return _ROLE_PUNCT.sub("-", name.strip().lower()).strip("-")


def resolve_role(name: str, known_slugs: Iterable[str]) -> str:
    """Turn what a person typed ('MLOps', 'ml engineer', 'ds') into a known role slug, or raise BadInput."""
    known = list(dict.fromkeys(known_slugs))
    known_set = set(known)
    key = _role_key(name)
    candidates = [key]
    if key.endswith("s"):  # "ml-engineers"
        candidates.append(key[:-1])
    for k in candidates:
        if k in known_set:
            return k
    for k in candidates:
        target = ROLE_ALIASES.get(k)
        if target in known_set:
            return target
    pool = known + [a for a, t in ROLE_ALIASES.items() if t in known_set]
    close = difflib.get_close_matches(key, pool, n=5, cutoff=0.6)
    suggestions = tuple(dict.fromkeys(c if c in known_set else ROLE_ALIASES[c] for c in close))[:3]
    raise BadInput(f"No role called '{name.strip()}'.", suggestions=suggestions or tuple(sorted(known)))
