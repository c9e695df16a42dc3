"""Role-specific weight of each kind of evidence: which ecosystems a role counts as core.

Evidence is filed under a tag "category:kind" (e.g. "oss:llm-serving", "papers:code"); a role's
points for it are weight[category] x relevance(role, tag) x its share. Untagged categories (kaggle,
recency) and kinds a table does not name count fully.

Why each built-in role leans where it does (issue 11, from the seeds):
- ML engineer: training and serving frameworks ("ML Engineers prioritize production systems and
  scalable APIs", 000_43590e2982354659.txt; "training pipelines, inference infrastructure, model
  serving at scale", 001_1d3b2ab28759786c.txt FAQ);
- AI engineer: LLM serving, fine-tuning, RAG/agent frameworks ("LangChain, LlamaIndex, and related
  repositories", 001; RAG and vector databases, 000);
- MLOps engineer: pipelines, serving platforms, feature stores, orchestration, Kubernetes
  ("infrastructure, model versioning, and drift monitoring", 000; containerisation, CI/CD, MLflow, 002);
- research engineer: papers with their implementation above production polish ("implementation
  rather than pure theory", 002_defa2bda725a640c.txt; arXiv cs.LG / cs.AI, 001);
- data scientist: competitions, statistics and classic ML libraries ("skew toward Kaggle and
  notebooks", 001 FAQ; Python, SQL, scikit-learn, XGBoost, 003_0581c08f3eef227e.txt).
The numbers themselves are ours (tuned on bench/data/ranking/tuning.jsonl only).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping


# Skills that show an ecosystem is what a custom role asks for (used when a role is not built in).
ECOSYSTEM_SKILLS: Mapping[str, frozenset[str]] = MappingProxyType({
    "training": frozenset({"pytorch", "tensorflow", "jax", "keras", "deep-learning", "distributed-training", "cuda"}),
    "llm-serving": frozenset({"llm", "vllm", "llm-serving", "inference", "quantization"}),
    "serving": frozenset({"api", "onnx", "triton", "serving", "inference"}),
    "finetune": frozenset({"transformers", "huggingface", "fine-tuning", "llm", "peft", "diffusion"}),
    "llm-apps": frozenset({"llm", "rag", "langchain", "llamaindex", "vector-database", "agents"}),
    "mlops": frozenset({"mlops", "mlflow", "kubeflow", "kubernetes", "airflow", "dvc", "wandb", "ray", "docker",
                        "feature-store", "orchestration", "monitoring", "ci"}),
    "classic": frozenset({"scikit-learn", "xgboost", "lightgbm", "statistics", "pandas", "sql"}),
    "vision": frozenset({"computer-vision", "opencv"}),
    "nlp": frozenset({"nlp", "spacy", "transformers"}),
})


# Columns of the two tables below.
_OSS_COLS = ("training", "llm-serving", "serving", "finetune", "llm-apps", "mlops", "classic", "vision", "nlp", "other")
_WORK_COLS = ("repos:ml", "repos:llm", "repos:infra", "production:ml", "production:llm", "production:infra",
              "production:other", "hf:llm", "hf:vision", "hf:nlp", "hf:other", "papers:code", "papers:only",
              "papers:unconfirmed", "repos:mlops", "production:mlops")

# Merged PRs by ecosystem (scoring/scorecard/ecosystems.py; "other" = repos outside the map).
_OSS: dict[str, tuple[float, ...]] = {
    #                            trai llm- serv fine apps mlop clas  vis  nlp othe
    "ml-engineer":             (   1,0.85,   1, 0.8, 0.3, 0.2, 0.3, 0.9, 0.7,0.15),
    "mlops-engineer":          ( 0.2, 0.4,0.75, 0.1, 0.1,   1, 0.1, 0.1, 0.1,0.15),
    "research-engineer":       (   1, 0.5, 0.3, 0.7, 0.1, 0.1,0.25, 0.6, 0.5,0.15),
    "ai-engineer":             ( 0.2,   1,0.45,   1,   1, 0.2, 0.1, 0.1,0.45,0.15),
    "data-scientist":          (0.15, 0.1, 0.1, 0.1, 0.1,0.15,   1, 0.1,0.35,0.15),
    "applied-scientist":       ( 0.9, 0.5, 0.4, 0.8, 0.4, 0.3, 0.9, 0.8, 0.8,0.15),
    "computer-vision-engineer":( 0.9, 0.3, 0.8, 0.5, 0.1, 0.4, 0.3,   1, 0.2,0.15),
    "nlp-engineer":            ( 0.7, 0.7, 0.5,   1, 0.8, 0.3, 0.3, 0.1,   1,0.15),
}
# Owned repos (stars), their production setup, HF models, papers, by kind of work (repos:other is 0).
_WORK: dict[str, tuple[float, ...]] = {
    #                            r:ml r:ll r:in p:ml p:ll p:in p:ot hf:l hf:v hf:n hf:o pa:c pa:o pa:u r:mo p:mo
    "ml-engineer":             (   1, 0.8, 0.3,   1, 0.8, 0.4,   0, 0.8,   1, 0.8, 0.6, 0.4, 0.2,0.05, 0.8, 0.8),
    "mlops-engineer":          ( 0.2, 0.2,   1, 0.3, 0.3,   1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.1,0.05,   0,   1,   1),
    "research-engineer":       (   1, 0.4, 0.1, 0.4, 0.3, 0.1,   0, 0.4, 0.6, 0.6, 0.5,   1,0.45, 0.1, 0.3, 0.1),
    "ai-engineer":             (0.25,   1, 0.1,0.25,   1, 0.1,   0,   1, 0.2, 0.6, 0.3, 0.5, 0.3,0.05, 0.3, 0.2),
    "data-scientist":          ( 0.4, 0.2, 0.1, 0.4, 0.2, 0.1,   0, 0.2, 0.2, 0.5, 0.5, 0.5, 0.5,0.05, 0.3, 0.2),
    "applied-scientist":       (   1, 0.7, 0.2, 0.6, 0.5, 0.2,   0, 0.7, 0.7, 0.7, 0.6,   1, 0.6, 0.1, 0.5, 0.3),
    "computer-vision-engineer":(   1,0.25, 0.2,   1, 0.3, 0.3,   0, 0.2,   1, 0.2, 0.4, 0.8, 0.4, 0.1, 0.6, 0.6),
    "nlp-engineer":            (   1,   1, 0.2, 0.8, 0.8, 0.2,   0,   1, 0.1,   1, 0.4, 0.8, 0.4, 0.1, 0.5, 0.4),
}
_GENERIC_WORK = (1, 1, 0.4, 1, 1, 0.5, 0, 0.7, 0.7, 0.7, 0.6, 0.8, 0.4, 0.1, 0.8, 0.8)


def _table(oss: tuple[float, ...], work: tuple[float, ...]) -> Mapping[str, float]:
    table = {f"oss:{e}": v for e, v in zip(_OSS_COLS, oss)}
    table.update(zip(_WORK_COLS, work))
    table["repos:other"] = 0.0  # a React library's stars show nothing about ML
    return MappingProxyType(table)


ROLE_RELEVANCE: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {slug: _table(_OSS[slug], _WORK[slug]) for slug in _OSS})


def relevance_table(slug: str, skills: frozenset[str]) -> Mapping[str, float]:
    """The tag -> relevance table for a role: the built-in one for its slug, else one read off the
    skills the role asks for (an ecosystem the card names counts fully, the others at 0.3)."""
    table = ROLE_RELEVANCE.get(slug)
    if table is not None:
        return table
    oss = tuple(1.0 if ECOSYSTEM_SKILLS.get(e, frozenset()) & skills else 0.3 for e in _OSS_COLS[:-1]) + (0.15,)
    return _table(oss, _GENERIC_WORK)
